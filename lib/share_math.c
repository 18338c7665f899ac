/* share_math.c - see share_math.h. Everything is integer: rho as the
 * fraction S (100 - tau) / (100 P - tau A), compared cross-multiplied in
 * 128 bits, and the allocation by a search on the common level. */
#include "lib/share_math.h"

typedef unsigned __int128 u128;

static uint64_t active_of(uint64_t active, uint64_t frames)
{
	return active < frames ? active : frames;
}

uint32_t share_active_q16(uint64_t active, uint64_t frames)
{
	if (!frames || active >= frames)
		return SHARE_ONE;
	return (uint32_t)(active * SHARE_ONE / frames);
}

/* P (f + k (1 - f)) (1 - tau) x 100 = 100 P - tau A, never 0 for P > 0
 * since A <= P and tau < 100. */
static uint64_t cost100(uint64_t frames, uint64_t active, unsigned tax)
{
	return 100 * frames - tax * active_of(active, frames);
}

uint64_t share_rho_q16(uint64_t shares, uint64_t frames, uint64_t active,
		       unsigned tax_pct)
{
	if (!frames)
		return UINT64_MAX;
	return (shares * (100 - tax_pct) << 16) /
	       cost100(frames, active, tax_pct);
}

int share_rho_less(const struct share_acct *a, const struct share_acct *b,
		   unsigned tax_pct)
{
	if (!a->frames)
		return 0;               /* infinite: below nothing */
	if (!b->frames)
		return 1;
	/* Sa (100-t) / Ca < Sb (100-t) / Cb  <=>  Sa Cb < Sb Ca */
	return (u128)a->shares * cost100(b->frames, b->active, tax_pct) <
	       (u128)b->shares * cost100(a->frames, a->active, tax_pct);
}

static uint64_t hi_of(const struct share_acct *g)
{
	return g->limit && g->limit < g->npages ? g->limit : g->npages;
}

static uint64_t lo_of(const struct share_acct *g)
{
	uint64_t hi = hi_of(g);

	return g->reserve < hi ? g->reserve : hi;
}

static uint64_t over_limit(const struct share_acct *g)
{
	uint64_t hi = hi_of(g);

	return g->frames > hi ? g->frames - hi : 0;
}

/* Does candidate c go before the best so far, b? */
static int before(const struct share_acct *c, const struct share_acct *b,
		  unsigned tax)
{
	uint64_t oc = over_limit(c), ob = over_limit(b);

	if (oc != ob && (oc || ob))
		return oc > ob;         /* the furthest above its limit */
	if (share_rho_less(c, b, tax))
		return 1;
	if (share_rho_less(b, c, tax))
		return 0;
	return c->frames > b->frames;   /* equal rho: the larger */
}

int share_victim(const struct share_acct *g, unsigned n, unsigned tax_pct)
{
	int best = -1;

	for (unsigned i = 0; i < n; i++) {
		if (!g[i].eligible || !g[i].frames)
			continue;
		if (!over_limit(&g[i]) && g[i].frames <= g[i].reserve)
			continue;       /* at its reserve */
		if (best < 0 || before(&g[i], &g[best], tax_pct))
			best = (int)i;
	}
	return best;
}

uint64_t share_frames_at(uint64_t eff, uint64_t active, unsigned tax_pct)
{
	if (eff <= active)
		return eff;             /* every page active: E = P */
	return active + (eff - active) * (100 - tax_pct) / 100;
}

static uint64_t clamp_alloc(const struct share_acct *g, uint64_t level,
			    unsigned tax)
{
	uint64_t eff = (uint64_t)((u128)g->shares * level >> 16);
	uint64_t p = share_frames_at(eff, g->active, tax);
	uint64_t lo = lo_of(g), hi = hi_of(g);

	return p < lo ? lo : p > hi ? hi : p;
}

static uint64_t fill(const struct share_acct *g, unsigned n, unsigned tax,
		     uint64_t level, uint64_t *alloc)
{
	uint64_t sum = 0;

	for (unsigned i = 0; i < n; i++) {
		alloc[i] = g[i].eligible ? clamp_alloc(&g[i], level, tax) : 0;
		sum += alloc[i];
	}
	return sum;
}

uint64_t share_alloc(const struct share_acct *g, unsigned n,
		     unsigned tax_pct, uint64_t room, uint64_t *alloc)
{
	uint64_t lo = 0, hi = 0, sum, left;
	int gave;

	/* the level (effective pages per share, Q16) at which every guest
	   is at its ceiling: E = A + k (hi - A) <= 100 hi, S >= 1 */
	for (unsigned i = 0; i < n; i++)
		if (g[i].eligible && hi_of(&g[i]) > hi)
			hi = hi_of(&g[i]);
	hi = (hi * 100 + 1) << 16;
	if (fill(g, n, tax_pct, hi, alloc) <= room)
		return fill(g, n, tax_pct, hi, alloc);
	/* the largest level whose allocation fits: sum is monotone */
	while (lo < hi) {
		uint64_t mid = lo + (hi - lo + 1) / 2;

		if (fill(g, n, tax_pct, mid, alloc) <= room)
			lo = mid;
		else
			hi = mid - 1;
	}
	sum = fill(g, n, tax_pct, lo, alloc);
	if (sum >= room)
		return sum;             /* the reserves alone fill it */
	/* the rounding's remainder, a page at a time in index order */
	for (left = room - sum, gave = 1; left && gave; ) {
		gave = 0;
		for (unsigned i = 0; i < n && left; i++)
			if (g[i].eligible && alloc[i] < hi_of(&g[i])) {
				alloc[i]++;
				left--;
				gave = 1;
			}
	}
	return room - left;
}
