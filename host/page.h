/* page.h - layer 1: the page primitives, the host's operations on one
 * guest page. State (states/) and mapping (the page-table entry, the
 * frame table's reverse map) change together here, and only here: no
 * other file writes a page-table entry. */
#ifndef ZCMM_PAGE_H
#define ZCMM_PAGE_H

#include <stdint.h>

#include "host/frame.h"
#include "host/gmap.h"
#include "host/guest.h"
#include "states/states.h"

static inline struct page_state page_state(struct guest *g, uint64_t p)
{
	struct page_state st;

	states_decode(*guest_pstate(g, p), &st);
	return st;
}

static inline void page_set_state(struct guest *g, uint64_t p,
				  struct page_state st)
{
	*guest_pstate(g, p) = states_encode(st);
}

/* The page's entry, to read: valid, it names the frame (PTE_ORIGIN);
 * invalid, the PTE_SW_* bits say where the page is. */
static inline uint64_t page_pte(struct guest *g, uint64_t p)
{
	return *gmap_pte(g, p);
}

static inline int page_resident(struct guest *g, uint64_t p)
{
	return !(page_pte(g, p) & PTE_INVALID);
}

/* Every page logically zero and stable, as after IPL. */
void page_states_init(struct guest *g);

/* Map a frame the caller owns (FRAME_HOST, or shared) at page p: the
 * entry names it and the frame's reverse map names the page. */
void page_map(struct guest *g, uint64_t p, uint64_t frame);
/* Map a fresh zeroed, clean frame; returns it, or 0 if none is free. */
uint64_t page_map_zero(struct guest *g, uint64_t p);
/* Take the mapping away (IPTE): the frame goes to the caller, out of the
 * reverse map. */
uint64_t page_unmap(struct guest *g, uint64_t p);
/* Take the mapping away, if any, and free the frame if no other page
 * maps it. */
void page_drop(struct guest *g, uint64_t p);

/* Copy-on-write (host/share/): map a shared frame write-protected; make
 * a mapped page write-protected (IPTE first, so no TLB entry lets a store
 * through) or writable again. The frame and reverse map stay. */
void page_map_protected(struct guest *g, uint64_t p, uint64_t frame);
void page_protect(struct guest *g, uint64_t p);
void page_unprotect(struct guest *g, uint64_t p);
static inline int page_protected(struct guest *g, uint64_t p)
{
	uint64_t pte = page_pte(g, p);

	return !(pte & PTE_INVALID) && (pte & PTE_PROTECT);
}
/* Who decides whether a frame no page maps any more is freed: the
 * sharing layer keeps its zero frame and forgets a shared frame's index
 * entry (returns 1 to keep the frame). NULL: always freed. */
extern int (*page_frame_unmapped)(uint64_t frame);
/* Mappings of write-protected (shared) frames dropped: a discard, a
 * release or a teardown took one guest's page, the others kept it. */
extern uint64_t page_shared_drops;
extern uint64_t page_shared_discards;   /* of them, discards (ESSA states) */

/* The invalid entries that say where a non-resident page is. */
void page_set_slot(struct guest *g, uint64_t p, uint64_t slot, int dirty);
void page_set_out(struct guest *g, uint64_t p, uint64_t slot);
void page_set_in(struct guest *g, uint64_t p, uint64_t slot);
void page_set_empty(struct guest *g, uint64_t p);
/* Working-set sampling: invalid with the frame kept (no IPTE: the caller
 * purges the TLB once after a round), and valid again. */
void page_sample(struct guest *g, uint64_t p);
void page_unsample(struct guest *g, uint64_t p);

/* Drop a resident page with no I/O if its state allows (Ur, Vr, clean
 * Pr); returns 1 if the frame was freed. */
int page_discard(struct guest *g, uint64_t p);
/* Is the frame's storage-key change bit on? */
int page_dirty(uint64_t frame);
/* Hold a resident page's frame for host I/O into it, and let go. */
void page_pin(struct guest *g, uint64_t p);
void page_unpin(struct guest *g, uint64_t p);
static inline int page_pinned(struct guest *g, uint64_t p)
{
	uint64_t pte = page_pte(g, p);

	return !(pte & PTE_INVALID) && frame_pinned(pte & PTE_ORIGIN);
}

/* Counts of g's pages in each of the eight states (states_index order). */
void page_census(struct guest *g, uint64_t counts[STATES_NVALID]);

#endif
