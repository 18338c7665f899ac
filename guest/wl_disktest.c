/* wl_disktest.c - the disktest workload: checks the block interface from
 * the guest's side (sizes, reads of known content, private-disk round
 * trips, the return codes, statuses and program exceptions of the ABI),
 * then the hinting checks (hinttest.c). One "disktest: ok/not ok" line
 * per check; the exit status is GS_TEST if any failed. ZCMM_ARG_ITERS 1:
 * the hinting checks must run (the host must run short of storage). */
#include "guest/workload.h"
#include "guest/params.h"
#include "guest/alloc.h"
#include "guest/console.h"
#include "guest/hcall.h"
#include "guest/trap.h"
#include "guest/vdisk.h"

int hint_tests(void);
static unsigned failed;
static struct vdisk_biopl tpl __attribute__((aligned(16)));
static struct vdisk_bioe tlist[VDISK_MAX_ENTRIES + 1] __attribute__((aligned(16)));

void disktest_check(int good, const char *what)
{
	printf("disktest: %s - %s\n", good ? "ok" : "not ok", what);
	failed += !good;
	work_add(1);
}

/* DIAG 0x410 on a hand-made list; the program-interruption code (0:
 * none, then *rc is the return code). */
static uint32_t probe(uint64_t pl_addr, uint64_t fn, uint64_t *rc)
{
	uint64_t r1 = pl_addr, r3 = fn;

	trap_probe_begin();
	asm volatile("larl	%%r1,0f\n\t"
		     "stg	%%r1,%[resume]\n\t"
		     "diag	%[r1],%[r3],0x410\n"
		     "0:"
		     : [r1] "+d"(r1), [r3] "+d"(r3), [resume] "=Q"(trap_probe.resume)
		     : : "r1", "memory", "cc");
	*rc = r3;
	return trap_probe_end();
}

/* One entry at tlist[0] (or where told), disk, fn: the program code. */
static uint32_t one(uint64_t pl_addr, unsigned disk, uint32_t count,
		    uint64_t list, uint8_t type, uint32_t block, uint64_t buf,
		    uint64_t *rc)
{
	tlist[0] = (struct vdisk_bioe){ .type = type, .block = block, .buf = buf };
	tpl = (struct vdisk_biopl){ .disk = (uint16_t)disk, .count = count,
				    .list = list };
	return probe(pl_addr, VDISK_FN_IO, rc);
}

static void fill(uint64_t a, uint32_t gen, uint32_t i)
{
	struct pattern_id id = { guest_desc.seed, guest_desc.index, gen, i };

	pattern_fill((void *)a, &id);
}

