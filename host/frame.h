/* frame.h - the host's page frames: every 4 KiB frame of storage above
 * the guest images, on one free list, with counts a test can check. */
#ifndef ZCMM_FRAME_H
#define ZCMM_FRAME_H

#include <stdint.h>

void frames_init(uint64_t start, uint64_t end);
/* A free frame's real address, or 0 when none is left. */
uint64_t frame_alloc(void);
/* The same, zero-filled. */
uint64_t frame_alloc_zero(void);
void frame_free(uint64_t frame);
void frame_zero(uint64_t frame);

extern uint64_t frames_total, frames_free;

#endif
