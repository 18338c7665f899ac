/* halt.c - the last resort of share-based allocation, the run's
 * `unservable halt` (docs/shares.md): admission gave every pageable page
 * a slot; once a paging volume is lost that no longer holds, and before
 * the slots left run out the guest the shares value least is halted and
 * its storage pushed out whole to the paging volumes, its frames going to
 * the guests still running. lib/unservable.c chooses; this acts. */
#include "host/alloc/alloc.h"
#include "host/boot.h"
#include "host/console.h"
#include "host/guest.h"
#include "host/io/fba.h"
#include "host/memlayout.h"
#include "host/page.h"
#include "host/pager/pager.h"
#include "host/param.h"
#include "host/reclaim.h"
#include "lib/unservable.h"
#include "zcmm/admit.h"

uint64_t alloc_halted, alloc_halt_pageouts;
/* per guest (struct guest and alloc_count have no room to spare) */
static uint32_t halt_pageouts[ZCMM_MAX_GUESTS], halt_discards[ZCMM_MAX_GUESTS];

static void halt_out(struct guest *g)
{
	struct reclaim_push c;

	guest_stop(g, GUEST_STATUS_HALTED, "halted, its storage pushed out "
		   "to the paging volumes (unservable halt)");
	alloc_halted++;
	pager_quiesce();        /* its page-ins under way land first */
	reclaim_push_out(g, &c);
	halt_pageouts[g->index] = (uint32_t)c.pageouts;
	halt_discards[g->index] = (uint32_t)c.discards;
	alloc_halt_pageouts += c.pageouts;
	/* what stays: its prefix pages, pinned ones (its disk I/O) */
	kprintf("guest %s: %lu pages pushed out, %lu dropped without I/O, "
		"%lu kept resident\n", g->name, c.pageouts, c.discards, c.kept);
}

void alloc_halt_counts(const struct guest *g, struct reclaim_push *c)
{
	c->pageouts = halt_pageouts[g->index];
	c->discards = halt_discards[g->index];
	c->kept = g->exit_status == GUEST_STATUS_HALTED ? g->st.frames : 0;
}

/* The slots g may still take (lib/unservable.c): admission's count of
 * its pageable pages against the slots it holds on volumes still online. */
static uint64_t owed(struct guest *g)
{
	struct zcmm_admit_need need;
	uint64_t held = 0, resident = 0;

	for (uint64_t p = 0; p < g->npages; p++) {
		uint64_t pte = page_pte(g, p);

		if (!(pte & PTE_INVALID) || (pte & PTE_SW_SAMPLED))
			resident++;
		else if ((pte & (PTE_SW_SLOT | PTE_SW_OUT | PTE_SW_IN)) &&
			 !pager_slot_lost(PTE_SLOT(pte)))
			held++;         /* in a slot, or on its way */
	}
	zcmm_admit_need(g->mem_bytes, g->al.reserve << PAGE_SHIFT, 0, &need);
	return unservable_owed(need.slots, held, resident,
			       g->state != GUEST_STOPPED);
}

/* A page-out takes a free slot and gives the guest one it holds, a
 * page-in or a forgotten page the other way round, a discard changes
 * neither: what the guests may still take less the free slots changes
 * only when a volume is lost or a guest stops. So once it fits, the sum
 * over every page is counted again only after such an event. */
static uint64_t seen_offline;
static unsigned seen_stopped;
static int fitted;

int alloc_halt_check(struct guest **guests, unsigned n)
{
	uint64_t sum = 0, free_slots;
	unsigned stopped = 0;
	int v;

	/* without a lost volume admission's slots hold every guest */
	if (!(boot_mem_header()->flags & ZCMM_MEM_HALT_UNSERVABLE) ||
	    !io_stats.offline || !pager_slots())
		return 0;
	for (unsigned i = 0; i < n; i++)
		stopped += guests[i]->state == GUEST_STOPPED;
	if (fitted && io_stats.offline == seen_offline && stopped == seen_stopped)
		return 0;
	seen_offline = io_stats.offline;
	seen_stopped = stopped;
	for (unsigned i = 0; i < n; i++)
		sum += owed(guests[i]);
	free_slots = pager_slots_free();
	fitted = sum <= free_slots;
	v = unservable_pick(alloc_acct_all(guests, n), n,
			    (unsigned)boot_mem_header()->idle_tax_pct, sum,
			    free_slots);
	if (v < 0)
		return 0;
	halt_out(guests[v]);
	return 1;
}
