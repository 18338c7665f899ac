/* t_share_scan.c - the scanner's decisions on a small world of pages:
 * stability, hints, pairs, joins, zero pages, domains, stale hints, a full
 * index, and forced key collisions (different contents must never merge). */
#include <string.h>

#include "lib/share_digest.h"
#include "lib/share_scan.h"
#include "tests/tap.h"

#define PAGES 16

static uint64_t page[PAGES][512];      /* the world's pages            */
static uint64_t frame[4][512];         /* shared frames: index = where */
static struct share_salt salt[3] = { { { 1, 2 } }, { { 1, 2 } }, { { 3, 4 } } };
static int collide;                    /* every key the same           */

struct ctx {
	int p;                         /* the page being scanned       */
};

static uint64_t key_of(int dom, const void *pg)
{
	return collide ? 0x5eedULL : share_digest_page(&salt[dom], pg);
}

static const void *contents(const struct share_entry *e)
{
	return e->kind == SHARE_HINT ? (const void *)page[SHARE_REF_PAGE(e->where)]
				     : (const void *)frame[e->where];
}

static int same(void *c, const struct share_entry *e)
{
	return !memcmp(page[((struct ctx *)c)->p], contents(e), 4096);
}

static uint64_t hint_key(void *c, const struct share_entry *e)
{
	return key_of(e->domain, page[SHARE_REF_PAGE(e->where)]);
}

static int zero(void *c)
{
	return share_page_is_zero(page[((struct ctx *)c)->p]);
}

static const struct share_ops ops = { same, hint_key, zero };
static struct share_entry ent[8];
static uint32_t bkt[8];
static struct share_index x;
static struct share_scan_counts n;
static uint64_t last[PAGES];
static int seen[PAGES];

/* scan page p in domain dom (its domain's salt is salt[dom]) */
static struct share_scan_result scan(int p, int dom)
{
	struct ctx c = { p };
	uint64_t zk;
	static const uint64_t zpage[512];
	struct share_scan_page sp = {
		.domain = (uint32_t)dom, .ref = SHARE_REF(0, p),
		.key = key_of(dom, page[p]), .prev_key = last[p],
		.seen_before = seen[p],
	};
	struct share_scan_result r;

	zk = key_of(dom, zpage);
	sp.zero_key = zk;
	r = share_scan(&x, &ops, &c, &sp, &n);
	last[p] = sp.key;
	seen[p] = 1;
	/* a pair: the hinted page's contents become shared frame 0..3 */
	if (r.act == SHARE_PAIR) {
		uint64_t f = 0;

		while (f < 3 && frame[f][0] != 0xf4ee)
			f++;
		memcpy(frame[f], page[SHARE_REF_PAGE(r.e->where)], 4096);
		r.e->where = f;
	}
	return r;
}

static void reset(void)
{
	share_index_init(&x, ent, 8, bkt, 8);
	memset(&n, 0, sizeof(n));
	memset(seen, 0, sizeof(seen));
	for (int f = 0; f < 4; f++)
		frame[f][0] = 0xf4ee;   /* marks a free test frame */
	for (int p = 0; p < PAGES; p++)
		for (int w = 0; w < 512; w++)
			page[p][w] = (uint64_t)p << 32 | (uint64_t)w;
}

