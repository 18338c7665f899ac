/* bootcheck.h - the host's check of a boot block (include/zcmm/boot.h),
 * portable: the host runs it on the block in storage before it trusts a
 * field, the CLI on what it is about to write, the tests on any bytes. */
#ifndef ZCMM_LIB_BOOTCHECK_H
#define ZCMM_LIB_BOOTCHECK_H

#include <stddef.h>
#include <stdint.h>
#include "zcmm/boot.h"

/* What the host's arithmetic takes: times become TOD units (4096 a
 * microsecond) added to the clock, so each stays far from 64 bits. */
#define BOOT_TIME_MS_MAX   (100ULL * 86400 * 1000) /* 100 days          */
#define BOOT_STORAGE_MAX   (1ULL << 40)  /* 1 TiB of main storage        */
#define BOOT_WSS_SAMPLE_MAX 64           /* pages sampled a guest a period */
#define BOOT_SCAN_RATE_MAX 1000000u      /* sharing scanner, pages/s     */

#define BOOT_FLAGS_KNOWN (ZCMM_BOOT_NO_ESSA | ZCMM_BOOT_CORRUPT_SLOT | \
			  ZCMM_BOOT_TEST_HOOKS | ZCMM_BOOT_BALLOON_FIXED | \
			  ZCMM_BOOT_SHARING | ZCMM_BOOT_LIVE)
#define BOOT_MEM_FLAGS_KNOWN ZCMM_MEM_HALT_UNSERVABLE
#define BOOT_GUEST_FLAGS_KNOWN (ZCMM_GUEST_HINTING | \
				ZCMM_GUEST_SAME_CONTENT | ZCMM_GUEST_LINUX)

/* The boot block's fields, read big-endian (the host's own order). */
static inline uint64_t boot_be(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;

	while (n--)
		v = v << 8 | *p++;
	return v;
}

/* Offsets of the tables in a block of nguests guests (zcmm/boot.h). */
#define BOOT_GUEST_OFF(i)  (sizeof(struct zcmm_boot) + \
			    (size_t)(i) * sizeof(struct zcmm_guest_desc))
#define BOOT_MEMHDR_OFF(n) zcmm_mem_table_offset((size_t)(n))
#define BOOT_MEM_OFF(n, i) (BOOT_MEMHDR_OFF(n) + \
			    sizeof(struct zcmm_mem_header) + \
			    (size_t)(i) * sizeof(struct zcmm_guest_mem))
#define BOOT_SHARE_OFF(n)  zcmm_share_table_offset((size_t)(n))

/* The bytes the block's tables take (the sharing table's entries too,
 * if its flag says there is one), or 0 if they do not fit len. */
size_t boot_block_size(const uint8_t *blk, size_t len);

/* 0 if blk[0..len) is a boot block the host can run: every field it
 * later trusts in range, every table inside len. Else -1 and why says
 * which field of which guest is wrong (NUL-terminated, cut to whylen). */
int boot_block_check(const uint8_t *blk, size_t len, char *why,
		     size_t whylen);

#endif
