/* css.c - the channel subsystem of a zcmm guest has no subchannels
 * (PoP ch. 14): the subchannel instructions answer "not operational"
 * (cc 3), TEST PENDING INTERRUPTION finds none (cc 0), STORE CHANNEL
 * REPORT WORD finds none (cc 1, zeros stored), CHSC is not available
 * (cc 3). All are privileged; the operand stores that can fail are
 * STCRW's. */
#include "host/gaccess.h"
#include "host/intercept.h"
#include "host/lowcore.h"

static int privileged(struct guest *g)
{
	return !!(g->sd.psw_mask & PSW_PROBLEM);
}

/* CSCH HSCH MSCH SSCH STSCH TSCH RSCH SAL SCHM RCHP XSCH CHSC */
int handle_css_none(struct guest *g)
{
	if (privileged(g))
		return PGM_PRIVILEGED;
	guest_set_cc(g, 3);
	return 0;
}

/* TPI: no interruption pending, nothing stored. */
int handle_tpi(struct guest *g)
{
	if (privileged(g))
		return PGM_PRIVILEGED;
	guest_set_cc(g, 0);
	return 0;
}

/* STCRW: the operand (a logical word) gets zeros, cc 1. */
int handle_stcrw(struct guest *g)
{
	uint64_t addr = ginsn_s_addr(g);
	uint32_t zero = 0;
	int pgm;

	if (privileged(g))
		return PGM_PRIVILEGED;
	if (addr & 3)
		return PGM_SPECIFICATION;
	pgm = glog_write(g, addr, &zero, sizeof(zero), &g->teid);
	if (pgm)
		return pgm;
	guest_set_cc(g, 1);
	return 0;
}
