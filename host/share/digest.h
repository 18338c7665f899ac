/* digest.h - the host's page key for content sharing (lib/share_digest.h):
 * the SHA-1 blocks run on KIMD-SHA-1 when the machine does it right
 * (checked once, at share_digest_init()), else in software. */
#ifndef ZCMM_SHARE_DIGEST_HOST_H
#define ZCMM_SHARE_DIGEST_HOST_H

#include <stdint.h>

#include "lib/share_digest.h"

/* A domain's SHA-1 value after its salt block, computed once. */
struct share_keystart {
	uint32_t h[8];
};

/* Probe KIMD-SHA-1; returns 1 if the key will run on it. */
int share_digest_init(void);
void share_keystart(const struct share_salt *salt, struct share_keystart *ks);
/* The salted 64-bit key of the page at host real address page. */
uint64_t share_page_key(const struct share_keystart *ks, const void *page);

extern int share_digest_kimd; /* 1: KIMD, 0: software */

#endif
