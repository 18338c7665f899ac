/* gmap.c - layer 0: the host address space that holds every guest's storage.
 * Region-third table -> segment tables (static, in the host image) ->
 * page tables (a frame per guest MiB) -> frames, all z/Architecture
 * DAT formats (Principles of Operation, "Dynamic Address Translation"). */
#include "host/frame.h"
#include "host/gmap.h"
#include "host/guest.h"
#include "host/memlayout.h"
#include "host/trap.h"

#define GSPACE_SEGTABLES 4            /* 2 GiB each: 8 GiB of guests   */
#define SEGTABLE_ENTRIES 2048
#define TT_REGION3       0x04UL       /* table type in entries, ASCE   */
#define RTE_TL_FULL      0x03UL       /* segment table: all 4 pages    */
#define STE_INVALID      0x20UL
#define RTE_INVALID      0x20UL

static uint64_t r3t[512] __attribute__((aligned(4096)));
static uint64_t segtables[GSPACE_SEGTABLES][SEGTABLE_ENTRIES]
	__attribute__((aligned(4096)));
static uint64_t next_slot = GUEST_SPACE_BASE;
static struct guest *by_index[ZCMM_MAX_GUESTS];

struct guest *gmap_guest(unsigned index)
{
	return index < ZCMM_MAX_GUESTS ? by_index[index] : 0;
}

void gmap_init(void)
{
	uint64_t asce = (uint64_t)r3t | TT_REGION3; /* DT=01, TL=0 */

	for (int i = 0; i < 512; i++)
		r3t[i] = RTE_INVALID | TT_REGION3;
	for (int t = 0; t < GSPACE_SEGTABLES; t++) {
		for (int i = 0; i < SEGTABLE_ENTRIES; i++)
			segtables[t][i] = STE_INVALID;
		r3t[(GUEST_SPACE_BASE >> 31) + t] =
			(uint64_t)segtables[t] | TT_REGION3 | RTE_TL_FULL;
	}
	asm volatile("lctlg 1,1,%0" : : "Q"(asce) : "memory");
}

static uint64_t *ste_of(uint64_t hva)
{
	uint64_t seg = (hva - GUEST_SPACE_BASE) >> 20;

	return &segtables[seg / SEGTABLE_ENTRIES][seg % SEGTABLE_ENTRIES];
}

int gmap_create(struct guest *g)
{
	uint64_t limit = GUEST_SPACE_BASE +
			 (uint64_t)GSPACE_SEGTABLES * SEGTABLE_ENTRIES * SEGMENT_SIZE;

	if (g->mem_bytes > limit - next_slot)
		return -1;
	g->mso = next_slot;
	for (uint64_t off = 0; off < g->mem_bytes; off += SEGMENT_SIZE) {
		uint64_t pt = frame_alloc();

		if (!pt) {
			g->mem_bytes = off; /* what gmap_destroy must undo */
			gmap_destroy(g);
			return -1;
		}
		for (int i = 0; i < 256; i++)
			((uint64_t *)pt)[i] = PTE_INVALID;
		*ste_of(g->mso + off) = pt;
	}
	next_slot += g->mem_bytes;
	if (g->index < ZCMM_MAX_GUESTS)
		by_index[g->index] = g;
	return 0;
}

uint64_t *gmap_pte(struct guest *g, uint64_t gpage)
{
	uint64_t hva = g->mso + (gpage << PAGE_SHIFT);
	uint64_t *pt = (uint64_t *)(*ste_of(hva) & ~0x7ffUL);

	return &pt[(hva >> PAGE_SHIFT) & 0xff];
}

void gmap_destroy(struct guest *g)
{
	for (uint64_t off = 0; off < g->mem_bytes; off += SEGMENT_SIZE) {
		uint64_t *ste = ste_of(g->mso + off);

		if (*ste & STE_INVALID)
			continue;
		for (uint64_t p = 0; p < 256; p++)
			if (!(((uint64_t *)(*ste & ~0x7ffUL))[p] & PTE_INVALID))
				panic("guest %s page %lu still mapped at teardown",
				      g->name, (off >> PAGE_SHIFT) + p);
		frame_free(*ste & ~0x7ffUL);
		*ste = STE_INVALID;
	}
	if (g->index < ZCMM_MAX_GUESTS && by_index[g->index] == g)
		by_index[g->index] = 0;
	/* no TLB entry may outlive the tables */
	asm volatile("ptlb" : : : "memory");
}
