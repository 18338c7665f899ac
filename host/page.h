/* page.h - the host's operations on one guest page. Each goes through the
 * states module, so a page's state and its host mapping change together. */
#ifndef ZCMM_PAGE_H
#define ZCMM_PAGE_H

#include <stdint.h>

#include "host/gmap.h"
#include "host/guest.h"
#include "states/states.h"

static inline struct page_state page_state(struct guest *g, uint64_t p)
{
	struct page_state st;

	states_decode(g->pstate[p], &st);
	return st;
}

static inline void page_set_state(struct guest *g, uint64_t p,
				  struct page_state st)
{
	g->pstate[p] = states_encode(st);
}

/* Every page logically zero and stable, as after IPL. */
void page_states_init(struct guest *g);
/* The frame that holds page p, giving it one if its state allows (a
 * zeroed frame, or its preserved copy read back); else 0, with *pgm the
 * program interruption the access means (discard fault, addressing), or
 * PGM_NO_FRAME. The host's own accesses: this waits for any I/O. */
uint64_t page_frame(struct guest *g, uint64_t p, int *pgm);
/* The same for a guest's own touch (a host fault in SIE): instead of
 * waiting, the guest is blocked (*pgm = PGM_BLOCKED) and retries later. */
uint64_t page_fault_in(struct guest *g, uint64_t p, int *pgm);
/* Forget every paging slot of the guest (it is being torn down). */
void page_teardown(struct guest *g);
/* Drop a resident page with no I/O if its state allows (Ur, Vr, clean
 * Pr); returns 1 if the frame was freed. */
int page_discard(struct guest *g, uint64_t p);
/* DIAG 0x10: the page is given back and reads as zero again. */
void page_release(struct guest *g, uint64_t p);
/* Is the frame's storage-key change bit on? */
int page_dirty(uint64_t frame);
/* Hold a resident page for host I/O into it (PTE_PIN_*), and let go. */
void page_pin(struct guest *g, uint64_t p);
void page_unpin(struct guest *g, uint64_t p);
static inline int pte_pinned(uint64_t pte)
{
	return !(pte & PTE_INVALID) && (pte & PTE_PIN_MASK);
}

/* Counts of g's pages in each of the eight states (states_index order). */
void page_census(struct guest *g, uint64_t counts[STATES_NVALID]);

#endif
