/* internal.h - what the files of host/share/ share among themselves: the
 * index, the zero frame, the domains' key starts. */
#ifndef ZCMM_SHARE_INTERNAL_H
#define ZCMM_SHARE_INTERNAL_H

#include <stdint.h>

#include "host/share/digest.h"
#include "host/guest.h"
#include "lib/share_index.h"

extern struct share_index share_idx;

/* A domain's zero frame carries this in its descriptor's flags (index
 * entries are numbered below it). */
#define SHARE_ZERO_MARK 0xffff
/* The domain's zero frame, made on its first zero page; 0 if none free. */
uint64_t share_zero_frame_of(uint32_t domain);

/* A frame in the index carries its entry (number + 1) in the frame
 * descriptor's flags; these drop it from the index, and say whether the
 * sharing layer keeps a frame no page maps (the zero frame). */
void share_forget_frame(uint64_t frame);
int share_keep_frame(uint64_t frame);

/* A domain's SHA-1 value after its salt block, and its zero page's key. */
const struct share_keystart *share_keystart_of(uint32_t domain);
uint64_t share_zero_key_of(uint32_t domain);

/* Let the reclaim clock take single mappings of shared frames (cow.c). */
void share_reclaim_hook(void);
/* The scanner's per-guest records and rates (scan.c). */
int share_scan_attach(struct guest **guests, unsigned n, uint64_t rate,
		      uint64_t total);

#endif
