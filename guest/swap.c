/* swap.c - anonymous pages and the guest's swap on disk 1: per page its
 * frame and/or slot; a clock with software reference bits picks pages to
 * write out (up to 16 per DIAG 0x410) into the swap cache, whose frames
 * are the first reused. Writing a page the host paged out is the double
 * paging the host counts. */
#include "guest/swap.h"
#include "guest/alloc.h"
#include "guest/console.h"
#include "guest/essa.h"
#include "guest/hcall.h"
#include "guest/params.h"
#include "guest/vdisk.h"

enum { A_ABSENT, A_RESIDENT, A_CACHED, A_SWAPPED };
#define RESERVE 8                /* free pages left to everyone else */
#define BATCH   VDISK_MAX_ENTRIES

struct anon {
	uint32_t pfn, slot;
	uint8_t state, ref, pad[6];
};

struct swap_stats swap_stats;
static struct anon *an;
static uint32_t *rmap, *slots;   /* rmap: page -> index + 1; free slots */
static uint32_t n, hand, nslots, nfree_slots, table_pages;
static uint64_t tables;

#define ADDR(a) ((uint64_t)(a)->pfn << PAGE_SHIFT)

uint32_t swap_init(uint32_t want)
{
	uint32_t npages = (uint32_t)(guest_desc.mem_bytes >> PAGE_SHIFT);
	uint64_t bytes, max;

	nslots = (uint32_t)vdisk_blocks(VDISK_PRIVATE, 0);
	if (!nslots)
		panic(GS_DISK, "swap: no private disk");
	bytes = want * sizeof(*an) + 4ULL * npages + 4ULL * nslots;
	table_pages = (uint32_t)((bytes + PAGE_SIZE - 1) / PAGE_SIZE);
	tables = alloc_pages_contig(table_pages);
	if (!tables)
		panic(GS_ALLOC, "swap: no %u pages for its tables", table_pages);
	max = (uint64_t)nslots + alloc_stats.nfree - RESERVE - BATCH;
	n = want < max ? want : (uint32_t)max;
	an = (struct anon *)tables;
	rmap = (uint32_t *)(an + want);
	slots = rmap + npages;
	for (uint32_t i = 0; i < n; i++)
		an[i] = (struct anon){ .state = A_ABSENT };
	for (uint32_t i = 0; i < npages; i++)
		rmap[i] = 0;
	for (nfree_slots = 0; nfree_slots < nslots; nfree_slots++)
		slots[nfree_slots] = nslots - 1 - nfree_slots;
	hand = 0;
	return n;
}

/* Write up to BATCH cold resident pages (not `keep`) to new slots; they
 * stay in memory as the swap cache. Returns how many. */
static unsigned write_out(uint32_t keep)
{
	uint32_t idx[BATCH], blk[BATCH];
	uint64_t buf[BATCH];
	unsigned k = 0;

	for (uint32_t scanned = 0; scanned < 2 * n && k < BATCH &&
	     k < nfree_slots; scanned++, hand = (hand + 1) % n) {
		struct anon *a = &an[hand];

		if (a->state != A_RESIDENT || hand == keep)
			continue;
		if (a->ref) {
			a->ref = 0;
			continue;
		}
		idx[k] = hand;
		a->slot = blk[k] = slots[--nfree_slots];
		buf[k++] = ADDR(a);
	}
	if (!k)
		return 0;
	if (vdisk_rw(VDISK_PRIVATE, VDISK_WRITE, k, blk, buf, 0) != VDISK_RC_OK)
		panic(GS_DISK, "swap: writing %u pages failed", k);
	for (unsigned i = 0; i < k; i++) {
		an[idx[i]].state = A_CACHED;
		essa_set_potvol(buf[i]);
	}
	swap_stats.swapouts += k;
	return k;
}

static void put_slot(struct anon *a)
{
	slots[nfree_slots++] = a->slot;
}

/* A frame for page `self`: a free page while there are enough, else the
 * frame of a swap-cache page (its copy is on disk), writing some first. */
static uint64_t get_frame(uint32_t self)
{
	if (alloc_stats.nfree > RESERVE)
		return alloc_page();
	for (int round = 0; round < 3; round++) {
		for (uint32_t i = 0; i < n; i++) {
			struct anon *a = &an[(hand + i) % n];

			if (a->state != A_CACHED)
				continue;
			essa_make_stable(ADDR(a)); /* dropped or not: reused */
			rmap[a->pfn] = 0;
			a->state = A_SWAPPED;
			swap_stats.reclaimed++;
			return ADDR(a);
		}
		write_out(self);
	}
	panic(GS_ALLOC, "swap: no frame and nothing to swap out");
}

uint64_t anon_touch(uint32_t i, int *fresh)
{
	struct anon *a = &an[i];
	uint64_t addr;

	*fresh = 0;
	a->ref = 1;
	switch (a->state) {
	case A_RESIDENT:
		return ADDR(a);
	case A_CACHED:
		if (essa_was_discarded(essa_make_stable(ADDR(a)))) {
			vdisk_read1(VDISK_PRIVATE, a->slot, ADDR(a));
			swap_stats.cache_rereads++;
		} else {
			swap_stats.cache_hits++;
		}
		put_slot(a);   /* it will be changed: the copy is stale */
		a->state = A_RESIDENT;
		return ADDR(a);
	case A_SWAPPED:
		addr = get_frame(i);
		a->pfn = (uint32_t)(addr >> PAGE_SHIFT);
		vdisk_read1(VDISK_PRIVATE, a->slot, addr);
		put_slot(a);
		swap_stats.swapins++;
		break;
	default:
		addr = get_frame(i);
		a->pfn = (uint32_t)(addr >> PAGE_SHIFT);
		*fresh = 1;
	}
	a->state = A_RESIDENT;
	rmap[a->pfn] = i + 1;
	return addr;
}

void anon_free(uint32_t i)
{
	struct anon *a = &an[i];

	if (a->state == A_CACHED || a->state == A_SWAPPED)
		put_slot(a);
	if (a->state == A_RESIDENT || a->state == A_CACHED) {
		rmap[a->pfn] = 0;
		free_page(ADDR(a));
	}
	a->state = A_ABSENT;
}

int swap_discard(uint64_t addr)
{
	uint64_t pfn = addr >> PAGE_SHIFT;
	struct anon *a;

	if (!an || pfn >= (guest_desc.mem_bytes >> PAGE_SHIFT) || !rmap[pfn])
		return 0;
	a = &an[rmap[pfn] - 1];
	if (a->state != A_CACHED)
		return 0;
	essa_make_stable(addr);
	vdisk_read1(VDISK_PRIVATE, a->slot, addr);
	essa_set_potvol(addr);
	swap_stats.fault_rereads++;
	return 1;
}

void swap_fini(void)
{
	for (uint32_t i = 0; i < n; i++)
		anon_free(i);
	free_pages_contig(tables, table_pages);
	an = 0;
}

void swap_summary(void)
{
	struct swap_stats *s = &swap_stats;

	printf("swap: pages=%u slots=%u swapouts=%lu swapins=%lu cache_hits=%lu "
	       "cache_rereads=%lu reclaimed=%lu fault_rereads=%lu\n", n, nslots,
	       (unsigned long)s->swapouts, (unsigned long)s->swapins,
	       (unsigned long)s->cache_hits, (unsigned long)s->cache_rereads,
	       (unsigned long)s->reclaimed, (unsigned long)s->fault_rereads);
}
