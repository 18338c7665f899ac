/* cpacf.h - the machine's own page-hash candidates: the facility list
 * (STFLE), the CP Assist for Cryptographic Functions' message digests
 * (KIMD SHA-1 and SHA-256, message-security assist) and CHECKSUM (CKSM).
 * Measured against the software hash by the self-test (selftest_hash.c). */
#ifndef ZCMM_SHARE_CPACF_H
#define ZCMM_SHARE_CPACF_H

#include <stdint.h>

#define FAC_MSA 17      /* message-security assist (KIMD, KLMD, ...) */
#define KIMD_SHA1   1   /* function codes, PoP "COMPUTE INTERMEDIATE  */
#define KIMD_SHA256 2   /*   MESSAGE DIGEST": 20- and 32-byte values  */

/* Is facility bit nr on in the machine's facility list (STFLE)? */
int cpacf_facility(unsigned nr);
/* Does KIMD function fc (SHA-1 or SHA-256) give FIPS 180-4's digest of
 * "abc"? 0 when it is absent (a program check) or computes a wrong value. */
int cpacf_kimd_works(unsigned fc);
/* The function's FIPS 180-4 initial value into h (5 or 8 words). */
void cpacf_kimd_init(unsigned fc, uint32_t h[8]);
/* KIMD function fc over len bytes (a multiple of 64) at src, chaining
 * the value h (in: the previous value, out: the next). */
void cpacf_kimd(unsigned fc, uint32_t h[8], const void *src, uint64_t len);
/* Are the two 4 KiB pages equal, and is a page all zeros? COMPARE
 * LOGICAL (CLC) 256 bytes at a time: under emulation far cheaper than a
 * C loop or COMPARE LOGICAL LONG. */
int cpacf_page_equal(const void *a, const void *b);
/* Copy a 4 KiB page: MOVE PAGE (MVPG, PoP), one instruction. */
void cpacf_page_copy(void *dst, const void *src);
int cpacf_page_zero(const void *a);
/* CKSM over len bytes at src, starting from sum (PoP "CHECKSUM"). */
uint32_t cpacf_cksm(uint32_t sum, const void *src, uint64_t len);

#endif
