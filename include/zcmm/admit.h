/* admit.h - what one guest costs the host, in frames and paging slots:
 * the sizes of the host structures made for it (host/guest.c,
 * host/gmap.c assert their layouts against these constants), so that the
 * CLI, before Hercules starts, and the host, with its real free frames
 * and slots, count admission the same way (lib/admit.c). */
#ifndef ZCMM_ADMIT_H
#define ZCMM_ADMIT_H

#include <stdint.h>

#define ZCMM_FRAME_BYTES        4096ULL
#define ZCMM_FRAME_DESC_BYTES   16ULL   /* the frame table: a descriptor a
					   pool frame, in the pool's first
					   frames, taken before admission  */
#define ZCMM_PT_BYTES_PER_MIB   2048ULL /* 256 PTEs of 8 bytes, in a frame
					   of their own (a frame per MiB)  */
#define ZCMM_GUEST_FRAME_STATES 2048ULL /* page-state bytes (one a page)
					   beside struct guest in its frame */
#define ZCMM_STATES_PER_FRAME   4096ULL /* a larger guest's states: frames
					   of these, listed in one more    */
#define ZCMM_GUEST_PINNED       2ULL    /* prefix pages 0 and 1: always
					   resident (docs/host.md)          */
#define ZCMM_DISK_CALL_FRAMES   1ULL    /* a guest's disk-call frame, when
					   the run has guest disks          */
#define ZCMM_ADMIT_FREE_MIN     64ULL   /* frames no reserve may take: the
					   reclaim's low-water mark, so the
					   unreserved pages can always run */

/* One guest's needs. */
struct zcmm_admit_need {
	uint64_t host_frames;   /* its descriptor, states, page tables, ... */
	uint64_t resident;      /* pages that must stay in frames: its
				   reserve, at least the pinned pages       */
	uint64_t slots;         /* paging slots for the rest of its pages  */
};

static inline void zcmm_admit_need(uint64_t mem_bytes, uint64_t reserve_bytes,
				   int disks, struct zcmm_admit_need *n)
{
	uint64_t pages = mem_bytes / ZCMM_FRAME_BYTES;
	uint64_t res = (reserve_bytes + ZCMM_FRAME_BYTES - 1) / ZCMM_FRAME_BYTES;
	uint64_t mib = (mem_bytes + (1ULL << 20) - 1) >> 20;

	n->host_frames = 1 +                       /* struct guest        */
		(pages > ZCMM_GUEST_FRAME_STATES       /* its page states,  */
		 ? 1 + (pages + ZCMM_STATES_PER_FRAME - 1) /  /* and the */
		       ZCMM_STATES_PER_FRAME    /* frame listing them   */
		 : 0) +
		mib +                              /* its page tables     */
		(disks ? ZCMM_DISK_CALL_FRAMES : 0);
	if (res < ZCMM_GUEST_PINNED)
		res = ZCMM_GUEST_PINNED;
	if (res > pages)
		res = pages;
	n->resident = res;
	n->slots = pages - res;
}

#endif
