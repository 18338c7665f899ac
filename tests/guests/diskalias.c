/* diskalias.c - a test guest that reads two blocks of the shared base
 * disk into one page in one DIAG 0x410 list, then writes over that page
 * and ends. The host must not enter the page's frame as holding either
 * block for the other guests of its sharing domain (share.t). */
#include "tests/guests/tguest.h"
#include "zcmm/vdisk.h"

static uint8_t page[PAGE] __attribute__((aligned(PAGE)));
static struct vdisk_bioe ent[2] __attribute__((aligned(16)));
static struct vdisk_biopl pl __attribute__((aligned(8)));

void guest_main(uint64_t mem);

void guest_main(uint64_t mem)
{
	uint64_t rc;

	tguest_init();
	for (int i = 0; i < 2; i++) {
		ent[i].type = VDISK_READ;
		ent[i].block = (uint32_t)i;     /* blocks 0 and 1, one page */
		ent[i].buf = (uint64_t)page;
	}
	pl.disk = 0;                            /* the base disk */
	pl.count = 2;
	pl.list = (uint64_t)ent;
	rc = DIAG(0x410, (uint64_t)&pl, 1);
	check(rc == 0 && pl.done == 2, "both reads into one page done", rc,
	      pl.done);
	check(*(volatile uint64_t *)page != 0, "the page holds a block",
	      *(volatile uint64_t *)page, 1);
	/* the other readers of blocks 0 and 1 must never see this */
	for (uint64_t i = 0; i < PAGE; i += 8)
		*(volatile uint64_t *)(page + i) = 0xdeadbeefdeadbeefUL;
	tguest_exit();
}
