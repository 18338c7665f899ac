/* sie.c - what the host does when one of its own interruptions arrives
 * while a guest runs: the old PSW then points at the SIE instruction
 * (Hercules backs it up so SIE resumes); we redirect it to sie_exit so
 * the run loop, not the interruption handler, deals with the cause. */
#include "host/lowcore.h"
#include "host/sie.h"
#include "host/trap.h"

extern char sie_insn[], sie_exit[];

volatile enum sie_exit_reason sie_exit_reason;
volatile uint64_t sie_fault_addr;
volatile uint16_t sie_fault_code;

static int in_sie(volatile struct psw *old)
{
	return old->addr == (uint64_t)sie_insn;
}

/* Translation and protection exceptions on guest storage (host DAT)
 * during SIE. */
static int sie_program(uint64_t *gprs, volatile struct psw *old)
{
	uint16_t code = LC->pgm_code & 0x7f;

	if (!in_sie(old))
		return 0;
	/* 0x04: a store into a write-protected (shared) page; Hercules
	   gives the guest's address in the TEID, not the host's */
	if (code != 0x04 && code != 0x10 && code != 0x11 &&
	    (code < 0x38 || code > 0x3b))
		return 0;
	sie_exit_reason = SIE_EXIT_HOST_FAULT;
	sie_fault_addr = LC->teid & ~0xfffUL;
	sie_fault_code = code;
	old->addr = (uint64_t)sie_exit;
	return 1;
}

/* Called by trap() for every external and I/O interruption. */
void sie_interrupted(volatile struct psw *old)
{
	if (in_sie(old)) {
		sie_exit_reason = SIE_EXIT_INTERRUPT;
		old->addr = (uint64_t)sie_exit;
	}
}

void sie_init(void)
{
	trap_register(TRAP_PROGRAM, sie_program);
}
