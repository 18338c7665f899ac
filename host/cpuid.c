/* cpuid.c - the guest's one CPU identifies itself: STORE CPU ID (STIDP,
 * B202) and STORE CPU ADDRESS (STAP, B212), PoP ch. 10. Both are
 * privileged, store to a logical operand, and need it aligned. */
#include "host/gaccess.h"
#include "host/intercept.h"
#include "host/lowcore.h"

#define MACHINE_TYPE 0x2817 /* what the machine underneath reports */

int handle_stidp(struct guest *g)
{
	uint64_t addr = ginsn_s_addr(g);
	/* version 0, CPU identification from the guest's place in the
	   fleet, machine type, format 0 */
	uint64_t id = (uint64_t)(g->index & 0xffffff) << 32 |
		      (uint64_t)MACHINE_TYPE << 16;

	if (g->sd.psw_mask & PSW_PROBLEM)
		return PGM_PRIVILEGED;
	if (addr & 7)
		return PGM_SPECIFICATION;
	return glog_write(g, addr, &id, sizeof(id), &g->teid);
}

int handle_stap(struct guest *g)
{
	uint64_t addr = ginsn_s_addr(g);
	uint16_t cpu = 0;

	if (g->sd.psw_mask & PSW_PROBLEM)
		return PGM_PRIVILEGED;
	if (addr & 1)
		return PGM_SPECIFICATION;
	return glog_write(g, addr, &cpu, sizeof(cpu), &g->teid);
}
