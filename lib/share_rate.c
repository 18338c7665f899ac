/* share_rate.c - see share_rate.h. A token is a millionth of a page so a
 * rate of pages per second fills exactly per_s tokens a microsecond. */
#include "lib/share_rate.h"

#define MICRO 1000000ULL

static uint64_t cap(const struct share_rate *r)
{
	return r->per_s * r->burst_us;
}

void share_rate_init(struct share_rate *r, uint64_t per_s, uint64_t burst_us,
		     uint64_t now_us)
{
	r->per_s = per_s;
	r->burst_us = burst_us;
	r->last_us = now_us;
	r->tokens = cap(r);
}

static void fill(struct share_rate *r, uint64_t now_us)
{
	uint64_t dt = now_us > r->last_us ? now_us - r->last_us : 0;

	/* a long gap fills the bucket: cap the time before multiplying */
	if (dt > r->burst_us)
		dt = r->burst_us;
	r->tokens += r->per_s * dt;
	if (r->tokens > cap(r))
		r->tokens = cap(r);
	r->last_us = now_us;
}

uint64_t share_rate_take(struct share_rate *guest, struct share_rate *total,
			 uint64_t now_us, uint64_t want)
{
	uint64_t n;

	fill(guest, now_us);
	fill(total, now_us);
	n = guest->tokens / MICRO;
	if (total->tokens / MICRO < n)
		n = total->tokens / MICRO;
	if (want < n)
		n = want;
	guest->tokens -= n * MICRO;
	total->tokens -= n * MICRO;
	return n;
}
