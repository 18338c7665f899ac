/* intercept.h - handling a guest's interceptions. Every handler has the
 * same shape and the same return convention: 0 when done (the guest goes
 * on, or its state says why not), else a program interruption code that
 * the dispatcher reflects to the guest. */
#ifndef ZCMM_INTERCEPT_H
#define ZCMM_INTERCEPT_H

#include <stdint.h>

#include "host/guest.h"
#include "host/pgm.h"

typedef int (*icpt_handler_t)(struct guest *g);

/* Deal with the interception the last SIE exit reported. */
void intercept_handle(struct guest *g);
/* Present a program interruption to the guest (its lowcore, new PSW).
 * ilen: length of the instruction the old PSW points past (0 if none). */
void guest_program_interrupt(struct guest *g, uint16_t code, int ilen,
			     uint64_t teid);
/* Instruction length from the first opcode byte. */
static inline int insn_length(uint8_t op)
{
	return op < 0x40 ? 2 : op < 0xc0 ? 4 : 6;
}

/* The length the guest PSW counts for the intercepted instruction: its
 * own, or its EXECUTE's when it was the target of one (host/execute.c,
 * which also recovers a target Hercules did not store). intercept_handle
 * keeps it in g->icpt_ilen for the handlers; a handler that nullifies
 * (the instruction must run again) backs the PSW up with icpt_nullify. */
int icpt_execute(struct guest *g);
static inline void icpt_nullify(struct guest *g)
{
	g->sd.psw_addr -= g->icpt_ilen;
}

/* Handlers by instruction, one per file of the mechanism they serve. */
int handle_diag(struct guest *g);
int handle_essa(struct guest *g);
int hcall_test(struct guest *g, int r1, int r3);
/* What a Linux guest needs of the machine (docs/linux.md) */
int handle_servc(struct guest *g);       /* sclp.c     */
int handle_sigp(struct guest *g);        /* sigp.c     */
int handle_stsi(struct guest *g);        /* stsi.c     */
int handle_stfl(struct guest *g);        /* facility.c */
int handle_stfle(struct guest *g);
int handle_stidp(struct guest *g);       /* cpuid.c    */
int handle_stap(struct guest *g);
int handle_spx(struct guest *g);         /* prefix.c   */
int handle_stpx(struct guest *g);
int handle_css_none(struct guest *g);    /* css.c      */
int handle_tpi(struct guest *g);
int handle_stcrw(struct guest *g);
/* Interception code 8 (reflect.c) */
int handle_program_interruption(struct guest *g);
/* After an intercepted instruction's handler returned pgm: present it,
 * the PSW backed up over the instruction for a nullifying exception
 * (reflect.c) */
void guest_program_interrupt_insn(struct guest *g, int pgm);

#endif
