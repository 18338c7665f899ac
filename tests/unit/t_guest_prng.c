/* t_guest_prng.c - the guest workloads' PRNG: splitmix64 against its
 * published reference output, determinism, seed sensitivity, ranges. */
#include <stdint.h>

#include "lib/prng.h"
#include "tests/tap.h"

int main(void)
{
	struct prng a, b;
	uint64_t x = 0, first[8];
	uint32_t hist[10] = { 0 };
	int i, same, inrange, zero_ok, spread;

	/* splitmix64 seeded with 0 (Vigna's reference implementation) */
	tap_eq(prng_splitmix64(&x) == 0xe220a8397b1dcdafULL, 1,
	       "splitmix64(0) first output");
	tap_eq(prng_splitmix64(&x) == 0x6e789e6aa1b965f4ULL, 1,
	       "splitmix64(0) second output");

	prng_seed(&a, 42);
	prng_seed(&b, 42);
	for (same = 1, i = 0; i < 1000; i++) {
		uint64_t va = prng_next(&a);

		if (i < 8)
			first[i] = va;
		same &= va == prng_next(&b);
	}
	tap_ok(same, "same seed, same 1000 values");

	prng_seed(&a, 42);
	for (same = 1, i = 0; i < 8; i++)
		same &= prng_next(&a) == first[i];
	tap_ok(same, "reseeding restarts the stream");

	prng_seed(&b, 43);
	for (same = 0, i = 0; i < 8; i++)
		same += prng_next(&b) == first[i];
	tap_eq(same, 0, "seed 43 differs from seed 42 everywhere");

	prng_seed(&a, 0);
	for (zero_ok = 1, i = 0; i < 100; i++)
		zero_ok &= prng_next(&a) != 0;
	tap_ok(zero_ok && a.s != 0, "seed 0 gives a live stream");

	prng_seed(&a, 7);
	for (inrange = 1, i = 0; i < 100000; i++) {
		uint32_t v = prng_below(&a, 10);

		inrange &= v < 10;
		if (v < 10)
			hist[v]++;
	}
	tap_ok(inrange, "prng_below(10) stays below 10");
	for (spread = 1, i = 0; i < 10; i++)
		spread &= hist[i] > 9000 && hist[i] < 11000;
	tap_ok(spread, "prng_below(10) is roughly uniform");

	for (inrange = 1, i = 0; i < 1000; i++)
		inrange &= prng_below(&a, 1) == 0;
	tap_ok(inrange, "prng_below(1) is 0");
	tap_eq(prng_below(&a, 0), 0, "prng_below(0) is 0");
	for (inrange = 0, i = 0; i < 1000; i++)
		inrange |= prng_below(&a, 0xffffffffu) > 0x80000000u;
	tap_ok(inrange, "prng_below(2^32-1) reaches the upper half");

	return tap_done();
}
