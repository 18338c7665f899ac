/* reclaim.h - taking frames back from guests when the host runs short. */
#ifndef ZCMM_RECLAIM_H
#define ZCMM_RECLAIM_H

#include <stdint.h>

#include "host/guest.h"

struct reclaim_stats {
	uint64_t runs;       /* times the free frames fell below low water */
	uint64_t scanned;    /* resident pages looked at                   */
	uint64_t discarded;  /* frames taken back without I/O              */
};

void reclaim_init(struct guest **guests, unsigned n);
/* Called before the host gives a guest a frame: below the low-water mark,
 * free frames up to the high-water mark, cheapest first. */
void reclaim_make_room(void);

extern struct reclaim_stats reclaim_stats;

#endif
