/* slotmap.c - the paging device's slot bitmap (see slotmap.h). */
#include "lib/slotmap.h"

void slotmap_init(struct slotmap *m, uint64_t *bits, uint64_t nslots)
{
	m->bits = bits;
	m->nslots = nslots;
	m->used = 0;
	m->cursor = 0;
	for (uint64_t i = 0; i < SLOTMAP_WORDS(nslots); i++)
		bits[i] = 0;
}

int slotmap_taken(const struct slotmap *m, uint64_t slot)
{
	return slot < m->nslots && (m->bits[slot / 64] >> (slot % 64)) & 1;
}

uint64_t slotmap_alloc(struct slotmap *m)
{
	uint64_t words = SLOTMAP_WORDS(m->nslots);

	if (m->used == m->nslots)
		return SLOTMAP_NONE;
	/* next fit, a word at a time: full words are skipped whole */
	for (uint64_t k = 0; k <= words; k++) {
		uint64_t w = (m->cursor / 64 + k) % words;
		uint64_t free = ~m->bits[w];

		if (!free)
			continue;
		for (unsigned b = 0; b < 64; b++) {
			uint64_t slot = w * 64 + b;

			if (!((free >> b) & 1) || slot >= m->nslots)
				continue;
			if (k == 0 && slot < m->cursor && words > 1)
				continue; /* behind the cursor: on the wrap */
			m->bits[w] |= 1ULL << b;
			m->used++;
			m->cursor = slot + 1 == m->nslots ? 0 : slot + 1;
			return slot;
		}
	}
	return SLOTMAP_NONE;
}

int slotmap_free(struct slotmap *m, uint64_t slot)
{
	if (!slotmap_taken(m, slot))
		return -1;
	m->bits[slot / 64] &= ~(1ULL << (slot % 64));
	m->used--;
	return 0;
}
