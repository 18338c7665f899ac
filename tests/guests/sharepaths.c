/* sharepaths.c - a test guest for the paths of a shared page. Run two of
 * it in one sharing domain (--share NAME --test-hooks): both fill eight
 * pages with the same contents and wait until the host's scanner has
 * merged them (test hook 3 says a page maps a shared frame). Then guest 0
 * takes its own mapping of each page away by another path - ESSA
 * volatile and a discard (its next touch is a discard fault), ESSA unused
 * and a discard, DIAG 0x10, a page-out (refused: a shared frame stays), a
 * store (a copy-on-write break) - while guest 1, a second of TOD later,
 * reads all eight pages: its contents unchanged, no interruption. */
#include "tests/guests/tguest.h"

#define BASE   0x40000UL  /* above this guest's image */
#define NPAGES 8

#define ESSA(op, addr) ({                                                 \
	uint64_t r1_;                                                     \
	asm volatile(".insn rrf,0xb9ab0000,%0,%1," #op ",0"               \
		     : "=&d"(r1_) : "d"(addr) : "memory");                \
	(uint8_t)r1_; })

static uint64_t page(int i) { return BASE + (uint64_t)i * PAGE; }
static uint64_t word(int i, int w) { return 0x5a5a000000000000UL | (uint64_t)i << 32 | (uint64_t)w; }

static uint64_t tod(void)
{
	uint64_t t;

	asm volatile("stck %0" : "=Q"(t) : : "cc");
	return t;
}

/* Read a word of page i; the program interruption it raised, 0 if none. */
static int load(int i, int w, uint64_t *v)
{
	uint64_t x = 0;

	LC_PGM_CODE = 0;
	asm volatile("	larl	%%r1,1f\n"
		     "	stg	%%r1,0x318\n"
		     "	lg	%0,0(%1)\n"
		     "1:\n"
		     : "+d"(x) : "a"(page(i) + 8UL * w) : "r1", "memory", "cc");
	*v = x;
	return LC_PGM_CODE;
}

static int intact(int i)
{
	uint64_t v;

	for (int w = 0; w < 512; w++)
		if (load(i, w, &v) || v != word(i, w))
			return 0;
	return 1;
}

static int zero(int i)
{
	uint64_t v;

	for (int w = 0; w < 512; w++)
		if (load(i, w, &v) || v)
			return 0;
	return 1;
}

static int shared(int i) { return DIAG(0x4f0, page(i), 3) == 0; }

void guest_main(void)
{
	struct { char name[16]; uint64_t pad[13]; uint32_t index, dom; } d;
	uint64_t t, v;
	int all = 0;

	tguest_init();
	DIAG(0x408, (uint64_t)&d, sizeof(d));
	for (int i = 0; i < NPAGES; i++)
		for (int w = 0; w < 512; w++)
			*(volatile uint64_t *)(page(i) + 8UL * w) = word(i, w);
	/* wait (yielding the CPU: the scanner runs between time slices) */
	for (t = tod(); !all && tod() - t < (30UL << 32); DIAG(0x44, 0, 0)) {
		all = 1;
		for (int i = 0; i < NPAGES; i++)
			all &= shared(i);
	}
	check(all, "all eight pages merged with the other guest's", all, 1);
	/* guest 0 acts 0.25 s after it saw them merged (so guest 1 sees them
	   merged too), guest 1 reads 1 s after (when guest 0 is done) */
	for (t = tod(); tod() - t < (d.index ? 1UL << 32 : 1UL << 30);
	     DIAG(0x44, 0, 0))
		;
	if (d.index == 0) {
		ESSA(3, page(1));                                /* volatile */
		check(DIAG(0x4f0, page(1), 1) == 0, "ESSA volatile: our "
		      "mapping of a shared page discarded", 1, 0);
		check(load(1, 0, &v) == 0x1a, "the touch is our discard fault",
		      LC_PGM_CODE, 0x1a);
		ESSA(2, page(2));                                /* unused   */
		check(DIAG(0x4f0, page(2), 1) == 0, "ESSA unused: our mapping "
		      "discarded", 1, 0);
		ESSA(1, page(2));                                /* stable   */
		check(zero(2), "stable again, it reads zeros", 0, 0);
		DIAG(0x10, page(3), page(3) + PAGE - 1);         /* release  */
		check(zero(3), "DIAG 0x10: our page reads zeros", 0, 0);
		check(DIAG(0x4f0, page(4), 2) == 1, "a page-out of a shared "
		      "page is refused (the frame stays while shared)", 0, 1);
		check(intact(4), "and it still reads its contents", 0, 0);
		*(volatile uint64_t *)page(5) = 42;              /* store    */
		check(load(5, 0, &v) == 0 && v == 42 && !shared(5),
		      "a store: our own copy (copy-on-write)", v, 42);
		check(shared(6) && intact(6) && intact(7), "the other pages "
		      "are still shared and intact", 0, 0);
	} else {
		for (int i = 0; i < NPAGES; i++)
			check(intact(i), "the other guest's paths left our page "
			      "intact, no interruption", i, i);
	}
	tguest_exit();
}
