/* pattern.c - fill and verify a 4 KiB page with its self-checking pattern
 * (see pattern.h). The fast path stops at the first bad word; only a page
 * that fails is scanned a second time, whole, for the report. */
#include "lib/pattern.h"
#include "lib/prng.h"

uint64_t pattern_base(const struct pattern_id *id)
{
	uint64_t h = prng_mix64(id->seed + 0x7a636d6d70617474ULL);

	h = prng_mix64(h ^ id->guest);
	h = prng_mix64(h ^ id->page);
	return prng_mix64(h ^ ((uint64_t)id->gen << 1 | 1));
}

/* Four running values, one per word of a group of four, each advanced by
 * four steps: about two instructions per word on s390x. The empty asm
 * hides their relation, or gcc rebuilds each from v0 and a constant. */
#define STEP4(v) uint64_t s4 = 4 * PATTERN_STEP, v0 = (v), v1 = v0 + PATTERN_STEP, \
	v2 = v1 + PATTERN_STEP, v3 = v2 + PATTERN_STEP; \
	__asm__("" : "+r"(s4), "+r"(v0), "+r"(v1), "+r"(v2), "+r"(v3))

void pattern_fill(void *page, const struct pattern_id *id)
{
	uint64_t *w = page;
	uint32_t i;
	STEP4(pattern_base(id));

	for (i = 0; i < PATTERN_WORDS; i += 4) {
		w[i] = v0;
		w[i + 1] = v1;
		w[i + 2] = v2;
		w[i + 3] = v3;
		v0 += s4;
		v1 += s4;
		v2 += s4;
		v3 += s4;
	}
}

int pattern_verify(const void *page, const struct pattern_id *id,
		   struct pattern_bad *bad)
{
	const uint64_t *w = page;
	uint64_t base = pattern_base(id), v;
	uint32_t i;
	STEP4(base);

	for (i = 0; i < PATTERN_WORDS; i += 4) {
		if (w[i] != v0 || w[i + 1] != v1 || w[i + 2] != v2 ||
		    w[i + 3] != v3)
			break;
		v0 += s4;
		v1 += s4;
		v2 += s4;
		v3 += s4;
	}
	if (i == PATTERN_WORDS)
		return 0;
	/* a bad page: scan it all again for the report */
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
