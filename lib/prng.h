/* prng.h - the guest workloads' pseudo-random numbers: xorshift64* seeded
 * through splitmix64, so any 64-bit seed (0 too) gives a good stream and the
 * same seed always gives the same stream. Portable: native and s390x. */
#ifndef ZCMM_PRNG_H
#define ZCMM_PRNG_H

#include <stdint.h>

struct prng {
	uint64_t s; /* xorshift64* state, never 0 */
};

/* One splitmix64 step: advances *x and returns a well-mixed value. */
uint64_t prng_splitmix64(uint64_t *x);
/* The splitmix64 finalizer alone: a bijective 64-bit mix. */
uint64_t prng_mix64(uint64_t z);

void prng_seed(struct prng *p, uint64_t seed);
uint64_t prng_next(struct prng *p);
/* A value in [0, n) for 1 <= n <= 2^32 (0 when n is 0); no division. */
uint32_t prng_below(struct prng *p, uint32_t n);

#endif
