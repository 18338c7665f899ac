/* swap.h - anonymous pages that may outnumber the guest's storage: when
 * free pages run short, cold pages are written to the private disk in
 * batches and kept as a swap cache (potentially volatile when hinting)
 * until their frame is needed or they are touched again. */
#ifndef GUEST_SWAP_H
#define GUEST_SWAP_H

#include <stdint.h>

struct swap_stats {
	uint64_t swapouts;        /* pages written to the private disk    */
	uint64_t swapins;         /* pages read back from it              */
	uint64_t cache_hits;      /* swap-cache page touched, still there */
	uint64_t cache_rereads;   /* swap-cache page the host had dropped */
	uint64_t reclaimed;       /* swap-cache frames reused             */
	uint64_t fault_rereads;   /* discard faults on swap-cache pages   */
};
extern struct swap_stats swap_stats;

/* n anonymous pages, none present yet. Returns n clamped to what free
 * storage plus the private disk hold. */
uint32_t swap_init(uint32_t n);
void swap_fini(void);
/* Page i resident and stable, for reading and writing; *fresh is set
 * when it had no content (first touch: zero, the caller fills it). */
uint64_t anon_touch(uint32_t i, int *fresh);
/* Page i is gone (its frame or its slot is freed). */
void anon_free(uint32_t i);
int swap_discard(uint64_t addr);
void swap_summary(void);

#endif
