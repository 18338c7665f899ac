/* work.c - the workloads' common ground: dispatch by zcmm_guest_desc
 * .workload, work units reported with DIAG 0x40C every work.every units
 * and at the end, and the pattern fill/verify of the pages they own. */
#include "guest/workload.h"
#include "guest-balloon/balloon.h"
#include "guest/params.h"
#include "guest/alloc.h"
#include "guest/essa.h"
#include "guest/trap.h"
#include "guest/timer.h"
#include "guest/hcall.h"
#include "guest/console.h"
#include "guest/pcache.h"
#include "guest/swap.h"
#include "guest/vdisk.h"
#include "lib/pattern.h"

struct work work;

static const struct {
	const char *name;
	int (*run)(void);
	uint32_t every; /* report period in units */
} workloads[] = {
	[ZCMM_WL_NONE]   = { "none",   0,         1 },
	[ZCMM_WL_IDLE]   = { "idle",   wl_idle,   1 },
	[ZCMM_WL_CHURN]  = { "churn",  wl_churn,  64 },
	[ZCMM_WL_PHASES] = { "phases", wl_phases, 64 },
	[ZCMM_WL_RANDOM] = { "random", wl_random, 64 },
	[ZCMM_WL_FILESERVE] = { "fileserve", wl_fileserve, 64 },
	[ZCMM_WL_ANON]   = { "anon",   wl_anon,   64 },
	[ZCMM_WL_DISKTEST] = { "disktest", wl_disktest, 1 },
};
#define NWORKLOADS (sizeof(workloads) / sizeof(workloads[0]))

const char *workload_name(uint32_t wl)
{
	return wl < NWORKLOADS ? workloads[wl].name : "unknown";
}

/* A discard fault (0x1A): whoever owns the page rebuilds it. */
static int discard_fault(uint64_t addr)
{
	return pcache_discard(addr) || swap_discard(addr) ||
	       (work.discard_fn && work.discard_fn(addr));
}

int workload_run(void)
{
	uint32_t wl = guest_desc.workload;

	if (wl >= NWORKLOADS)
		panic(GS_PARAMS, "unknown workload %u", wl);
	prng_seed(&work.rng, guest_desc.seed ^
		  prng_mix64(guest_desc.index + 0x5eedULL));
	work.every = work.next = workloads[wl].every;
	trap_set_discard_handler(discard_fault);
	return workloads[wl].run ? workloads[wl].run() : GS_OK;
}

int workload_summary(int status)
{
	hc_report_work(work.units);
	if (!status && alloc_stats.nfree != alloc_stats.pool) {
		printf("alloc: %u of %u pages not freed\n",
		       alloc_stats.pool - alloc_stats.nfree, alloc_stats.pool);
		status = GS_ALLOC;
	}
	printf("done: %s units=%lu status=%d pool=%u minfree=%u allocs=%lu "
	       "essa_stable=%lu essa_unused=%lu pgm=%lu discards=%lu "
	       "wakeups=%lu\n", workload_name(guest_desc.workload),
	       (unsigned long)work.units, status, alloc_stats.pool,
	       alloc_stats.min_free, (unsigned long)alloc_stats.allocs,
	       (unsigned long)essa_info.ops[ESSA_SET_STABLE],
	       (unsigned long)essa_info.ops[ESSA_SET_UNUSED],
	       (unsigned long)trap_stats.pgm,
	       (unsigned long)trap_stats.discards,
	       (unsigned long)timer_wakeups);
	vdisk_summary();
	con_flush();
	return status;
}

void work_add(uint64_t n)
{
	work.units += n;
	if (work.units < work.next)
		return;
	balloon_work(work.units);   /* DIAG 0x40C; follows the balloon target */
	alloc_tick();               /* deferred hints for pages left free */
	work.next = work.units + work.every;
}

uint64_t wl_arg(unsigned idx, uint64_t def)
{
	return guest_desc.arg[idx] ? guest_desc.arg[idx] : def;
}

