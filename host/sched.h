/* sched.h - running many guests on one CPU. */
#ifndef ZCMM_SCHED_H
#define ZCMM_SCHED_H

#include <stdint.h>

#include "host/guest.h"

struct sched_stats {
	uint64_t slices, idle_waits, idle_us;
};

/* Round robin with a CPU-timer time slice until every guest stopped;
 * report(ms) is called about every progress_ms of wall clock. */
void sched_run(struct guest **guests, unsigned n, uint64_t slice_us,
	       uint64_t progress_ms, void (*report)(uint64_t ms));

extern struct sched_stats sched_stats;

#endif
