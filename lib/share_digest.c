/* share_digest.c - see share_digest.h. SHA-1 as FIPS 180-4 section 6.1
 * describes it, reading the message byte by byte so the result is the same
 * on the big-endian host and on the little-endian machine the unit test
 * runs on (where it is checked against OpenSSL). */
#include "lib/share_digest.h"

static inline uint32_t rol(uint32_t x, unsigned n)
{
	return x << n | x >> (32 - n);
}

void sha1_init(uint32_t h[5])
{
	h[0] = 0x67452301;
	h[1] = 0xefcdab89;
	h[2] = 0x98badcfe;
	h[3] = 0x10325476;
	h[4] = 0xc3d2e1f0;
}

static void sha1_block(uint32_t h[5], const uint8_t *p)
{
	uint32_t w[80], a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];

	for (int t = 0; t < 16; t++)
		w[t] = (uint32_t)p[4 * t] << 24 | (uint32_t)p[4 * t + 1] << 16 |
		       (uint32_t)p[4 * t + 2] << 8 | p[4 * t + 3];
	for (int t = 16; t < 80; t++)
		w[t] = rol(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
	for (int t = 0; t < 80; t++) {
		uint32_t f, k, tmp;

		if (t < 20) {
			f = (b & c) | (~b & d);
			k = 0x5a827999;
		} else if (t < 40) {
			f = b ^ c ^ d;
			k = 0x6ed9eba1;
		} else if (t < 60) {
			f = (b & c) | (b & d) | (c & d);
			k = 0x8f1bbcdc;
		} else {
			f = b ^ c ^ d;
			k = 0xca62c1d6;
		}
		tmp = rol(a, 5) + f + e + k + w[t];
		e = d;
		d = c;
		c = rol(b, 30);
		b = a;
		a = tmp;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
}

void sha1_blocks(uint32_t h[5], const void *src, uint64_t len)
{
	for (uint64_t off = 0; off + SHA1_BLOCK <= len; off += SHA1_BLOCK)
		sha1_block(h, (const uint8_t *)src + off);
}

void share_digest_first(const struct share_salt *salt,
			uint8_t block[SHA1_BLOCK])
{
	for (int i = 0; i < SHA1_BLOCK; i++)
		block[i] = i < 16 ? (uint8_t)(salt->k[i / 8] >> (56 - 8 * (i % 8)))
				  : 0;
}

void share_digest_last(uint8_t block[SHA1_BLOCK])
{
	const uint64_t bits = (SHA1_BLOCK + SHARE_PAGE_SIZE) * 8ULL;

	for (int i = 0; i < SHA1_BLOCK; i++)
		block[i] = i >= 56 ? (uint8_t)(bits >> (8 * (63 - i))) : 0;
	block[0] = 0x80; /* the 1 bit after the message, FIPS 180-4 5.1.1 */
}

uint64_t share_digest_page(const struct share_salt *salt, const void *page)
{
	uint8_t block[SHA1_BLOCK];
	uint32_t h[5];

	sha1_init(h);
	share_digest_first(salt, block);
	sha1_blocks(h, block, SHA1_BLOCK);
	sha1_blocks(h, page, SHARE_PAGE_SIZE);
	share_digest_last(block);
	sha1_blocks(h, block, SHA1_BLOCK);
	return share_digest_key(h);
}

int share_page_is_zero(const void *page)
{
	const uint64_t *w = page;

	for (unsigned i = 0; i < SHARE_PAGE_SIZE / 8; i += 4)
		if (w[i] | w[i + 1] | w[i + 2] | w[i + 3])
			return 0;
	return 1;
}
