/* essa.c - a test guest that walks every ESSA operation (codes 0-7) over
 * every page state (Sr Sp Sz Ur Uz Vr Vz Pr) and checks, from inside the
 * guest, the value ESSA returns, the state that follows and what a touch
 * then does (discard fault, addressing exception, the data kept or gone).
 * The expectations are the architecture's, written out here on their own.
 * It needs a run with --test-hooks (DIAG 0x4F0) and paging volumes. */
#include "tests/guests/tguest.h"

enum { Sr, Sp, Sz, Ur, Uz, Vr, Vz, Pr, NSTATES };
static const char *const names[NSTATES] = {
	"Sr", "Sp", "Sz", "Ur", "Uz", "Vr", "Vz", "Pr" };
/* r1 encoding: usage (S 0, U 1, P 2, V 3) << 2 | content (r 0, p 2, z 3) */
static const uint8_t enc[NSTATES] = {
	0x00, 0x02, 0x03, 0x04, 0x07, 0x0c, 0x0f, 0x08 };
/* state after operation 1..6 on a clean page; extract (0) changes
 * nothing, 7 (no-DAT, facility not offered) is a specification exception */
static const uint8_t after[NSTATES][7] = {
	/*        -  stable unused volatile potvol resident ifresident */
	[Sr] = { Sr, Sr, Ur, Vr, Pr, Sr, Sr },
	[Sp] = { Sp, Sp, Uz, Vz, Vz, Sr, Sp },   /* clean Sp: P drops it */
	[Sz] = { Sz, Sz, Uz, Vz, Vz, Sr, Sz },
	[Ur] = { Ur, Sr, Ur, Vr, Pr, Sr, Sr },
	[Uz] = { Uz, Sz, Uz, Vz, Vz, Sr, Uz },
	[Vr] = { Vr, Sr, Ur, Vr, Pr, Sr, Sr },
	[Vz] = { Vz, Sz, Uz, Vz, Vz, Sr, Vz },
	[Pr] = { Pr, Sr, Ur, Vr, Pr, Sr, Sr },
};

#define ESSA(op, addr) ({                                                 \
	uint64_t r1_;                                                     \
	asm volatile(".insn rrf,0xb9ab0000,%0,%1," #op ",0"               \
		     : "=&d"(r1_) : "d"(addr) : "memory");                \
	(uint8_t)r1_; })

/* Touch a byte (write when val >= 0); returns the program interruption
 * code it raised, 0 if none. *out gets the byte read. */
static int touch(uint64_t addr, int val, uint8_t *out)
{
	uint8_t v = 0;

	LC_PGM_CODE = 0;
	asm volatile("	larl	%%r1,1f\n"
		     "	stg	%%r1,0x318\n"
		     "	ltr	%2,%2\n"
		     "	jl	0f\n"
		     "	stc	%2,0(%1)\n"
		     "0:	ic	%0,0(%1)\n"
		     "1:\n"
		     : "+d"(v) : "a"(addr), "d"(val) : "r1", "memory", "cc");
	if (out)
		*out = v;
	return LC_PGM_CODE;
}

/* The old PSW's address of the program interruption the access (a read
 * of addr) raised, and the address just past the instruction. */
static int read_psw(uint64_t addr, uint64_t *old, uint64_t *next)
{
	uint64_t n;
	uint8_t v;

	LC_PGM_CODE = 0;
	asm volatile("	larl	%%r1,1f\n"
		     "	stg	%%r1,0x318\n"
		     "	lgr	%1,%%r1\n"
		     "	ic	%0,0(%2)\n"
		     "1:\n" : "=&d"(v), "=&d"(n) : "a"(addr) : "r1", "memory",
		     "cc");
	*next = n;
	*old = *(volatile uint64_t *)0x158;
	return LC_PGM_CODE;
}

/* A console write (DIAG 0x400) of the text at addr: the program
 * interruption code, the old PSW's address and the DIAG's own address. */
