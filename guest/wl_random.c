/* wl_random.c - the random workload: a working set of ZCMM_ARG_WS pages
 * (default 64), then ZCMM_ARG_ITERS touches (default 1024) of random pages
 * of it: each verifies the page's pattern and writes the next generation.
 * At the end every page is verified and freed. Work unit: one touch. */
#include "guest/workload.h"
#include "guest/params.h"

int wl_random(void)
{
	uint32_t ws = wl_ws_clamp(wl_arg(ZCMM_ARG_WS, 64)), i;
	uint64_t touches = wl_arg(ZCMM_ARG_ITERS, 1024), t;
	struct page_ref *set = wl_refs_alloc(ws);

	for (i = 0; i < ws; i++)
		wl_page_new(&set[i], 1);
	for (t = 0; t < touches; t++) {
		struct page_ref *ref = &set[prng_below(&work.rng, ws)];

		wl_verify(ref);
		ref->gen++;
		wl_fill(ref);
		work_add(1);
	}
	for (i = 0; i < ws; i++)
		wl_page_release(&set[i]);
	wl_refs_free(set, ws);
	return 0;
}
