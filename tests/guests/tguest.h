/* tguest.h - what the small C test guests share, header only (each C
 * file in tests/guests is a guest of its own): the start-up code, a program-
 * check handler that records the code and TEID and resumes where the test
 * said (the PSW at 0x310), hypercalls, and PASS/FAIL lines. The guest
 * defines guest_main() (r2: its storage size); failures counts FAILs. */
#ifndef ZCMM_TGUEST_H
#define ZCMM_TGUEST_H

#include <stdarg.h>
#include <stdint.h>

#include "lib/fmt.h"

asm(".section .text.start,\"ax\"\n"
    ".globl _start\n"
    "_start:\n"
    "	larl	%r15,stack_top\n"
    "	aghi	%r15,-160\n"
    "	brasl	%r14,guest_main\n"
    "	j	.\n"
    "pgm_handler:\n"                 /* record, resume at 0x310's PSW */
    "	mvc	0x300(2,%r0),0x8e\n"
    "	mvc	0x308(8,%r0),0xa8\n"
    "	lpswe	0x310\n"
    ".section .bss\n"
    ".balign 8\n"
    ".space 16384\n"
    "stack_top:\n"
    ".text\n");

#define PAGE 4096UL
#define LC_PGM_CODE  (*(volatile uint16_t *)0x300)
#define LC_PGM_TEID  (*(volatile uint64_t *)0x308)

static int failures;

#define DIAG(code, a, b) ({                                               \
	register uint64_t r2_ asm("2") = (a);                             \
	register uint64_t r3_ asm("3") = (b);                             \
	asm volatile("diag %0,%1," #code : "+d"(r2_), "+d"(r3_)           \
		     : : "memory", "cc");                                 \
	r3_; })

/* The program new PSW to the handler, and the resume PSW's mask. */
static inline void tguest_init(void)
{
	extern char pgm_handler[];

	*(volatile uint64_t *)0x1d0 = 0x0000000180000000UL;
	*(volatile uint64_t *)0x1d8 = (uint64_t)pgm_handler;
	*(volatile uint64_t *)0x310 = 0x0000000180000000UL;
}

/* Control register 0 (interruption subclass masks among others). */
static inline uint64_t cr0(void)
{
	uint64_t v;

	asm volatile("stctg 0,0,%0" : "=Q"(v));
	return v;
}

static inline void set_cr0(uint64_t v)
{
	asm volatile("lctlg 0,0,%0" : : "Q"(v));
}

static inline void say(const char *fmt, ...)
{
	char buf[200];
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	DIAG(0x400, (uint64_t)buf, n < sizeof(buf) ? n : sizeof(buf) - 1);
}

static inline void check(int ok, const char *what, uint64_t got,
			 uint64_t want)
{
	if (ok) {
		say("PASS: %s", what);
	} else {
		failures++;
		say("FAIL: %s: got 0x%lx, want 0x%lx", what, got, want);
	}
}

/* Exit with the number of failures (at most 255). */
static inline void tguest_exit(void)
{
	DIAG(0x404, (uint64_t)(failures > 255 ? 255 : failures), 0);
}

#endif
