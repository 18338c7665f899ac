/* unservable.c - whether paging can still serve every guest once paging
 * space was lost, and which guest the host halts and pushes out whole
 * if not (unservable.h): the one share-based reclaim values least, as
 * long as the slots left hold all of it. */
#include "lib/unservable.h"

uint64_t unservable_owed(uint64_t commit, uint64_t held, uint64_t resident,
			 int running)
{
	if (running)
		return commit > held ? commit - held : 0;
	return resident > UNSERVABLE_KEPT ? resident - UNSERVABLE_KEPT : 0;
}

/* Does c go before b as the guest to halt: lower rho, then more frames? */
static int before(const struct share_acct *c, const struct share_acct *b,
		  unsigned tax)
{
	if (share_rho_less(c, b, tax))
		return 1;
	if (share_rho_less(b, c, tax))
		return 0;
	return c->frames > b->frames;
}

static uint64_t to_push(const struct share_acct *g)
{
	return g->frames > UNSERVABLE_KEPT ? g->frames - UNSERVABLE_KEPT : 0;
}

int unservable_pick(const struct share_acct *g, unsigned n, unsigned tax_pct,
		    uint64_t owed, uint64_t free_slots)
{
	unsigned running = 0;
	int best = -1;

	for (unsigned i = 0; i < n; i++)
		running += !!g[i].eligible;
	if (running < 2 || owed <= free_slots)
		return -1;
	/* halting one that holds none but its prefix pages frees nothing */
	for (unsigned i = 0; i < n; i++) {
		if (!g[i].eligible || !to_push(&g[i]) ||
		    to_push(&g[i]) > free_slots)
			continue;
		if (best < 0 || before(&g[i], &g[best], tax_pct))
			best = (int)i;
	}
	return best;
}
