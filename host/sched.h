/* sched.h - running many guests on one CPU. */
#ifndef ZCMM_SCHED_H
#define ZCMM_SCHED_H

#include <stdint.h>

#include "host/guest.h"

struct sched_stats {
	uint64_t slices, idle_waits, idle_us;
};

struct sched_params {
	uint64_t slice_us;     /* time slice                              */
	uint64_t progress_ms;  /* call report() this often, 0: never      */
	uint64_t duration_ms;  /* stop the guests after this, 0: never    */
	void (*report)(uint64_t ms);
};

/* Round robin with a CPU-timer time slice until every guest stopped. */
void sched_run(struct guest **guests, unsigned n,
	       const struct sched_params *p);

extern struct sched_stats sched_stats;

#endif
