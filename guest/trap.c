/* trap.c - what the guest does with each interruption: program checks are
 * recorded, absorbed by an armed probe or the discard-fault handler, or
 * fatal; external interruptions go to the timer; the rest are fatal. */
#include "guest/trap.h"
#include "guest/console.h"
#include "guest/hcall.h"
#include "guest/timer.h"

struct trap_probe trap_probe;
struct trap_stats trap_stats;
static trap_discard_fn discard_fn;
static int pgm_depth;

void trap_set_discard_handler(trap_discard_fn fn)
{
	discard_fn = fn;
}

void trap_fatal(const char *what, uint32_t code, const struct psw *old,
		const struct trap_regs *r, int status)
{
	struct lowcore *lc = lowcore();
	int i;

	con_flush();
	printf("FATAL %s code 0x%04x ilc %u teid 0x%016lx\n", what, code,
	       lc->pgm_ilc & 6u, (unsigned long)lc->teid);
	printf("PSW %016lx %016lx\n", (unsigned long)old->mask,
	       (unsigned long)old->addr);
	for (i = 0; i < 16; i += 4)
		printf("r%-2d %016lx %016lx %016lx %016lx\n", i,
		       (unsigned long)r->gpr[i], (unsigned long)r->gpr[i + 1],
		       (unsigned long)r->gpr[i + 2],
		       (unsigned long)r->gpr[i + 3]);
	con_flush();
	hc_exit(status);
}

void trap_pgm(struct trap_regs *r)
{
	struct lowcore *lc = lowcore();
	uint32_t code = lc->pgm_code;

	if (pgm_depth++) {
		/* a check in this handler: the save area is gone, stop */
		if (pgm_depth == 2)
			printf("FATAL nested program check code 0x%04x "
			       "at %016lx\n", code, (unsigned long)lc->pgm_old.addr);
		hc_exit(GS_NESTED);
	}
	trap_stats.pgm++;
	if (trap_probe.armed && trap_probe.resume) {
		trap_stats.probes++;
		trap_probe.code = code;
		trap_probe.teid = lc->teid;
		trap_probe.armed = 0;
		lc->pgm_old.addr = trap_probe.resume;
		pgm_depth--;
		return;
	}
	if ((code & PGM_CODE_MASK) == PGM_DISCARD) {
		trap_stats.discards++;
		if (discard_fn && discard_fn(lc->teid & ~0xfffULL)) {
			pgm_depth--;
			return; /* nullified: the access is retried */
		}
	}
	trap_fatal("program check", code, &lc->pgm_old, r, GS_TRAP);
}

void trap_ext(struct trap_regs *r)
{
	struct lowcore *lc = lowcore();

	trap_stats.ext++;
	if (lc->ext_code != 0x1004)
		trap_fatal("external interruption", lc->ext_code, &lc->ext_old,
			   r, GS_TRAP);
	timer_ckc_interrupt();
	/* leave the wait (if it was one) with external interruptions off */
	lc->ext_old.mask &= ~(PSW_MASK_WAIT | PSW_MASK_EXT);
}

void trap_svc(struct trap_regs *r)
{
	trap_fatal("SVC", lowcore()->svc_code, &lowcore()->svc_old, r, GS_TRAP);
}

void trap_mck(struct trap_regs *r)
{
	trap_fatal("machine check", (uint32_t)(lowcore()->mcck_code >> 32),
		   &lowcore()->mcck_old, r, GS_TRAP);
}

void trap_io(struct trap_regs *r)
{
	trap_fatal("I/O interruption", 0, &lowcore()->io_old, r, GS_TRAP);
}

void trap_restart(struct trap_regs *r)
{
	trap_fatal("restart", 0, &lowcore()->restart_old, r, GS_TRAP);
}
