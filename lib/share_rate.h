/* share_rate.h - the sharing scanner's rate limits (ESX: pages per second
 * per guest and in total): token buckets in millionths of a page, filled
 * by elapsed microseconds, holding at most a burst's worth. Portable. */
#ifndef ZCMM_SHARE_RATE_H
#define ZCMM_SHARE_RATE_H

#include <stdint.h>

struct share_rate {
	uint64_t per_s;     /* pages per second; 0: no scanning            */
	uint64_t burst_us;  /* the bucket holds this much time's pages     */
	uint64_t tokens;    /* millionths of a page                        */
	uint64_t last_us;   /* when it was last filled                     */
};

/* A full bucket at now_us. */
void share_rate_init(struct share_rate *r, uint64_t per_s, uint64_t burst_us,
		     uint64_t now_us);
/* Pages both buckets allow now, at most want, taken from both. */
uint64_t share_rate_take(struct share_rate *guest, struct share_rate *total,
			 uint64_t now_us, uint64_t want);

#endif
