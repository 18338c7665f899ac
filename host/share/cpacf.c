/* cpacf.c - STFLE, KIMD and CKSM as C calls (cpacf.h). KIMD and CKSM may
 * stop early with condition code 3 (PoP: a CPU-determined amount of data
 * processed); the loop branches back until they are done. */
#include "host/share/cpacf.h"
#include "host/trap.h"

static const uint32_t iv_sha1[5] = {
	0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0,
};
static const uint32_t iv_sha256[8] = {
	0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
	0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};
/* FIPS 180-4's "abc" example padded to one block, and its digests */
static const uint8_t abc_block[64] = { 'a', 'b', 'c', 0x80, [63] = 24 };
static const uint32_t abc_sha1[5] = {
	0xa9993e36, 0x4706816a, 0xba3e2571, 0x7850c26c, 0x9cd0d89d,
};
static const uint32_t abc_sha256[8] = {
	0xba7816bf, 0x8f01cfea, 0x414140de, 0x5dae2223,
	0xb00361a3, 0x96177a9c, 0xb410ff61, 0xf20015ad,
};

int cpacf_facility(unsigned nr)
{
	/* PoP "STORE FACILITY LIST EXTENDED": GR0 bits 56-63 hold the
	   number of doublewords minus one */
	uint64_t list[4] = { 0 };
	register uint64_t r0 asm("0") = 3;

	if (nr >= 256)
		return 0;
	asm volatile(".insn s,0xb2b00000,%0" : "=Q"(list), "+d"(r0) : : "cc");
	return (list[nr / 64] >> (63 - nr % 64)) & 1;
}

void cpacf_kimd_init(unsigned fc, uint32_t h[8])
{
	for (int i = 0; i < 8; i++)
		h[i] = fc == KIMD_SHA1 ? (i < 5 ? iv_sha1[i] : 0) : iv_sha256[i];
}

int cpacf_kimd_works(unsigned fc)
{
	const uint32_t *want = fc == KIMD_SHA1 ? abc_sha1 : abc_sha256;
	int words = fc == KIMD_SHA1 ? 5 : 8, failed = 1;
	uint32_t h[8];
	register uint64_t r0 asm("0") = fc;
	register uint64_t r1 asm("1") = (uint64_t)h;
	register uint64_t r2 asm("2") = (uint64_t)abc_block, r3 asm("3") = 64;

	/* ask the function itself, not KIMD-Query: Hercules 3.13's query
	   stores no bits, and its SHA-256 computes SHA-1 (docs/sharing.md) */
	if (!cpacf_facility(FAC_MSA) || (fc != KIMD_SHA1 && fc != KIMD_SHA256))
		return 0;
	cpacf_kimd_init(fc, h);
	asm volatile("0:	.insn rre,0xb93e0000,0,2\n"
		     "	brc	1,0b\n"
		     "	lhi	%0,0\n"
		     "1:\n" EX_TABLE(0b, 1b)
		     : "+d"(failed), "+d"(r2), "+d"(r3)
		     : "d"(r0), "d"(r1) : "cc", "memory");
	for (int i = 0; i < words && !failed; i++)
		failed = h[i] != want[i];
	return !failed;
}

void cpacf_kimd(unsigned fc, uint32_t h[8], const void *src, uint64_t len)
{
	register uint64_t r0 asm("0") = fc;
	register uint64_t r1 asm("1") = (uint64_t)h;
	register uint64_t r2 asm("2") = (uint64_t)src, r3 asm("3") = len;

	asm volatile("0:	.insn rre,0xb93e0000,0,2\n"
		     "	brc	1,0b\n"
		     : "+d"(r2), "+d"(r3) : "d"(r0), "d"(r1) : "cc", "memory");
}

/* 16 COMPARE LOGICAL (CLC) of 256 bytes: Hercules runs each as one
 * native compare, where its COMPARE LOGICAL LONG goes byte by byte
 * (BENCH lines of the self-test) */
int cpacf_page_equal(const void *a, const void *b)
{
	const char *x = a, *y = b;
	int cc = 0;

	for (int i = 0; i < 16 && !cc; i++, x += 256, y += 256)
		asm volatile("	clc	0(256,%1),0(%2)\n"
			     "	ipm	%0\n"
			     "	srl	%0,28\n"
			     : "=d"(cc) : "a"(x), "a"(y) : "cc", "memory");
	return cc == 0;
}

void cpacf_page_copy(void *dst, const void *src)
{
	register uint64_t r0 asm("0") = 0;  /* no key, no condition codes */

	asm volatile("	mvpg	%1,%2\n"
		     : : "d"(r0), "a"(dst), "a"(src) : "cc", "memory");
}

static const uint8_t zeros[4096] __attribute__((aligned(4096)));

int cpacf_page_zero(const void *a)
{
	return cpacf_page_equal(a, zeros);
}

uint32_t cpacf_cksm(uint32_t sum, const void *src, uint64_t len)
{
	register uint64_t r2 asm("2") = (uint64_t)src, r3 asm("3") = len;
	uint64_t s = sum;

	asm volatile("0:	.insn rre,0xb2410000,%0,2\n"
		     "	brc	1,0b\n"
		     : "+d"(s), "+d"(r2), "+d"(r3) : : "cc", "memory");
	return (uint32_t)s;
}
