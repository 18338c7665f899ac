/* wl_idle.c - the idle workload: fill a working set once (ZCMM_ARG_WS,
 * default 16), sleep ZCMM_ARG_MS (default 100) ms in 10 ms clock-comparator
 * ticks, rewriting ZCMM_ARG_ITERS (default 0) random pages of it spread
 * over the sleep and verifying the whole set every ZCMM_ARG_PHASES
 * (default 1) seconds (a long interval leaves the set idle), then verify
 * and free the set; ZCMM_ARG_MIN (default 0) more pages are written with
 * zeros and kept alike. Work unit: one tick slept. With same_content=on,
 * guests alike hold alike pages: the content-sharing scenarios. */
#include "guest/workload.h"
#include "guest/params.h"
#include "guest/timer.h"
#include "guest/alloc.h"
#include "guest/console.h"
#include "guest/hcall.h"

void *memset(void *dst, int c, unsigned long n);

#define TICK_US 10000ULL

int wl_idle(void)
{
	uint64_t ms = wl_arg(ZCMM_ARG_MS, 100), ticks = (ms + 9) / 10, t;
	uint64_t writes = wl_arg(ZCMM_ARG_ITERS, 0), every;
	uint64_t check = wl_arg(ZCMM_ARG_PHASES, 1) * 100; /* in ticks */
	uint32_t ws = wl_ws_clamp(wl_arg(ZCMM_ARG_WS, 16)), i;
	struct page_ref *set = wl_refs_alloc(ws);
	uint32_t nz = wl_ws_clamp(wl_arg(ZCMM_ARG_MIN, 0));
	uint64_t start, *zeros = nz ? (uint64_t *)wl_refs_alloc(nz) : 0;

	every = writes ? (ticks / writes ? ticks / writes : 1) : 0;
	for (i = 0; i < ws; i++)
		wl_page_new(&set[i], 1);
	for (i = 0; i < nz; i++) {
		zeros[i] = alloc_page();
		if (!zeros[i])
			panic(GS_ALLOC, "out of pages for zero pages");
		memset((void *)zeros[i], 0, PAGE_SIZE);
	}
	start = timer_tod();
	for (t = 1; t <= ticks; t++) {
		timer_sleep_until(start + t * TICK_US * TOD_PER_US);
		if (every && t % every == 0 && writes) {
			struct page_ref *ref = &set[prng_below(&work.rng, ws)];

			wl_verify(ref);
			ref->gen++;
			wl_fill(ref);
			writes--;
		}
		if (t % check == 0)
			for (i = 0; i < ws; i++)
				wl_verify(&set[i]);
		work_add(1);
	}
	for (i = 0; i < ws; i++)
		wl_page_release(&set[i]);
	wl_refs_free(set, ws);
	for (i = 0; i < nz; i++) {
		for (uint64_t w = 0; w < PAGE_SIZE / 8; w++)
			if (((uint64_t *)zeros[i])[w]) {
				printf("zero page 0x%lx word %lu is %016lx\n",
				       (unsigned long)zeros[i], (unsigned long)w,
				       (unsigned long)((uint64_t *)zeros[i])[w]);
				workload_summary(GS_PATTERN);
				hc_exit(GS_PATTERN);
			}
		free_page(zeros[i]);
	}
	if (nz)
		wl_refs_free((struct page_ref *)zeros, nz);
	return 0;
}
