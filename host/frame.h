/* frame.h - layer 0: the host's page frames and the frame table, one
 * descriptor per frame of the pool saying what holds it (nothing, the
 * host, one guest page, several guest pages), its pins, and the reverse
 * map from the frame to the guest page(s) mapping it. */
#ifndef ZCMM_FRAME_H
#define ZCMM_FRAME_H

#include <stdint.h>

enum frame_kind {
	FRAME_FREE = 0,    /* on the free list                           */
	FRAME_HOST = 1,    /* the host's: tables, guest records, buffers,
			      a page on its way out or in                */
	FRAME_GUEST = 2,   /* one guest page: rmap in the descriptor     */
	FRAME_SHARED = 3,  /* several guest pages (refs > 1): the chain  */
};

/* One per frame (FRAME_DESC_BYTES in memlayout.h). The first mapping is
 * kept in the descriptor; further ones are rmap entries chained from
 * `more` (content sharing). */
struct frame_desc {
	uint8_t kind;      /* 0x0 enum frame_kind                        */
	uint8_t pins;      /* 0x1 host I/Os using it: never taken        */
	uint16_t refs;     /* 0x2 guest pages mapping it                 */
	uint16_t guest;    /* 0x4 first mapping: guest index             */
	uint16_t flags;    /* 0x6 free for the layers above (sharing)    */
	uint32_t page;     /* 0x8 first mapping: guest page              */
	uint32_t more;     /* 0xc next rmap entry (address >> 4), 0: none */
};
_Static_assert(sizeof(struct frame_desc) == 16, "frame descriptor size");

/* A further mapping of a shared frame, in a host frame of such entries. */
struct frame_rmap {
	uint16_t guest;    /* 0x0 guest index                            */
	uint16_t pad;      /* 0x2                                        */
	uint32_t page;     /* 0x4 guest page                             */
	uint32_t next;     /* 0x8 next entry (address >> 4), 0: none     */
	uint32_t pad2;     /* 0xc                                        */
};
_Static_assert(sizeof(struct frame_rmap) == 16, "rmap entry size");

/* The pool is [start, end); the table takes its first frames. */
void frames_init(uint64_t start, uint64_t end);
/* A free frame's real address (kind FRAME_HOST), or 0 when none is left. */
uint64_t frame_alloc(void);
/* The same, zero-filled. */
uint64_t frame_alloc_zero(void);
/* Back on the free list: it must be mapped by no guest page, unpinned. */
void frame_free(uint64_t frame);
void frame_zero(uint64_t frame);

/* The pool's frames by number (0 .. frames_total-1), for a clock over
 * the table; frame_desc() checks its argument is a pool frame. */
extern uint64_t frame_first, frames_total, frames_free;
extern struct frame_desc *frame_table;
static inline uint64_t frame_nth(uint64_t i)
{
	return frame_first + (i << 12);
}
struct frame_desc *frame_desc(uint64_t frame);

/* Reverse map: guest page (guest index, page) maps the frame. The first
 * makes a host frame FRAME_GUEST, a second FRAME_SHARED. */
void frame_rmap_add(uint64_t frame, unsigned guest, uint64_t page);
/* That mapping is gone; returns the mappings left (0: FRAME_HOST again,
 * the caller frees it or keeps it). */
unsigned frame_rmap_del(uint64_t frame, unsigned guest, uint64_t page);
/* Call fn for every mapping of the frame (fn may not change the map). */
void frame_rmap_each(uint64_t frame,
		     void (*fn)(unsigned guest, uint64_t page, void *ctx),
		     void *ctx);

/* Host I/O into the frame: a pinned frame is never discarded, paged out,
 * sampled or freed. */
void frame_pin(uint64_t frame);
void frame_unpin(uint64_t frame);
static inline int frame_pinned(uint64_t frame)
{
	return frame_desc(frame)->pins != 0;
}

/* Storage keys of host frames (ISKE, SSKE, RRBE: Principles of
 * Operation, "Storage Keys"). */
#define KEY_CHANGE 0x02     /* storage key: change bit               */
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

/* Hercules 3.13's RRBE (like its IPTE) misses a DAT-off SIE guest's TLB
 * entries, and an access through a TLB entry does not set the reference
 * bit again: a clock would see the hottest pages as unreferenced. PTLB
 * purges the guest's copies too; once after a run of RRBEs is enough. */
static inline void frames_purge_tlb(void)
{
	asm volatile("ptlb" : : : "memory");
}

static inline uint8_t frame_key(uint64_t frame)
{
	uint64_t k;

	asm volatile("iske %0,%1" : "=d"(k) : "a"(frame));
	return (uint8_t)k;
}

/* Storage cost of the frame table (and rmap entries in use), in frames. */
uint64_t frame_table_frames(void);
/* How many pool frames are of that kind now (a walk of the table). */
uint64_t frames_of_kind(enum frame_kind kind);

#endif
