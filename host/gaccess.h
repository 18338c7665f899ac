/* gaccess.h - guest storage by the address kind the architecture names
 * for an operand: real (prefixing applied: PoP "Prefixing") or logical
 * (the guest's DAT when its PSW has it on, lib/dat.c). Absolute access
 * is gmem_read/gmem_write (guest.h). All return 0 or a program
 * interruption code, with the TEID for translation exceptions. */
#ifndef ZCMM_GACCESS_H
#define ZCMM_GACCESS_H

#include <stdint.h>

#include "host/guest.h"

#define PREFIX_SIZE 0x2000UL  /* the lowcore: two pages */

/* Guest real address to guest absolute, by the guest's prefix. */
static inline uint64_t greal_to_abs(const struct guest *g, uint64_t r)
{
	uint64_t px = g->sd.prefix;

	if (r < PREFIX_SIZE)
		return r + px;
	if (r >= px && r < px + PREFIX_SIZE)
		return r - px;
	return r;
}

int greal_read(struct guest *g, uint64_t raddr, void *buf, uint64_t len);
int greal_write(struct guest *g, uint64_t raddr, const void *buf,
		uint64_t len);

/* Logical operand access for the instruction that was intercepted: the
 * address space its PSW names. On a translation exception *teid is set
 * (also for the protection exception of a write to a DAT-protected page). */
int glog_read(struct guest *g, uint64_t laddr, void *buf, uint64_t len,
	      uint64_t *teid);
int glog_write(struct guest *g, uint64_t laddr, const void *buf,
	       uint64_t len, uint64_t *teid);

/* Operand address D2(B2) of an S-format instruction (ipb bits 0-15),
 * wrapped to the PSW's addressing mode. */
uint64_t ginsn_s_addr(struct guest *g);
/* Wrap an address to the guest's addressing mode (24, 31 or 64 bit). */
uint64_t gaddr_wrap(const struct guest *g, uint64_t a);

#endif
