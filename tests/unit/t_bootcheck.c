/* t_bootcheck.c - the host's boot-block check (lib/bootcheck.c): a block
 * the CLI's writer makes passes, and each field broken on its own is
 * refused with a reason naming it; the corpus of real blocks the CLI
 * wrote (tests/fuzz/corpus/boot) passes. */
#include "tests/tap.h"
#include "lib/bootcheck.h"
#include "tools/bootblk.h"
#include "tools/share.h"
#include "tools/util.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#define N 3                       /* guests in the good block */
#define ND 2                      /* its sharing domains      */
#define SLACK 0x200               /* room after it, as the host has */
#define HDR(f) offsetof(struct zcmm_boot, f)
#define GD(i, f) (BOOT_GUEST_OFF(i) + offsetof(struct zcmm_guest_desc, f))
#define GM(i, f) (BOOT_MEM_OFF(N, i) + offsetof(struct zcmm_guest_mem, f))
#define SH(off) (BOOT_SHARE_OFF(N) + (off))

static uint8_t good[0x800];
static size_t good_len;

/* Three guests: a Linux one with an initrd and a command line, two in
 * sharing domains, with reserves, limits, shares and test options set. */
static void make_good(void)
{
	struct zcmm_boot b = { 0 };
	struct zcmm_guest_desc g[N] = { 0 };
	struct zcmm_mem_header mh = { 0 };
	struct zcmm_guest_mem m[N] = { 0 };
	uint64_t sec[ND][2] = { { 1, 2 }, { 3, 4 } };
	size_t blen = boot_encoded_size(N);

	b.magic = ZCMM_BOOT_MAGIC;
	b.version = ZCMM_BOOT_VERSION;
	b.mode = ZCMM_MODE_FLEET;
	b.storage_size = 64 * MiB;
	b.images_end = 8 * MiB;
	b.nguests = N;
	b.flags = ZCMM_BOOT_SHARING | ZCMM_BOOT_TEST_HOOKS | ZCMM_BOOT_LIVE;
	b.timeslice_us = 5000;
	b.progress_ms = 1000;
	b.duration_ms = 60000;
	b.policy = ZCMM_POLICY_BOTH;
	b.wss_sample = 64;
	b.fault_io = 5ULL << 40 | 0x101ULL << 24 | 7;
	for (unsigned i = 0; i < N; i++) {
		snprintf(g[i].name, sizeof g[i].name, "g%u", i);
		g[i].mem_bytes = (i + 2) * MiB;
		g[i].image_addr = ZCMM_IMAGES_ADDR;
		g[i].image_size = 0x1000;
		g[i].workload = ZCMM_WL_RANDOM;
		g[i].flags = ZCMM_GUEST_HINTING;
		g[i].index = i;
		g[i].share_domain = i;        /* 0 (off), 1, 2 */
		m[i].shares = 1000;
	}
	strcpy(g[0].name, "Linux-1.x_y+z");
	g[0].flags = ZCMM_GUEST_LINUX;
	g[0].mem_bytes = 32 * MiB;
	g[0].image_addr = 0x600000;
	g[0].image_size = 0x100000;
	g[0].arg[ZCMM_ARG_INITRD_ADDR] = 0x700000;
	g[0].arg[ZCMM_ARG_INITRD_SIZE] = 0x80000;
	g[0].arg[ZCMM_ARG_CMDLINE_ADDR] = 0x7f0000;
	g[0].arg[ZCMM_ARG_CMDLINE_SIZE] = 0x10000;      /* to images_end */
	m[1].reserve_bytes = MiB;
	m[1].limit_bytes = 2 * MiB;
	mh.idle_tax_pct = 99;
	mh.flags = ZCMM_MEM_HALT_UNSERVABLE;
	boot_encode(&b, g, &mh, m, N, good);
	good_len = blen + share_table_encode(good + blen, ND, sec, 500, 1000000);
}

static void put(uint8_t *p, size_t off, unsigned width, uint64_t v)
{
	if (width == 16)
		memset(p + off, (int)v, 16);
	else if (width == 4)
		put_be32(p + off, (uint32_t)v);
	else if (width == 8)
		put_be64(p + off, v);
	else
		p[off] = (uint8_t)v;
}

struct bad_case {
	const char *what;
	size_t off;
	unsigned width;
	uint64_t value;
	const char *reason;       /* a part of the reason given */
};

