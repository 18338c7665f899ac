/* prng.c - splitmix64 (seeding, mixing) and xorshift64* (the stream) for
 * the guest kernel's workloads; see prng.h. */
#include "lib/prng.h"

uint64_t prng_mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

uint64_t prng_splitmix64(uint64_t *x)
{
	*x += 0x9e3779b97f4a7c15ULL;
	return prng_mix64(*x);
}

void prng_seed(struct prng *p, uint64_t seed)
{
	uint64_t x = seed;

	p->s = prng_splitmix64(&x);
	if (!p->s) /* xorshift's one fixed point */
		p->s = 0x9e3779b97f4a7c15ULL;
}

uint64_t prng_next(struct prng *p)
{
	uint64_t x = p->s;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	p->s = x;
	return x * 0x2545f4914f6cdd1dULL;
}

uint32_t prng_below(struct prng *p, uint32_t n)
{
	/* the high 32 bits are xorshift64*'s best; scale them into [0, n) */
	return (uint32_t)(((prng_next(p) >> 32) * (uint64_t)n) >> 32);
}
