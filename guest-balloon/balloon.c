/* balloon.c - the balloon driver: a table of the page numbers it holds
 * (allocated when it first inflates), inflation in runs released with
 * one DIAG 0x10 each, deflation back to the allocator, the floor, the
 * give-back when the guest runs out, and its reports (DIAG 0x418). A
 * target that changes while it works is simply followed at the next poll;
 * after a give-back it holds its size until the host sends a new target. */
#include "guest-balloon/balloon.h"
#include "guest/pcache.h"
#include "guest/alloc.h"
#include "guest/console.h"
#include "guest/hcall.h"

struct balloon_info balloon_info;
static uint32_t *pfns;       /* the pages it holds, [0, size)          */
static uint32_t table_pages;
static uint32_t reported = ~0u, reported_why = ~0u;
static int holding;          /* gave pages back: not above its size    */

void balloon_init(void)
{
	struct balloon_info *b = &balloon_info;
	uint32_t pool = alloc_stats.pool;

	b->floor = pool / BALLOON_FLOOR_DIV > BALLOON_FLOOR_MIN
		   ? pool / BALLOON_FLOOR_DIV : BALLOON_FLOOR_MIN;
	b->max = pool > b->floor ? pool - b->floor : 0;
	table_pages = (b->max * 4 + (uint32_t)PAGE_SIZE - 1) / (uint32_t)PAGE_SIZE;
}

static void report(uint32_t why)
{
	struct balloon_info *b = &balloon_info;
	uint64_t r1 = b->size, r3 = (uint64_t)why << 32 | b->max;

	if (b->size == reported && why == reported_why)
		return;
	HCALL(0x0418, r1, r3);
	reported = b->size;
	reported_why = why;
}

/* Give pages [first, last] to the host. */
static void release(uint64_t first, uint64_t last)
{
	hc_release(first << PAGE_SHIFT, last << PAGE_SHIFT);
	balloon_info.releases++;
}

static void inflate(uint32_t want)
{
	struct balloon_info *b = &balloon_info;
	uint64_t first = 0, last = 0, a;
	uint32_t n = 0;

	if (!pfns && !(pfns = (uint32_t *)alloc_pages_contig(table_pages)))
		return;
	/* clean cached file pages are the cheapest to give: shrink the page
	   cache rather than leave the balloon short */
	n = want - b->size < BALLOON_BATCH ? want - b->size : BALLOON_BATCH;
	if (alloc_stats.nfree < BALLOON_RESERVE + n)
		pcache_shrink(BALLOON_RESERVE + n - alloc_stats.nfree);
	n = 0;
	while (b->size < want && n < BALLOON_BATCH &&
	       alloc_stats.nfree > BALLOON_RESERVE && (a = alloc_page())) {
		a >>= PAGE_SHIFT;
		pfns[b->size++] = (uint32_t)a;
		n++;
		if (first && a == last + 1) {
			last = a;
			continue;
		}
		if (first)
			release(first, last);
		first = last = a;
	}
	if (first)
		release(first, last);
	b->inflated += n;
	if (b->size > b->peak)
		b->peak = b->size;
}

static void deflate(uint32_t n)
{
	struct balloon_info *b = &balloon_info;

	pcache_grow(n);  /* the cache may take back what the balloon frees */
	for (; n && b->size; n--, b->deflated++)
		free_page((uint64_t)pfns[--b->size] << PAGE_SHIFT);
	if (!b->size && pfns) {
		free_pages_contig((uint64_t)pfns, table_pages);
		pfns = 0;
	}
}

static void follow(uint32_t target)
{
	struct balloon_info *b = &balloon_info;
	uint32_t want = target, why = BALLOON_WHY_AT;

	b->polls++;
	if (!target && !b->size && !b->peak)
		return;                 /* no balloon in this run (yet) */
	if (target != b->target) {      /* a new target ends a hold */
		if (target > b->max && b->target <= b->max)
			b->refused++;
		b->target = target;
		holding = 0;
	}
	if (holding && want > b->size)
		want = b->size;
	if (want > b->max) {
		want = b->max;
		why = BALLOON_WHY_REFUSED;
	}
	if (b->size < want)
		inflate(want);
	else if (b->size > want)
		deflate(b->size - want);
	if (b->size < want)
		why = BALLOON_WHY_MOVING;
	else if (holding)
		why = BALLOON_WHY_SHORT;
	report(why);
}

void balloon_work(uint64_t units)
{
	uint64_t r1 = units, r3 = balloon_info.target;

	/* R3 comes back as the target (unchanged without a balloon policy) */
	HCALL(0x040c, r1, r3);
	follow(r3 > 0xffffffffULL ? 0xffffffffu : (uint32_t)r3);
}

uint64_t balloon_alloc_retry(uint32_t n)
{
	struct balloon_info *b = &balloon_info;

	if (!b->size)
		return 0;
	deflate(n > 1 ? b->size : n > BALLOON_SHORT_BATCH ? n
					: BALLOON_SHORT_BATCH);
	b->shorts++;
	holding = 1;
	report(BALLOON_WHY_SHORT);
	return n > 1 ? alloc_pages_contig(n) : alloc_page();
}

void balloon_fini(void)
{
	struct balloon_info *b = &balloon_info;

	deflate(b->size);
	if (!b->peak && !b->target)
		return;
	printf("balloon: peak=%u max=%u floor=%u target=%u inflated=%lu "
	       "deflated=%lu releases=%lu shorts=%lu refused=%lu polls=%lu\n",
	       b->peak, b->max, b->floor, b->target,
	       (unsigned long)b->inflated, (unsigned long)b->deflated,
	       (unsigned long)b->releases, (unsigned long)b->shorts,
	       (unsigned long)b->refused, (unsigned long)b->polls);
}