static const struct bad_case cases[] = {
	{ "wrong magic", HDR(magic), 8, 0x7a636d6d424f4f55ULL, "no boot block (magic 7a636d6d424f4f55)" },
	{ "version 2", HDR(version), 4, 2, "version 2, this host reads 1" },
	{ "mode 4", HDR(mode), 4, 4, "unknown mode 4" },
	{ "no storage", HDR(storage_size), 8, 0, "storage size 0x0 is not" },
	{ "storage not whole MiB", HDR(storage_size), 8, 64 * MiB + 4096, "storage size 0x4001000" },
	{ "storage above 1 TiB", HDR(storage_size), 8, 2ULL << 40, "from 1 MiB to 1 TiB" },
	{ "images end in the boot block", HDR(images_end), 8, 0x400000, "guest images end at 0x400000" },
	{ "images end past storage", HDR(images_end), 8, 65 * MiB, "to the storage size 0x4000000" },
	{ "images end off a MiB", HDR(images_end), 8, 8 * MiB + 0x10000, "guest images end at 0x810000" },
	{ "too many guests", HDR(nguests), 4, ZCMM_MAX_GUESTS + 1, "guests, at most" },
	{ "a guest more than the block holds", HDR(nguests), 4, 40, "40 guests and their sharing table do not fit" },
	{ "an unknown flag", HDR(flags), 4, ZCMM_BOOT_SHARING | 0x10, "unknown flags 0x10" },
	{ "a time slice of 1000 days", HDR(timeslice_us), 8, 86400000000000ULL, "time slice 86400000000000 us" },
	{ "a progress period of 1000 days", HDR(progress_ms), 8, 86400000000ULL, "progress period 86400000000 ms" },
	{ "a duration past 64 bits of TOD", HDR(duration_ms), 8, ~0ULL, "duration 18446744073709551615 ms" },
	{ "a sampling period of 1000 days", HDR(wss_period_ms), 8, 86400000000ULL, "sampling period" },
	{ "a second balloon step in 1000 days", HDR(balloon_t2_ms), 8, 86400000000ULL, "balloon's second target time" },
	{ "policy 4", HDR(policy), 8, 4, "unknown memory policy 4" },
	{ "65 sampled pages", HDR(wss_sample), 8, 65, "65 pages sampled a period, at most 64" },
	{ "fault injection on device 0050", HDR(fault_io), 8, 0x50ULL << 24 | 1, "I/O fault injection 0x50000001" },
	{ "fault injection with no N", HDR(fault_io), 8, 0x101ULL << 24, "no N" },
	{ "an empty name", GD(1, name), 1, 0, "guest 1: its name is not" },
	{ "a name with a newline", GD(1, name) + 1, 1, '\n', "guest 1: its name is not" },
	{ "a name with a space", GD(2, name), 1, ' ', "guest 2: its name is not" },
	{ "a name of 16 letters, no NUL", GD(2, name), 16, 'A', "guest 2: its name" },
	{ "bytes after a name's NUL", GD(1, name) + 15, 1, 'x', "guest 1: its name" },
	{ "guest storage 0", GD(1, mem_bytes), 8, 0, "guest 1 (g1): storage 0x0" },
	{ "guest storage 1.5 MiB", GD(1, mem_bytes), 8, 0x180000, "storage 0x180000 is not a multiple of 1 MiB" },
	{ "guest storage 2 GiB", GD(2, mem_bytes), 8, 2ULL << 30, "from 1 MiB to 1024 MiB" },
	{ "an image below the images", GD(1, image_addr), 8, 0x4ff000, "guest 1 (g1): image at 0x4ff000" },
	{ "an image past the images' end", GD(1, image_addr), 8, 8 * MiB - 0x800, "is not inside the loaded images" },
	{ "an empty image", GD(2, image_size), 8, 0, "image at 0x500000, 0x0 bytes" },
	{ "an image wrapping round", GD(2, image_size), 8, ~0ULL - 0x4fffff, "is not inside the loaded images" },
	{ "workload 8", GD(1, workload), 4, 8, "guest 1 (g1): unknown workload 8" },
	{ "an unknown guest flag", GD(1, flags), 4, 8, "guest 1 (g1): unknown flags 0x8" },
	{ "an initrd past the images", GD(0, arg[ZCMM_ARG_INITRD_SIZE]), 8, 0x200000, "Linux initrd at 0x700000" },
	{ "a command line's address with no size", GD(0, arg[ZCMM_ARG_CMDLINE_SIZE]), 8, 0, "Linux command line at 0x7f0000, 0x0 bytes" },
	{ "a wrong index", GD(2, index), 4, 7, "guest 2 (g2): index 7" },
	{ "a sharing domain not in the table", GD(2, share_domain), 4, 3, "sharing domain 3, the table has 2" },
	{ "a sharing domain without the table", HDR(flags), 4, 0, "guest 1 (g1): sharing domain 1, the table has 0" },
	{ "an idle tax of 100%", BOOT_MEMHDR_OFF(N), 4, 100, "idle tax 100%, at most 99%" },
	{ "an unknown memory-table flag", BOOT_MEMHDR_OFF(N) + 4, 4, 3, "unknown memory table flags 0x2" },
	{ "reserved memory-table header bytes", BOOT_MEMHDR_OFF(N) + 0x1f, 1, 1, "reserved memory table bytes" },
	{ "1000001 shares", GM(2, shares), 4, 1000001, "guest 2 (g2): 1000001 shares, at most 1000000" },
	{ "a reserve above storage", GM(2, reserve_bytes), 8, 5 * MiB, "guest 2 (g2): reserve 0x500000" },
	{ "a reserve not in pages", GM(2, reserve_bytes), 8, 100, "reserve 0x64 is not whole pages" },
	{ "a limit below the reserve", GM(1, limit_bytes), 8, 0x80000, "guest 1 (g1): limit 0x80000" },
	{ "a limit above storage", GM(1, limit_bytes), 8, 4 * MiB, "limit 0x400000 is not whole pages" },
	{ "reserved memory-table bytes", GM(0, reserved_18), 8, 1, "guest 0 (Linux-1.x_y+z): reserved memory-table bytes" },
	{ "no sharing domain, guests in some", SH(0), 4, 0, "guest 1 (g1): sharing domain 1, the table has 0" },
	{ "more domains than guests", SH(0), 4, 4, "4 sharing domains for 3 guests" },
	{ "a sharing table past the block", SH(0), 4, 0xffffffff, "3 guests and their sharing table do not fit" },
	{ "a scanner of 1000001 pages/s", SH(8), 8, 1000001, "sharing scanner rates 1000001" },
	{ "reserved sharing-table bytes", SH(4), 4, 1, "reserved sharing-table bytes" },
};

