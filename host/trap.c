/* trap.c - where every host interruption lands (from start.S): dispatch
 * to the registered handler, recover expected program checks through the
 * exception table, and panic on anything nobody claimed. */
#include <stdarg.h>

#include "host/console.h"
#include "host/sie.h"
#include "host/trap.h"
#include "zcmm/console.h"

static const char *const trap_names[TRAP_TYPES] = {
	"restart", "external", "supervisor call", "program",
	"machine check", "I/O",
};
static trap_handler_t handlers[TRAP_TYPES];
volatile uint64_t trap_count[TRAP_TYPES];
volatile uint16_t trap_fixup_code;
static int in_panic;

extern const struct extable_entry __extable_start[], __extable_end[];

void trap_register(enum trap_type type, trap_handler_t fn)
{
	handlers[type] = fn;
}

static volatile struct psw *old_psw(int type)
{
	return &(&LC->restart_old)[type];
}

/* A program check on an instruction listed in the exception table: the
 * old PSW points at it (nullified) or past it (suppressed, completed). */
static int extable_fixup(volatile struct psw *old)
{
	uint64_t ia = old->addr, len = LC->pgm_ilc & 0x06;

	for (const struct extable_entry *e = __extable_start;
	     e < __extable_end; e++) {
		if (e->insn == ia || e->insn == ia - len) {
			trap_fixup_code = LC->pgm_code;
			old->addr = e->fixup;
			return 1;
		}
	}
	return 0;
}

static void dump_regs(const uint64_t *gprs)
{
	for (int i = 0; i < 16; i += 4)
		kprintf("  r%-2d %016lx %016lx %016lx %016lx\n", i, gprs[i],
			gprs[i + 1], gprs[i + 2], gprs[i + 3]);
}

void trap(int type, uint64_t *gprs)
{
	volatile struct psw *old = old_psw(type);

	trap_count[type]++;
	if (type == TRAP_EXTERNAL || type == TRAP_IO)
		sie_interrupted(old);
	if (type == TRAP_PROGRAM && !in_panic && extable_fixup(old))
		return;
	if (handlers[type] && !in_panic && handlers[type](gprs, old)) {
		/* an interruption out of an enabled wait resumes disabled
		   after the wait instruction (see timer_wait()) */
		if (old->mask & PSW_WAIT)
			old->mask &= ~(PSW_WAIT | PSW_EXT | PSW_IO);
		return;
	}
	if (in_panic++) /* a fault while panicking: stop quietly */
		power_off(ZCMM_EXIT_PANIC);
	kprintf("panic: unexpected %s interruption", trap_names[type]);
	if (type == TRAP_PROGRAM)
		kprintf(", code 0x%04x, ilc %d, teid 0x%lx", LC->pgm_code,
			LC->pgm_ilc >> 1, LC->teid);
	if (type == TRAP_EXTERNAL)
		kprintf(", code 0x%04x", LC->ext_int_code);
	kprintf("\n  old PSW %016lx %016lx\n", old->mask, old->addr);
	dump_regs(gprs);
	power_off(ZCMM_EXIT_PANIC);
}

void panic(const char *fmt, ...)
{
	va_list ap;
	uint64_t gprs[16];

	asm volatile("stmg %%r0,%%r15,%0" : "=Q"(gprs));
	in_panic = 1;
	kprintf("panic: ");
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
	kprintf("\n");
	dump_regs(gprs);
	power_off(ZCMM_EXIT_PANIC);
}
