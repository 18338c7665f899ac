/* t_cli_boot.c - boot.bin as the host will read it (tools/bootblk.c):
 * big-endian fields at the offsets of include/zcmm/boot.h, the image
 * layout (64 KiB aligned, one copy per distinct file), auto storage. */
#include "tests/tap.h"
#include "tools/bootblk.h"
#include "tools/util.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tmpdir[64];

static char *write_tmp(const char *name, size_t len)
{
	char *p = path_join(tmpdir, name);
	FILE *fp = fopen(p, "wb");
	unsigned char *b = calloc(1, len);

	fwrite(b, 1, len, fp);
	fclose(fp);
	free(b);
	return p;
}

static void encode(void)
{
	struct zcmm_boot b;
	struct zcmm_guest_desc g[2];
	struct zcmm_mem_header mh;
	struct zcmm_guest_mem m[2];
	uint8_t out[0x1e0];
	static const uint8_t magic[8] = { 'z', 'c', 'm', 'm', 'B', 'O', 'O', 'T' };

	memset(&b, 0, sizeof b);
	memset(g, 0, sizeof g);
	memset(m, 0, sizeof m);
	memset(&mh, 0, sizeof mh);
	b.magic = ZCMM_BOOT_MAGIC;
	b.version = 1;
	b.mode = ZCMM_MODE_HANG;
	b.storage_size = 0x123456789ULL;
	b.images_end = 0x00600000;
	b.nguests = 2;
	b.flags = ZCMM_BOOT_NO_ESSA;
	b.timeslice_us = 5000;
	b.progress_ms = 1000;
	b.seed = 0x0102030405060708ULL;
	b.duration_ms = 0x4444;
	strcpy(g[0].name, "web0");
	g[0].mem_bytes = 0x100000;
	g[0].image_addr = 0x500000;
	g[0].image_size = 0x1234;
	g[0].workload = ZCMM_WL_PHASES;
	g[0].flags = ZCMM_GUEST_HINTING;
	g[0].seed = 0xa1a2a3a4a5a6a7a8ULL;
	for (int k = 0; k < ZCMM_ARG_COUNT; k++)
		g[0].arg[k] = 0x1000 + (uint64_t)k;
	g[0].index = 0;
	strcpy(g[1].name, "abcdefghijklmno");
	g[1].index = 1;

	mh.idle_tax_pct = 75;
	mh.flags = ZCMM_MEM_HALT_UNSERVABLE;
	m[0].shares = 2000;
	m[0].reserve_bytes = 0x80000;
	m[0].limit_bytes = 0x0102030405060708ULL;
	m[1].shares = 7;
	tap_eq(boot_encoded_size(2), 0x1e0, "size: 0x80 + 2 * 0x80 + 0x20 + 2 * 0x20");
	memset(out, 0xee, sizeof out);
	tap_eq(boot_encode(&b, g, &mh, m, 2, out), 0x1e0, "encode returns the size");
	tap_ok(!memcmp(out, magic, 8), "0x00 magic reads \"zcmmBOOT\"");
	tap_eq(get_be32(out + 0x08), 1, "0x08 version");
	tap_eq(get_be32(out + 0x0c), 3, "0x0c mode");
	tap_ok(out[0x10] == 0 && out[0x11] == 0 && out[0x12] == 0 && out[0x13] == 1 &&
	       out[0x14] == 0x23 && out[0x17] == 0x89, "0x10 storage_size big-endian bytes");
	tap_eq(get_be64(out + 0x18), 0x600000, "0x18 images_end");
	tap_eq(get_be32(out + 0x20), 2, "0x20 nguests");
	tap_eq(get_be32(out + 0x24), ZCMM_BOOT_NO_ESSA, "0x24 flags");
	tap_eq(get_be64(out + 0x28), 5000, "0x28 timeslice_us");
	tap_eq(get_be64(out + 0x30), 1000, "0x30 progress_ms");
	tap_ok(out[0x38] == 1 && out[0x39] == 2 && out[0x3f] == 8, "0x38 seed bytes 01..08");
	{
		int zero = 1;

		tap_eq(get_be64(out + 0x40), 0x4444, "0x40 duration_ms");
		for (int i = 0x48; i < 0x80; i++)
			zero &= out[i] == 0;
		tap_ok(zero, "0x48 reserved zero");
	}
	uint8_t *d = out + 0x80;
	tap_ok(!memcmp(d, "web0\0\0\0\0\0\0\0\0\0\0\0\0", 16), "guest 0x00 name NUL-padded");
	tap_eq(get_be64(d + 0x10), 0x100000, "guest 0x10 mem_bytes");
	tap_eq(get_be64(d + 0x18), 0x500000, "guest 0x18 image_addr");
	tap_eq(get_be64(d + 0x20), 0x1234, "guest 0x20 image_size");
	tap_ok(d[0x20 + 6] == 0x12 && d[0x20 + 7] == 0x34, "image_size bytes big-endian");
	tap_eq(get_be32(d + 0x28), ZCMM_WL_PHASES, "guest 0x28 workload");
	tap_eq(get_be32(d + 0x2c), ZCMM_GUEST_HINTING, "guest 0x2c flags");
	tap_ok(d[0x30] == 0xa1 && d[0x37] == 0xa8, "guest 0x30 seed bytes");
	tap_eq(get_be64(d + 0x38 + 8 * ZCMM_ARG_WS), 0x1000, "guest 0x38 arg[WS]");
	tap_eq(get_be64(d + 0x38 + 8 * ZCMM_ARG_MIN), 0x1004, "guest arg[MIN]");
	tap_eq(get_be64(d + 0x38 + 8 * 7), 0x1007, "guest arg[7] at 0x70");
	tap_eq(get_be32(d + 0x78), 0, "guest 0x78 index 0");
	tap_eq(get_be32(out + 0x100 + 0x78), 1, "second guest at 0x100, index 1");
	tap_ok(!memcmp(out + 0x100, "abcdefghijklmno\0", 16), "15-char name + NUL");
	d = out + 0x180;                /* the memory table's header */
	tap_eq(get_be32(d + 0x00), 75, "memory table 0x00 idle_tax_pct, after the guest table");
	tap_eq(get_be32(d + 0x04), ZCMM_MEM_HALT_UNSERVABLE,
	       "memory table 0x04 flags (unservable halt)");
	tap_eq(get_be64(d + 0x18), 0, "memory table 0x18 reserved");
	d = out + 0x1a0;                /* the guests' entries */
	tap_eq(get_be32(d + 0x00), 2000, "mem 0x00 shares, after the header");
	tap_eq(get_be32(d + 0x04), 0, "mem 0x04 reserved");
	tap_eq(get_be64(d + 0x08), 0x80000, "mem 0x08 reserve_bytes");
	tap_ok(d[0x10] == 1 && d[0x17] == 8, "mem 0x10 limit_bytes big-endian");
	tap_eq(get_be64(d + 0x18), 0, "mem 0x18 reserved");
	tap_eq(get_be32(d + 0x20), 7, "second guest's settings at 0x1c0");
	memset(out, 0xee, sizeof out);
	boot_encode(&b, g, NULL, NULL, 2, out);
	tap_ok(get_be32(out + 0x180) == 0 && get_be64(out + 0x1d8) == 0,
	       "no settings given: the table is zero (the defaults)");
}

