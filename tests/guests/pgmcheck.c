/* pgmcheck.c - a test guest that takes the program interruptions the
 * machine hands to the host under SIE (interception code 8: addressing,
 * specification, special operation; protection without PROTEX) and
 * checks each as the architecture presents it: interruption code, ILC,
 * and where the old PSW points (past the instruction: these suppress or
 * terminate; at the target for an instruction fetch past storage or an
 * invalid PSW that LPSWE loaded). Then it moves its prefix (SPX) and
 * checks the next one lands in the new prefix area, not in absolute
 * 0-0x1fff. */
#include "tests/guests/tguest.h"

#define LC_WORD(a) (*(volatile uint32_t *)(a))
#define OLD_PSW_ADDR (*(volatile uint64_t *)0x158)
#define NEW_PREFIX 0x80000UL
#define PSW_DAT (1UL << 58)     /* PSW bit 5 */

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

/* An exception recognized at the address the guest went to: the code,
 * and the old PSW there; for an instruction fetch that fails, the ILC
 * is 2, 4 or 6 and the old PSW the fetch address advanced by it (what
 * the machine presented to the host is what the guest must see). */
static void expect_at(const char *what, const struct hit *h, uint16_t code,
		      uint64_t at, int fetch)
{
	char buf[80];
	uint64_t ilc = (h->word >> 16) & 0xff;

	fmt_snprintf(buf, sizeof(buf), "%s: interruption code", what);
	check((h->word & 0xffff) == code, buf, h->word & 0xffff, code);
	if (fetch) {
		fmt_snprintf(buf, sizeof(buf), "%s: ILC 2, 4 or 6", what);
		check(ilc == 2 || ilc == 4 || ilc == 6, buf, ilc, 6);
	}
	fmt_snprintf(buf, sizeof(buf), "%s: old PSW at 0x%lx + ILC", what, at);
	check(h->old == at + (fetch ? ilc : 0), buf, h->old, at + ilc);
}

void guest_main(uint64_t mem)
{
	static uint64_t pair[4] __attribute__((aligned(16)));
	struct hit h;
	uint64_t beyond = mem + 8, c0 = cr0(), lap, asce;

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
	/* PoP "Program Call": special operation with DAT off */
	TRAP(&h, "pc 0", [a] "a"(0));
	expect("PC with DAT off (special operation)", &h, 0x13, 4);
	/* MVCL (interruptible): the first byte stored past storage */
	TRAP(&h, "lgr %%r0,%[d]\n	lghi %%r1,16\n	lgr %%r2,%[s]\n"
	     "	lghi %%r3,16\n	mvcl %%r0,%%r2", [d] "a"(beyond),
	     [s] "a"((uint64_t)pair));
	expect("MVCL storing past storage (addressing)", &h, 0x05, 2);
	/* a branch past storage: the fetch there fails, the old PSW names
	   it (PoP: instruction fetch, the instruction nullified) */
	TRAP(&h, "br %[a]", [a] "a"(mem + 0x1000));
	expect_at("branch past storage (addressing on fetch)", &h, 0x05,
		  mem + 0x1000, 1);
	/* an invalid PSW loaded by LPSWE (bit 12 on): an early exception,
	   the old PSW the loaded one */
	pair[0] = 0x0008000180000000UL;
	pair[1] = 0x10000;
	TRAP(&h, "lpswe 0(%[a])", [a] "a"((uint64_t)pair));
	expect_at("LPSWE of a PSW with bit 12 on (specification)", &h, 0x06,
		  0x10000, 0);
	/* DAT on with a segment table past storage: the table fetch for
	   the next instruction fails (addressing on the fetch, as the
	   branch's), the old PSW with DAT on */
	asce = ((mem + 0x10000) & ~0xfffUL) | 3;
	TRAP(&h, "lctlg 1,1,%[asce]\n	stosm 0(%[a]),0x04\n2:	nopr 0",
	     [asce] "Q"(asce), [a] "a"((uint64_t)pair));
	expect_at("DAT tables past storage (addressing on fetch)", &h, 0x05,
		  h.next - 2, 1);
	check((*(volatile uint64_t *)0x150 & PSW_DAT) != 0, "DAT tables past "
	      "storage: DAT on in the old PSW", *(volatile uint64_t *)0x150, 0);
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
