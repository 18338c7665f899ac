/* workload.h - what the guest's workloads share (work.c): the dispatch,
 * work-unit accounting and reporting (DIAG 0x40C), the PRNG, page
 * references with their pattern generation, fill and verify. */
#ifndef GUEST_WORKLOAD_H
#define GUEST_WORKLOAD_H

#include <stdint.h>
#include "lib/prng.h"
#include "lib/pattern.h"

/* A page a workload owns and the generation of the pattern it holds. */
struct page_ref {
	uint32_t pfn;            /* 0x0 page number (address >> 12)       */
	uint32_t gen;            /* 0x4 pattern generation it was filled with */
};
_Static_assert(sizeof(struct page_ref) == 8, "page_ref size");

struct work {
	struct prng rng;         /* seeded from the guest's seed and index */
	uint64_t units;          /* work units done                        */
	uint64_t every;          /* report every this many units           */
	uint64_t next;           /* the next report is due at this count   */
	int (*discard_fn)(uint64_t addr); /* a workload's own discard faults */
};
extern struct work work;

const char *workload_name(uint32_t wl);
/* Runs guest_desc.workload; returns the exit status (0: all verified). */
int workload_run(void);
/* Final accounting: leak check, summary line; returns the exit status. */
int workload_summary(int status);

void work_add(uint64_t n);
/* An argument, or def when it is 0. */
uint64_t wl_arg(unsigned idx, uint64_t def);
/* Working-set pages clamped to what free storage holds besides the
 * page_ref array for them (at least 1). */
uint32_t wl_ws_clamp(uint64_t want);
/* n page_refs in contiguous pages from the allocator, and back. */
struct page_ref *wl_refs_alloc(uint32_t n);
void wl_refs_free(struct page_ref *refs, uint32_t n);
/* Allocates a page for ref (panics when none) and fills generation gen. */
void wl_page_new(struct page_ref *ref, uint32_t gen);
void wl_fill(const struct page_ref *ref);
/* Verifies every word; a mismatch is reported and the guest exits 1. */
void wl_verify(const struct page_ref *ref);
/* Verifies page a against id (what: for the message); a mismatch is
 * reported and the guest exits 1. */
void wl_verify_id(uint64_t a, const struct pattern_id *id, const char *what);
/* Verifies page a against base-disk block `block` (include/zcmm/vdisk.h). */
void wl_verify_block(uint64_t a, uint32_t block);
/* Verifies, then frees the page. */
void wl_page_release(const struct page_ref *ref);

int wl_idle(void);
int wl_churn(void);
int wl_phases(void);
int wl_random(void);
int wl_fileserve(void);
int wl_anon(void);
int wl_disktest(void);

#endif
