/* pagein.c - layer 2: page-in. Read a page's slot into a fresh frame,
 * verify its checksum (a mismatch stops the guest through the fail hook,
 * it is never fed the data), map it and wake the guest (the wake hook). */
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

static void in_done(struct io_req *io)
{
	struct pager_req *r = io->ctx;
	struct guest *g = r->g;
	uint64_t us = tod_to_us(io->tod_done - io->tod_submit);
	struct states_host_result h;

	pager_stats.pagein_us += us;
	if (us > pager_stats.pagein_us_max)
		pager_stats.pagein_us_max = us;
	page_set_slot(g, r->page, r->slot, r->dirty);
	if (io->status != IO_OK) {
		pager_stats.in_errors++;
		kprintf("pager: page-in of guest %s page %lu from slot %lu "
			"failed: %s\n", g->name, r->page, r->slot,
			io_status_name(io->status));
		frame_free(r->frame);
		if (pager_hooks.fail)
			pager_hooks.fail(g, "page-in I/O error");
	} else if ((uint32_t)pagesum((void *)r->frame) != pager_slot_sum[r->slot]) {
		pager_stats.checksum_errors++;
		kprintf("pager: CHECKSUM MISMATCH on page-in of guest %s page "
			"%lu from slot %lu: the data is not what was written; "
			"the guest is stopped, never fed it\n", g->name,
			r->page, r->slot);
		frame_free(r->frame);
		if (pager_hooks.fail)
			pager_hooks.fail(g, "page-in checksum mismatch");
	} else {
		h = states_host_page_in(page_state(g, r->page), r->dirty);
		page_set_state(g, r->page, h.state);
		/* the change bit goes back as it was when the page left */
		frame_set_key(r->frame, h.dirty ? 0x02 : 0);
		page_map(g, r->page, r->frame);
		pager_slot_free(r->slot);
		g->st.pageins++;
		pager_stats.pageins++;
		if (pager_hooks.wake)
			pager_hooks.wake(g, r->page);
	}
	g->io_inflight--;
	pager_req_put(r);
}

int pager_page_in(struct guest *g, uint64_t p)
{
	uint64_t pte = page_pte(g, p);
	struct pager_req *r;
	uint64_t frame;

	if (!(pte & PTE_SW_SLOT))
		return -1;
	frame = frame_alloc();
	if (!frame)
		return -1;
	r = pager_req_get();
	if (!r) {
		frame_free(frame);
		return -1;
	}
	r->g = g;
	r->page = p;
	r->frame = frame;
	r->slot = PTE_SLOT(pte);
	r->dirty = !!(pte & PTE_SW_DIRTY);
	r->rescued = 0;
	page_set_in(g, p, r->slot);
	g->io_inflight++;
	pager_slot_io(r, IO_READ, frame, in_done);
	return 0;
}
