/* t_share_digest.c - the sharing scanner's page key against OpenSSL's
 * SHA-1 on the same pages (the host runs the same blocks on KIMD and checks
 * itself against this code: host/share/selftest_hash.c), the salt, and the
 * zero-page test. */
#include <openssl/evp.h>
#include <string.h>

#include "lib/prng.h"
#include "lib/share_digest.h"
#include "tests/tap.h"

/* OpenSSL's SHA-1 of the first block and the page, cut to 64 bits */
static uint64_t openssl_key(const struct share_salt *s, const void *page)
{
	uint8_t msg[SHA1_BLOCK + SHARE_PAGE_SIZE], md[EVP_MAX_MD_SIZE];
	unsigned len = 0;
	uint64_t key = 0;

	share_digest_first(s, msg);
	memcpy(msg + SHA1_BLOCK, page, SHARE_PAGE_SIZE);
	if (!EVP_Digest(msg, sizeof(msg), md, &len, EVP_sha1(), NULL) ||
	    len != 20)
		return 0;
	for (int i = 0; i < 8; i++)
		key = key << 8 | md[i];
	return key;
}

int main(void)
{
	static const uint8_t abc[64] = { 'a', 'b', 'c', 0x80, [63] = 24 };
	uint64_t page[512], other[512];
	struct share_salt s = { { 0x0123456789abcdefULL, 0xfedcba9876543210ULL } };
	struct share_salt t = s;
	uint8_t block[SHA1_BLOCK];
	struct prng r;
	uint32_t h[5];
	int same = 1, n = 0;

	sha1_init(h);
	sha1_blocks(h, abc, 64);
	tap_ok(h[0] == 0xa9993e36 && h[4] == 0x9cd0d89d,
	       "SHA-1 of \"abc\" is FIPS 180-4's (%08x...%08x)", h[0], h[4]);
	share_digest_first(&s, block);
	tap_ok(block[0] == 0x01 && block[7] == 0xef && block[8] == 0xfe &&
	       block[15] == 0x10 && block[16] == 0 && block[63] == 0,
	       "first block: the secret big-endian, then zeros");

	prng_seed(&r, 99);
	for (int k = 0; k < 64; k++) {
		uint64_t want, got;

		s.k[0] = prng_next(&r);
		s.k[1] = prng_next(&r);
		for (int w = 0; w < 512; w++)
			page[w] = k % 8 == 0 ? (uint64_t)k : prng_next(&r);
		want = openssl_key(&s, page);
		got = share_digest_page(&s, page);
		if (want != got && n++ < 3)
			tap_diag("page %d: key %016llx, OpenSSL %016llx", k,
				 (unsigned long long)got,
				 (unsigned long long)want);
		same &= want == got && want != 0;
	}
	tap_ok(same, "64 pages and salts: the key is OpenSSL's SHA-1, cut");

	prng_seed(&r, SHARE_GOLDEN_SEED);
	for (int w = 0; w < 512; w++) { /* big-endian, as the host stores */
		uint64_t v = prng_next(&r);

		for (int b = 0; b < 8; b++)
			((uint8_t *)page)[8 * w + b] = (uint8_t)(v >> (56 - 8 * b));
	}
	t = (struct share_salt){ SHARE_GOLDEN_SALT };
	tap_eq(share_digest_page(&t, page), SHARE_GOLDEN,
	       "the known answer the host's self-test checks on KIMD");

	memcpy(other, page, sizeof(page));
	s = t;
	s.k[1] ^= 1;
	tap_ok(share_digest_page(&s, page) != share_digest_page(&t, page),
	       "another domain's secret: another key for the same page");
	other[511] ^= 1ULL << 40;
	tap_ok(share_digest_page(&t, other) != share_digest_page(&t, page),
	       "one bit changed: another key");
	other[511] = page[0], other[0] = page[511];
	tap_ok(memcmp(other, page, sizeof(page)) == 0 ||
	       share_digest_page(&t, other) != share_digest_page(&t, page),
	       "two words swapped: another key");

	memset(page, 0, sizeof(page));
	tap_ok(share_page_is_zero(page), "a zero page is zero");
	page[511] = 1;
	tap_ok(!share_page_is_zero(page), "its last bit set: not zero");
	page[511] = 0, page[0] = 1ULL << 63;
	tap_ok(!share_page_is_zero(page), "its first bit set: not zero");
	return tap_done();
}