static void check_case(const struct bad_case *c)
{
	uint8_t b[sizeof good];
	char why[200] = "";
	int rc;

	memcpy(b, good, sizeof b);
	put(b, c->off, c->width, c->value);
	rc = boot_block_check(b, good_len + SLACK, why, sizeof why);
	if (!tap_ok(rc == -1 && strstr(why, c->reason), "%s: refused", c->what))
		tap_diag("rc %d, reason '%s', expected '%s'", rc, why, c->reason);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *b = malloc(ZCMM_BOOT_MAX + 1);

	*len = f && b ? fread(b, 1, ZCMM_BOOT_MAX + 1, f) : 0;
	if (f)
		fclose(f);
	return b;
}

/* Every file of the corpus: a block the CLI wrote for a real run. */
static void corpus(void)
{
	const char *dir = "tests/fuzz/corpus/boot";
	DIR *d = opendir(dir);
	struct dirent *e;
	unsigned n = 0;

	while (d && (e = readdir(d))) {
		char *p, *text, why[200] = "";
		size_t len;

		if (e->d_name[0] == '.')
			continue;
		p = path_join(dir, e->d_name);
		text = slurp(p, &len);
		if (!tap_ok(text && boot_block_check((uint8_t *)text, len, why,
						     sizeof why) == 0,
			    "corpus %s: accepted", e->d_name))
			tap_diag("%s", why);
		n++;
		free(text);
		free(p);
	}
	if (d)
		closedir(d);
	tap_ok(n >= 5, "the corpus holds %u blocks the CLI wrote", n);
}

int main(void)
{
	char why[200] = "";

	make_good();
	tap_ok(boot_block_check(good, good_len, why, sizeof why) == 0,
	       "the CLI writer's block passes (%s)", why);
	tap_eq(boot_block_size(good, good_len + SLACK), good_len,
	       "its size: the tables and the sharing table");
	tap_ok(boot_block_check(good, good_len - 1, why, sizeof why) == -1 &&
	       strstr(why, "do not fit the block's"), "a byte short: refused (%s)", why);
	tap_ok(boot_block_check(good, 127, why, sizeof why) == -1 &&
	       strstr(why, "127 bytes, less than the block's header (128)"),
	       "127 bytes: refused (%s)", why);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_case(&cases[i]);
	good[HDR(mode) + 3] = 9;
	tap_ok(boot_block_check(good, good_len, why, 8) == -1 &&
	       !strcmp(why, "unknown"), "a reason is cut to the room given");
	corpus();
	return tap_done();
}