static void layout(void)
{
	struct fleet f;
	struct guest_defaults d;
	struct boot_plan p;
	char err[ZERR_MAX];
	char *def = write_tmp("kernel.elf", 0x10001);
	char *a = write_tmp("a.elf", 0x200);
	char *a2 = path_join(tmpdir, "./a.elf");

	guest_defaults_init(&d);
	fleet_init(&f);
	fleet_add(&f, &d, "k", 3, "t", err);           /* default image */
	d.g.image = a;
	fleet_add(&f, &d, "a", 1, "t", err);
	d.g.image = a2;                                  /* same file, other name */
	fleet_add(&f, &d, "b", 0, "t", err);
	f.g[1].mem = 4 * MiB;
	tap_eq(boot_plan_make(&p, &f, def, err), 0, "plan");
	tap_eq(p.nimg, 2, "two distinct images");
	tap_eq(p.img[0].addr, ZCMM_IMAGES_ADDR, "first image at 0x500000");
	tap_eq(p.img[0].size, 0x10001, "its size");
	tap_eq(p.img[1].addr, 0x520000, "second image 64 KiB aligned after it");
	tap_ok(!strcmp(p.img[0].file, "image0.elf") && !strcmp(p.img[1].file, "image1.elf"),
	       "copies named image0.elf, image1.elf");
	tap_eq(p.boot.images_end, 0x600000, "images_end rounded up to 1 MiB");
	tap_eq(p.boot.nguests, 5, "5 guests");
	tap_ok(p.desc[0].image_addr == 0x500000 && p.desc[2].image_addr == 0x500000 &&
	       p.desc[3].image_addr == 0x520000 && p.desc[4].image_addr == 0x520000 &&
	       p.desc[4].image_size == 0x200, "guests point at their image");
	tap_ok(p.desc[4].index == 4 && !strcmp(p.desc[4].name, "b"), "index and name");
	tap_eq(p.boot.magic, ZCMM_BOOT_MAGIC, "magic");
	tap_eq(p.boot.version, ZCMM_BOOT_VERSION, "version");
	/* 16 MiB + 1 MiB of images + 8 MiB of guests = 25 MiB, +10% = 27.5 */
	tap_eq(boot_auto_storage(&p), 28 * MiB, "auto storage 28 MiB");
	boot_plan_free(&p);

	d.g.image = "/nonexistent/x.elf";
	fleet_add(&f, &d, "z", 0, "t", err);
	tap_eq(boot_plan_make(&p, &f, def, err), -1, "a missing image");
	tap_ok(strstr(err, "/nonexistent/x.elf") != NULL, "named (%s)", err);
	fleet_free(&f);
	free(def);
	free(a);
	free(a2);
}

int main(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/t_cli_boot.XXXXXX");
	if (!mkdtemp(tmpdir))
		return 1;
	encode();
	layout();
	{
		char cmd[128];

		snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			tap_diag("could not remove %s", tmpdir);
	}
	return tap_done();
}
