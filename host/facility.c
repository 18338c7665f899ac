/* facility.c - STORE FACILITY LIST (STFL, B2B1) and STORE FACILITY LIST
 * EXTENDED (STFLE, B2B0), PoP ch. 4 and 10: the guest sees the machine's
 * facilities minus those zcmm does not carry through SIE (the descriptor
 * sets SIE_IC0_STFL, so both are intercepted). Hidden: 11 configuration
 * topology (STSI 15 and PTF are not emulated), 28 TOD-clock steering
 * (PTFF is intercepted, not emulated), 40 load-program-parameter (it
 * would set a machine-wide value), 78 EDAT-2 (the guest DAT walker
 * handles EDAT-1 only). */
#include "host/gaccess.h"
#include "host/intercept.h"
#include "host/lowcore.h"

#define FAC_DWORDS 4
static const unsigned hidden[] = { 11, 28, 40, 78 };
static uint64_t fac[FAC_DWORDS];
static unsigned fac_dwords;    /* 0 until read from the machine */

static void facilities_init(void)
{
	register uint64_t r0 asm("0") = FAC_DWORDS - 1;

	asm volatile("stfle %0" : "=Q"(fac), "+d"(r0) : : "cc", "memory");
	fac_dwords = (unsigned)(r0 & 0xff) + 1;
	if (fac_dwords > FAC_DWORDS)
		fac_dwords = FAC_DWORDS;
	for (unsigned i = 0; i < sizeof(hidden) / sizeof(hidden[0]); i++)
		fac[hidden[i] / 64] &= ~(1UL << (63 - hidden[i] % 64));
	/* trailing all-zero doublewords are not reported */
	while (fac_dwords > 1 && !fac[fac_dwords - 1])
		fac_dwords--;
}

/* STFL (S format, privileged): bits 0-31 to real location 200. */
int handle_stfl(struct guest *g)
{
	uint32_t word;

	if (g->sd.psw_mask & PSW_PROBLEM)
		return PGM_PRIVILEGED;
	if (!fac_dwords)
		facilities_init();
	word = (uint32_t)(fac[0] >> 32);
	return greal_write(g, 200, &word, sizeof(word));
}

/* STFLE (S format): GR0 bits 56-63 = doublewords the operand holds - 1;
 * as many as fit are stored, GR0 gets ours - 1; cc 0 if all fit, 3 if
 * not. The operand is logical and doubleword aligned. */
int handle_stfle(struct guest *g)
{
	uint64_t addr = ginsn_s_addr(g), r0 = guest_gpr(g, 0);
	unsigned room = (unsigned)(r0 & 0xff) + 1, n;
	int pgm;

	if (addr & 7)
		return PGM_SPECIFICATION;
	if (!fac_dwords)
		facilities_init();
	n = room < fac_dwords ? room : fac_dwords;
	pgm = glog_write(g, addr, fac, n * 8, &g->teid);
	if (pgm)
		return pgm;
	guest_set_gpr(g, 0, (r0 & ~0xffUL) | (fac_dwords - 1));
	guest_set_cc(g, room >= fac_dwords ? 0 : 3);
	return 0;
}
