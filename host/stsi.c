/* stsi.c - STORE SYSTEM INFORMATION (B27D, PoP ch. 10): a guest of zcmm
 * is a level-3 configuration (a virtual machine) whose hypervisor names
 * itself "ZCMM", neither KVM nor z/VM, so Linux assumes neither's
 * interfaces. Answered: level query (fc 0), 1.1.1 (the machine), 2.2.2
 * (the partition's CPUs), 3.2.2 (the virtual machine); other blocks cc 3.
 * Layouts: Linux arch/s390/include/asm/sysinfo.h. */
#include "host/ebcdic.h"
#include "host/gaccess.h"
#include "host/intercept.h"
#include "host/lowcore.h"

#define STSI_LEVEL       3   /* configuration level: virtual machine */
#define GR0_RESERVED     0x0fffff00UL
#define GR1_RESERVED     0xffff0000UL
#define CAF              1000 /* capability adjustment factor */

static uint8_t sysib[4096];

static void put16(uint8_t *p, uint16_t v) { p[0] = v >> 8; p[1] = (uint8_t)v; }
static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)(v >> 16));
	put16(p + 2, (uint16_t)v);
}

static void sysib_111(struct guest *g)
{
	ebcdic_from_ascii(sysib + 32, "ZCMM", 16);      /* manufacturer */
	ebcdic_from_ascii(sysib + 48, "2817", 4);       /* type         */
	ebcdic_from_ascii(sysib + 64, "701", 16);       /* capacity     */
	ebcdic_from_ascii(sysib + 80, "00000000000ZCMM", 16); /* sequence */
	ebcdic_from_ascii(sysib + 96, "ZCMM", 4);       /* plant        */
	ebcdic_from_ascii(sysib + 100, "ZCMM", 16);     /* model        */
}

static void sysib_222(struct guest *g)
{
	put16(sysib + 32, 1);                           /* LPAR number  */
	put16(sysib + 36, 1);                           /* CPUs total   */
	put16(sysib + 38, 1);                           /* configured   */
	ebcdic_from_ascii(sysib + 44, "ZCMM", 8);       /* LPAR name    */
	put32(sysib + 52, CAF);
}

static void sysib_322(struct guest *g)
{
	sysib[31] = 1;                                  /* count: vm[0] */
	put16(sysib + 36, 1);                           /* CPUs total   */
	put16(sysib + 38, 1);                           /* configured   */
	ebcdic_from_ascii(sysib + 44, g->name, 8);      /* its name     */
	put32(sysib + 52, CAF);
	ebcdic_from_ascii(sysib + 56, "ZCMM", 16);      /* hypervisor   */
}

/* S format: the SYSIB goes to the second-operand address (logical,
 * 4 KiB aligned). GR0: function code (bits 32-35), selector 1 (56-63);
 * GR1: selector 2 (48-63). */
int handle_stsi(struct guest *g)
{
	uint64_t r0 = guest_gpr(g, 0), r1 = guest_gpr(g, 1);
	unsigned fc = (r0 >> 28) & 0xf, sel1 = r0 & 0xff, sel2 = r1 & 0xffff;
	uint64_t addr = ginsn_s_addr(g);
	int pgm;

	if (g->sd.psw_mask & PSW_PROBLEM)
		return PGM_PRIVILEGED;
	if ((r0 & GR0_RESERVED) || (r1 & GR1_RESERVED))
		return PGM_SPECIFICATION;
	if (fc == 0) {
		guest_set_gpr(g, 0, (r0 & ~0xf0000000UL) | (uint64_t)STSI_LEVEL << 28);
		guest_set_cc(g, 0);
		return 0;
	}
	if (addr & 0xfff)
		return PGM_SPECIFICATION;
	for (unsigned i = 0; i < sizeof(sysib); i++)
		sysib[i] = 0;
	if (fc == 1 && sel1 == 1 && sel2 == 1)
		sysib_111(g);
	else if (fc == 2 && sel1 == 2 && sel2 == 2)
		sysib_222(g);
	else if (fc == 3 && sel1 == 2 && sel2 == 2)
		sysib_322(g);
	else {
		guest_set_cc(g, 3);
		return 0;
	}
	pgm = glog_write(g, addr, sysib, sizeof(sysib), &g->teid);
	if (pgm)
		return pgm;
	guest_set_cc(g, 0);
	return 0;
}
