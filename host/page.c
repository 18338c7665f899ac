/* page.c - one guest page as the host sees it: its state (states/) and
 * its frame (gmap.c). First touch, discard, release and the census of
 * states all live here, so no caller changes one without the other. */
#include "host/essa/reclaim.h"
#include "host/gmap.h"
#include "host/intercept.h"
#include "host/page.h"
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

uint64_t page_frame(struct guest *g, uint64_t p, int *pgm)
{
	uint64_t pte = *gmap_pte(g, p), f;
	struct states_access_result a;
	struct states_host_result h;

	*pgm = 0;
	if (!(pte & PTE_INVALID))
		return pte & PTE_ORIGIN;
	a = states_access(page_state(g, p));
	switch (a.kind) {
	case STATES_ACCESS_ZERO_FILL:
		reclaim_make_room();
		f = gmap_map_zero(g, p);
		if (!f)
			return 0;
		h = states_host_zero_fill(page_state(g, p), 0);
		page_set_state(g, p, h.state);
		return f;
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

int page_discard(struct guest *g, uint64_t p)
{
	uint64_t pte = *gmap_pte(g, p);
	struct page_state st = page_state(g, p);
	struct states_host_result h;

	if (pte & PTE_INVALID || p < 2) /* the lowcore stays resident */
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
	gmap_unmap(g, p);
	page_set_state(g, p, states_initial());
	g->st.released++;
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
