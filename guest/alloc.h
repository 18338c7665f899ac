/* alloc.h - the guest's page-frame allocator: every 4 KiB page of storage
 * that is not lowcore, kernel image or the allocator's own tables. With
 * hinting on, free pages are ESSA-unused and allocated pages stable. */
#ifndef GUEST_ALLOC_H
#define GUEST_ALLOC_H

#include <stdint.h>

#define PAGE_SIZE  4096ULL
#define PAGE_SHIFT 12

struct alloc_stats {
	uint32_t pool;     /* pages the allocator manages                */
	uint32_t nfree;    /* of which free now                          */
	uint32_t min_free; /* low-water mark of nfree                    */
	uint64_t allocs;   /* pages handed out (single and contiguous)   */
	uint64_t frees;    /* pages given back                           */
};
extern struct alloc_stats alloc_stats;

/* Manages [0x2000, image_start) and [image_end, mem_bytes). */
void alloc_init(uint64_t mem_bytes, uint64_t image_start, uint64_t image_end);
/* One page (its address), or 0 when storage is exhausted. */
uint64_t alloc_page(void);
void free_page(uint64_t addr);
/* Tell the host about pages freed before the previous tick and not
 * taken again; called every few work units (work_add()). */
void alloc_tick(void);
/* n physically contiguous pages taken from the top of storage, or 0. */
uint64_t alloc_pages_contig(uint32_t n);
void free_pages_contig(uint64_t addr, uint32_t n);

#endif