int main(void)
{
	struct share_scan_result r;

	reset();
	memcpy(page[1], page[0], 4096);
	memcpy(page[2], page[0], 4096);
	tap_eq(scan(0, 0).act, SHARE_UNSTABLE, "first scan: not a candidate");
	tap_eq(scan(0, 0).act, SHARE_HINTED, "stable for a scan: a hint");
	tap_eq(scan(0, 0).act, SHARE_HINTED, "again: the same hint");
	tap_eq(x.used[SHARE_HINT], 1, "one hint, not two");
	scan(1, 0);
	r = scan(1, 0);
	tap_ok(r.act == SHARE_PAIR && r.e->refs == 2 && r.e->kind == SHARE_SHARED,
	       "an equal page pairs with the hint: a shared frame, 2 users");
	scan(2, 0);
	r = scan(2, 0);
	tap_ok(r.act == SHARE_JOIN && r.e->refs == 3, "a third joins it");
	tap_eq(n.not_equal, 0, "no key match was unequal");

	page[3][5] = 1;
	scan(3, 0);
	page[3][5] = 2;
	tap_eq(scan(3, 0).act, SHARE_UNSTABLE, "changed between scans: waits");
	tap_eq(scan(3, 0).act, SHARE_HINTED, "stable again: a hint");

	/* domains: the same contents in another domain (another salt) */
	reset();
	memcpy(page[1], page[0], 4096);
	scan(0, 0), scan(0, 0);
	scan(1, 2);
	tap_eq(scan(1, 2).act, SHARE_HINTED, "another domain: no pair");
	/* the same salt but another domain number: still apart */
	scan(1, 1);
	tap_eq(scan(1, 1).act, SHARE_HINTED, "another domain, same salt: no pair");

	/* zero pages */
	reset();
	memset(page[4], 0, 4096);
	scan(4, 0);
	tap_eq(scan(4, 0).act, SHARE_ZERO, "a zero page goes to the zero frame");

	/* a stale hint: the hinted page changed after its hint */
	reset();
	memcpy(page[1], page[0], 4096);
	scan(0, 0), scan(0, 0);
	page[0][9] ^= 1;
	scan(1, 0);
	r = scan(1, 0);
	tap_ok(r.act == SHARE_HINTED && n.stale_hints == 1 && n.compares == 0,
	       "a hint whose page changed is dropped, not compared");

	/* forced collisions: every page gets the same key */
	reset();
	collide = 1;
	for (int p = 0; p < 4; p++)
		scan(p, 0), r = scan(p, 0);
	tap_ok(r.act == SHARE_HINTED && x.used[SHARE_SHARED] == 0,
	       "four different pages, one key: none merged (%lu compares, "
	       "%lu unequal)", (unsigned long)n.compares,
	       (unsigned long)n.not_equal);
	tap_ok(n.not_equal == n.compares && n.compares >= 6,
	       "every key match was compared and found unequal");
	memcpy(page[5], page[2], 4096);
	scan(5, 0);
	r = scan(5, 0);
	tap_ok(r.act == SHARE_PAIR &&
	       !memcmp(frame[r.e->where], page[2], 4096),
	       "among them, the equal one pairs with the right page");
	page[6][0] = 0;
	memset(page[6], 0, 8);
	page[6][511] = 7;
	scan(6, 0);
	tap_ok(scan(6, 0).act != SHARE_ZERO, "the zero key with non-zero "
	       "contents: not the zero frame");
	collide = 0;

	/* full index */
	reset();
	for (int p = 0; p < PAGES; p++)
		scan(p, 0), r = scan(p, 0);
	tap_ok(r.act == SHARE_HINTED && x.used[SHARE_HINT] == 8 &&
	       n.hints_evicted == PAGES - 8,
	       "more distinct pages than entries: old hints make room (%lu)",
	       (unsigned long)n.hints_evicted);
	tap_ok(share_index_find(&x, SHARE_HINT, 0, last[15], 0) != 0,
	       "the newest page is hinted");
	share_scan_forget(&x, 0, last[15], SHARE_REF(0, 15));
	tap_eq(x.used[SHARE_HINT], 7, "a page's hint forgotten");
	tap_eq(scan(15, 0).act, SHARE_HINTED, "its room is used again");
	/* an index of shared entries only: no hint can be made */
	reset();
	for (int k = 0; k < 8; k++)
		share_index_add(&x, SHARE_SHARED, 1, (uint64_t)k, (uint64_t)k);
	scan(14, 0);
	tap_eq(scan(14, 0).act, SHARE_FULL, "full of shared entries: no hint");
	return tap_done();
}