int wl_disktest(void)
{
	uint64_t mem = guest_desc.mem_bytes, base, priv, rc, buf[4];
	uint32_t blk[4], i;
	uint16_t fl = 0;
	uint8_t st[4];
	uint64_t pl = (uint64_t)&tpl, list = (uint64_t)tlist;

	base = vdisk_blocks(VDISK_BASE, &fl);
	disktest_check(base >= VDISK_BASE_MIN / VDISK_BLOCK_SIZE &&
		       (fl & VDISK_F_READONLY), "base disk: size and read-only flag");
	priv = vdisk_blocks(VDISK_PRIVATE, &fl);
	disktest_check(priv == VDISK_PRIVATE_PER_MEM * (mem >> PAGE_SHIFT) &&
		       !(fl & VDISK_F_READONLY), "private disk: twice the storage, writable");
	tpl = (struct vdisk_biopl){ .disk = 5 };
	disktest_check(!probe(pl, VDISK_FN_QUERY, &rc) && rc == VDISK_RC_NODISK,
		       "disk 5: return code 8 (no such disk)");
	for (i = 0; i < 4; i++)
		buf[i] = alloc_page();
	blk[0] = 0, blk[1] = 1, blk[2] = 77, blk[3] = (uint32_t)base - 1;
	rc = vdisk_rw(VDISK_BASE, VDISK_READ, 4, blk, buf, st);
	disktest_check(rc == VDISK_RC_OK, "four base blocks in one call");
	for (i = 0; i < 4; i++)
		wl_verify_block(buf[i], blk[i]);
	disktest_check(1, "every base block read holds its known pattern");
	for (uint32_t gen = 1; gen <= 2; gen++) {
		blk[0] = 0, blk[1] = 7, blk[2] = (uint32_t)priv - 2,
		blk[3] = (uint32_t)priv - 1;
		for (i = 0; i < 4; i++)
			fill(buf[i], gen, blk[i]);
		rc = vdisk_rw(VDISK_PRIVATE, VDISK_WRITE, 4, blk, buf, st);
		for (i = 0; i < 4; i++)
			fill(buf[i], 99, 99);
		rc |= vdisk_rw(VDISK_PRIVATE, VDISK_READ, 4, blk, buf, st);
		for (i = 0; i < 4; i++) {
			struct pattern_id id = { guest_desc.seed, guest_desc.index,
						 gen, blk[i] };
			wl_verify_id(buf[i], &id, "private disk");
		}
		disktest_check(rc == VDISK_RC_OK, gen == 1
			       ? "private disk: four pages written and read back"
			       : "private disk: overwritten and read back");
	}
	blk[0] = (uint32_t)base;
	rc = vdisk_rw(VDISK_BASE, VDISK_READ, 1, blk, buf, st);
	disktest_check(rc == VDISK_RC_ENTRY && st[0] == VDISK_ST_RANGE,
		       "block past the end: rc 4, status 1 (range)");
	blk[0] = 3, blk[1] = (uint32_t)priv + 5;
	rc = vdisk_rw(VDISK_PRIVATE, VDISK_READ, 2, blk, buf, st);
	disktest_check(rc == VDISK_RC_ENTRY && st[0] == VDISK_ST_OK &&
		       st[1] == VDISK_ST_RANGE, "a good and a bad entry: the good one is done");
	blk[0] = 3;
	rc = vdisk_rw(VDISK_BASE, VDISK_WRITE, 1, blk, buf, st);
	disktest_check(rc == VDISK_RC_ENTRY && st[0] == VDISK_ST_READONLY,
		       "write to the base disk: rc 4, status 2 (read-only)");
	disktest_check(one(pl + 4, 0, 1, list, 1, 0, buf[0], &rc) == PGM_SPECIFICATION,
		       "misaligned parameter list: specification");
	disktest_check(one(pl, 0, 0, list, 1, 0, buf[0], &rc) == PGM_SPECIFICATION,
		       "no entries: specification");
	disktest_check(one(pl, 0, VDISK_MAX_ENTRIES + 1, list, 1, 0, buf[0], &rc)
		       == PGM_SPECIFICATION, "17 entries: specification");
	disktest_check(one(pl, 0, 1, list + 8, 1, 0, buf[0], &rc) == PGM_SPECIFICATION,
		       "misaligned entry list: specification");
	disktest_check(one(pl, 0, 1, list, 3, 0, buf[0], &rc) == PGM_SPECIFICATION,
		       "entry type 3: specification");
	disktest_check(one(pl, 0, 1, list, 1, 0, buf[0] + 8, &rc) == PGM_SPECIFICATION,
		       "buffer not on a page boundary: specification");
	disktest_check(one(pl, 0, 1, list, 1, 0, mem, &rc) == PGM_ADDRESSING,
		       "buffer outside storage: addressing");
	disktest_check(one(mem, 0, 1, list, 1, 0, buf[0], &rc) == PGM_ADDRESSING,
		       "parameter list outside storage: addressing");
	tpl = (struct vdisk_biopl){ .disk = 0 };
	disktest_check(probe(pl, 2, &rc) == PGM_SPECIFICATION,
		       "function 2: specification");
	for (i = 0; i < 4; i++)
		free_page(buf[i]);
	failed += hint_tests();
	printf("disktest: %u checks failed\n", failed);
	return failed ? GS_TEST : 0;
}
