/* scan.c - the content-sharing scanner (ESX, KSM): between time slices,
 * as many pages as the rate limits allow, each guest's resident stable or
 * volatile pages in turn; each is keyed, and lib/share_scan.c decides
 * (stable for a scan, full compare, never on the key alone); this file
 * maps: the zero frame, a shared frame joined, a hinted page paired. */
#include "host/boot.h"
#include "host/frame.h"
#include "host/gmap.h"
#include "host/memlayout.h"
#include "host/page.h"
#include "host/param.h"
#include "host/share/cpacf.h"
#include "host/share/internal.h"
#include "host/share/share.h"
#include "host/timer.h"
#include "lib/share_rate.h"
#include "lib/share_scan.h"


#define LAST_FRAMES ((GUEST_MEM_MAX >> PAGE_SHIFT) / 512)

/* One guest's scanner state; its last keys in frames, 512 a frame. */
struct share_guest {
	uint64_t *last[LAST_FRAMES];
	uint64_t cursor;
	struct share_rate rate;
};

static struct share_guest *sg[ZCMM_MAX_GUESTS];
static struct share_rate total_rate;
static unsigned scan_next;
static struct guest **scan_guests;
static unsigned scan_n;

static uint64_t *last_key(struct guest *g, uint64_t p)
{
	return &sg[g->index]->last[p / 512][p % 512];
}

/* Is page p of g a candidate now: resident, writable (not shared yet),
 * not pinned, stable or volatile (unused pages are not scanned; a
 * potentially volatile page's cleanliness is its own frame's change
 * bit, which sharing would blur), not the lowcore? Its frame, or 0. */
static uint64_t candidate(struct guest *g, uint64_t p)
{
	uint64_t pte = page_pte(g, p);
	struct page_state st = page_state(g, p);

	if (p < 2 || (pte & (PTE_INVALID | PTE_PROTECT)) ||
	    frame_pinned(pte & PTE_ORIGIN) || st.content != PAGE_CONTENT_RESIDENT ||
	    (st.usage != PAGE_USAGE_STABLE && st.usage != PAGE_USAGE_VOLATILE))
		return 0;
	return pte & PTE_ORIGIN;
}

struct ctx {
	struct guest *g;
	uint64_t frame;
};

static int same(void *c, const struct share_entry *e)
{
	struct ctx *x = c;
	uint64_t other;

	if (e->kind == SHARE_HINT) {
		struct guest *h = gmap_guest(SHARE_REF_GUEST(e->where));

		other = page_pte(h, SHARE_REF_PAGE(e->where)) & PTE_ORIGIN;
	} else {
		other = e->where;
	}
	return cpacf_page_equal((void *)x->frame, (void *)other);
}

/* The hinted page's key now; ~0 when it is no longer a candidate. */
static uint64_t hint_key(void *c, const struct share_entry *e)
{
	struct guest *h = gmap_guest(SHARE_REF_GUEST(e->where));
	uint64_t p = SHARE_REF_PAGE(e->where), f, k;

	if (!h || h->state == GUEST_STOPPED || p >= h->npages ||
	    !(f = candidate(h, p)))
		return ~0UL;
	k = share_page_key(share_keystart_of(e->domain), (void *)f);
	share_stats.hashed++;
	return k ? k : 1;
}

static int zero(void *c)
{
	return cpacf_page_zero((void *)((struct ctx *)c)->frame);
}

static const struct share_ops ops = { same, hint_key, zero };

/* Replace g's private frame at p by the shared frame f, protected. */
static void remap(struct guest *g, uint64_t p, uint64_t f)
{
	uint64_t old = page_unmap(g, p);

	page_map_protected(g, p, f);
	g->st.share_merged++;
	if (!frame_desc(old)->refs)
		frame_free(old);
}

