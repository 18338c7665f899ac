/* victim.c - share-based victim selection for the reclaim clock: before
 * each batch the clock asks whom to take from, and the answer is a guest
 * that has ended and still holds storage, else the guest furthest above
 * its limit, else the lowest shares-per-page ratio with the idle tax
 * among the guests above their reserve (lib/share_math.c); a guest whose
 * hand went round gave what it could and is passed over for the rest of
 * that run. A guest at its limit takes its next frame from itself. The
 * active fraction is the working-set sampler's estimate. */
#include "host/alloc/alloc.h"
#include "host/boot.h"
#include "host/guest.h"
#include "host/reclaim.h"
#include "lib/share_math.h"

static struct share_acct acct[ZCMM_MAX_GUESTS];
static uint8_t gave_all[ZCMM_MAX_GUESTS]; /* its hand went round: in this
					     run of the clock it has given
					     what it could */
static unsigned tax;
static struct alloc_count count[ZCMM_MAX_GUESTS];

struct alloc_count *alloc_count(const struct guest *g)
{
	return &count[g->index < ZCMM_MAX_GUESTS ? g->index : 0];
}

uint64_t alloc_active(const struct guest *g)
{
	/* no estimate yet (or no sampling in this run): all of it active,
	   so the tax does not touch it and rho is S / P */
	return g->bl.periods ? g->bl.estimate : g->st.frames;
}

void alloc_acct(struct share_acct *a, const struct guest *g, uint64_t active)
{
	a->shares = g->al.shares;
	a->frames = g->st.frames;
	a->active = active;
	a->reserve = g->al.reserve;
	a->limit = g->al.limit;
	a->npages = g->npages;
	a->eligible = g->state != GUEST_STOPPED;
}

struct share_acct *alloc_acct_all(struct guest **guests, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		alloc_acct(&acct[i], guests[i], alloc_active(guests[i]));
	return acct;
}

static unsigned pick_by_shares(struct guest **guests, unsigned n,
			       unsigned last, int wrapped, void *ctx)
{
	int v;

	if (!wrapped) {                 /* a new run, or it gave a batch */
		for (unsigned i = 0; i < n; i++)
			gave_all[i] = 0;
	} else if (last < n) {
		gave_all[last] = 1;
	}
	/* a guest that ended holds storage nobody uses: it goes first */
	for (unsigned i = 0; i < n; i++)
		if (guests[i]->state == GUEST_STOPPED && !gave_all[i] &&
		    guests[i]->st.frames > 2)
			return i;
	for (unsigned i = 0; i < n; i++) {
		struct guest *g = guests[i];

		alloc_acct(&acct[i], g, alloc_active(g));
		acct[i].eligible &= !gave_all[i];
	}
	v = share_victim(acct, n, tax);
	if (v < 0)
		return RECLAIM_NONE;
	alloc_count(guests[v])->victim++;
	return (unsigned)v;
}

void alloc_init(struct guest **guests, unsigned n)
{
	tax = (unsigned)boot_mem_header()->idle_tax_pct;
	reclaim_set_picker(pick_by_shares, 0);
}

int alloc_make_own_room(struct guest *g)
{
	uint64_t lim = g->al.limit;

	if (!lim || g->st.frames < lim)
		return 0;
	alloc_count(g)->taken_limit += reclaim_from_guest(g, g->st.frames - lim + 1);
	return g->st.frames < lim ? 0 : -1;
}
