/* fault.c - layer 4: fault resolution. A touch of a page that is not
 * mapped is decided by the states module and served from the layers
 * below: a zeroed frame (reclaim makes room), a page-in, a working-set
 * sample or a page-out overtaken, or the program interruption the
 * guest must get. */
#include "host/alloc/alloc.h"
#include "host/balloon/balloon.h"
#include "host/fault.h"
#include "host/pgm.h"
#include "host/io/fba.h"
#include "host/page.h"
#include "host/pager/pager.h"
#include "host/reclaim.h"
#include "host/trap.h"

/* A guest at its limit gives one of its own pages before it gets a frame
 * (host/alloc/); if it cannot now (the pager is full), a guest waits for
 * the I/O under way and faults again: 0, or -1 with *pgm set. */
static int own_room(struct guest *g, int blocking, int *pgm)
{
	if (!alloc_make_own_room(g))
		return 0;
	if (blocking && pager_pending()) {
		pager_quiesce();
		if (!alloc_make_own_room(g))
			return 0;
	} else if (!blocking && pager_pending()) {
		guest_block_io(g, GUEST_WAIT_FRAME);
		*pgm = PGM_BLOCKED;
		return -1;
	}
	alloc_count(g)->over_limit++;             /* nothing to wait for: go on */
	return 0;
}

/* A frame for a logically zero page, from reclaim if need be; 0 if none
 * is free now (page-outs under way may free one). */
static uint64_t zero_fill(struct guest *g, uint64_t p)
{
	uint64_t f;

	reclaim_make_room();
	f = page_map_zero(g, p);
	if (f)
		page_set_state(g, p,
			       states_host_zero_fill(page_state(g, p), 0).state);
	return f;
}

/* The host's own access to a paged-out page: read it back and wait. No
 * frame or request free: wait for the I/O under way to give them back
 * (reclaim may start page-outs), as long as there is any. */
static int page_in_wait(struct guest *g, uint64_t p)
{
	while (pager_page_in(g, p)) {
		if (!(page_pte(g, p) & PTE_SW_SLOT) || !pager_pending())
			return -1;
		io_wait(100000);
		io_reap();
		reclaim_make_room();
	}
	while (page_pte(g, p) & PTE_SW_IN) {
		io_wait(100000);
		io_reap();
	}
	return (page_pte(g, p) & PTE_INVALID) ? -1 : 0;
}

static uint64_t serve(struct guest *g, uint64_t p, int *pgm, int blocking)
{
	uint64_t pte = page_pte(g, p), f;
	struct states_access_result a;

	*pgm = 0;
	if (!(pte & PTE_INVALID))
		return pte & PTE_ORIGIN;
	if (pte & PTE_SW_SAMPLED)       /* a working-set sample: touched */
		return wss_touch(g, p);
	if (pte & PTE_SW_OUT)           /* it was on its way out: keep it */
		return own_room(g, blocking, pgm) ? 0 : pager_rescue(g, p);
	a = states_access(page_state(g, p));
	switch (a.kind) {
	case STATES_ACCESS_ZERO_FILL:
		if (own_room(g, blocking, pgm))
			return 0;
		f = zero_fill(g, p);
		while (!f && blocking && pager_pending()) {
			pager_quiesce();
			f = zero_fill(g, p);
		}
		if (f)
			return f;
		if (!blocking && pager_pending()) {
			guest_block_io(g, GUEST_WAIT_FRAME);
			*pgm = PGM_BLOCKED;
		} else {
			*pgm = PGM_NO_FRAME;
		}
		return 0;
	case STATES_ACCESS_PAGE_IN:
		if (own_room(g, blocking, pgm))
			return 0;
		reclaim_make_room();
		if (blocking) {
			if (!page_in_wait(g, p))
				return page_pte(g, p) & PTE_ORIGIN;
			*pgm = PGM_NO_FRAME;
		} else if (!pager_page_in(g, p)) {
			guest_block_io(g, p);
			*pgm = PGM_BLOCKED;
		} else if (pager_pending()) {
			guest_block_io(g, GUEST_WAIT_FRAME);
			*pgm = PGM_BLOCKED;
		} else {
			*pgm = PGM_NO_FRAME;
		}
		return 0;
	case STATES_ACCESS_DISCARD:
		g->st.discard_faults++;
		*pgm = PGM_DISCARD_FAULT;
		return 0;
	case STATES_ACCESS_ADDRESSING:
		*pgm = PGM_ADDRESSING;
		return 0;
	default:
		panic("guest %s page %lu: state %s, not mapped, access %s",
		      g->name, p, states_name(page_state(g, p)),
		      states_access_name(a.kind));
	}
}

const char *fault_no_frame_reason(void)
{
	/* the few slots page-ins gave back since the pager found the
	   volumes full are not room to go on with */
	return pager_slots() && (!pager_slots_free() || pager_stats.full)
	       ? "paging space exhausted" : "out of host storage";
}

uint64_t page_frame(struct guest *g, uint64_t p, int *pgm)
{
	return serve(g, p, pgm, 1);
}

uint64_t page_fault_in(struct guest *g, uint64_t p, int *pgm)
{
	return serve(g, p, pgm, 0);
}

void page_release(struct guest *g, uint64_t p)
{
	/* host I/O into it under way: its contents are unpredictable after
	   DIAG 0x10 anyway, so it simply stays */
	if (page_pinned(g, p))
		return;
	wss_unsample(g, p);
	if (page_pte(g, p) & PTE_SW_OUT)
		pager_rescue(g, p);
	pager_forget(g, p);
	page_drop(g, p);
	page_set_state(g, p, states_initial());
	g->st.released++;
}

void page_teardown(struct guest *g)
{
	for (uint64_t p = 0; p < g->npages; p++) {
		wss_unsample(g, p);
		pager_forget(g, p);
		page_drop(g, p);
	}
}