static void scan_page(struct guest *g, uint64_t p, uint32_t dom)
{
	struct ctx c = { g, candidate(g, p) };
	struct share_scan_counts n = { 0 };
	struct share_scan_page sp;
	struct share_scan_result r;
	struct guest *h;
	uint64_t *last = last_key(g, p), hp, zf;

	if (!c.frame)
		return;
	sp.domain = dom;
	sp.ref = SHARE_REF(g->index, p);
	sp.key = share_page_key(share_keystart_of(dom), (void *)c.frame);
	sp.key += !sp.key;         /* 0 means "not seen" in last[] */
	sp.prev_key = *last;
	sp.seen_before = *last != 0;
	sp.zero_key = share_zero_key_of(dom);
	r = share_scan(&share_idx, &ops, &c, &sp, &n);
	*last = sp.key;
	g->st.scan_hashed++;
	share_stats.hashed += n.hashed;
	share_stats.compares += n.compares;
	share_stats.not_equal += n.not_equal;
	switch (r.act) {
	case SHARE_UNSTABLE:
		share_stats.unstable++;
		break;
	case SHARE_ZERO:
		zf = share_zero_frame_of(dom);
		if (!zf || frame_desc(zf)->refs >= SHARE_REFS_MAX)
			break;
		remap(g, p, zf);
		g->st.zero_merged++;
		share_stats.zero_merged++;
		break;
	case SHARE_JOIN:
		if (frame_desc(r.e->where)->refs >= SHARE_REFS_MAX)
			break;
		remap(g, p, r.e->where);
		share_stats.merged++;
		break;
	case SHARE_PAIR:
		/* the hinted page's frame becomes the shared one */
		h = gmap_guest(SHARE_REF_GUEST(r.e->where));
		hp = SHARE_REF_PAGE(r.e->where);
		r.e->where = page_pte(h, hp) & PTE_ORIGIN;
		frame_desc(r.e->where)->flags =
			(uint16_t)(r.e - share_idx.e + 1);
		page_protect(h, hp);
		h->st.share_merged++;
		remap(g, p, r.e->where);
		share_stats.merged += 2;
		break;
	default:
		break;
	}
}

void share_scan_step(struct guest **guests, unsigned n)
{
	uint64_t t0 = tod_now(), now_us = tod_to_us(t0);

	if (!share_idx.nentries || !n)
		return;
	/* each step starts one guest further, so the total's limit is not
	   always spent on the same guests */
	scan_next = (scan_next + 1) % n;
	for (unsigned k = 0; k < n; k++) {
		struct guest *g = guests[(scan_next + k) % n];
		uint32_t dom = share_domain_now(g);
		uint64_t pages;

		if (!dom || g->state == GUEST_STOPPED || !sg[g->index])
			continue;
		pages = share_rate_take(&sg[g->index]->rate, &total_rate,
					now_us, g->npages);
		share_stats.visited += pages;
		while (pages--) {
			scan_page(g, sg[g->index]->cursor, dom);
			sg[g->index]->cursor = (sg[g->index]->cursor + 1) %
					       g->npages;
		}
	}
	share_stats.scan_us += tod_to_us(tod_now() - t0);
}

int share_scan_attach(struct guest **guests, unsigned n, uint64_t rate,
		      uint64_t total)
{
	uint64_t now_us = tod_to_us(tod_now());

	scan_guests = guests;
	scan_n = n;
	share_rate_init(&total_rate, total, SHARE_BURST_US, now_us);
	for (unsigned i = 0; i < n; i++) {
		struct guest *g = guests[i];

		if (!share_domain_of(g) || g->index >= ZCMM_MAX_GUESTS)
			continue;
		/* the record and the last keys: one frame each */
		if (!(sg[g->index] = (void *)frame_alloc_zero()))
			return -1;
		for (uint64_t f = 0; f < (g->npages + 511) / 512; f++)
			if (!(sg[g->index]->last[f] = (void *)frame_alloc_zero()))
				return -1;
		share_rate_init(&sg[g->index]->rate, rate, SHARE_BURST_US,
				now_us);
	}
	return 0;
}

void share_guest_gone(struct guest *g)
{
	struct share_guest *s = g->index < ZCMM_MAX_GUESTS ? sg[g->index] : 0;

	if (!s)
		return;
	for (unsigned f = 0; f < LAST_FRAMES; f++)
		if (s->last[f])
			frame_free((uint64_t)s->last[f]);
	frame_free((uint64_t)s);
	sg[g->index] = 0;
}