static int console_psw(uint64_t addr, uint64_t *old, uint64_t *at)
{
	register uint64_t r2 asm("2") = addr;
	register uint64_t r3 asm("3") = 4;
	uint64_t a;

	LC_PGM_CODE = 0;
	asm volatile("	larl	%%r1,1f\n"
		     "	stg	%%r1,0x318\n"
		     "	larl	%0,0f\n"
		     "0:	diag	%1,%2,0x400\n"
		     "1:\n" : "=&d"(a), "+d"(r2), "+d"(r3) : : "r1", "memory",
		     "cc");
	*at = a;
	*old = *(volatile uint64_t *)0x158;
	return LC_PGM_CODE;
}

static uint64_t page_addr(int i)
{
	return 0x40000 + (uint64_t)i * PAGE; /* above this guest's image */
}

/* Put page p into state st; its content byte is mark (if resident). */
static int setup(uint64_t p, int st, uint8_t mark)
{
	DIAG(0x10, p, p + PAGE - 1);                 /* back to Sz */
	if (st == Sz)
		return 0;
	touch(p, mark, 0);                           /* Sr, dirty  */
	switch (st) {
	case Sp:                                     /* clean: P resets the
							change bit, S keeps it */
		ESSA(4, p);
		ESSA(1, p);
		return (int)DIAG(0x4f0, p, 2);       /* page out   */
	case Ur: ESSA(2, p); return 0;
	case Uz: ESSA(2, p); return (int)DIAG(0x4f0, p, 1);
	case Vr: ESSA(3, p); return 0;
	case Vz: ESSA(3, p); return (int)DIAG(0x4f0, p, 1);
	case Pr: ESSA(4, p); return 0;               /* clean now  */
	}
	return 0;
}

static uint8_t essa_op(int op, uint64_t p)
{
	switch (op) {
	case 0: return ESSA(0, p);
	case 1: return ESSA(1, p);
	case 2: return ESSA(2, p);
	case 3: return ESSA(3, p);
	case 4: return ESSA(4, p);
	case 5: return ESSA(5, p);
	case 6: return ESSA(6, p);
	}
	return 0xff;
}

static void walk_cells(void)
{
	char what[80];
	int n = 0;

	for (int st = 0; st < NSTATES; st++) {
		for (int op = 0; op < 7; op++, n++) {
			uint64_t p = page_addr(n % 64);
			uint8_t mark = (uint8_t)(0x40 + n), r1, now, byte;
			int want = after[st][op];

			fmt_snprintf(what, sizeof(what), "%s: set up", names[st]);
			if (setup(p, st, mark) || ESSA(0, p) != enc[st]) {
				check(0, what, ESSA(0, p), enc[st]);
				continue;
			}
			r1 = essa_op(op, p);
			fmt_snprintf(what, sizeof(what),
				     "%s op %d: r1 is the state before", names[st], op);
			check(r1 == enc[st], what, r1, enc[st]);
			now = ESSA(0, p);
			fmt_snprintf(what, sizeof(what), "%s op %d -> %s",
				     names[st], op, names[want]);
			check(now == enc[want], what, now, enc[want]);
			/* content: resident afterwards means the data is the
			   guest's own, unless the page was logically zero */
			if (want == Sr || want == Ur || want == Vr || want == Pr) {
				int zero = st == Sz || st == Uz || st == Vz;

				touch(p, -1, &byte);
				fmt_snprintf(what, sizeof(what), "%s op %d: %s",
					     names[st], op, zero ? "reads zero"
					     : "keeps its data");
				check(byte == (zero ? 0 : mark), what, byte,
				      zero ? 0 : mark);
			}
		}
	}
}

