/* wss.c - working-set estimation by sampling, as VMware ESX does it: each
 * period a random sample of a guest's pages is watched; a resident one is
 * made invalid with its frame kept (PTE_SW_SAMPLED), so the guest's next
 * touch is a cheap host fault that maps it again and counts; a page not
 * resident counts if it became resident. touched/sampled x pages is the
 * period's raw estimate; a fast and a slow average of it are kept and the
 * estimate is the larger: it rises quickly and falls slowly. */
#include "host/balloon/balloon.h"
#include "host/boot.h"
#include "host/gmap.h"
#include "host/guest.h"
#include "host/memlayout.h"
#include "host/page.h"
#include "host/timer.h"
#include "lib/balloon_math.h"
#include "lib/prng.h"

static struct prng rng;
static int rng_ready;

/* A sample is kept in 16 bits (struct guest must fit its frame): a guest
 * of more than 64K pages is sampled on every stride-th page. */
static uint64_t stride(struct guest *g)
{
	return (g->npages + 0xffff) >> 16;
}

static uint64_t sample_page(struct guest *g, unsigned i)
{
	return 2 + g->bl.sample[i] * stride(g);
}

static unsigned sample_size(void)
{
	uint64_t k = boot->wss_sample ? boot->wss_sample : WSS_SAMPLE_DEF;

	return k > WSS_SAMPLE_MAX ? WSS_SAMPLE_MAX : (unsigned)k;
}

/* Invalidate without IPTE: the host runs on one CPU and balloon_tick()
 * purges the TLB (PTLB) once after a whole round of samples, which
 * Hercules 3.13 needs anyway for DAT-off guests (see page_unmap). */
void wss_period_start(struct guest *g)
{
	struct balloon_guest *b = &g->bl;
	unsigned k = sample_size(), n = 0;

	if (!rng_ready) {
		prng_seed(&rng, boot->seed ^ 0x3a55ULL);
		rng_ready = 1;
	}
	b->nsample = b->touched = 0;
	b->held = 0;
	if (g->npages <= 2 || g->state == GUEST_STOPPED || g->io_inflight ||
	    !g->st.sie_entries)
		return;
	while (n < k) {
		/* never the prefix pages: a missing one is a validity
		   interception, not a fault */
		uint64_t q = prng_below(&rng, (uint32_t)((g->npages - 2) /
							 stride(g)));
		uint64_t p = 2 + q * stride(g), pte = page_pte(g, p);

		if (pte & PTE_SW_IN)    /* touched before the period began */
			continue;
		b->sample[n] = (uint16_t)q;
		/* a page pinned for host I/O keeps its entry (its pin count
		   lives in it): it stays resident and counts as touched */
		if (!(pte & PTE_INVALID) && !frame_pinned(pte & PTE_ORIGIN)) {
			page_sample(g, p);
			b->held |= 1UL << n;
		}
		n++;
	}
	b->nsample = n;
	b->io_wait_mark = g->st.io_wait_us;
	b->start_tod = tod_now();
	g->st.wss_sampled += n;
	balloon_stats.sampled += n;
}

uint64_t wss_touch(struct guest *g, uint64_t p)
{
	uint64_t f = page_pte(g, p) & PTE_ORIGIN;

	page_unsample(g, p);      /* valid again: no TLB entry to purge */
	g->bl.touched++;
	g->st.wss_touched++;
	balloon_stats.sample_faults++;
	return f;
}

void wss_unsample(struct guest *g, uint64_t p)
{
	page_unsample(g, p);
}


void wss_period_end(struct guest *g)
{
	struct balloon_guest *b = &g->bl;
	uint64_t touched = b->touched;

	if (!b->nsample)
		return;
	for (unsigned i = 0; i < b->nsample; i++) {
		uint64_t pte = page_pte(g, sample_page(g, i));

		if (b->held & (1UL << i))
			continue;        /* counted by wss_touch() */
		/* not resident when sampled: resident (or leaving) now */
		if (!(pte & PTE_INVALID) || (pte & (PTE_SW_OUT | PTE_SW_IN)))
			touched++;
	}
	for (unsigned i = 0; i < b->nsample; i++)
		if (b->held & (1UL << i))
			wss_unsample(g, sample_page(g, i));
	g->st.wss_touched += touched - b->touched;
	if (g->state == GUEST_STOPPED) {
		b->nsample = 0;
		return;
	}
	if (touched > b->nsample)   /* a page drawn twice and touched */
		touched = b->nsample;
	b->raw = touched * (g->npages - 2) / b->nsample;
	/* a guest that spent much of the period waiting for the host's
	   page-ins and disk I/O touched less than it needs: that is no
	   reason to think it needs less (a balloon would make it worse) */
	if ((g->st.io_wait_us - b->io_wait_mark) * 100 >
	    tod_to_us(tod_now() - b->start_tod) * WSS_BLOCKED_PCT &&
	    b->periods && b->raw < b->estimate) {
		b->blocked++;
		b->nsample = 0;
		return;
	}
	b->estimate = wss_avg_add(&b->avg, b->raw, WSS_FAST_SHIFT,
				  WSS_SLOW_SHIFT);
	b->periods = b->avg.periods;
	b->nsample = 0;
}
