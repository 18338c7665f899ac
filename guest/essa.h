/* essa.h - guest page hinting with ESSA (B9AB): the boot-time probe, the
 * two state changes the allocator makes (as Linux's page-states.c) and
 * the volatile states of the page cache and the swap cache. */
#ifndef GUEST_ESSA_H
#define GUEST_ESSA_H

#include <stdint.h>

#define ESSA_GET_STATE   0
#define ESSA_SET_STABLE  1
#define ESSA_SET_UNUSED  2
#define ESSA_SET_VOLATILE 3
#define ESSA_SET_POTVOL  4

/* The state ESSA returns in r1 (states/README.md). */
#define ESSA_CONTENT(r1)  ((r1) & 3)        /* 0 resident, 2 preserved, 3 zero */
#define ESSA_USAGE(r1)    (((r1) >> 2) & 3) /* 0 S, 1 U, 2 P, 3 V */
#define ESSA_NO_STATE     (~0ULL)           /* hinting off: nothing known */

/* ESSA r1,r2,m3: r2 the page's absolute address, r1 the prior state. */
#define ESSA(state, addr, m3)                                             \
	asm volatile(".insn rrf,0xb9ab0000,%0,%1,%2,0"                     \
		     : "=&d"(state) : "d"(addr), "i"(m3) : "memory")

struct essa_info {
	int available;       /* the probe's ESSA extract worked          */
	int hinting;         /* available and ZCMM_GUEST_HINTING is set  */
	uint32_t probe_code; /* program-interruption code of the probe   */
	uint64_t probe_state;/* the state the probe read                 */
	uint64_t ops[8];     /* ESSA executed, by operation code         */
};
extern struct essa_info essa_info;

/* Probes ESSA (extract the state of a kernel page); hinting is used
 * from then on if want_hints and the probe worked. */
void essa_probe(int want_hints);
void essa_set_stable(uint64_t page_addr);
void essa_set_unused(uint64_t page_addr);
/* Page cache: clean, re-readable from disk (op 3). */
void essa_set_volatile(uint64_t page_addr);
/* Swap cache: its copy is safe on disk while unchanged (op 4). */
void essa_set_potvol(uint64_t page_addr);
/* Set stable (op 1) and return the state before: ESSA_CONTENT() == 3 of
 * a volatile page means the host dropped it. ESSA_NO_STATE when off. */
uint64_t essa_make_stable(uint64_t page_addr);
/* Extract (op 0), or ESSA_NO_STATE when hinting is off. */
uint64_t essa_extract(uint64_t page_addr);
/* The page was volatile and the host dropped it. */
static inline int essa_was_discarded(uint64_t r1)
{
	return r1 != ESSA_NO_STATE && ESSA_CONTENT(r1) == 3 &&
	       ESSA_USAGE(r1) >= 2;
}

#endif
