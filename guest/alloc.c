/* alloc.c - the page pool as a stack of free page numbers plus, per page,
 * its slot in that stack (or USED): O(1) alloc and free, double frees
 * caught, contiguous runs by a scan. The tables live outside the pages
 * they describe, so free pages are never touched (they may be unused). */
#include "guest/alloc.h"
#include "guest/essa.h"
#include "guest/console.h"
#include "guest/hcall.h"

#define USED 0xffffffffu

struct alloc_stats alloc_stats;
static uint32_t *stack;  /* free page numbers, [0, nfree)          */
static uint32_t *slot;   /* per page number: index in stack or USED */
static uint32_t npages, hole_lo, hole_hi; /* [hole_lo, hole_hi): kernel */

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
	alloc_stats.allocs++;
	essa_set_stable((uint64_t)pfn << PAGE_SHIFT);
}

void alloc_init(uint64_t mem_bytes, uint64_t image_start, uint64_t image_end)
{
	uint64_t tables;
	uint32_t pfn;

	npages = mem_bytes >> PAGE_SHIFT;
	tables = (image_end + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	stack = (uint32_t *)tables;
	slot = stack + npages;
	hole_lo = image_start >> PAGE_SHIFT;
	hole_hi = (tables + 8ULL * npages + PAGE_SIZE - 1) >> PAGE_SHIFT;
	if (hole_hi >= npages)
		panic(GS_ALLOC, "alloc: %lu KiB of storage holds no free page",
		      (unsigned long)(mem_bytes >> 10));
	for (pfn = 0; pfn < npages; pfn++)
		slot[pfn] = USED;
	/* descending, so the lowest pages are handed out first */
	for (pfn = npages; pfn-- > 2;) {
		if (!in_pool(pfn))
			continue;
		essa_set_unused((uint64_t)pfn << PAGE_SHIFT);
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
	essa_set_unused(addr);
	push((uint32_t)pfn);
	alloc_stats.frees++;
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
