/* page.c - one guest page as the host sees it: its state (states/) and
 * its frame (gmap.c). First touch, discard, release and the census of
 * states all live here, so no caller changes one without the other. */
#include "host/balloon/balloon.h"
#include "host/essa/reclaim.h"
#include "host/gmap.h"
#include "host/intercept.h"
#include "host/page.h"
#include "host/pager/pager.h"
#include "host/trap.h"

#define KEY_CHANGE 0x02 /* storage key: change bit */

void page_states_init(struct guest *g)
{
	uint8_t zero = states_encode(states_initial());

	for (uint64_t p = 0; p < g->npages; p++)
		g->pstate[p] = zero;
}

int page_dirty(uint64_t frame)
{
	return !!(frame_key(frame) & KEY_CHANGE);
}

/* A frame for a logically zero page, from reclaim if need be; 0 if none
 * is free now (page-outs under way may free one). */
static uint64_t zero_fill(struct guest *g, uint64_t p)
{
	uint64_t f;

	reclaim_make_room();
	f = gmap_map_zero(g, p);
	if (f)
		page_set_state(g, p,
			       states_host_zero_fill(page_state(g, p), 0).state);
	return f;
}

static uint64_t serve(struct guest *g, uint64_t p, int *pgm, int blocking)
{
	uint64_t pte = *gmap_pte(g, p), f;
	struct states_access_result a;

	*pgm = 0;
	if (!(pte & PTE_INVALID))
		return pte & PTE_ORIGIN;
	if (pte & PTE_SW_SAMPLED)       /* a working-set sample: touched */
		return wss_touch(g, p);
	if (pte & PTE_SW_OUT)           /* it was on its way out: keep it */
		return pager_rescue(g, p);
	a = states_access(page_state(g, p));
	switch (a.kind) {
	case STATES_ACCESS_ZERO_FILL:
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
		reclaim_make_room();
		if (blocking) {
			if (!pager_page_in_sync(g, p))
				return *gmap_pte(g, p) & PTE_ORIGIN;
			*pgm = PGM_NO_FRAME;
		} else if (!pager_page_in(g, p)) {
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

uint64_t page_frame(struct guest *g, uint64_t p, int *pgm)
{
	return serve(g, p, pgm, 1);
}

uint64_t page_fault_in(struct guest *g, uint64_t p, int *pgm)
{
	return serve(g, p, pgm, 0);
}

int page_discard(struct guest *g, uint64_t p)
{
	uint64_t pte = *gmap_pte(g, p);
	struct page_state st = page_state(g, p);
	struct states_host_result h;

	if (pte & PTE_INVALID || p < 2 || /* the lowcore stays resident */
	    pte_pinned(pte))
		return 0;
	h = states_host_discard(st, page_dirty(pte & PTE_ORIGIN));
	if (h.verdict != STATES_DONE)
		return 0;
	gmap_unmap(g, p);
	page_set_state(g, p, h.state);
	g->st.discards[st.usage]++;
	return 1;
}

void page_release(struct guest *g, uint64_t p)
{
	wss_unsample(g, p);
	if (*gmap_pte(g, p) & PTE_SW_OUT)
		pager_rescue(g, p);
	pager_forget(g, p);
	gmap_unmap(g, p);
	page_set_state(g, p, states_initial());
	g->st.released++;
}

void page_pin(struct guest *g, uint64_t p)
{
	uint64_t *pte = gmap_pte(g, p);

	if ((*pte & PTE_INVALID) || (*pte & PTE_PIN_MASK) == PTE_PIN_MASK)
		panic("guest %s page %lu: pinning pte %016lx", g->name, p, *pte);
	*pte += PTE_PIN_ONE;
}

void page_unpin(struct guest *g, uint64_t p)
{
	uint64_t *pte = gmap_pte(g, p);

	if ((*pte & PTE_INVALID) || !(*pte & PTE_PIN_MASK))
		panic("guest %s page %lu: unpinning pte %016lx", g->name, p,
		      *pte);
	*pte -= PTE_PIN_ONE;
}

void page_teardown(struct guest *g)
{
	for (uint64_t p = 0; p < g->npages; p++) {
		wss_unsample(g, p);     /* its frame goes with gmap_destroy */
		pager_forget(g, p);
	}
}

void page_census(struct guest *g, uint64_t counts[STATES_NVALID])
{
	for (int i = 0; i < STATES_NVALID; i++)
		counts[i] = 0;
	for (uint64_t p = 0; p < g->npages; p++) {
		int i = states_index(page_state(g, p));

		if (i < 0)
			panic("guest %s page %lu: invalid state byte 0x%02x",
			      g->name, p, g->pstate[p]);
		counts[i]++;
	}
}
