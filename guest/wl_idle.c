/* wl_idle.c - the idle workload: fill a small working set once, sleep
 * ZCMM_ARG_MS (default 100) ms in 10 ms clock-comparator ticks, then
 * verify and free the set. Work unit: one tick slept. */
#include "guest/workload.h"
#include "guest/params.h"
#include "guest/timer.h"

#define TICK_US 10000ULL

int wl_idle(void)
{
	uint64_t ms = wl_arg(ZCMM_ARG_MS, 100), ticks = (ms + 9) / 10, t;
	uint32_t ws = wl_ws_clamp(wl_arg(ZCMM_ARG_WS, 16)), i;
	struct page_ref *set = wl_refs_alloc(ws);
	uint64_t start;

	for (i = 0; i < ws; i++)
		wl_page_new(&set[i], 1);
	start = timer_tod();
	for (t = 1; t <= ticks; t++) {
		timer_sleep_until(start + t * TICK_US * TOD_PER_US);
		work_add(1);
	}
	for (i = 0; i < ws; i++)
		wl_page_release(&set[i]);
	wl_refs_free(set, ws);
	return 0;
}
