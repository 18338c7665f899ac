/* share_digest.h - the content-sharing scanner's page key: SHA-1 over a
 * block holding the sharing domain's secret (the salt) followed by the
 * page, cut to 64 bits. The same content gives different keys in
 * different domains. The host runs the SHA-1 blocks on the machine's
 * message-security assist (KIMD, host/share/cpacf.c) and this portable
 * code where that is missing; a merge still compares whole pages. */
#ifndef ZCMM_SHARE_DIGEST_H
#define ZCMM_SHARE_DIGEST_H

#include <stdint.h>

#define SHARE_PAGE_SIZE  4096
#define SHA1_BLOCK       64

struct share_salt {
	uint64_t k[2];  /* the domain's secret, from the boot block */
};

/* A known answer, checked natively and by the host on KIMD: the page of
 * 512 prng words from this seed, stored big-endian, with this salt. */
#define SHARE_GOLDEN_SEED 0x5ead
#define SHARE_GOLDEN_SALT { 0x0123456789abcdefULL, 0xfedcba9876543210ULL }
#define SHARE_GOLDEN      0x5206140541d892ecULL

/* SHA-1's initial value (FIPS 180-4 5.3.1). */
void sha1_init(uint32_t h[5]);
/* SHA-1's compression over len bytes at src (a multiple of 64),
 * chaining h: what KIMD-SHA-1 does (PoP "COMPUTE INTERMEDIATE MESSAGE
 * DIGEST"). */
void sha1_blocks(uint32_t h[5], const void *src, uint64_t len);

/* The first block of a page's message: the secret, big-endian, then
 * zeros. */
void share_digest_first(const struct share_salt *salt,
			uint8_t block[SHA1_BLOCK]);
/* The last block: SHA-1's padding of a message of one block and a page,
 * so the chained value is SHA-1(first block || page). */
void share_digest_last(uint8_t block[SHA1_BLOCK]);
/* The key: the digest's first 64 bits, big-endian. */
static inline uint64_t share_digest_key(const uint32_t h[5])
{
	return (uint64_t)h[0] << 32 | h[1];
}
/* The whole key in software: first block, page, last block. */
uint64_t share_digest_page(const struct share_salt *salt, const void *page);
/* Is the page all zeros? (zero pages go to the one zero frame) */
int share_page_is_zero(const void *page);

#endif
