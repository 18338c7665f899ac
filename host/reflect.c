/* reflect.c - program interruptions into a guest the way the machine
 * presents them (PoP ch. 6, "Program Interruption"), in the guest's
 * prefix area: code and ILC at 0x8c, exception data, old PSW at 0x150,
 * new PSW from 0x1d0. Both the host's own (a hypercall's operand, a
 * host fault) and those Hercules intercepts (code 8) go through here. */
#include "host/gaccess.h"
#include "host/intercept.h"
#include "host/lowcore.h"

#define PGM_PER_EVENT 0x80 /* in the code: a PER event comes with it */

/* Codes that store a TEID and the exception access id (z/Architecture
 * with suppression on protection): protection, the DAT exceptions,
 * zcmm's discard fault. */
static int has_teid(uint16_t code)
{
	code &= ~PGM_PER_EVENT;
	return code == 0x04 || code == 0x10 || code == 0x11 ||
	       (code >= 0x38 && code <= 0x3b) || code == PGM_DISCARD_FAULT;
}

/* Store the old PSW, load the new one: 0, or -1 when the guest has no
 * program new PSW (it is stopped: the interruption would loop). */
static int swap_psw(struct guest *g, uint64_t old_at, uint64_t new_at)
{
	struct psw old = { g->sd.psw_mask, g->sd.psw_addr }, new;

	if (greal_write(g, old_at, &old, sizeof(old)) ||
	    greal_read(g, new_at, &new, sizeof(new)))
		return -1;
	if (!new.mask && !new.addr)
		return -1;
	g->sd.psw_mask = new.mask;
	g->sd.psw_addr = new.addr;
	return 0;
}

void guest_program_interrupt(struct guest *g, uint16_t code, int ilen,
			     uint64_t teid)
{
	uint32_t word = (uint32_t)(ilen & 6) << 16 | code;
	uint8_t access_id = 0;

	g->st.pgm_reflected++;
	greal_write(g, 0x8c, &word, sizeof(word));
	if (has_teid(code)) {
		greal_write(g, 0xa0, &access_id, 1);
		greal_write(g, 0xa8, &teid, sizeof(teid));
	}
	if (swap_psw(g, 0x150, 0x1d0))
		guest_stop(g, GUEST_STATUS_KILLED,
			   "program interruption with no program new PSW");
}

/* DAT exceptions and the discard fault nullify: the old PSW points at
 * the instruction (a hypercall whose operand was discarded runs again
 * once the guest rebuilt the page, as DIAG 0x410 does). */
static int nullifying(int pgm)
{
	return pgm == 0x10 || pgm == 0x11 || (pgm >= 0x38 && pgm <= 0x3b) ||
	       pgm == PGM_DISCARD_FAULT;
}

void guest_program_interrupt_insn(struct guest *g, int pgm)
{
	int ilen = g->icpt_ilen;

	if (nullifying(pgm))
		icpt_nullify(g);
	guest_program_interrupt(g, (uint16_t)pgm, ilen, g->teid);
	g->teid = 0;
}

/* Interception code 8: a program interruption the machine did not
 * present itself (addressing, specification, special operation,
 * protection without PROTEX ...). Hercules left the interruption data
 * in the descriptor's copy of the prefix area (sd.ip = lowcore 0x80)
 * and the PSW as the old PSW: already backed up for a nullifying
 * exception, past the instruction for a suppressing or terminating
 * one. Present exactly that. */
int handle_program_interruption(struct guest *g)
{
	const uint8_t *ip = g->sd.ip;
	uint16_t code = (uint16_t)(ip[0x0e] << 8 | ip[0x0f]);

	g->st.pgm_reflected++;
	greal_write(g, 0x8c, ip + 0x0c, 4);        /* 0x8c: ILC, code     */
	if ((code & ~PGM_PER_EVENT) == 0x07)
		greal_write(g, 0x90, ip + 0x10, 4); /* data-exception code */
	if (code & PGM_PER_EVENT) {
		greal_write(g, 0x96, ip + 0x16, 10); /* PER code, address  */
		greal_write(g, 0xa1, ip + 0x21, 1);  /* PER access id      */
	}
	if (has_teid(code)) {
		greal_write(g, 0xa0, ip + 0x20, 1);  /* exception access id */
		greal_write(g, 0xa8, ip + 0x28, 8);  /* TEID               */
	}
	if (swap_psw(g, 0x150, 0x1d0))
		guest_stop(g, GUEST_STATUS_KILLED,
			   "program interruption with no program new PSW");
	return 0;
}
