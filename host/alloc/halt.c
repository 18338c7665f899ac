/* halt.c - the last resort of share-based allocation, the run's
 * `unservable halt` (docs/shares.md): admission gave every pageable page
 * a slot; once a paging volume is lost that no longer holds, and before
 * the slots left run out the guest the shares value least is halted and
 * its storage pushed out whole to the paging volumes, its frames going to
 * the guests still running; when none runs any more, it runs again.
 * lib/unservable.c chooses; this acts. */
#include "host/alloc/alloc.h"
#include "host/balloon/balloon.h"
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

uint64_t alloc_halted, alloc_halt_pageouts, alloc_resumed;
/* per guest (struct guest and alloc_count have no room to spare) */
static uint32_t halt_pageouts[ZCMM_MAX_GUESTS], halt_discards[ZCMM_MAX_GUESTS];
static uint32_t halt_kept[ZCMM_MAX_GUESTS];
static uint8_t halt_mark[ZCMM_MAX_GUESTS];      /* enum below */
static uint8_t halt_prev[ZCMM_MAX_GUESTS];      /* its state when halted */
enum { HALT_NONE, HALT_OUT, HALT_RESUMED };

static void halt_out(struct guest *g)
{
	struct reclaim_push c;

	pager_quiesce();        /* its page-ins under way land (and wake it) */
	halt_prev[g->index] = (uint8_t)g->state;
	guest_stop(g, GUEST_STATUS_HALTED, "halted, its storage pushed out "
		   "to the paging volumes (unservable halt)");
	halt_mark[g->index] = HALT_OUT;
	alloc_halted++;
	reclaim_push_out(g, &c);
	halt_pageouts[g->index] = (uint32_t)c.pageouts;
	halt_discards[g->index] = (uint32_t)c.discards;
	halt_kept[g->index] = (uint32_t)c.kept;
	alloc_halt_pageouts += c.pageouts;
	/* what stays: its prefix pages, pinned ones (its disk I/O) */
	kprintf("guest %s: %lu pages pushed out, %lu dropped without I/O, "
		"%lu kept resident\n", g->name, c.pageouts, c.discards, c.kept);
}

/* A guest that ended holds storage that serves nobody: its pages go,
 * frames and slots (not the pinned ones: its prefix pages; its I/O is
 * over). Returns the pages that went. */
static uint64_t give_back_ended(struct guest *g)
{
	uint64_t n = 0;

	for (uint64_t p = 0; p < g->npages; p++) {
		uint64_t pte;

		wss_unsample(g, p);
		pte = page_pte(g, p);
		if (page_pinned(g, p) ||
		    ((pte & PTE_INVALID) && !(pte & PTE_SW_SLOT)))
			continue;
		pager_forget(g, p);
		page_drop(g, p);
		n++;
	}
	return n;
}

int alloc_halt_resume(struct guest **guests, unsigned n)
{
	uint64_t dropped = 0;
	int any = 0;

	for (unsigned i = 0; i < n && !any; i++)
		any = halt_mark[guests[i]->index] == HALT_OUT;
	if (!any)
		return 0;
	/* the ended guests' storage first: the halted one needs the room */
	pager_quiesce();
	for (unsigned i = 0; i < n; i++)
		if (halt_mark[guests[i]->index] != HALT_OUT &&
		    !guests[i]->io_inflight)
			dropped += give_back_ended(guests[i]);
	for (unsigned i = 0; i < n; i++) {
		struct guest *g = guests[i];

		if (halt_mark[g->index] != HALT_OUT)
			continue;
		halt_mark[g->index] = HALT_RESUMED;
		alloc_resumed++;
		/* as it was: its disk I/O under way wakes it, a wait ends
		   at its time; a fault it waited on is taken again */
		g->state = g->io_inflight ? GUEST_WAITING_IO
			 : halt_prev[g->index] == GUEST_WAITING ? GUEST_WAITING
			 : GUEST_RUNNABLE;
		g->exit_status = 0;
		g->stop_reason = 0;
		kprintf("guest %s resumed: no other guest runs (the guests "
			"that ended gave back %lu pages)\n", g->name, dropped);
		return 1;
	}
	return 0;
}

void alloc_halt_counts(const struct guest *g, struct alloc_halt_count *c)
{
	c->halted = halt_mark[g->index] != HALT_NONE;
	c->resumed = halt_mark[g->index] == HALT_RESUMED;
	c->pageouts = halt_pageouts[g->index];
	c->discards = halt_discards[g->index];
	c->kept = halt_kept[g->index];
}

/* The slots g may still take (lib/unservable.c): admission's count of
 * its pageable pages against the slots it holds on volumes still online. */
static uint64_t owed(struct guest *g)
{
	struct zcmm_admit_need need;
	uint64_t held = 0, resident = 0;

	/* an ended guest's pages go without a slot (host/reclaim.c) */
	if (guest_ended(g))
		return 0;
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
