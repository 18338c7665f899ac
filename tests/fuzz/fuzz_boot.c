/* fuzz_boot.c - the host's boot-block check (lib/bootcheck.c, the code
 * the host runs at IPL): any bytes are refused with a reason, or make a
 * block whose every field the host goes on to trust is in range; and an
 * accepted block, decoded and written again by the CLI's writer
 * (tools/bootblk.c, tools/share.c), is the same bytes and passes again. */
#include "tests/fuzz/fuzz.h"
#include "lib/bootcheck.h"
#include "lib/share_math.h"
#include "tools/bootblk.h"
#include "tools/share.h"

#define MiB (1ULL << 20)
#define TOD_PER_MS 4096000ULL

static void must(int cond)
{
	if (!cond)
		abort();
}

/* A reason is one line of printable text (it ends up in a panic). */
static void reason_ok(const char *why)
{
	must(why[0] != 0);
	for (const char *c = why; *c; c++)
		must(*c >= 0x20 && *c <= 0x7e);
}

/* A region [a, a + s) of loaded images, as the host copies it. */
static void in_images(uint64_t a, uint64_t s, uint64_t end)
{
	must(a >= ZCMM_IMAGES_ADDR && a + s >= a && a + s <= end);
}

/* What the host does with an accepted block, each use in range. */
static void trusted(const uint8_t *b, size_t len, size_t size)
{
	uint64_t storage = boot_be(b + 0x10, 8), end = boot_be(b + 0x18, 8);
	uint32_t n = (uint32_t)boot_be(b + 0x20, 4), flags = (uint32_t)boot_be(b + 0x24, 4);
	uint32_t nd = 0;

	must(size >= BOOT_SHARE_OFF(n) && size <= len && size <= ZCMM_BOOT_MAX);
	must(boot_be(b + 0x0c, 4) <= ZCMM_MODE_HANG);
	/* frames_init(images_end, storage): whole MiB, in order */
	must(end >= ZCMM_IMAGES_ADDR && end <= storage && storage % MiB == 0 &&
	     end % MiB == 0);
	/* times become TOD units added to the clock: no wrap till 2100 */
	must(boot_be(b + 0x28, 8) * 4096 < (1ULL << 62));
	/* progress_ms, duration_ms, wss_period_ms, balloon_t2_ms */
	for (int k = 0; k < 4; k++)
		must(boot_be(b + (size_t[]){ 0x30, 0x40, 0x58, 0x70 }[k], 8) <
		     (1ULL << 62) / TOD_PER_MS);
	must(boot_be(b + 0x48, 8) <= ZCMM_POLICY_BOTH);
	if (flags & ZCMM_BOOT_SHARING) {
		nd = (uint32_t)boot_be(b + BOOT_SHARE_OFF(n), 4);
		must(nd >= 1 && nd <= n && BOOT_SHARE_OFF(n) + 0x20 + 0x10 * (size_t)nd == size);
	}
	must(boot_be(b + BOOT_MEMHDR_OFF(n), 4) <= IDLE_TAX_MAX);
	for (uint32_t i = 0; i < n; i++) {
		const uint8_t *g = b + BOOT_GUEST_OFF(i), *m = b + BOOT_MEM_OFF(n, i);
		uint64_t mem = boot_be(g + 0x10, 8), lim = boot_be(m + 0x10, 8);

		/* the name is printed in result records: one word */
		must(memchr(g, 0, 16) && g[0]);
		for (const uint8_t *c = g; *c; c++)
			must(*c > 0x20 && *c < 0x7f);
		must(mem && mem % MiB == 0 && mem <= ZCMM_GUEST_MEM_MAX);
		must(boot_be(g + 0x20, 8) > 0);
		in_images(boot_be(g + 0x18, 8), boot_be(g + 0x20, 8), end);
		if (boot_be(g + 0x2c, 4) & ZCMM_GUEST_LINUX)
			for (int k = 0; k < 4; k += 2)
				if (boot_be(g + 0x38 + 8 * k + 8, 8))
					in_images(boot_be(g + 0x38 + 8 * k, 8),
						  boot_be(g + 0x38 + 8 * k + 8, 8), end);
		must(boot_be(g + 0x78, 4) == i && boot_be(g + 0x7c, 4) <= nd);
		must(boot_be(m, 4) <= SHARES_MAX);
		must(boot_be(m + 8, 8) <= (lim ? lim : mem) && lim <= mem);
	}
}

