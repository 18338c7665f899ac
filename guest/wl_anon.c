/* wl_anon.c - the anonymous workload that swaps: ZCMM_ARG_PHASES phases
 * (default 8) whose working set ramps from ZCMM_ARG_MIN (default WS/8) to
 * ZCMM_ARG_WS pages (default 1.5 x free storage) and back; each phase
 * makes ZCMM_ARG_ITERS x size random touches (default 2): verify, then
 * rewrite with the next generation. Pages past free storage go to the
 * private disk (swap.c). Work unit: one touch verified. */
#include "guest/workload.h"
#include "guest/params.h"
#include "guest/alloc.h"
#include "guest/console.h"
#include "guest/hcall.h"
#include "guest/swap.h"
#include "lib/pattern.h"

static uint32_t *gen;    /* per page: the generation it holds */

static void anon_id(uint32_t i, struct pattern_id *id)
{
	id->seed = guest_desc.seed;
	id->guest = guest_desc.index;
	id->gen = gen[i];
	id->page = (1ULL << 32) | i;   /* not a page number: no clash */
}

static void touch(uint32_t i)
{
	struct pattern_id id;
	int fresh;
	uint64_t a = anon_touch(i, &fresh);

	if (!fresh) {
		anon_id(i, &id);
		wl_verify_id(a, &id, "anon");
	}
	gen[i]++;
	anon_id(i, &id);
	pattern_fill((void *)a, &id);
}

int wl_anon(void)
{
	uint32_t want = (uint32_t)wl_arg(ZCMM_ARG_WS, alloc_stats.nfree * 3 / 2);
	uint32_t nphases = (uint32_t)wl_arg(ZCMM_ARG_PHASES, 8);
	uint64_t mult = wl_arg(ZCMM_ARG_ITERS, 2), t;
	uint32_t gpages = (want * 4 + PAGE_SIZE - 1) / PAGE_SIZE, ws, min;
	uint32_t cur = 0, size, i;

	gen = (uint32_t *)alloc_pages_contig(gpages);
	if (!gen)
		panic(GS_ALLOC, "anon: no pages for %u generations", want);
	ws = swap_init(want);
	min = (uint32_t)wl_arg(ZCMM_ARG_MIN, ws / 8 ? ws / 8 : 1);
	if (min > ws)
		min = ws;
	printf("anon: %u pages (%u free in storage), %u phases from %u\n", ws,
	       alloc_stats.nfree, nphases, min);
	for (i = 0; i < ws; i++)
		gen[i] = 0;
	for (uint32_t p = 0; p < nphases; p++) {
		uint32_t peak = nphases / 2;

		size = p <= peak ? min + (uint32_t)((uint64_t)(ws - min) * p /
						    (peak ? peak : 1))
			: min + (uint32_t)((uint64_t)(ws - min) *
					   (nphases - 1 - p) / (nphases - 1 - peak));
		while (cur > size) {       /* shrink: verify, then free */
			touch(--cur);
			anon_free(cur);
			gen[cur] = 0;
			work_add(1);
		}
		for (; cur < size; cur++)
			touch(cur);
		for (t = 0; t < mult * size && size; t++) {
			touch(prng_below(&work.rng, size));
			work_add(1);
		}
	}
	while (cur) {
		touch(--cur);
		anon_free(cur);
		work_add(1);
	}
	swap_summary();
	swap_fini();
	free_pages_contig((uint64_t)gen, gpages);
	return 0;
}