static void walk_touches(void)
{
	uint64_t p = page_addr(0);
	uint8_t byte;
	int code;

	/* a discarded volatile page: discard fault with its address */
	setup(p, Vz, 0x77);
	code = touch(p + 8, -1, 0);
	check(code == 0x1a, "touching Vz gives a discard fault", code, 0x1a);
	check(LC_PGM_TEID == p, "the fault names the page", LC_PGM_TEID, p);
	check(ESSA(0, p) == enc[Vz], "the page stays discarded", ESSA(0, p),
	      enc[Vz]);
	/* recovery: set stable says the content is gone; rebuild it */
	check(ESSA(1, p) == enc[Vz], "set stable reports the discard",
	      ESSA(0, p), enc[Vz]);
	touch(p, 0x78, 0);
	touch(p, -1, &byte);
	check(byte == 0x78, "the rebuilt page holds the new data", byte, 0x78);
	/* an unused page that the host reclaimed: addressing exception */
	setup(p, Uz, 0x79);
	code = touch(p, -1, 0);
	check(code == 0x05, "touching Uz gives an addressing exception", code, 5);
	{
		uint64_t old, next;

		read_psw(p, &old, &next);
		check(old == next, "addressing exception: the old PSW points "
		      "past the instruction (suppression), as for DIAG 0x410",
		      old, next);
	}
	/* a hypercall's operand in a discarded page: a discard fault that
	   nullifies it (the guest rebuilds the page and the call runs) */
	setup(p, Vz, 0x41);
	{
		uint64_t old, at;

		code = console_psw(p, &old, &at);
		check(code == 0x1a && old == at, "a console write from a "
		      "discarded page: discard fault, PSW on the DIAG", old, at);
		check(LC_PGM_TEID == p, "the fault names the page",
		      LC_PGM_TEID, p);
	}
	/* potentially volatile: clean is dropped, changed is preserved */
	setup(p, Pr, 0x7a);
	check(DIAG(0x4f0, p, 1) == 0, "a clean Pr page is discarded", 1, 0);
	check(ESSA(0, p) == enc[Vz], "and becomes Vz", ESSA(0, p), enc[Vz]);
	setup(p, Pr, 0x7b);
	touch(p, 0x7c, 0);                           /* changed since P */
	check(DIAG(0x4f0, p, 1) == 1, "a changed Pr page is not discarded", 0, 1);
	check(DIAG(0x4f0, p, 2) == 0, "it is paged out instead", 1, 0);
	check(ESSA(0, p) == enc[Sp], "and preserved as Sp", ESSA(0, p), enc[Sp]);
	touch(p, -1, &byte);
	check(byte == 0x7c, "its data comes back on touch", byte, 0x7c);
	/* set potentially volatile forgets earlier stores whether the page
	   is resident (its change bit reset) or paged out: a changed Sp
	   goes as a clean one does, as a changed Sr becomes a clean Pr */
	setup(p, Pr, 0x7d);
	touch(p, 0x7e, 0);
	DIAG(0x4f0, p, 2);
	check(ESSA(4, p) == enc[Sp] && ESSA(0, p) == enc[Vz],
	      "changed Sp set potentially volatile: earlier stores forgotten, "
	      "dropped as a clean Sp (Vz)", ESSA(0, p), enc[Vz]);
	setup(p, Sr, 0x60);
	ESSA(4, p);
	check(DIAG(0x4f0, p, 1) == 0, "changed Sr set potentially volatile: "
	      "dropped as a clean Pr", 1, 0);
	/* code 7 without facility 147, and 8-15: specification exception */
	LC_PGM_CODE = 0;
	asm volatile("	larl	%%r1,1f\n"
		     "	stg	%%r1,0x318\n"
		     "	.insn rrf,0xb9ab0000,%%r2,%0,7,0\n"
		     "1:\n" : : "d"(p) : "r1", "r2", "memory", "cc");
	check(LC_PGM_CODE == 6, "ESSA code 7 without facility 147: "
	      "specification exception", LC_PGM_CODE, 6);
	LC_PGM_CODE = 0;
	asm volatile("	larl	%%r1,1f\n"
		     "	stg	%%r1,0x318\n"
		     "	.insn rrf,0xb9ab0000,%%r2,%0,9,0\n"
		     "1:\n" : : "d"(p) : "r1", "r2", "memory", "cc");
	check(LC_PGM_CODE == 6, "ESSA code 9: specification exception",
	      LC_PGM_CODE, 6);
}

void guest_main(void);

void guest_main(void)
{
	tguest_init();
	/* probe: without the facility ESSA is an operation exception */
	LC_PGM_CODE = 0;
	asm volatile("	larl	%%r1,1f\n"
		     "	stg	%%r1,0x318\n"
		     "	.insn rrf,0xb9ab0000,%%r2,%0,0,0\n"
		     "1:\n" : : "d"(page_addr(0)) : "r1", "r2", "memory", "cc");
	check(LC_PGM_CODE == 0, "ESSA is offered", LC_PGM_CODE, 0);
	if (LC_PGM_CODE)
		DIAG(0x404, 1, 0);
	walk_cells();
	walk_touches();
	say("essa: %d failures", failures);
	tguest_exit();
}
