/* alloc.c - the page pool as a stack of free page numbers plus, per page,
 * its slot in that stack (or USED): O(1) alloc and free, double frees
 * caught, contiguous runs by a scan. The tables live outside the pages
 * they describe, so free pages are never touched (they may be unused).
 * Hinting is deferred: a freed page is told to the host as unused only
 * if it is still free a tick later and lies below the top of the free
 * stack that the guest has been taking from lately, so pages that are
 * freed and taken again soon (the stack is LIFO) cost no ESSA at all. */
#include "guest/alloc.h"
#include "guest/essa.h"
#include "guest/console.h"
#include "guest/hcall.h"

#define USED 0xffffffffu

struct alloc_stats alloc_stats;
static uint32_t *stack;  /* free page numbers, [0, nfree)          */
static uint32_t *slot;   /* per page number: index in stack or USED */
static uint32_t npages, hole_lo, hole_hi; /* [hole_lo, hole_hi): kernel */
/* per page: the tick it was freed in, or HINTED once the host knows it
 * is unused (every free page starts hinted) */
static uint32_t *freed_at;
static uint32_t tick;
static uint32_t tick_low;  /* fewest free pages since the last tick     */
static uint32_t tick_free; /* free pages at the last tick               */
static uint32_t hot;       /* pages taken in a tick lately: a max that
			      decays by 1/64 a tick, so a workload that
			      takes big bursts now and then keeps them  */
#define HINTED 0xffffffffu
#define PRISTINE 0xfffffffeu /* never used since boot: the host has it as
				logically zero and stable, nothing to say */

static int in_pool(uint64_t pfn)
{
	return pfn >= 2 && pfn < npages && (pfn < hole_lo || pfn >= hole_hi);
}

static void push(uint32_t pfn)
{
	slot[pfn] = alloc_stats.nfree;
	stack[alloc_stats.nfree++] = pfn;
}

static void take(uint32_t pfn)
{
	uint32_t i = slot[pfn], last = stack[--alloc_stats.nfree];

	stack[i] = last;
	slot[last] = i;
	slot[pfn] = USED;
	if (alloc_stats.nfree < alloc_stats.min_free)
		alloc_stats.min_free = alloc_stats.nfree;
	if (alloc_stats.nfree < tick_low)
		tick_low = alloc_stats.nfree;
	alloc_stats.allocs++;
	/* a page the host never heard was free is still stable there,
	   and so is one never used since boot */
	if (freed_at[pfn] == HINTED)
		essa_set_stable((uint64_t)pfn << PAGE_SHIFT);
	freed_at[pfn] = HINTED;
}

void alloc_init(uint64_t mem_bytes, uint64_t image_start, uint64_t image_end)
{
	uint64_t tables;
	uint32_t pfn;

	npages = mem_bytes >> PAGE_SHIFT;
	tables = (image_end + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	stack = (uint32_t *)tables;
	slot = stack + npages;
	freed_at = slot + npages;
	hole_lo = image_start >> PAGE_SHIFT;
	hole_hi = (tables + 12ULL * npages + PAGE_SIZE - 1) >> PAGE_SHIFT;
	if (hole_hi >= npages)
		panic(GS_ALLOC, "alloc: %lu KiB of storage holds no free page",
		      (unsigned long)(mem_bytes >> 10));
	for (pfn = 0; pfn < npages; pfn++) {
		slot[pfn] = USED;
		freed_at[pfn] = PRISTINE;
	}
	/* descending, so the lowest pages are handed out first */
	for (pfn = npages; pfn-- > 2;) {
		if (in_pool(pfn))
			push(pfn);
	}
	alloc_stats.pool = alloc_stats.min_free = alloc_stats.nfree;
}

uint64_t alloc_page(void)
{
	uint32_t pfn;

	if (!alloc_stats.nfree)
		return 0;
	pfn = stack[alloc_stats.nfree - 1];
	take(pfn);
	return (uint64_t)pfn << PAGE_SHIFT;
}

void free_page(uint64_t addr)
{
	uint64_t pfn = addr >> PAGE_SHIFT;

	if ((addr & (PAGE_SIZE - 1)) || !in_pool(pfn) || slot[pfn] != USED)
		panic(GS_ALLOC, "alloc: bad free of page 0x%lx",
		      (unsigned long)addr);
	freed_at[pfn] = tick;   /* told to the host by alloc_tick() */
	push((uint32_t)pfn);
	alloc_stats.frees++;
}

void alloc_tick(void)
{
	uint32_t burst = tick_free > tick_low ? tick_free - tick_low : 0, keep;

	/* the top `hot` pages of the stack are what the guest will take
	   next; the rest, free since before the last tick, were not wanted
	   again: now the host may have them */
	hot = burst > hot - hot / 64 ? burst : hot - hot / 64;
	keep = hot < alloc_stats.nfree ? alloc_stats.nfree - hot : 0;
	for (uint32_t i = 0; i < keep; i++) {
		uint32_t pfn = stack[i];

		if (freed_at[pfn] < PRISTINE && freed_at[pfn] != tick) {
			essa_set_unused((uint64_t)pfn << PAGE_SHIFT);
			freed_at[pfn] = HINTED;
		}
	}
	tick++;
	tick_free = tick_low = alloc_stats.nfree;
}

uint64_t alloc_pages_contig(uint32_t n)
{
	uint32_t pfn, run = 0;

	for (pfn = npages; n && pfn-- > 2;) {
		run = in_pool(pfn) && slot[pfn] != USED ? run + 1 : 0;
		if (run < n)
			continue;
		for (run = 0; run < n; run++)
			take(pfn + run);
		return (uint64_t)pfn << PAGE_SHIFT;
	}
	return 0;
}

void free_pages_contig(uint64_t addr, uint32_t n)
{
	for (; n; n--, addr += PAGE_SIZE)
		free_page(addr);
}
