/* gmap.h - guest storage in host DAT: one host address space (its ASCE in
 * CR1, used only by SIE) in which each guest owns a 1 MiB-aligned slot;
 * SIE adds the slot's origin (MSO) to every guest absolute address. */
#ifndef ZCMM_GMAP_H
#define ZCMM_GMAP_H

#include <stdint.h>

#define PTE_INVALID 0x400UL   /* page-table entry bit 53            */
#define PTE_ORIGIN  (~0xfffUL)
/* An invalid entry's other bits are the host's own (the machine ignores
 * them): the pager keeps a page's paging slot there. */
#define PTE_SW_SLOT  0x001UL  /* bits 0-51 hold a paging slot        */
#define PTE_SW_OUT   0x002UL  /* page-out under way (slot in 0-51)   */
#define PTE_SW_IN    0x004UL  /* page-in under way (slot in 0-51)    */
#define PTE_SW_DIRTY 0x008UL  /* the change bit saved with the slot  */
#define PTE_SW_SAMPLED 0x010UL /* working-set sample: the frame is still
				 held, in the origin (host/balloon/wss.c) */
#define PTE_SLOT(pte) ((pte) >> 12)
/* A valid entry's bits 55-59 are the host's too (the expanded-storage
 * bits, which translation ignores): how many host I/Os use the page, up
 * to 31 (a block I/O call pins at most 19). A pinned page is never
 * discarded, paged out or sampled. */
#define PTE_PIN_ONE  0x010UL
#define PTE_PIN_MASK 0x1f0UL

struct guest;

void gmap_init(void);
/* Give a guest its slot and page tables (one frame per MiB); 0 or -1. */
int gmap_create(struct guest *g);
/* Unmap every page, free the frames and page tables. */
void gmap_destroy(struct guest *g);
/* The page-table entry of guest page gpage. */
uint64_t *gmap_pte(struct guest *g, uint64_t gpage);
/* Map a fresh zeroed frame at gpage; returns the frame or 0. */
uint64_t gmap_map_zero(struct guest *g, uint64_t gpage);
/* Map a frame the caller owns at gpage. */
void gmap_map(struct guest *g, uint64_t gpage, uint64_t frame);
/* Invalidate (IPTE) a mapped page and hand its frame to the caller. */
uint64_t gmap_invalidate(struct guest *g, uint64_t gpage);
/* Drop the mapping (IPTE), if any, and free the frame. */
void gmap_unmap(struct guest *g, uint64_t gpage);

/* Storage-key helpers for host frames. */
static inline void frame_set_key(uint64_t frame, uint8_t key)
{
	asm volatile("sske %0,%1" : : "d"((uint64_t)key), "a"(frame) : "memory");
}

/* Was the frame referenced since the last time we asked? (RRBE resets
 * the reference bit; condition code 2 or 3 means it was on.) */
static inline int frame_referenced(uint64_t frame)
{
	int cc;

	asm volatile("rrbe 0,%1\n ipm %0\n srl %0,28"
		     : "=d"(cc) : "a"(frame) : "cc");
	return cc & 2;
}

static inline uint8_t frame_key(uint64_t frame)
{
	uint64_t k;

	asm volatile("iske %0,%1" : "=d"(k) : "a"(frame));
	return (uint8_t)k;
}

#endif
