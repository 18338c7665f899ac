/* pcache.h - the page cache over the base disk's blocks: clean pages are
 * volatile when hinting (the host may drop them with no I/O); a dropped
 * page is found by a discard fault or by set-stable's old state, and
 * re-read. Capacity: what free storage allows, evicted by a clock. */
#ifndef GUEST_PCACHE_H
#define GUEST_PCACHE_H

#include <stdint.h>

struct pcache_stats {
	uint64_t hits, misses;     /* lookups found / read from disk      */
	uint64_t readahead;        /* blocks read with a miss, after it   */
	uint64_t evictions;        /* pages reused for another block      */
	uint64_t evicted_dropped;  /* of which the host had dropped first */
	uint64_t fault_rereads;    /* discard faults: re-read, resumed    */
	uint64_t pin_rereads;      /* set stable said dropped: re-read    */
	uint64_t shrunk;     /* pages given up for the balloon      */
};
extern struct pcache_stats pcache_stats;

/* A cache of up to max_pages pages, its tables from the allocator. */
void pcache_init(uint32_t max_pages);
/* Frees every page and the tables. */
void pcache_fini(void);
/* The page holding base-disk block `block`, read on a miss together with
 * up to `ahead` uncached blocks after it (one call). pin = 0: it stays
 * volatile (a read of it may discard-fault and is re-read by the
 * handler); pin = 1: it is stable until pcache_unpin(). */
uint64_t pcache_get(uint32_t block, int pin, uint32_t ahead);
void pcache_unpin(uint64_t addr);
/* The discard-fault handler's part: nonzero if addr was a cache page
 * (then it holds its block again). */
int pcache_discard(uint64_t addr);
void pcache_summary(void);
/* The balloon needs pages: give back up to n cached pages and stay that
 * much smaller; returns how many. pcache_grow() lets it grow again. */
uint32_t pcache_shrink(uint32_t n);
void pcache_grow(uint32_t n);

#endif
