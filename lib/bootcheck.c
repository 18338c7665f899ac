/* bootcheck.c - see bootcheck.h. Each field the host reads from the boot
 * block is checked here once, in the terms the host uses it in: sizes the
 * frame allocator and the guest tables take, images inside the loaded
 * ones, table entries inside the block, times that stay in 64 bits. */
#include "lib/bootcheck.h"
#include "lib/fmt.h"
#include "lib/share_math.h"

#include <stdarg.h>

#define MiB (1ULL << 20)
#define PAGE 4096ULL

#define HDR(f, n) boot_be(blk + offsetof(struct zcmm_boot, f), n)
#define GD(f, n)  boot_be(g + offsetof(struct zcmm_guest_desc, f), n)
#define GM(f, n)  boot_be(m + offsetof(struct zcmm_guest_mem, f), n)

static int bad(char *why, size_t n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int bad(char *why, size_t n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(why, n, fmt, ap);
	va_end(ap);
	return -1;
}

static uint32_t ndomains_of(const uint8_t *blk)
{
	if (!(HDR(flags, 4) & ZCMM_BOOT_SHARING))
		return 0;
	return (uint32_t)boot_be(blk + BOOT_SHARE_OFF(HDR(nguests, 4)), 4);
}

size_t boot_block_size(const uint8_t *blk, size_t len)
{
	size_t lim = len < ZCMM_BOOT_MAX ? len : ZCMM_BOOT_MAX, size;
	uint64_t n, nd;

	if (lim < sizeof(struct zcmm_boot) ||
	    (n = HDR(nguests, 4)) > ZCMM_MAX_GUESTS)
		return 0;
	size = BOOT_SHARE_OFF(n);
	if (size > lim)
		return 0;
	if (!(HDR(flags, 4) & ZCMM_BOOT_SHARING))
		return size;
	if (lim - size < sizeof(struct zcmm_share_table))
		return 0;
	nd = ndomains_of(blk);
	if (nd > (lim - size - sizeof(struct zcmm_share_table)) /
		 sizeof(struct zcmm_share_domain))
		return 0;
	return size + sizeof(struct zcmm_share_table) +
	       nd * sizeof(struct zcmm_share_domain);
}

/* A time in ms the host turns into TOD units and adds to the clock. */
static int time_bad(const uint8_t *blk, size_t off, const char *name,
		    char *why, size_t n)
{
	uint64_t v = boot_be(blk + off, 8);

	if (v <= BOOT_TIME_MS_MAX)
		return 0;
	return bad(why, n, "%s %llu ms is longer than 100 days", name,
		   (unsigned long long)v);
}

static int header_bad(const uint8_t *blk, size_t len, char *why, size_t n)
{
	uint64_t storage, end, fio, dev;

	if (len < sizeof(struct zcmm_boot))
		return bad(why, n, "%zu bytes, less than the block's header "
			   "(%zu)", len, sizeof(struct zcmm_boot));
	storage = HDR(storage_size, 8);
	end = HDR(images_end, 8);
	fio = HDR(fault_io, 8);
	dev = fio >> 24 & 0xffff;
	if (HDR(magic, 8) != ZCMM_BOOT_MAGIC)
		return bad(why, n, "no boot block (magic %016llx): start the "
			   "host with 'zcmm run'",
			   (unsigned long long)HDR(magic, 8));
	if (HDR(version, 4) != ZCMM_BOOT_VERSION)
		return bad(why, n, "version %u, this host reads %u",
			   (unsigned)HDR(version, 4), ZCMM_BOOT_VERSION);
	if (HDR(mode, 4) > ZCMM_MODE_HANG)
		return bad(why, n, "unknown mode %u", (unsigned)HDR(mode, 4));
	if (!storage || storage % MiB || storage > BOOT_STORAGE_MAX)
		return bad(why, n, "storage size 0x%llx is not a multiple of "
			   "1 MiB from 1 MiB to 1 TiB",
			   (unsigned long long)storage);
	if (end < ZCMM_IMAGES_ADDR || end % MiB || end > storage)
		return bad(why, n, "guest images end at 0x%llx: not on a MiB "
			   "from 0x%lx to the storage size 0x%llx",
			   (unsigned long long)end, (unsigned long)ZCMM_IMAGES_ADDR,
			   (unsigned long long)storage);
	if (HDR(nguests, 4) > ZCMM_MAX_GUESTS)
		return bad(why, n, "%u guests, at most %zu",
			   (unsigned)HDR(nguests, 4), (size_t)ZCMM_MAX_GUESTS);
	if (HDR(flags, 4) & ~(uint64_t)BOOT_FLAGS_KNOWN)
		return bad(why, n, "unknown flags 0x%x",
			   (unsigned)(HDR(flags, 4) & ~(uint64_t)BOOT_FLAGS_KNOWN));
	if (HDR(timeslice_us, 8) > BOOT_TIME_MS_MAX)
		return bad(why, n, "time slice %llu us is longer than %llu s",
			   (unsigned long long)HDR(timeslice_us, 8),
			   (unsigned long long)(BOOT_TIME_MS_MAX / 1000000));
	if (time_bad(blk, offsetof(struct zcmm_boot, progress_ms),
		     "progress period", why, n) ||
	    time_bad(blk, offsetof(struct zcmm_boot, duration_ms),
		     "duration", why, n) ||
	    time_bad(blk, offsetof(struct zcmm_boot, wss_period_ms),
		     "sampling period", why, n) ||
	    time_bad(blk, offsetof(struct zcmm_boot, balloon_t2_ms),
		     "balloon's second target time", why, n))
		return -1;
	if (HDR(policy, 8) > ZCMM_POLICY_BOTH)
		return bad(why, n, "unknown memory policy %llu",
			   (unsigned long long)HDR(policy, 8));
	if (HDR(wss_sample, 8) > BOOT_WSS_SAMPLE_MAX)
		return bad(why, n, "%llu pages sampled a period, at most %u",
			   (unsigned long long)HDR(wss_sample, 8),
			   BOOT_WSS_SAMPLE_MAX);
	if ((fio && !(fio & 0xffffff)) || (dev && (dev < 0x100 || dev > 0x3ff)))
		return bad(why, n, "I/O fault injection 0x%llx: no N, or a "
			   "device that is no volume's (0100-03FF)",
			   (unsigned long long)fio);
	if (!boot_block_size(blk, len))
		return bad(why, n, "%u guests%s do not fit the block's %zu bytes",
			   (unsigned)HDR(nguests, 4),
			   HDR(flags, 4) & ZCMM_BOOT_SHARING
			   ? " and their sharing table" : "", len);
	return 0;
}

/* A loaded image (address and size): inside ZCMM_IMAGES_ADDR .. end. */
static int in_images(uint64_t addr, uint64_t size, uint64_t end)
{
	return size && addr >= ZCMM_IMAGES_ADDR && addr <= end &&
	       size <= end - addr;
}

static int name_ok(const uint8_t *s)
{
	unsigned k = 0;

	for (; k < 16 && s[k]; k++)
		if (!((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') ||
		      (s[k] >= '0' && s[k] <= '9') || s[k] == '_' ||
		      s[k] == '-' || s[k] == '.' || s[k] == '+'))
			return 0;
	if (k == 0 || k == 16)
		return 0;
	for (; k < 16; k++)
		if (s[k])
			return 0;
	return 1;
}

static int guest_bad(const uint8_t *blk, uint32_t i, char *why, size_t n)
{
	const uint8_t *g = blk + BOOT_GUEST_OFF(i);
	const char *name = (const char *)g;
	uint64_t mem = GD(mem_bytes, 8), end = HDR(images_end, 8);
	uint64_t flags = GD(flags, 4);

	if (!name_ok(g))
		return bad(why, n, "guest %u: its name is not 1 to 15 letters, "
			   "digits, '_', '-', '.' or '+' padded with NULs", i);
	if (!mem || mem % MiB || mem > ZCMM_GUEST_MEM_MAX)
		return bad(why, n, "guest %u (%s): storage 0x%llx is not a "
			   "multiple of 1 MiB from 1 MiB to %llu MiB", i, name,
			   (unsigned long long)mem,
			   (unsigned long long)(ZCMM_GUEST_MEM_MAX / MiB));
	if (!in_images(GD(image_addr, 8), GD(image_size, 8), end))
		return bad(why, n, "guest %u (%s): image at 0x%llx, 0x%llx "
			   "bytes, is not inside the loaded images", i, name,
			   (unsigned long long)GD(image_addr, 8),
			   (unsigned long long)GD(image_size, 8));
	if (GD(workload, 4) > ZCMM_WL_DISKTEST)
		return bad(why, n, "guest %u (%s): unknown workload %u", i, name,
			   (unsigned)GD(workload, 4));
	if (flags & ~(uint64_t)BOOT_GUEST_FLAGS_KNOWN)
		return bad(why, n, "guest %u (%s): unknown flags 0x%x", i, name,
			   (unsigned)flags);
	for (int k = 0; (flags & ZCMM_GUEST_LINUX) && k < 4; k += 2) {
		const uint8_t *arg = g + offsetof(struct zcmm_guest_desc, arg);
		uint64_t a = boot_be(arg + 8 * k, 8), s = boot_be(arg + 8 * k + 8, 8);

		if (s ? !in_images(a, s, end) : a != 0)
			return bad(why, n, "guest %u (%s): Linux %s at 0x%llx, "
				   "0x%llx bytes, is not inside the loaded "
				   "images", i, name, k ? "command line" : "initrd",
				   (unsigned long long)a, (unsigned long long)s);
	}
	if (GD(index, 4) != i)
		return bad(why, n, "guest %u (%s): index %u", i, name,
			   (unsigned)GD(index, 4));
	if (GD(share_domain, 4) > ndomains_of(blk))
		return bad(why, n, "guest %u (%s): sharing domain %u, the "
			   "table has %u", i, name, (unsigned)GD(share_domain, 4),
			   (unsigned)ndomains_of(blk));
	return 0;
}

static int mem_bad(const uint8_t *blk, uint32_t nguests, uint32_t i,
		   char *why, size_t n)
{
	const uint8_t *g = blk + BOOT_GUEST_OFF(i);
	const char *name = (const char *)g;
	const uint8_t *m = blk + BOOT_MEM_OFF(nguests, i);
	uint64_t mem = GD(mem_bytes, 8), res = GM(reserve_bytes, 8);
	uint64_t lim = GM(limit_bytes, 8);

	if (GM(shares, 4) > SHARES_MAX)
		return bad(why, n, "guest %u (%s): %u shares, at most %u", i, name,
			   (unsigned)GM(shares, 4), SHARES_MAX);
	if (res % PAGE || res > mem)
		return bad(why, n, "guest %u (%s): reserve 0x%llx is not whole "
			   "pages inside its storage", i, name,
			   (unsigned long long)res);
	if (lim % PAGE || lim > mem || (lim && lim < res))
		return bad(why, n, "guest %u (%s): limit 0x%llx is not whole "
			   "pages from its reserve to its storage", i, name,
			   (unsigned long long)lim);
	if (GM(reserved_04, 4) || GM(reserved_18, 8))
		return bad(why, n, "guest %u (%s): reserved memory-table bytes "
			   "are not 0", i, name);
	return 0;
}

static int tables_bad(const uint8_t *blk, char *why, size_t n)
{
	uint32_t ng = (uint32_t)HDR(nguests, 4);
	const uint8_t *h = blk + BOOT_MEMHDR_OFF(ng);
	const uint8_t *s = blk + BOOT_SHARE_OFF(ng);

	if (boot_be(h, 4) > IDLE_TAX_MAX)
		return bad(why, n, "idle tax %u%%, at most %u%%",
			   (unsigned)boot_be(h, 4), IDLE_TAX_MAX);
	if (boot_be(h + 4, 4) & ~(uint64_t)BOOT_MEM_FLAGS_KNOWN)
		return bad(why, n, "unknown memory table flags 0x%x",
			   (unsigned)(boot_be(h + 4, 4) & ~(uint64_t)BOOT_MEM_FLAGS_KNOWN));
	for (unsigned k = 8; k < sizeof(struct zcmm_mem_header); k++)
		if (h[k])
			return bad(why, n, "reserved memory table bytes are "
				   "not 0");
	for (uint32_t i = 0; i < ng; i++)
		if (mem_bad(blk, ng, i, why, n))
			return -1;
	if (!(HDR(flags, 4) & ZCMM_BOOT_SHARING))
		return 0;
	if (!ndomains_of(blk) || ndomains_of(blk) > ng)
		return bad(why, n, "%u sharing domains for %u guests",
			   (unsigned)ndomains_of(blk), (unsigned)ng);
	if (boot_be(s + 0x08, 8) > BOOT_SCAN_RATE_MAX ||
	    boot_be(s + 0x10, 8) > BOOT_SCAN_RATE_MAX)
		return bad(why, n, "sharing scanner rates %llu, %llu pages/s: "
			   "at most %u", (unsigned long long)boot_be(s + 8, 8),
			   (unsigned long long)boot_be(s + 0x10, 8),
			   BOOT_SCAN_RATE_MAX);
	if (boot_be(s + 0x04, 4) || boot_be(s + 0x18, 8))
		return bad(why, n, "reserved sharing-table bytes are not 0");
	return 0;
}

int boot_block_check(const uint8_t *blk, size_t len, char *why,
		     size_t whylen)
{
	if (header_bad(blk, len, why, whylen))
		return -1;
	for (uint32_t i = 0; i < HDR(nguests, 4); i++)
		if (guest_bad(blk, i, why, whylen))
			return -1;
	return tables_bad(blk, why, whylen);
}
