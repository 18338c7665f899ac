/* pgmcheck.c - a test guest that takes the program interruptions the
 * machine hands to the host under SIE (interception code 8: addressing,
 * specification, special operation; protection without PROTEX) and
 * checks each as the architecture presents it: interruption code, ILC,
 * and where the old PSW points (past the instruction: these suppress or
 * terminate). Then it moves its prefix (SPX) and checks the next one
 * lands in the new prefix area, not in absolute 0-0x1fff. */
#include "tests/guests/tguest.h"

#define LC_WORD(a) (*(volatile uint32_t *)(a))
#define OLD_PSW_ADDR (*(volatile uint64_t *)0x158)
#define NEW_PREFIX 0x80000UL

struct hit {
	uint32_t word;      /* 0x8c: 0, ILC, code */
	uint64_t old, at, next;
};

/* Run one instruction with the resume PSW set past it; what the
 * program interruption stored (word 0 if none). */
#define TRAP(h, insn, ...) do {                                           \
	LC_WORD(0x8c) = 0;                                                \
	asm volatile("	larl	%%r1,1f\n"                                \
		     "	stg	%%r1,0x318\n"                             \
		     "	larl	%%r1,0f\n"                                \
		     "	stg	%%r1,%[at]\n"                             \
		     "	larl	%%r1,1f\n"                                \
		     "	stg	%%r1,%[nx]\n"                             \
		     "0:	" insn "\n"                               \
		     "1:\n"                                               \
		     : [at] "=Q"((h)->at), [nx] "=Q"((h)->next)           \
		     : __VA_ARGS__ : "r0", "r1", "r2", "r3", "memory", "cc"); \
	(h)->word = LC_WORD(0x8c);                                        \
	(h)->old = OLD_PSW_ADDR;                                          \
} while (0)

static void expect(const char *what, const struct hit *h, uint16_t code,
		   int ilc)
{
	char buf[80];

	fmt_snprintf(buf, sizeof(buf), "%s: interruption code", what);
	check((h->word & 0xffff) == code, buf, h->word & 0xffff, code);
	fmt_snprintf(buf, sizeof(buf), "%s: ILC", what);
	check(((h->word >> 16) & 0xff) == (unsigned)ilc, buf,
	      (h->word >> 16) & 0xff, (uint64_t)ilc);
	fmt_snprintf(buf, sizeof(buf), "%s: old PSW past the instruction", what);
	check(h->old == h->next, buf, h->old, h->next);
}

static void spx(uint32_t px)
{
	asm volatile("spx %0" : : "Q"(px) : "memory");
}

static uint32_t stpx(void)
{
	uint32_t px;

	asm volatile("stpx %0" : "=Q"(px));
	return px;
}

void guest_main(uint64_t mem)
{
	static uint64_t pair[4] __attribute__((aligned(16)));
	struct hit h;
	uint64_t beyond = mem + 8, c0 = cr0(), lap;

	tguest_init();

	TRAP(&h, "lg %%r0,0(%[a])", [a] "a"(beyond));
	expect("load beyond storage (addressing)", &h, 0x05, 6);
	TRAP(&h, "mvi 0(%[a]),1", [a] "a"(beyond));
	expect("store beyond storage (addressing)", &h, 0x05, 4);
	TRAP(&h, "cds %%r0,%%r2,0(%[a])", [a] "a"((uint64_t)pair + 4));
	expect("CDS on a word boundary (specification)", &h, 0x06, 4);
	TRAP(&h, "lpswe 0(%[a])", [a] "a"((uint64_t)pair + 4));
	expect("LPSWE operand not on a doubleword (specification)", &h, 0x06, 4);
	TRAP(&h, "sac 256", [a] "a"(0));
	expect("SAC with DAT off (special operation)", &h, 0x13, 4);
	/* low-address protection (CR0 bit 35), on only for the store */
	lap = c0 | 0x10000000UL;
	TRAP(&h, "lctlg 0,0,%[on]\n	mvi 0x100,0", [on] "Q"(lap));
	set_cr0(c0);
	expect("store under low-address protection (protection)", &h, 0x04, 4);

	/* a new prefix: the lowcore (new PSWs included) copied there */
	for (uint64_t i = 0; i < 0x2000; i += 8)
		*(volatile uint64_t *)(NEW_PREFIX + i) = *(volatile uint64_t *)i;
	spx(NEW_PREFIX);
	check(stpx() == NEW_PREFIX, "STPX returns the new prefix", stpx(),
	      NEW_PREFIX);
	/* real NEW_PREFIX + x is absolute x now: mark absolute 0x8c */
	LC_WORD(NEW_PREFIX + 0x8c) = 0x5a5a5a5a;
	TRAP(&h, "lg %%r0,0(%[a])", [a] "a"(beyond));
	expect("addressing with the prefix moved", &h, 0x05, 6);
	check(LC_WORD(NEW_PREFIX + 0x8c) == 0x5a5a5a5a,
	      "absolute 0x8c untouched with the prefix moved",
	      LC_WORD(NEW_PREFIX + 0x8c), 0x5a5a5a5a);
	spx(0);
	check(LC_WORD(NEW_PREFIX + 0x8c) == 0x00060005,
	      "the interruption code went to the new prefix area",
	      LC_WORD(NEW_PREFIX + 0x8c), 0x00060005);
	check(stpx() == 0, "STPX after SPX 0", stpx(), 0);
	say("pgmcheck done: %d failures", failures);
	tguest_exit();
}
