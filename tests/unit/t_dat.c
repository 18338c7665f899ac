/* t_dat.c - the guest DAT walk (lib/dat.c) on tables built in a byte
 * array standing for guest absolute storage: each level, EDAT-1 and
 * EDAT-2 frames, protection, and every exception with its TEID. */
#include <stdint.h>
#include <string.h>

#include "lib/dat.h"
#include "tests/tap.h"

#define MEM (1u << 20)
static uint8_t mem[MEM];

static int fetch(void *ctx, uint64_t abs, uint64_t *e)
{
	if (abs + 8 > MEM)
		return -1;
	*e = 0;
	for (int i = 0; i < 8; i++)
		*e = *e << 8 | mem[abs + i];
	return 0;
}

static void put(uint64_t abs, uint64_t v)
{
	for (int i = 7; i >= 0; i--, v >>= 8)
		mem[abs + i] = (uint8_t)v;
}

/* invalid entries everywhere in a table of n entries */
static void clear_table(uint64_t at, unsigned n, uint64_t invalid)
{
	for (unsigned i = 0; i < n; i++)
		put(at + 8 * i, invalid);
}

#define R3T 0x10000  /* region-third table, 2048 entries */
#define ST  0x14000  /* segment table, 2048 entries */
#define PT  0x18000  /* page table, 256 entries */

static struct dat_walk walk(uint64_t asce, int edat1)
{
	struct dat_walk w = { .asce = asce, .edat1 = edat1, .fetch = fetch };

	return w;
}

int main(void)
{
	struct dat_result r;
	struct dat_walk w;
	int pgm;

	clear_table(R3T, 2048, 0x20 | 0x04);  /* I, TT=01 (region third) */
	clear_table(ST, 2048, 0x20);          /* I, TT=00 */
	clear_table(PT, 256, 0x400);          /* I */
	/* region third entry 0 -> segment table; TF 0, TL 3 */
	put(R3T, ST | 0x04 | 0x03);
	/* segment 1 -> page table; segment 2 is a 1 MiB frame at 0x500000 */
	put(ST + 8, PT);
	put(ST + 16, 0x500000 | 0x400);
	put(ST + 24, 0x600000 | 0x400 | 0x200);   /* protected frame */
	/* page 3 of segment 1 -> frame 0x7000; page 4 protected */
	put(PT + 3 * 8, 0x7000);
	put(PT + 4 * 8, 0x8000 | 0x200);

	/* a segment-table ASCE (DT 00, TL 3) */
	w = walk(ST | 3, 1);
	pgm = dat_translate(&w, 0x103abc, &r);
	tap_eq(pgm, 0, "page through a segment-table ASCE");
	tap_eq(r.real, 0x7abc, "page frame plus byte index");
	tap_eq(r.prot, 0, "not protected");
	pgm = dat_translate(&w, 0x104000, &r);
	tap_ok(pgm == 0 && r.prot && r.real == 0x8000, "protected page");
	pgm = dat_translate(&w, 0x105010, &r);
	tap_eq(pgm, DAT_PGM_PAGE, "invalid page: page translation");
	tap_eq(r.teid, 0x105000, "TEID is the page address");
	pgm = dat_translate(&w, 0x234567, &r);
	tap_ok(pgm == 0 && r.real == 0x534567, "EDAT-1 segment frame");
	pgm = dat_translate(&w, 0x3fffff, &r);
	tap_ok(pgm == 0 && r.prot && r.real == 0x6fffff, "protected segment frame");
	w.edat1 = 0;
	pgm = dat_translate(&w, 0x234567, &r);
	tap_ok(pgm != 0, "without EDAT-1 the FC bit is not a frame (%#x)", pgm);
	w.edat1 = 1;
	pgm = dat_translate(&w, 0x500000, &r);
	tap_eq(pgm, DAT_PGM_SEGMENT, "invalid segment");
	pgm = dat_translate(&w, 0x80000000UL, &r);
	tap_eq(pgm, DAT_PGM_ASCE_TYPE, "beyond 2 GiB with a segment-table ASCE");

	/* segment table length: TL 0 covers segments 0-511 */
	w = walk(ST | 0, 1);
	pgm = dat_translate(&w, 512UL << 20, &r);
	tap_eq(pgm, DAT_PGM_SEGMENT, "segment index past the table length");

	/* region-third ASCE (DT 01) */
	w = walk(R3T | 0x04 | 3, 1);
	pgm = dat_translate(&w, 0x103abc, &r);
	tap_ok(pgm == 0 && r.real == 0x7abc, "page through region third");
	pgm = dat_translate(&w, 1UL << 31, &r);
	tap_eq(pgm, DAT_PGM_REGION3, "invalid region-third entry");
	tap_eq(r.teid, 1UL << 31, "its TEID");
	pgm = dat_translate(&w, 1UL << 42, &r);
	tap_eq(pgm, DAT_PGM_ASCE_TYPE, "beyond 4 TiB with a region-third ASCE");
	/* a segment-table entry where a region entry belongs */
	put(R3T + 8, ST);   /* TT 00 in a region-third table */
	pgm = dat_translate(&w, 1UL << 31, &r);
	tap_eq(pgm, DAT_PGM_TRANS_SPEC, "wrong table type: translation specification");
	/* EDAT-2 region-third frame, only when enabled */
	put(R3T + 16, 0x80000000UL | 0x400 | 0x04);
	w.edat2 = 1;
	pgm = dat_translate(&w, (2UL << 31) + 0x1234, &r);
	tap_ok(pgm == 0 && r.real == 0x80001234, "EDAT-2 region frame");
	/* a table outside storage: addressing */
	put(R3T + 24, (2UL << 20) | 0x04 | 3);   /* segment table at 2 MiB */
	pgm = dat_translate(&w, 3UL << 31, &r);
	tap_eq(pgm, DAT_PGM_ADDRESSING, "table outside storage");
	/* real-space ASCE: no translation */
	w = walk(0x20, 0);
	pgm = dat_translate(&w, 0x123456789UL, &r);
	tap_ok(pgm == 0 && r.real == 0x123456789UL, "real-space designation");
	/* page-table entry with bit 52 on */
	put(PT + 5 * 8, 0x9000 | 0x800);
	w = walk(ST | 3, 1);
	pgm = dat_translate(&w, 0x105000, &r);
	tap_eq(pgm, DAT_PGM_TRANS_SPEC, "PTE bit 52: translation specification");
	memset(mem, 0, sizeof(mem));
	return tap_done();
}
