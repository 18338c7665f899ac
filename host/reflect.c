/* reflect.c - delivering a program interruption into a guest the way the
 * machine would (Principles of Operation, "Program Interruption"): code
 * and ILC at 0x8c, TEID at 0xa8, old PSW at 0x150, new PSW from 0x1d0. */
#include "host/intercept.h"
#include "host/lowcore.h"

void guest_program_interrupt(struct guest *g, uint16_t code, int ilen,
			     uint64_t teid)
{
	uint32_t word = (uint32_t)(ilen & 6) << 16 | code;
	struct psw old = { g->sd.psw_mask, g->sd.psw_addr }, new;

	g->st.pgm_reflected++;
	/* the lowcore pages are always resident (see guest_create) */
	gmem_write(g, 0x8c, &word, sizeof(word));
	if (code == PGM_DISCARD_FAULT || (code >= 0x10 && code <= 0x11))
		gmem_write(g, 0xa8, &teid, sizeof(teid));
	gmem_write(g, 0x150, &old, sizeof(old));
	gmem_read(g, 0x1d0, &new, sizeof(new));
	if (!new.mask && !new.addr) {
		guest_stop(g, GUEST_STATUS_KILLED,
			   "program interruption with no program new PSW");
		return;
	}
	g->sd.psw_mask = new.mask;
	g->sd.psw_addr = new.addr;
}
