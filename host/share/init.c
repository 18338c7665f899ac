/* init.c - content sharing's set-up from the boot block's sharing table
 * (include/zcmm/boot.h): the domains' salts, the index, the zero frame;
 * the hook that tells the index a shared frame is gone; and the census
 * of shared pages and saved frames for the results. */
#include "host/boot.h"
#include "host/console.h"
#include "host/frame.h"
#include "host/gmap.h"
#include "host/lowcore.h"
#include "host/memlayout.h"
#include "host/page.h"
#include "host/param.h"
#include "host/reclaim.h"
#include "host/share/internal.h"
#include "host/share/share.h"
#include "host/trap.h"

struct share_index share_idx;
static uint64_t zero_page;  /* zeros to key, at set-up */

static struct share_entry entries[SHARE_INDEX_ENTRIES];
static uint32_t buckets[SHARE_INDEX_BUCKETS];
static struct domain {
	struct share_keystart ks;
	uint64_t zero_key;
	uint64_t zero_frame;    /* its pages of zeros, made when first needed */
} domains[ZCMM_MAX_GUESTS + 1];
static uint32_t ndomains;

const struct share_keystart *share_keystart_of(uint32_t domain)
{
	return &domains[domain].ks;
}

uint64_t share_zero_key_of(uint32_t domain)
{
	return domains[domain].zero_key;
}

uint64_t share_zero_frame_of(uint32_t domain)
{
	struct domain *d = &domains[domain];

	if (!d->zero_frame && (d->zero_frame = frame_alloc_zero())) {
		frame_set_key(d->zero_frame, 0);
		frame_desc(d->zero_frame)->flags = SHARE_ZERO_MARK;
	}
	return d->zero_frame;
}

uint32_t share_domain_of(const struct guest *g)
{
	uint32_t d = g->desc ? g->desc->share_domain : 0;

	return share_idx.nentries && d <= ndomains ? d : 0;
}

uint32_t share_domain_now(const struct guest *g)
{
	return g->sd.psw_mask & PSW_DAT ? 0 : share_domain_of(g);
}

void share_forget_frame(uint64_t frame)
{
	struct frame_desc *d = frame_desc(frame);

	if (d->flags == SHARE_ZERO_MARK)
		return;
	if (d->flags && d->flags <= share_idx.nentries &&
	    share_idx.e[d->flags - 1].where == frame &&
	    (share_idx.e[d->flags - 1].kind == SHARE_SHARED ||
	     share_idx.e[d->flags - 1].kind == SHARE_BLOCK))
		share_index_del(&share_idx, &share_idx.e[d->flags - 1]);
	d->flags = 0;
}

int share_keep_frame(uint64_t frame)
{
	return frame_desc(frame)->flags == SHARE_ZERO_MARK;
}

static int unmapped(uint64_t frame)
{
	share_forget_frame(frame);
	return share_keep_frame(frame);
}

void share_init(struct guest **guests, unsigned n)
{
	const struct zcmm_share_table *t;
	const struct zcmm_share_domain *d;
	uint64_t rate, total;

	if (!(boot->flags & ZCMM_BOOT_SHARING))
		return;
	t = (const void *)((const char *)boot +
			   zcmm_share_table_offset(boot->nguests));
	d = (const void *)(t + 1);
	if (t->ndomains > ZCMM_MAX_GUESTS)
		panic("sharing table: %u domains", t->ndomains);
	ndomains = t->ndomains;
	share_digest_init();
	if (!(zero_page = frame_alloc_zero()))
		panic("no frame for sharing's set-up");
	for (uint32_t i = 1; i <= ndomains; i++) {
		struct share_salt s = { { d[i - 1].secret[0], d[i - 1].secret[1] } };

		share_keystart(&s, &domains[i].ks);
		domains[i].zero_key = share_page_key(&domains[i].ks,
						     (void *)zero_page);
		domains[i].zero_key += !domains[i].zero_key;
		domains[i].zero_frame = 0;
	}
	frame_free(zero_page);
	share_index_init(&share_idx, entries, SHARE_INDEX_ENTRIES, buckets,
			 SHARE_INDEX_BUCKETS);
	page_frame_unmapped = unmapped;
	share_reclaim_hook();
	rate = t->scan_rate;
	total = t->scan_total;
	if (share_scan_attach(guests, n, rate, total))
		panic("no frames for the sharing scanner");
	kprintf("sharing: %u domains, scanner %lu pages/s per guest, %lu in "
		"all, page key on %s\n", ndomains, rate, total,
		share_digest_kimd ? "KIMD-SHA-1" : "software SHA-1");
}

void share_fini(struct guest **guests, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		share_guest_gone(guests[i]);
	for (uint32_t i = 1; i <= ndomains; i++)
		if (domains[i].zero_frame &&
		    !frame_desc(domains[i].zero_frame)->refs) {
			frame_desc(domains[i].zero_frame)->flags = 0;
			frame_free(domains[i].zero_frame);
			domains[i].zero_frame = 0;
		}
	page_frame_unmapped = 0;
	reclaim_set_shared(0);
}

void share_census(struct guest *g, uint64_t *shared, uint64_t *zero)
{
	*shared = *zero = 0;
	for (uint64_t p = 0; p < g->npages; p++)
		if (page_protected(g, p)) {
			uint64_t f = page_pte(g, p) & PTE_ORIGIN;

			int z = frame_desc(f)->flags == SHARE_ZERO_MARK;

			*zero += z;
			*shared += !z && frame_desc(f)->refs > 1;
		}
}

uint64_t share_frames_saved(void)
{
	uint64_t saved = 0;

	for (uint32_t i = 0; i < share_idx.nentries; i++)
		if ((entries[i].kind == SHARE_SHARED ||
		     (entries[i].kind == SHARE_BLOCK && !entries[i].flags)) &&
		    frame_desc(entries[i].where)->refs > 1)
			saved += frame_desc(entries[i].where)->refs - 1;
	/* a zero frame saves every page mapping it, less itself */
	for (uint32_t i = 1; i <= ndomains; i++)
		if (domains[i].zero_frame &&
		    frame_desc(domains[i].zero_frame)->refs)
			saved += frame_desc(domains[i].zero_frame)->refs - 1;
	return saved;
}

/* The guests mapping a frame: all in one domain? */
struct dom_check {
	uint32_t domain;
	int mixed;
};

static void one_mapping(unsigned guest, uint64_t page, void *ctx)
{
	struct dom_check *c = ctx;
	struct guest *g = gmap_guest(guest);
	uint32_t d = g ? share_domain_of(g) : 0;

	if (c->domain == ~0u)
		c->domain = d;
	else if (d != c->domain)
		c->mixed = 1;
}

uint64_t share_cross_domain_frames(void)
{
	uint64_t n = 0;

	for (uint64_t i = 0; i < frames_total; i++) {
		uint64_t f = frame_nth(i);
		struct dom_check c = { ~0u, 0 };

		if (frame_desc(f)->kind != FRAME_SHARED)
			continue;
		frame_rmap_each(f, one_mapping, &c);
		n += c.mixed;
	}
	return n;
}
