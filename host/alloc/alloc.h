/* alloc.h - share-based allocation in the host: each guest's shares,
 * reserve and limit (from the boot block), and what it is reported as.
 * The arithmetic is lib/share_math.c; docs/shares.md has the picture. */
#ifndef ZCMM_ALLOC_H
#define ZCMM_ALLOC_H

#include <stdint.h>

struct guest;
struct zcmm_guest_mem;

/* Per guest, inside struct guest (host/guest.h). Pages throughout. */
struct alloc_guest {
	uint64_t shares;         /* S: its relative entitlement            */
	uint64_t reserve;        /* never reclaimed below this             */
	uint64_t limit;          /* never resident above this; 0: its size */
};

/* Its settings from the boot block's table (0: the defaults). */
void alloc_guest_init(struct guest *g, const struct zcmm_guest_mem *m);
/* @result lines: per guest its settings, in total the run's tax and
 * what admission committed. */
void alloc_result(const char *kind, const char *id, struct guest *g);
void alloc_total(void);

#endif
