/* pattern.c - fill and verify a 4 KiB page with its self-checking pattern
 * (see pattern.h). The fast path is one add and one store or xor per word;
 * only a page that fails is scanned a second time for the report. */
#include "lib/pattern.h"
#include "lib/prng.h"

uint64_t pattern_base(const struct pattern_id *id)
{
	uint64_t h = prng_mix64(id->seed + 0x7a636d6d70617474ULL);

	h = prng_mix64(h ^ id->guest);
	h = prng_mix64(h ^ id->page);
	return prng_mix64(h ^ ((uint64_t)id->gen << 1 | 1));
}

void pattern_fill(void *page, const struct pattern_id *id)
{
	uint64_t *w = page, v = pattern_base(id);
	uint32_t i;

	for (i = 0; i < PATTERN_WORDS; i += 4) {
		w[i] = v;
		w[i + 1] = v + PATTERN_STEP;
		w[i + 2] = v + 2 * PATTERN_STEP;
		w[i + 3] = v + 3 * PATTERN_STEP;
		v += 4 * PATTERN_STEP;
	}
}

int pattern_verify(const void *page, const struct pattern_id *id,
		   struct pattern_bad *bad)
{
	const uint64_t *w = page;
	uint64_t base = pattern_base(id), v = base, diff = 0;
	uint32_t i;

	for (i = 0; i < PATTERN_WORDS; i += 4) {
		diff |= w[i] ^ v;
		diff |= w[i + 1] ^ (v + PATTERN_STEP);
		diff |= w[i + 2] ^ (v + 2 * PATTERN_STEP);
		diff |= w[i + 3] ^ (v + 3 * PATTERN_STEP);
		v += 4 * PATTERN_STEP;
	}
	if (!diff)
		return 0;
	bad->nbad = 0;
	for (i = 0, v = base; i < PATTERN_WORDS; i++, v += PATTERN_STEP) {
		if (w[i] == v)
			continue;
		if (!bad->nbad++) {
			bad->word = i;
			bad->expected = v;
			bad->found = w[i];
		}
	}
	return -1;
}
