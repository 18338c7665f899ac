/* slotmap.h - which slots of the paging device are taken: a bitmap with
 * a next-fit cursor, so consecutive page-outs land in consecutive slots
 * (Hercules caches FBA data in groups: neighbours are cheaper). */
#ifndef ZCMM_SLOTMAP_H
#define ZCMM_SLOTMAP_H

#include <stdint.h>

struct slotmap {
	uint64_t *bits;   /* nslots bits, caller-provided storage      */
	uint64_t nslots;
	uint64_t used;
	uint64_t cursor;  /* where the next search starts              */
};

#define SLOTMAP_WORDS(n) (((n) + 63) / 64)
#define SLOTMAP_NONE (~0ULL)

/* bits must hold SLOTMAP_WORDS(nslots) words; all slots start free. */
void slotmap_init(struct slotmap *m, uint64_t *bits, uint64_t nslots);
/* A free slot, now taken, or SLOTMAP_NONE when all are taken. */
uint64_t slotmap_alloc(struct slotmap *m);
/* Give a slot back; returns -1 if it was not taken (a caller's bug). */
int slotmap_free(struct slotmap *m, uint64_t slot);
int slotmap_taken(const struct slotmap *m, uint64_t slot);

#endif
