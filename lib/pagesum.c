/* pagesum.c - see pagesum.h. Mixing each word with its index through a
 * multiply and rotate makes a moved word as visible as a changed one. */
#include "lib/pagesum.h"

uint64_t pagesum(const void *page)
{
	const uint64_t *w = page;
	uint64_t a = 0x9e3779b97f4a7c15ULL, b = 0;

	for (uint64_t i = 0; i < 512; i++) {
		a ^= w[i] + i;
		a *= 0xff51afd7ed558ccdULL;
		a = a << 31 | a >> 33;
		b += a;
	}
	return a ^ b;
}
