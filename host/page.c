/* page.c - layer 1: one guest page as the host sees it, its state
 * (states/) and its mapping (page-table entry and the frame table's
 * reverse map). The only writer of page-table entries, so no caller
 * changes a page's state or home without the other. */
#include "host/frame.h"
#include "host/gmap.h"
#include "host/memlayout.h"
#include "host/page.h"
#include "host/trap.h"

void page_states_init(struct guest *g)
{
	uint8_t zero = states_encode(states_initial());

	for (uint64_t p = 0; p < g->npages; p++)
		*guest_pstate(g, p) = zero;
}

int page_dirty(uint64_t frame)
{
	return !!(frame_key(frame) & KEY_CHANGE);
}

void page_map(struct guest *g, uint64_t p, uint64_t frame)
{
	frame_rmap_add(frame, g->index, p);
	*gmap_pte(g, p) = frame;
	if (++g->st.frames > g->st.frames_peak)
		g->st.frames_peak = g->st.frames;
}

void page_map_protected(struct guest *g, uint64_t p, uint64_t frame)
{
	page_map(g, p, frame);
	*gmap_pte(g, p) = frame | PTE_PROTECT;
}

/* IPTE and, for Hercules 3.13's DAT-off guests, PTLB (see page_unmap) */
static void pte_purge(struct guest *g, uint64_t p, uint64_t *pte)
{
	uint64_t pto = (uint64_t)pte & ~0x7ffUL;
	uint64_t hva = g->mso + (p << PAGE_SHIFT);

	asm volatile("ipte %0,%1" : : "a"(pto), "a"(hva) : "memory");
	asm volatile("ptlb" : : : "memory");
}

void page_protect(struct guest *g, uint64_t p)
{
	uint64_t *pte = gmap_pte(g, p), frame = *pte & PTE_ORIGIN;

	if (*pte & PTE_INVALID)
		panic("guest %s page %lu: protecting an invalid entry %016lx",
		      g->name, p, *pte);
	pte_purge(g, p, pte);
	*pte = frame | PTE_PROTECT;
}

void page_unprotect(struct guest *g, uint64_t p)
{
	uint64_t *pte = gmap_pte(g, p);

	if (!(*pte & PTE_INVALID))
		*pte &= ~PTE_PROTECT;
	/* a TLB copy with the protection would only fault once more, but
	   the purge is cheap and keeps the fault path simple */
	asm volatile("ptlb" : : : "memory");
}

uint64_t page_map_zero(struct guest *g, uint64_t p)
{
	uint64_t f = frame_alloc_zero();

	if (!f)
		return 0;
	frame_set_key(f, 0); /* clean: reference and change bits off */
	page_map(g, p, f);
	g->st.touched++;
	return f;
}

uint64_t page_unmap(struct guest *g, uint64_t p)
{
	uint64_t *pte = gmap_pte(g, p);
	uint64_t frame = *pte & PTE_ORIGIN;

	if (*pte & PTE_INVALID)
		panic("guest %s page %lu: unmapping an invalid entry %016lx",
		      g->name, p, *pte);
	/* Hercules 3.13's IPTE misses the TLB entries of a DAT-off guest
	   (they hold the host virtual address, not the PTE; fixed upstream
	   after 3.13), so the guest could go on writing to the frame we
	   are about to free. PTLB purges the guest's TLB copy as well. */
	pte_purge(g, p, pte);
	frame_rmap_del(frame, g->index, p);
	g->st.frames--;
	return frame;
}

void page_drop(struct guest *g, uint64_t p)
{
	uint64_t f;

	if (*gmap_pte(g, p) & PTE_INVALID)
		return;
	page_shared_drops += !!(*gmap_pte(g, p) & PTE_PROTECT);
	f = page_unmap(g, p);
	*gmap_pte(g, p) = PTE_INVALID;
	if (!frame_desc(f)->refs &&
	    !(page_frame_unmapped && page_frame_unmapped(f)))
		frame_free(f);
}

int (*page_frame_unmapped)(uint64_t frame);
uint64_t page_shared_drops, page_shared_discards;

void page_set_slot(struct guest *g, uint64_t p, uint64_t slot, int dirty)
{
	*gmap_pte(g, p) = PTE_INVALID | slot << 12 | PTE_SW_SLOT |
			  (dirty ? PTE_SW_DIRTY : 0);
}

void page_set_out(struct guest *g, uint64_t p, uint64_t slot)
{
	*gmap_pte(g, p) = PTE_INVALID | slot << 12 | PTE_SW_OUT;
}

void page_set_in(struct guest *g, uint64_t p, uint64_t slot)
{
	*gmap_pte(g, p) = PTE_INVALID | slot << 12 | PTE_SW_IN;
}

void page_set_empty(struct guest *g, uint64_t p)
{
	*gmap_pte(g, p) = PTE_INVALID;
}

void page_sample(struct guest *g, uint64_t p)
{
	uint64_t *pte = gmap_pte(g, p);

	/* the protection stays: a shared frame is still copy-on-write */
	*pte = (*pte & (PTE_ORIGIN | PTE_PROTECT)) | PTE_INVALID |
	       PTE_SW_SAMPLED;
}

void page_unsample(struct guest *g, uint64_t p)
{
	uint64_t *pte = gmap_pte(g, p);

	if ((*pte & PTE_INVALID) && (*pte & PTE_SW_SAMPLED))
		*pte &= PTE_ORIGIN | PTE_PROTECT;
}

int page_discard(struct guest *g, uint64_t p)
{
	uint64_t pte = *gmap_pte(g, p);
	struct page_state st = page_state(g, p);
	struct states_host_result h;

	if (pte & PTE_INVALID || p < 2 || /* the lowcore stays resident */
	    frame_pinned(pte & PTE_ORIGIN))
		return 0;
	h = states_host_discard(st, page_dirty(pte & PTE_ORIGIN));
	if (h.verdict != STATES_DONE)
		return 0;
	page_shared_discards += !!(pte & PTE_PROTECT);
	page_drop(g, p);
	page_set_state(g, p, h.state);
	g->st.discards[st.usage]++;
	return 1;
}

void page_pin(struct guest *g, uint64_t p)
{
	uint64_t pte = *gmap_pte(g, p);

	if (pte & PTE_INVALID)
		panic("guest %s page %lu: pinning pte %016lx", g->name, p, pte);
	frame_pin(pte & PTE_ORIGIN);
}

void page_unpin(struct guest *g, uint64_t p)
{
	uint64_t pte = *gmap_pte(g, p);

	if (pte & PTE_INVALID)
		panic("guest %s page %lu: unpinning pte %016lx", g->name, p,
		      pte);
	frame_unpin(pte & PTE_ORIGIN);
}

void page_census(struct guest *g, uint64_t counts[STATES_NVALID])
{
	for (int i = 0; i < STATES_NVALID; i++)
		counts[i] = 0;
	for (uint64_t p = 0; p < g->npages; p++) {
		int i = states_index(page_state(g, p));

		if (i < 0)
			panic("guest %s page %lu: invalid state byte 0x%02x",
			      g->name, p, *guest_pstate(g, p));
		counts[i]++;
	}
}
