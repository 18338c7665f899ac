/* wl_churn.c - the churn workload: ZCMM_ARG_ITERS rounds (default 32);
 * each allocates 1..ZCMM_ARG_WS pages (default 64), fills them all, then
 * verifies and frees them all. Work unit: one page verified. */
#include "guest/workload.h"
#include "guest/params.h"

int wl_churn(void)
{
	uint64_t rounds = wl_arg(ZCMM_ARG_ITERS, 32), r;
	uint32_t ws = wl_ws_clamp(wl_arg(ZCMM_ARG_WS, 64)), n, i;
	struct page_ref *set = wl_refs_alloc(ws);

	for (r = 0; r < rounds; r++) {
		n = 1 + prng_below(&work.rng, ws);
		for (i = 0; i < n; i++)
			wl_page_new(&set[i], (uint32_t)r + 1);
		for (i = 0; i < n; i++) {
			wl_page_release(&set[i]);
			work_add(1);
		}
	}
	wl_refs_free(set, ws);
	return 0;
}
