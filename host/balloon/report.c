/* report.c - the balloon's and the estimator's @result records: per guest
 * and in total at the end, and samples over time at each period's end
 * (per guest for fleets of up to BALLOON_SAMPLE_GUESTS, totals always). */
#include "host/balloon/balloon.h"
#include "host/console.h"
#include "host/guest.h"
#include "host/timer.h"
#include "lib/fmt.h"
#include "zcmm/console.h"

void balloon_result(const char *kind, const char *id, struct guest *g)
{
	const struct guest_stats *s = &g->st;

	kprintf(ZCMM_REC_RESULT "%s id=%s balloon_target=%lu balloon_pages=%lu "
		"balloon_max=%lu released_frames=%lu inflated=%lu deflated=%lu "
		"refused=%lu short=%lu\n", kind, id, g->bl.target, g->bl.size,
		g->bl.max, s->released_frames, s->balloon_inflated,
		s->balloon_deflated, s->balloon_refused, s->balloon_short);
	kprintf(ZCMM_REC_RESULT "%s id=%s wss_estimate=%lu wss_raw=%lu "
		"wss_periods=%lu wss_blocked=%lu wss_sampled=%lu "
		"wss_touched=%lu\n", kind, id, g->bl.estimate, g->bl.raw,
		g->bl.periods, g->bl.blocked, s->wss_sampled, s->wss_touched);
}

void balloon_total(const struct guest_stats *t, uint64_t wall_us)
{
	uint64_t fault_us = tod_to_us(balloon_stats.fault_tod);
	uint64_t cost = balloon_stats.cost_us + fault_us;

	kprintf(ZCMM_REC_RESULT "total id=all wss_fault_us=%lu\n", fault_us);
	kprintf(ZCMM_REC_RESULT "total id=all wss_periods=%lu wss_cost_us=%lu "
		"wss_host_us=%lu wss_faults=%lu wss_cost_ppm=%lu "
		"target_changes=%lu settled=%lu settle_avg_x10=%lu "
		"settle_max=%lu\n", balloon_stats.periods, cost,
		balloon_stats.cost_us, balloon_stats.sample_faults,
		wall_us ? cost * 1000000 / wall_us : 0,
		balloon_stats.target_changes, balloon_stats.settled,
		balloon_stats.settled ? balloon_stats.settle_sum * 10 /
					balloon_stats.settled : 0,
		balloon_stats.settle_max);
	kprintf(ZCMM_REC_RESULT "total id=all released_frames=%lu inflated=%lu "
		"deflated=%lu refused=%lu short=%lu wss_sampled=%lu "
		"wss_touched=%lu\n", t->released_frames, t->balloon_inflated,
		t->balloon_deflated, t->balloon_refused, t->balloon_short,
		t->wss_sampled, t->wss_touched);
}

void report_sample(struct guest **guests, unsigned n, uint64_t ms)
{
	uint64_t target = 0, size = 0, est = 0, frames = 0;
	char id[32];

	for (unsigned i = 0; i < n; i++) {
		struct guest *g = guests[i];

		if (g->state == GUEST_STOPPED)
			continue;
		target += g->bl.target;
		size += g->bl.size;
		est += g->bl.estimate;
		frames += g->st.frames;
		if (n > BALLOON_SAMPLE_GUESTS)
			continue;
		fmt_snprintf(id, sizeof(id), "t%lu.g%u", ms, i);
		kprintf(ZCMM_REC_RESULT "bsample id=%s t_ms=%lu guest=%u "
			"target=%lu size=%lu estimate=%lu raw=%lu frames=%lu "
			"work=%lu\n", id, ms, i, g->bl.target, g->bl.size,
			g->bl.estimate, g->bl.raw, g->st.frames, g->st.work);
	}
	fmt_snprintf(id, sizeof(id), "t%lu", ms);
	kprintf(ZCMM_REC_RESULT "bsample id=%s t_ms=%lu guest=all target=%lu "
		"size=%lu estimate=%lu frames=%lu\n", id, ms, target, size,
		est, frames);
}
