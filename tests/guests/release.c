/* release.c - a test guest for DIAG 0x10 (release pages) from inside the
 * guest: the architecture's checks (alignment, order, range inside
 * storage), the prefix pages left alone, a released page reading as
 * zero afterwards and taking stores again. One PASS/FAIL line a check;
 * the exit status is the number of failures. */
#include "tests/guests/tguest.h"

#define MARK_LOWCORE 0x1f00UL   /* a lowcore byte nobody else uses */

/* DIAG 0x10 on [first, last]; the program interruption code, 0 if none. */
static int release(uint64_t first, uint64_t last)
{
	register uint64_t r4 asm("4") = first;
	register uint64_t r5 asm("5") = last;

	LC_PGM_CODE = 0;
	asm volatile("	larl	%%r1,1f\n"
		     "	stg	%%r1,0x318\n"
		     "	diag	%0,%1,0x10\n"
		     "1:\n" : "+d"(r4), "+d"(r5) : : "r1", "memory", "cc");
	return LC_PGM_CODE;
}

static void fill(uint64_t a, uint8_t v)
{
	for (uint64_t i = 0; i < PAGE; i += 64)
		*(volatile uint8_t *)(a + i) = v;
}

static int is(uint64_t a, uint8_t v)
{
	for (uint64_t i = 0; i < PAGE; i += 64)
		if (*(volatile uint8_t *)(a + i) != v)
			return 0;
	return 1;
}

void guest_main(uint64_t mem);

void guest_main(uint64_t mem)
{
	extern char pgm_handler[];
	uint64_t a = 0x60000, b = a + PAGE, c = a + 2 * PAGE;
	int pgm;

	tguest_init();

	pgm = release(a + 8, b);
	check(pgm == 6, "first address not on a page: specification", pgm, 6);
	pgm = release(a, b + 8);
	check(pgm == 6, "last address inside a page: specification", pgm, 6);
	pgm = release(b, a);
	check(pgm == 6, "first above last: specification", pgm, 6);
	pgm = release(a, mem);
	check(pgm == 5, "last page outside storage: addressing", pgm, 5);
	pgm = release(mem, mem + PAGE);
	check(pgm == 5, "range outside storage: addressing", pgm, 5);

	fill(a, 0x5a);
	fill(b, 0x5b);
	fill(c, 0x5c);
	pgm = release(a, b);
	check(pgm == 0, "two pages, last as a page address (Linux's form)",
	      pgm, 0);
	check(is(a, 0) && is(b, 0), "released pages read as zero", 0, 0);
	check(is(c, 0x5c), "the page after the range kept its data", 0, 0);
	pgm = release(c, c + PAGE - 1);
	check(pgm == 0 && is(c, 0), "last as the page's last byte works too",
	      pgm, 0);
	fill(a, 0x77);
	check(is(a, 0x77), "a released page takes stores again", 0, 0);

	*(volatile uint8_t *)MARK_LOWCORE = 0xa5;
	pgm = release(0, 2 * PAGE);
	check(pgm == 0, "a range over the prefix pages is accepted", pgm, 0);
	check(*(volatile uint8_t *)MARK_LOWCORE == 0xa5 &&
	      *(volatile uint64_t *)0x1d8 == (uint64_t)pgm_handler,
	      "the prefix pages were left alone", 0, 0);
	check(is(2 * PAGE, 0), "the page after them was released", 0, 0);

	say("release: %d failures", failures);
	tguest_exit();
}
