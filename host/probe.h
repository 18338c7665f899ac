/* probe.h - touch storage that may not be there: a program check on the
 * probing instruction is recovered through the exception table. */
#ifndef ZCMM_PROBE_H
#define ZCMM_PROBE_H

#include <stdint.h>

/* Read one byte at real address addr; returns 0, or the program
 * interruption code if the access failed. */
static inline int probe_read(uint64_t addr, uint8_t *val)
{
	extern volatile uint16_t trap_fixup_code;
	int failed = 1;
	uint64_t v = 0;

	asm volatile("0:	llgc	%1,0(%2)\n"
		     "	lhi	%0,0\n"
		     "1:\n"
		     ".pushsection .extable,\"a\"\n.balign 8\n"
		     ".quad 0b, 1b\n.popsection\n"
		     : "+d"(failed), "+d"(v)
		     : "a"(addr)
		     : "memory");
	*val = (uint8_t)v;
	return failed ? trap_fixup_code : 0;
}

#endif
