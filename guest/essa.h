/* essa.h - guest page hinting with ESSA (B9AB): the boot-time probe and
 * the two state changes the allocator makes, as Linux's page-states.c. */
#ifndef GUEST_ESSA_H
#define GUEST_ESSA_H

#include <stdint.h>

#define ESSA_GET_STATE   0
#define ESSA_SET_STABLE  1
#define ESSA_SET_UNUSED  2

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

#endif