/* The accepted block through the CLI's writer: the same bytes. */
static void rewrite(const uint8_t *b, size_t size)
{
	uint32_t n = (uint32_t)boot_be(b + 0x20, 4);
	uint32_t nd = boot_be(b + 0x24, 4) & ZCMM_BOOT_SHARING
		      ? (uint32_t)boot_be(b + BOOT_SHARE_OFF(n), 4) : 0;
	struct zcmm_boot h;
	struct zcmm_guest_desc *d = calloc(n + 1, sizeof *d);
	struct zcmm_guest_mem *m = calloc(n + 1, sizeof *m);
	struct zcmm_mem_header mh;
	uint64_t (*sec)[2] = calloc(nd + 1, sizeof *sec);
	size_t blen = boot_encoded_size(n), len = blen + share_table_size(nd);
	uint8_t *out = malloc(len);
	char why[200];

	must(d && m && sec && out);
	memset(&h, 0, sizeof h);
	h.magic = boot_be(b, 8);
	h.version = (uint32_t)boot_be(b + 0x08, 4);
	h.mode = (uint32_t)boot_be(b + 0x0c, 4);
	h.storage_size = boot_be(b + 0x10, 8);
	h.images_end = boot_be(b + 0x18, 8);
	h.nguests = n;
	h.flags = (uint32_t)boot_be(b + 0x24, 4);
	h.timeslice_us = boot_be(b + 0x28, 8);
	h.progress_ms = boot_be(b + 0x30, 8);
	h.seed = boot_be(b + 0x38, 8);
	h.duration_ms = boot_be(b + 0x40, 8);
	for (int k = 0; k < 7; k++)
		h.reserved[k] = boot_be(b + 0x48 + 8 * k, 8);
	for (uint32_t i = 0; i < n; i++) {
		const uint8_t *g = b + BOOT_GUEST_OFF(i), *gm = b + BOOT_MEM_OFF(n, i);

		memcpy(d[i].name, g, 16);
		d[i].mem_bytes = boot_be(g + 0x10, 8);
		d[i].image_addr = boot_be(g + 0x18, 8);
		d[i].image_size = boot_be(g + 0x20, 8);
		d[i].workload = (uint32_t)boot_be(g + 0x28, 4);
		d[i].flags = (uint32_t)boot_be(g + 0x2c, 4);
		d[i].seed = boot_be(g + 0x30, 8);
		for (int k = 0; k < ZCMM_ARG_COUNT; k++)
			d[i].arg[k] = boot_be(g + 0x38 + 8 * k, 8);
		d[i].index = (uint32_t)boot_be(g + 0x78, 4);
		d[i].share_domain = (uint32_t)boot_be(g + 0x7c, 4);
		m[i].shares = (uint32_t)boot_be(gm, 4);
		m[i].reserve_bytes = boot_be(gm + 0x08, 8);
		m[i].limit_bytes = boot_be(gm + 0x10, 8);
	}
	memset(&mh, 0, sizeof mh);
	mh.idle_tax_pct = (uint32_t)boot_be(b + BOOT_MEMHDR_OFF(n), 4);
	mh.flags = (uint32_t)boot_be(b + BOOT_MEMHDR_OFF(n) + 4, 4);
	for (uint32_t i = 0; i < nd; i++) {
		sec[i][0] = boot_be(b + BOOT_SHARE_OFF(n) + 0x20 + 0x10 * i, 8);
		sec[i][1] = boot_be(b + BOOT_SHARE_OFF(n) + 0x28 + 0x10 * i, 8);
	}
	must(boot_encode(&h, d, &mh, m, n, out) == blen);
	share_table_encode(out + blen, nd, sec,
			   nd ? boot_be(b + BOOT_SHARE_OFF(n) + 0x08, 8) : 0,
			   nd ? boot_be(b + BOOT_SHARE_OFF(n) + 0x10, 8) : 0);
	/* without a sharing table the bytes after the tables are not read */
	must(!memcmp(out, b, nd ? len : blen) && (nd ? len : blen) == size);
	must(boot_block_check(out, len, why, sizeof why) == 0);
	free(d);
	free(m);
	free(sec);
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* a copy of exactly size bytes: ASan sees any read past it */
	uint8_t *blk = malloc(size ? size : 1);
	char why[200];

	must(blk != NULL);
	memcpy(blk, data, size);
	memset(why, 0, sizeof why);
	if (boot_block_check(blk, size, why, sizeof why) == 0) {
		size_t used = boot_block_size(blk, size);

		trusted(blk, size, used);
		rewrite(blk, used);
	} else
		reason_ok(why);
	free(blk);
	return 0;
}
