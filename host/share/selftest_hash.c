/* selftest_hash.c - the page-key candidates on this machine: is the
 * message-security assist there, do KIMD's digests give FIPS 180-4's
 * answers, is the host's key the one the native test checks against
 * OpenSSL, and what each candidate costs per 4 KiB page (BENCH lines,
 * docs/sharing.md). Candidates are timed in turns and the fastest turn
 * kept: the TOD clock follows the wall clock of a busy machine. */
#include "host/console.h"
#include "host/frame.h"
#include "host/memlayout.h"
#include "host/selftest.h"
#include "host/share/cpacf.h"
#include "host/share/digest.h"
#include "host/timer.h"
#include "lib/pagesum.h"
#include "lib/prng.h"

#define PAGES 16
#define ROUNDS 64
#define TURNS 3

enum cand { C_KEY, C_SHA1, C_SHA256, C_CKSM, C_PAGESUM, C_SOFT, C_ZERO,
	    C_CLCL, C_MEMCMP, C_N };
static const char *const cand_name[C_N] = {
	"the host's key (salted KIMD-SHA-1, page + 1 block)",
	"KIMD-SHA-1 (160-bit)",
	"KIMD-SHA-256 (256-bit)",
	"CKSM (32-bit)",
	"software pagesum (64-bit)",
	"software SHA-1 (the fallback key)",
	"zero check of a zero page (C loop)",
	"full compare of equal pages (16 CLC)",
	"full compare of equal pages (C memcmp)",
};

static uint64_t page[PAGES], zero, golden[512];
static struct share_keystart ks;
static volatile uint64_t sink;

int memcmp(const void *a, const void *b, unsigned long n);

static uint64_t one(enum cand c, const void *p)
{
	static const struct share_salt salt = { SHARE_GOLDEN_SALT };
	unsigned fc = c == C_SHA1 ? KIMD_SHA1 : KIMD_SHA256;
	uint32_t h[8];

	switch (c) {
	case C_KEY:
		return share_page_key(&ks, p);
	case C_SHA1:
	case C_SHA256:
		cpacf_kimd_init(fc, h);
		cpacf_kimd(fc, h, p, PAGE_SIZE);
		return h[0];
	case C_CKSM:
		return cpacf_cksm(0, p, PAGE_SIZE);
	case C_PAGESUM:
		return pagesum(p);
	case C_SOFT:
		return share_digest_page(&salt, p);
	case C_CLCL:
		return cpacf_page_equal(p, p);
	case C_MEMCMP:
		return memcmp(p, p, PAGE_SIZE);
	default:
		return share_page_is_zero((void *)zero);
	}
}

/* TOD units for one turn of PAGES * ROUNDS pages */
static uint64_t turn(enum cand c)
{
	uint64_t t0 = tod_now();

	for (int k = 0; k < ROUNDS; k++)
		for (int i = 0; i < PAGES; i++)
			sink += one(c, (void *)page[i]);
	return tod_now() - t0;
}

static void keys_agree(void)
{
	static const struct share_salt salt = { SHARE_GOLDEN_SALT };
	int same = 1;
	struct prng r;

	prng_seed(&r, SHARE_GOLDEN_SEED);
	for (int w = 0; w < 512; w++)
		golden[w] = prng_next(&r);
	share_keystart(&salt, &ks);
	check(share_page_key(&ks, golden) == SHARE_GOLDEN,
	      "the host's page key is the one the native test checks "
	      "against OpenSSL", "%016lx", share_page_key(&ks, golden));
	for (int i = 0; i < PAGES; i++)
		same &= share_page_key(&ks, (void *)page[i]) ==
			share_digest_page(&salt, (void *)page[i]);
	check(same, "KIMD and the software SHA-1 agree on 16 pages",
	      "they differ");
}

void selftest_share_hash(void)
{
	/* the software SHA-1 takes milliseconds a page under emulation:
	   checked above, not timed here (docs/sharing.md has its figure) */
	int works[C_N] = { 1, 0, 0, 1, 1, 0, 1, 1, 1 };
	uint64_t best[C_N], t, ns;
	struct prng r;

	works[C_SHA1] = share_digest_init();
	works[C_SHA256] = cpacf_kimd_works(KIMD_SHA256);
	check(cpacf_facility(FAC_MSA), "facility 17 (message-security "
	      "assist) is on", "STFLE bit 17 is off");
	check(works[C_SHA1], "KIMD-SHA-1 gives FIPS 180-4's digest of "
	      "\"abc\"", "absent or wrong: the key runs in software");
	kprintf("INFO: KIMD-SHA-256 %s\n", works[C_SHA256] ? "right" :
		"absent or wrong (Hercules 3.13 computes SHA-1 for it)");
	prng_seed(&r, 12);
	zero = frame_alloc_zero();
	for (int i = 0; i < PAGES; i++) {
		page[i] = frame_alloc();
		for (int w = 0; w < 512; w++)
			((uint64_t *)page[i])[w] = prng_next(&r);
	}
	keys_agree();
	((uint8_t *)page[1])[4095] ^= 1;
	check(cpacf_page_equal((void *)page[0], (void *)page[0]) &&
	      !cpacf_page_equal((void *)page[0], (void *)page[1]) &&
	      cpacf_page_zero((void *)zero) && !cpacf_page_zero((void *)page[0]),
	      "CLC page compare and zero check", "wrong answer");
	((uint8_t *)zero)[4095] = 1;
	check(!cpacf_page_zero((void *)zero), "CLC: a zero page with its "
	      "last byte set is not zero", "said zero");
	((uint8_t *)zero)[4095] = 0;
	cpacf_page_copy((void *)zero, (void *)page[2]);
	check(cpacf_page_equal((void *)zero, (void *)page[2]),
	      "MVPG copies a page", "the copy differs");
	frame_zero(zero);
	for (int c = 0; c < C_N; c++)
		best[c] = ~0UL;
	for (int k = 0; k < TURNS; k++)
		for (int c = 0; c < C_N; c++)
			if (works[c] && (t = turn(c)) < best[c])
				best[c] = t;
	for (int c = 0; c < C_N; c++) {
		if (!works[c])
			continue;
		ns = best[c] * 1000 / TOD_PER_US / (PAGES * ROUNDS);
		kprintf("BENCH: page hash %s %lu.%03lu us per 4 KiB page\n",
			cand_name[c], ns / 1000, ns % 1000);
	}
	for (int i = 0; i < PAGES; i++)
		frame_free(page[i]);
	frame_free(zero);
}
