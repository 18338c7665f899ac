/* clock.c - a test guest for the reclaim clock (test hooks, DIAG 0x4F0):
 * with only stable pages, a run of the clock that takes every page looks
 * at each at most twice (once to reset its reference bit, once to take
 * it); a page pinned for host I/O is never taken, and is once unpinned;
 * every page taken comes back intact. Exit status: the failures. */
#include "tests/guests/tguest.h"

#define BASE   0x80000UL  /* the pages under test, clear of the image */
#define NPAGES 40
#define PINNED (BASE + 7 * PAGE)

enum { T_PIN = 4, T_UNPIN = 5, T_RECLAIM = 6, T_RESIDENT = 7 };

/* The hook on R1 = a: R3 back; *r1 (if given) the R1 back. */
static uint64_t hook(uint64_t a, uint64_t action, uint64_t *r1)
{
	register uint64_t r2 asm("2") = a;
	register uint64_t r3 asm("3") = action;

	asm volatile("diag %0,%1,0x4f0" : "+d"(r2), "+d"(r3) : : "memory",
		     "cc");
	if (r1)
		*r1 = r2;
	return r3;
}

static uint64_t word(unsigned i, unsigned k)
{
	return 0x5eed000000000000UL ^ ((uint64_t)i << 20) ^ k;
}

void guest_main(uint64_t mem);

void guest_main(uint64_t mem)
{
	uint64_t taken, looked, bad = 0;

	tguest_init();
	for (unsigned i = 0; i < NPAGES; i++)
		for (unsigned k = 0; k < PAGE / 8; k += 64)
			*(volatile uint64_t *)(BASE + i * PAGE + k * 8) =
				word(i, k);
	check(hook(PINNED, T_PIN, 0) == 0, "a page pinned as host I/O would",
	      1, 0);
	/* more than there is: the clock takes every page it may */
	looked = hook(10000, T_RECLAIM, &taken);
	say("clock: taken %lu, looked at %lu", taken, looked);
	check(taken >= NPAGES - 1, "the clock took every unpinned page",
	      taken, NPAGES - 1);
	check(looked <= 2 * taken, "stable pages only: each looked at at "
	      "most twice (looked <= 2 x taken)", looked, 2 * taken);
	check(hook(PINNED, T_RESIDENT, 0) == 0, "the pinned page was not "
	      "taken", 1, 0);
	check(hook(BASE, T_RESIDENT, 0) == 1 &&
	      hook(BASE + (NPAGES - 1) * PAGE, T_RESIDENT, 0) == 1,
	      "its neighbours were", 0, 1);
	check(hook(PINNED, T_UNPIN, 0) == 0, "unpinned", 1, 0);
	hook(10000, T_RECLAIM, &taken);
	check(hook(PINNED, T_RESIDENT, 0) == 1, "unpinned, it is taken too",
	      0, 1);
	for (unsigned i = 0; i < NPAGES; i++)
		for (unsigned k = 0; k < PAGE / 8; k += 64)
			bad += *(volatile uint64_t *)(BASE + i * PAGE + k * 8) !=
			       word(i, k);
	check(bad == 0, "every page came back intact", bad, 0);
	tguest_exit();
}
