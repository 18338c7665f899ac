/* digest.c - the page key on the machine's message digest (digest.h).
 * KIMD chains the same three pieces as lib/share_digest.c: the salt
 * block (once per domain: the value after it is kept), the page, SHA-1's
 * padding block. */
#include "host/share/cpacf.h"
#include "host/share/digest.h"

int share_digest_kimd;
static uint8_t last_block[SHA1_BLOCK];

int share_digest_init(void)
{
	share_digest_last(last_block);
	share_digest_kimd = cpacf_kimd_works(KIMD_SHA1);
	return share_digest_kimd;
}

void share_keystart(const struct share_salt *salt, struct share_keystart *ks)
{
	uint8_t first[SHA1_BLOCK];

	share_digest_first(salt, first);
	cpacf_kimd_init(KIMD_SHA1, ks->h);
	if (share_digest_kimd)
		cpacf_kimd(KIMD_SHA1, ks->h, first, SHA1_BLOCK);
	else
		sha1_blocks(ks->h, first, SHA1_BLOCK);
}

uint64_t share_page_key(const struct share_keystart *ks, const void *page)
{
	uint32_t h[8];

	for (int i = 0; i < 8; i++)
		h[i] = ks->h[i];
	if (share_digest_kimd) {
		cpacf_kimd(KIMD_SHA1, h, page, SHARE_PAGE_SIZE);
		cpacf_kimd(KIMD_SHA1, h, last_block, SHA1_BLOCK);
	} else {
		sha1_blocks(h, page, SHARE_PAGE_SIZE);
		sha1_blocks(h, last_block, SHA1_BLOCK);
	}
	return share_digest_key(h);
}
