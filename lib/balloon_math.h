/* balloon_math.h - the arithmetic of working-set estimation and balloon
 * targets, portable so it is tested natively (host/balloon/ applies it):
 * the fast and slow averages of sampled working sets, a guest's share of
 * the host's room, and how far a target moves in one period. */
#ifndef ZCMM_BALLOON_MATH_H
#define ZCMM_BALLOON_MATH_H

#include <stdint.h>

/* Two exponential averages in 1/256 pages; the estimate is the larger,
 * so it rises with the fast one and falls with the slow one. */
struct wss_avg {
	uint64_t fast, slow;
	unsigned periods;
};

/* Fold one period's sampled working set (pages) in; the new estimate. */
uint64_t wss_avg_add(struct wss_avg *w, uint64_t pages, unsigned fast_shift,
		     unsigned slow_shift);

/* Pages a guest may keep: all of them without overcommit (the guests'
 * pages fit in room), else its need plus a share of the spare room in
 * proportion to its need, or, with no spare, its need scaled down like
 * everybody's. need_all is the sum of every guest's need. */
uint64_t balloon_allow(uint64_t need, uint64_t need_all, uint64_t pages_all,
		       uint64_t room, uint64_t npages);

/* The next target on the way from target to goal: half way, at least an
 * eighth of the guest, up by at most a quarter; within deadband of the
 * goal, the goal itself. Any goal is reached within five periods. */
uint64_t balloon_step(uint64_t target, uint64_t goal, uint64_t npages,
		      uint64_t deadband);

#endif
