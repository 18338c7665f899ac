/* pageout.c - layer 2: page-out. A page reclaim chose is written to a
 * slot with its checksum and its frame freed when the write is done; a
 * page touched meanwhile is rescued (mapped again, the write wasted). */
#include "host/boot.h"
#include "host/console.h"
#include "host/frame.h"
#include "host/gmap.h"
#include "host/io/fba.h"
#include "host/memlayout.h"
#include "host/page.h"
#include "host/pager/internal.h"
#include "host/param.h"
#include "host/timer.h"
#include "host/trap.h"
#include "lib/pagesum.h"

static int corrupt_next = 1;   /* ZCMM_BOOT_CORRUPT_SLOT: once */
static uint8_t junk[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

static void out_done(struct io_req *io)
{
	struct pager_req *r = io->ctx;
	struct guest *g = r->g;

	if (r->rescued) {
		pager_slot_free(r->slot);
	} else if (io->status != IO_OK) {
		pager_stats.out_errors++;
		kprintf("pager: page-out of guest %s page %lu to slot %lu "
			"failed: %s\n", g->name, r->page, r->slot,
			io_status_name(io->status));
		pager_slot_free(r->slot);
		page_map(g, r->page, r->frame);
	} else {
		struct states_host_result h =
			states_host_page_out(page_state(g, r->page), r->dirty);

		page_set_state(g, r->page, h.state);
		page_set_slot(g, r->page, r->slot, h.dirty);
		frame_free(r->frame);
		g->st.pageouts++;
		pager_stats.pageouts++;
		if (pager_hooks.frames_freed)
			pager_hooks.frames_freed();
	}
	pager_req_put(r);
}

static void out_done_junk(struct io_req *io)
{
	pager_req_put(io->ctx);
}

int pager_page_out(struct guest *g, uint64_t p, int dirty)
{
	struct pager_req *r;
	uint64_t slot = pager_slot_alloc(), t0 = tod_now();

	if (slot == SLOTMAP_NONE) {
		if (!pager_stats.full++)
			kprintf("pager: the paging volumes are full (%lu slots, "
				"%lu of them retired on volumes offline)\n",
				pager_slotmap.nslots, pager_stats.retired);
		return -1;
	}
	r = pager_req_get();
	if (!r) {
		pager_slot_free(slot);
		return -1;
	}
	r->g = g;
	r->page = p;
	r->slot = slot;
	r->dirty = dirty;
	r->rescued = 0;
	r->frame = page_unmap(g, p);
	page_set_out(g, p, slot);
	pager_slot_sum[slot] = (uint32_t)pagesum((void *)r->frame);
	pager_slot_io(r, IO_WRITE, r->frame, out_done);
	if ((boot->flags & ZCMM_BOOT_CORRUPT_SLOT) && corrupt_next) {
		for (unsigned i = 0; i < PAGE_SIZE; i++)
			junk[i] = (uint8_t)(i * 7 + 1);
		/* a test's damaged medium: overwrite the slot after the
		   page-out (same volume, so the queue keeps the order) */
		struct pager_req *j = pager_req_get();

		if (j) {
			corrupt_next = 0;
			*j = *r;
			pager_slot_io(j, IO_WRITE, (uint64_t)junk, out_done_junk);
		}
	}
	pager_stats.out_start_tod += tod_now() - t0;
	return 0;
}

int pager_page_out_sync(struct guest *g, uint64_t p)
{
	uint64_t pte = page_pte(g, p);
	int dirty;

	if ((pte & PTE_INVALID) || p < 2 || !pager_slotmap.nslots ||
	    page_pinned(g, p) || (pte & PTE_PROTECT))
		return -1;
	dirty = page_dirty(pte & PTE_ORIGIN);
	if (states_host_page_out(page_state(g, p), dirty).verdict != STATES_DONE ||
	    pager_page_out(g, p, dirty))
		return -1;
	pager_quiesce();
	return (page_pte(g, p) & PTE_SW_SLOT) ? 0 : -1;
}

uint64_t pager_rescue(struct guest *g, uint64_t p)
{
	uint64_t pte = page_pte(g, p);

	if (!(pte & PTE_SW_OUT))
		return 0;
	for (unsigned i = 0; i < PAGER_MAX_INFLIGHT; i++) {
		struct pager_req *r = &pager_reqs[i];

		/* the page-out this PTE names, under way or done and not
		   yet reaped: either way its frame still holds the page */
		if (r->busy && r->io.done == out_done && r->g == g &&
		    r->page == p && r->slot == PTE_SLOT(pte) && !r->rescued) {
			r->rescued = 1;
			pager_stats.rescued++;
			page_map(g, p, r->frame);
			return r->frame;
		}
	}
	panic("pager: guest %s page %lu is on its way out to slot %lu, but "
	      "no page-out names it", g->name, p, PTE_SLOT(pte));
}
