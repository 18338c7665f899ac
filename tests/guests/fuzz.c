/* fuzz.c - a hostile guest: for a while (its ms= argument) it executes
 * random instruction bytes and random hypercalls, one at a time, and
 * steps over whatever happens: every new PSW (program, external, SVC,
 * I/O, machine check) and the instruction's own end lead back to the
 * loop, with the lowcore and registers made sane again. All registers
 * point into a scratch area (its second MiB) before each instruction, so
 * stores land there, not on its code. It exits 0 with its counts; what
 * is tested is the host (no panic) and the guests beside it (they verify
 * every page). Needs mem=2M. */
#include <stdint.h>

#include "lib/fmt.h"

#define SCRATCH     0x180000UL   /* every register's value             */
#define SLOT        0x100000UL   /* the instruction under test         */
#define LC_GO       0x3e0UL      /* PSW to the slot                    */
#define LC_BACK     0x3f0UL      /* PSW back to resume                 */

asm(".section .text.start,\"ax\"\n"
    ".globl _start\n"
    "_start:\n"
    "resume:\n"                      /* every way back comes here */
    "	larl	%r15,stack_top\n"
    "	aghi	%r15,-160\n"
    "	larl	%r1,cr0_sane\n"
    "	lctlg	%c0,%c0,0(%r1)\n"
    "	brasl	%r14,fuzz_loop\n"
    "	j	resume\n"
    "exec:\n"                        /* r2: the register template */
    "	lmg	%r0,%r15,0(%r2)\n"
    "	lpswe	0x3e0\n"
    ".section .data\n"
    ".balign 8\n"
    "cr0_sane: .quad 0x00000000000400e0\n"
    ".section .bss\n"
    ".balign 8\n"
    ".space 16384\n"
    "stack_top:\n"
    ".text\n");

extern char resume[];
void exec(uint64_t *regs) __attribute__((noreturn));
void fuzz_loop(void);

static uint64_t regs[16] __attribute__((aligned(8)));
static uint64_t params[16] __attribute__((aligned(8)));
static uint64_t rng, end, iters, pgms, hcalls, started;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static uint64_t tod(void)
{
	uint64_t t;

	asm volatile("stck %0" : "=Q"(t) : : "cc");
	return t;
}

static uint64_t diag(uint64_t code, uint64_t a, uint64_t b)
{
	register uint64_t r2 asm("2") = a;
	register uint64_t r3 asm("3") = b;

	asm volatile("diag %0,%1,0(%2)" : "+d"(r2), "+d"(r3) : "a"(code)
		     : "memory", "cc");
	return r3;
}

static void say(const char *fmt, ...)
{
	char buf[200];
	__builtin_va_list ap;
	size_t n;

	__builtin_va_start(ap, fmt);
	n = fmt_vsnprintf(buf, sizeof(buf), fmt, ap);
	__builtin_va_end(ap);
	diag(0x400, (uint64_t)buf, n < sizeof(buf) ? n : sizeof(buf) - 1);
}

/* The new PSWs and the two PSWs of the slot, as they must be. */
static void lowcore_sane(void)
{
	static const uint64_t mask = 0x0000000180000000UL;
	volatile uint64_t *lc = 0;

	for (uint64_t a = 0x1b0; a < 0x200; a += 16) {
		lc[a / 8] = mask;
		lc[a / 8 + 1] = (uint64_t)resume;
	}
	lc[LC_GO / 8] = mask;
	lc[LC_GO / 8 + 1] = SLOT;
	lc[LC_BACK / 8] = mask;
	lc[LC_BACK / 8 + 1] = (uint64_t)resume;
}

static int length(uint8_t op)
{
	return op < 0x40 ? 2 : op < 0xc0 ? 4 : 6;
}

/* An instruction that would end this guest rather than test the host:
 * LPSW(E) and SSM (a wait PSW), SPX (the lowcore moves), SCK (its own
 * clock, which says when to stop), and any DIAG: its code is an
 * effective address, so with a base register a random one can be exit
 * (seed 983708 did); the hypercalls below fuzz DIAG instead. */
static int suicidal(const uint8_t *b)
{
	uint16_t op2 = (uint16_t)(b[0] << 8 | b[1]);

	return b[0] == 0x82 || b[0] == 0x80 || op2 == 0xb2b2 ||
	       op2 == 0xb210 || op2 == 0xb2b1 || op2 == 0xb204 ||
	       b[0] == 0x83;
}

/* Hypercalls zcmm offers, and a few it does not. */
static const uint16_t codes[] = {
	0x010, 0x044, 0x400, 0x408, 0x40c, 0x410, 0x418, 0x4f0, 0x4f4,
	0x000, 0x008, 0x250, 0x4fc, 0x500,
};

static uint64_t operand(void)
{
	switch (next() % 4) {
	case 0:
		return next();                          /* garbage         */
	case 1:
		return SCRATCH + (next() % 0x7f000);    /* in the scratch  */
	case 2:
		return (SCRATCH + (next() % 0x7f000)) & ~0xfffUL;
	default:
		return next() % 512;                    /* small numbers   */
	}
}

void fuzz_loop(void)
{
	uint8_t *slot = (uint8_t *)SLOT;
	int n;

	if (!started) {
		started = 1;
		diag(0x408, (uint64_t)params, sizeof(params));
		rng = params[6] | 1;                    /* its seed (0x30) */
		end = tod() + (params[10] ? params[10] : 2000) * 1000 * 4096;
	} else if (*(volatile uint16_t *)0x8e) {
		pgms++;
	}
	*(volatile uint32_t *)0x8c = 0;
	/* its time is up, or (should its clock misbehave) its count */
	if (tod() > end || iters + hcalls >= 100 * (params[10] ? params[10] : 2000)) {
		say("fuzz: %lu instructions, %lu hypercalls, %lu program "
		    "interruptions", iters, hcalls, pgms);
		diag(0x404, 0, 0);
	}
	lowcore_sane();
	for (int r = 0; r < 16; r++)
		regs[r] = SCRATCH;
	if (next() % 4 == 0) {          /* a hypercall with odd operands */
		int r1 = 1 + next() % 15, r3 = 1 + next() % 15;
		uint16_t code = codes[next() % (sizeof(codes) / sizeof(codes[0]))];

		if (code == 0x010) {     /* release: only scratch pages */
			regs[r1] = SCRATCH + (next() % 64) * 4096;
			regs[r3] = regs[r1] + (next() % 4) * 4096 + 4095;
		} else {
			regs[r1] = operand();
			regs[r3] = operand();
		}
		slot[0] = 0x83;
		slot[1] = (uint8_t)(r1 << 4 | r3);
		slot[2] = (uint8_t)(code >> 8);
		slot[3] = (uint8_t)code;
		n = 4;
		hcalls++;
	} else {
		do {
			uint64_t x = next();

			for (int i = 0; i < 6; i++)
				slot[i] = (uint8_t)(x >> (8 * i));
		} while (suicidal(slot));
		n = length(slot[0]);
		iters++;
	}
	/* then back: LPSWE 0x3f0 */
	slot[n] = 0xb2;
	slot[n + 1] = 0xb2;
	slot[n + 2] = 0x03;
	slot[n + 3] = 0xf0;
	exec(regs);
}
