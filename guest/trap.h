/* trap.h - the guest's interruption handlers: program checks (probe mode,
 * discard faults, fatal dumps) and the external-interruption dispatch.
 * entry.S calls the trap_* handlers with the class's lowcore save area. */
#ifndef GUEST_TRAP_H
#define GUEST_TRAP_H

#include <stdint.h>
#include "guest/lowcore.h"

#define PGM_OPERATION     0x0001
#define PGM_PRIVILEGED    0x0002
#define PGM_ADDRESSING    0x0005
#define PGM_SPECIFICATION 0x0006
#define PGM_DISCARD       0x001a
#define PGM_CODE_MASK     0x007f /* without the PER (0x80) and TX bits */

/* Probe mode: while armed, any program check is recorded and execution
 * resumes at .resume (set by the probing asm; see essa.c). */
struct trap_probe {
	volatile uint64_t armed;  /* 0x00 nonzero while probing           */
	volatile uint64_t resume; /* 0x08 where to continue after a check */
	volatile uint32_t code;   /* 0x10 the interruption code, 0 = none */
	uint32_t pad;             /* 0x14                                 */
	volatile uint64_t teid;   /* 0x18                                 */
};
_Static_assert(sizeof(struct trap_probe) == 0x20, "trap_probe size");
extern struct trap_probe trap_probe;

static inline void trap_probe_begin(void)
{
	trap_probe.code = 0;
	trap_probe.resume = 0;
	trap_probe.armed = 1;
}

/* Ends the probe; returns the program-interruption code (0: none). */
static inline uint32_t trap_probe_end(void)
{
	trap_probe.armed = 0;
	return trap_probe.code;
}

/* A discard-fault (0x1A) handler gets the page's absolute address; it
 * returns nonzero when it rebuilt the page (the access is retried). */
typedef int (*trap_discard_fn)(uint64_t page_addr);
void trap_set_discard_handler(trap_discard_fn fn);

struct trap_stats {
	uint64_t pgm;      /* program checks taken                       */
	uint64_t probes;   /* of which during a probe                    */
	uint64_t discards; /* discard faults                             */
	uint64_t ext;      /* external interruptions                     */
};
extern struct trap_stats trap_stats;

/* Prints the interruption, PSW and registers, then exits with status. */
__attribute__((noreturn))
void trap_fatal(const char *what, uint32_t code, const struct psw *old,
		const struct trap_regs *r, int status);

void trap_pgm(struct trap_regs *r);
void trap_ext(struct trap_regs *r);
void trap_svc(struct trap_regs *r);
void trap_mck(struct trap_regs *r);
void trap_io(struct trap_regs *r);
void trap_restart(struct trap_regs *r);

#endif