uint32_t wl_ws_clamp(uint64_t want)
{
	uint64_t f = alloc_stats.nfree, max;

	/* the page_ref array takes 1 page per 512 pages, rounded up */
	max = f > 1 ? f - (f * sizeof(struct page_ref) + PAGE_SIZE - 1) /
			  PAGE_SIZE : 0;
	if (!max)
		panic(GS_ALLOC, "no free storage for a working set");
	return (uint32_t)(want < max ? want : max);
}

struct page_ref *wl_refs_alloc(uint32_t n)
{
	uint32_t pages = (uint32_t)((n * sizeof(struct page_ref) + PAGE_SIZE - 1)
				    / PAGE_SIZE);
	uint64_t a = alloc_pages_contig(pages);

	if (!a)                     /* the balloon gives pages back first */
		a = balloon_alloc_retry(pages);
	if (!a)
		panic(GS_ALLOC, "no %u contiguous pages for %u page refs",
		      pages, n);
	return (struct page_ref *)a;
}

void wl_refs_free(struct page_ref *refs, uint32_t n)
{
	free_pages_contig((uint64_t)refs, (uint32_t)((n * sizeof(*refs) +
					   PAGE_SIZE - 1) / PAGE_SIZE));
}

static void ref_id(const struct page_ref *ref, struct pattern_id *id)
{
	/* same_content=on: guests with the same workload write the same
	   pages, for content sharing (docs/sharing.md) */
	int same = !!(guest_desc.flags & ZCMM_GUEST_SAME_CONTENT);

	id->seed = same ? 0 : guest_desc.seed;
	id->guest = same ? 0 : guest_desc.index;
	id->gen = ref->gen;
	id->page = ref->pfn;
}

void wl_page_new(struct page_ref *ref, uint32_t gen)
{
	uint64_t a = alloc_page();

	if (!a)                     /* the balloon gives pages back first */
		a = balloon_alloc_retry(1);
	if (!a)
		panic(GS_ALLOC, "out of pages (%u free of %u)",
		      alloc_stats.nfree, alloc_stats.pool);
	ref->pfn = (uint32_t)(a >> PAGE_SHIFT);
	ref->gen = gen;
	wl_fill(ref);
}

void wl_fill(const struct page_ref *ref)
{
	struct pattern_id id;

	ref_id(ref, &id);
	pattern_fill((void *)((uint64_t)ref->pfn << PAGE_SHIFT), &id);
}

void wl_verify(const struct page_ref *ref)
{
	struct pattern_id id;
	struct pattern_bad bad;
	uint64_t a = (uint64_t)ref->pfn << PAGE_SHIFT;

	ref_id(ref, &id);
	if (!pattern_verify((void *)a, &id, &bad))
		return;
	printf("pattern mismatch: page 0x%lx gen %u word %u (+0x%x): "
	       "expected %016lx found %016lx, %u bad words\n",
	       (unsigned long)a, ref->gen, bad.word, bad.word * 8,
	       (unsigned long)bad.expected, (unsigned long)bad.found, bad.nbad);
	workload_summary(GS_PATTERN);
	hc_exit(GS_PATTERN);
}

void wl_verify_id(uint64_t a, const struct pattern_id *id, const char *what)
{
	struct pattern_bad bad;

	if (!pattern_verify((void *)a, id, &bad))
		return;
	printf("pattern mismatch: %s page 0x%lx (id page 0x%lx gen %u) word "
	       "%u: expected %016lx found %016lx, %u bad words\n", what,
	       (unsigned long)a, (unsigned long)id->page, id->gen, bad.word,
	       (unsigned long)bad.expected, (unsigned long)bad.found, bad.nbad);
	workload_summary(GS_PATTERN);
	hc_exit(GS_PATTERN);
}

void wl_verify_block(uint64_t a, uint32_t block)
{
	struct pattern_id id = { VDISK_BASE_SEED, VDISK_BASE_GUEST, 0, block };

	wl_verify_id(a, &id, "base disk");
}

void wl_page_release(const struct page_ref *ref)
{
	wl_verify(ref);
	free_page((uint64_t)ref->pfn << PAGE_SHIFT);
}
