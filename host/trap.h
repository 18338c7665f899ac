/* trap.h - the host's interruption handling: handlers by type, recovery
 * from expected program checks (the exception table), and panic(). */
#ifndef ZCMM_TRAP_H
#define ZCMM_TRAP_H

#include <stdint.h>

#include "host/lowcore.h"

enum trap_type {        /* the order of the old/new PSWs in the lowcore */
	TRAP_RESTART, TRAP_EXTERNAL, TRAP_SVC, TRAP_PROGRAM, TRAP_MCHECK,
	TRAP_IO, TRAP_TYPES
};

/* A handler gets the interrupted GPRs and old PSW (both may be changed
 * and are reloaded on return) and returns 1 if it dealt with it. */
typedef int (*trap_handler_t)(uint64_t *gprs, volatile struct psw *old);

void trap_register(enum trap_type type, trap_handler_t fn);
void trap(int type, uint64_t *gprs);

/* Exception table: an instruction allowed to program-check, and where to
 * resume if it does. EX_TABLE(insn_label, fixup_label) in inline asm. */
struct extable_entry {
	uint64_t insn, fixup;
};
#define EX_TABLE(insn, fixup)                         \
	".pushsection .extable,\"a\"\n"               \
	".balign 8\n"                                 \
	".quad " #insn ", " #fixup "\n"               \
	".popsection\n"

/* Last program interruption taken through the exception table. */
extern volatile uint16_t trap_fixup_code;
extern volatile uint64_t trap_count[TRAP_TYPES];

void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

#endif
