/* balloon_math.c - see balloon_math.h. */
#include "lib/balloon_math.h"

static uint64_t avg(uint64_t a, uint64_t x, unsigned shift)
{
	return x >= a ? a + ((x - a) >> shift) : a - ((a - x) >> shift);
}

uint64_t wss_avg_add(struct wss_avg *w, uint64_t pages, unsigned fast_shift,
		     unsigned slow_shift)
{
	uint64_t x = pages << 8;

	if (!w->periods++) {
		w->fast = w->slow = x;
	} else {
		w->fast = avg(w->fast, x, fast_shift);
		w->slow = avg(w->slow, x, slow_shift);
	}
	return (w->fast > w->slow ? w->fast : w->slow) >> 8;
}

uint64_t balloon_allow(uint64_t need, uint64_t need_all, uint64_t pages_all,
		       uint64_t room, uint64_t npages)
{
	uint64_t allow;

	if (pages_all <= room || !need_all)    /* no overcommit */
		return npages;
	if (room > need_all)                   /* spare shared by need */
		allow = need + (room - need_all) * need / need_all;
	else                                   /* squeezed alike */
		allow = need * room / need_all;
	return allow < npages ? allow : npages;
}

uint64_t balloon_step(uint64_t target, uint64_t goal, uint64_t npages,
		      uint64_t deadband)
{
	uint64_t step;

	if (goal > target) {
		step = (goal - target + 1) / 2;
		if (step < npages / 8)
			step = npages / 8;
		if (step > npages / 4)
			step = npages / 4;
		return goal - target <= step + deadband ? goal : target + step;
	}
	if (goal < target) {
		step = (target - goal + 1) / 2;
		if (step < npages / 8)
			step = npages / 8;
		return target - goal <= step + deadband ? goal : target - step;
	}
	return target;
}
