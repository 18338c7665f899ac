/* reclaim.c - reclaim without I/O: a clock hand sweeps every guest's
 * resident pages and drops those whose state says the content is not
 * needed (unused, volatile, potentially volatile and unchanged). Stable
 * and changed pages are left for the pager. */
#include "host/essa/reclaim.h"
#include "host/frame.h"
#include "host/gmap.h"
#include "host/page.h"
#include "host/pager/pager.h"
#include "host/param.h"

struct reclaim_stats reclaim_stats;
static struct guest **all;
static unsigned nall, hand_guest;
static uint64_t hand_page;

void reclaim_init(struct guest **guests, unsigned n)
{
	all = guests;
	nall = n;
}

/* At most two sweeps over every page (a referenced volatile page gets a
 * second chance: the guest is still reading it, a cold one goes first);
 * returns the frames freed. Unused pages go at once. */
static uint64_t sweep(uint64_t want)
{
	uint64_t freed = 0, budget = 0;

	for (unsigned i = 0; i < nall; i++)
		budget += 2 * all[i]->npages;
	while (freed < want && budget--) {
		struct guest *g = all[hand_guest];
		uint64_t pte;

		if (hand_page >= g->npages) {
			hand_page = 0;
			hand_guest = (hand_guest + 1) % nall;
			continue;
		}
		pte = page_pte(g, hand_page);
		if (g->state != GUEST_STOPPED && !(pte & PTE_INVALID)) {
			reclaim_stats.scanned++;
			if (page_state(g, hand_page).usage == PAGE_USAGE_UNUSED ||
			    !frame_referenced(pte & PTE_ORIGIN))
				freed += page_discard(g, hand_page);
		}
		hand_page++;
	}
	return freed;
}

void reclaim_make_room(void)
{
	if (frames_free >= FRAMES_LOW_WATER || !nall)
		return;
	reclaim_stats.runs++;
	reclaim_stats.discarded += sweep(FRAMES_HIGH_WATER - frames_free);
	/* what discarding could not free, the pager writes out */
	if (frames_free + pager_pending() < FRAMES_HIGH_WATER)
		pager_evict(FRAMES_HIGH_WATER - frames_free - pager_pending());
}
