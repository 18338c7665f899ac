/* css.c - the I/O instructions (PoP ch. 14), subchannel enumeration and
 * enabling, and the host's I/O-interruption handler: TSCH the subchannel
 * the interruption names and pass the IRB to the driver. */
#include "host/io/css.h"
#include "host/lowcore.h"
#include "host/trap.h"

struct css_stats css_stats;
static css_irq_fn irq_fn;

/* Every I/O instruction takes the subsystem-identification word in GR1
 * and sets the condition code; ipm/srl turn it into 0-3. */
#define IO_INSN(insn, op, ...)                                        \
	({                                                            \
		register uint32_t r1 asm("1") = schid;                \
		int cc;                                               \
		asm volatile(insn " %[o]\n ipm %[cc]\n srl %[cc],28"  \
			     : [cc] "=d"(cc), ##__VA_ARGS__           \
			     : "d"(r1), [o] "Q"(op) : "cc", "memory"); \
		cc;                                                   \
	})

/* STORE SUBCHANNEL: cc 3 = no such subchannel (PoP 14). */
int css_stsch(uint32_t schid, struct schib *s)
{
	return IO_INSN("stsch", *s);
}

/* MODIFY SUBCHANNEL: cc 1 status pending, 2 busy, 3 not operational. */
int css_msch(uint32_t schid, struct schib *s)
{
	return IO_INSN("msch", *s);
}

/* START SUBCHANNEL: cc 0 started, 1 status pending, 2 busy, 3 n.o. */
int css_ssch(uint32_t schid, struct orb *o)
{
	return IO_INSN("ssch", *o);
}

/* TEST SUBCHANNEL: cc 0 status was pending (IRB stored, status and the
 * pending interruption cleared), 1 not pending, 3 not operational. */
int css_tsch(uint32_t schid, struct irb *i)
{
	return IO_INSN("tsch", *i);
}

int css_hsch(uint32_t schid)
{
	register uint32_t r1 asm("1") = schid;
	int cc;

	asm volatile("hsch\n ipm %0\n srl %0,28"
		     : "=d"(cc) : "d"(r1) : "cc", "memory");
	return cc;
}

int css_csch(uint32_t schid)
{
	register uint32_t r1 asm("1") = schid;
	int cc;

	asm volatile("csch\n ipm %0\n srl %0,28"
		     : "=d"(cc) : "d"(r1) : "cc", "memory");
	return cc;
}

/* Hercules numbers subchannels 0, 1, ... in the order devices are
 * defined, so the first cc 3 ends the walk. */
unsigned css_enumerate(void (*fn)(uint32_t schid, const struct schib *s))
{
	static struct schib s;
	unsigned n = 0;

	for (unsigned i = 0; i < CSS_MAX_SCH; i++) {
		if (css_stsch(SCHID(i), &s) == 3)
			break;
		if (!(s.pmcw.flag5 & PMCW5_V))
			continue;
		fn(SCHID(i), &s);
		n++;
	}
	return n;
}

/* MSCH refuses (cc 1) while status is pending: clear it with TSCH and
 * try again; cc 2 (busy) cannot last on an idle subchannel. */
static int modify(uint32_t schid, uint8_t set5, uint32_t intparm)
{
	static struct schib s;
	static struct irb irb;

	for (int tries = 0; tries < 8; tries++) {
		if (css_stsch(schid, &s) != 0)
			return 3;
		s.pmcw.flag5 = (uint8_t)((s.pmcw.flag5 & ~PMCW5_E) | set5);
		s.pmcw.flag4 = (uint8_t)((s.pmcw.flag4 & ~PMCW4_ISC_MASK) |
					 PMCW4_ISC(IO_ISC));
		s.pmcw.intparm = intparm;
		s.pmcw.flag27 = 0;     /* no concurrent sense: we SENSE */
		switch (css_msch(schid, &s)) {
		case 0:
			if (css_stsch(schid, &s) != 0)
				return 3;
			return (s.pmcw.flag5 & PMCW5_E) == set5 ? 0 : -1;
		case 1:
			css_stats.cc1_retries++;
			css_tsch(schid, &irb);
			break;
		case 3:
			return 3;
		}
	}
	return 2;
}

int css_enable(uint32_t schid, uint32_t intparm)
{
	return modify(schid, PMCW5_E, intparm);
}

int css_disable(uint32_t schid)
{
	return modify(schid, 0, 0);
}

/* An I/O interruption (PoP 6, "I/O Interruption"): the lowcore holds
 * the subsystem-identification word (0xB8) and the interruption
 * parameter (0xBC). TSCH fetches the status and clears it. */
static int css_io_interrupt(uint64_t *gprs, volatile struct psw *old)
{
	static struct irb irb;
	uint32_t schid = LC->subchannel_id, parm = LC->io_int_parm;

	css_stats.interrupts++;
	switch (css_tsch(schid, &irb)) {
	case 0:
		irq_fn(schid, parm, &irb);
		break;
	case 1:
		css_stats.spurious++;  /* already cleared by someone's TSCH */
		break;
	default:
		css_stats.gone++;
		irq_fn(schid, parm, 0);
	}
	return 1;
}

void css_init(css_irq_fn fn)
{
	uint64_t cr6;

	irq_fn = fn;
	trap_register(TRAP_IO, css_io_interrupt);
	/* CR6 bits 32-39: I/O-interruption subclass mask (PoP 6) */
	asm volatile("stctg 6,6,%0" : "=Q"(cr6));
	cr6 |= 0x80000000UL >> IO_ISC;
	asm volatile("lctlg 6,6,%0" : : "Q"(cr6));
}
