/* wl_phases.c - the phases workload: ZCMM_ARG_PHASES phases (default 8)
 * whose anonymous working set ramps from ZCMM_ARG_MIN (default WS/8) up to
 * ZCMM_ARG_WS (default 64) pages and back down; each phase makes
 * ZCMM_ARG_ITERS passes (default 4) over its set, verifying each page and
 * rewriting it with the next generation. Shrinking verifies and really
 * frees random pages. Work unit: one page touch verified. */
#include "guest/workload.h"
#include "guest/params.h"

/* Working-set size of phase i of n: min at both ends, ws at n/2. */
static uint32_t phase_size(uint32_t i, uint32_t n, uint32_t min, uint32_t ws)
{
	uint32_t peak = n / 2;

	if (i == peak)
		return ws;
	if (i < peak)
		return min + (uint32_t)((uint64_t)(ws - min) * i / peak);
	return min + (uint32_t)((uint64_t)(ws - min) * (n - 1 - i) /
				(n - 1 - peak));
}

int wl_phases(void)
{
	uint32_t ws = wl_ws_clamp(wl_arg(ZCMM_ARG_WS, 64));
	uint32_t min = (uint32_t)wl_arg(ZCMM_ARG_MIN, ws / 8 ? ws / 8 : 1);
	uint32_t nphases = (uint32_t)wl_arg(ZCMM_ARG_PHASES, 8);
	uint64_t passes = wl_arg(ZCMM_ARG_ITERS, 4), p;
	struct page_ref *set = wl_refs_alloc(ws);
	uint32_t cur = 0, i, k, size;

	if (min > ws)
		min = ws;
	for (i = 0; i < nphases; i++) {
		size = phase_size(i, nphases, min, ws);
		while (cur < size)
			wl_page_new(&set[cur++], 1);
		while (cur > size) {
			k = prng_below(&work.rng, cur);
			wl_page_release(&set[k]);
			set[k] = set[--cur];
			work_add(1);
		}
		for (p = 0; p < passes; p++)
			for (k = 0; k < cur; k++) {
				wl_verify(&set[k]);
				set[k].gen++;
				wl_fill(&set[k]);
				work_add(1);
			}
	}
	while (cur) {
		wl_page_release(&set[--cur]);
		work_add(1);
	}
	wl_refs_free(set, ws);
	return 0;
}
