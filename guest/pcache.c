/* pcache.c - the page cache: entries (block, page) in a hash on the block
 * and a reverse map page -> entry for the discard-fault handler; a clock
 * with reference bits picks the page to reuse. Reads go to disk 0. */
#include "guest/pcache.h"
#include "guest/alloc.h"
#include "guest/console.h"
#include "guest/essa.h"
#include "guest/hcall.h"
#include "guest/params.h"
#include "guest/vdisk.h"

struct pc_ent {
	uint32_t block, pfn;
	uint32_t next;           /* hash chain: entry index + 1, 0 = end */
	uint32_t ref;            /* used since the clock last passed     */
};

struct pcache_stats pcache_stats;
static struct pc_ent *ent;
static uint32_t *bucket, *rmap; /* entry index + 1, 0 = none          */
static uint32_t cap, used, nbuckets, hand, table_pages;
static uint32_t limit;          /* entries it may hold now, <= cap     */
static uint64_t tables;

#define ADDR(e) ((uint64_t)(e)->pfn << PAGE_SHIFT)

void pcache_init(uint32_t max_pages)
{
	uint32_t npages = (uint32_t)(guest_desc.mem_bytes >> PAGE_SHIFT);
	uint64_t bytes;

	cap = max_pages ? max_pages : 1;
	for (nbuckets = 1; nbuckets < cap; nbuckets <<= 1)
		;
	bytes = cap * sizeof(*ent) + 4ULL * nbuckets + 4ULL * npages;
	table_pages = (uint32_t)((bytes + PAGE_SIZE - 1) / PAGE_SIZE);
	tables = alloc_pages_contig(table_pages);
	if (!tables)
		panic(GS_ALLOC, "pcache: no %u pages for its tables", table_pages);
	ent = (struct pc_ent *)tables;
	bucket = (uint32_t *)(ent + cap);
	rmap = bucket + nbuckets;
	for (uint32_t i = 0; i < nbuckets; i++)
		bucket[i] = 0;
	for (uint32_t i = 0; i < npages; i++)
		rmap[i] = 0;
	used = hand = 0;
	limit = cap;
}

static uint32_t *chain(uint32_t block)
{
	return &bucket[(block * 0x9e3779b1u) & (nbuckets - 1)];
}

static struct pc_ent *lookup(uint32_t block)
{
	for (uint32_t i = *chain(block); i; i = ent[i - 1].next)
		if (ent[i - 1].block == block)
			return &ent[i - 1];
	return 0;
}

static void unhash(struct pc_ent *e)
{
	uint32_t *p = chain(e->block), me = (uint32_t)(e - ent) + 1;

	while (*p != me)
		p = &ent[*p - 1].next;
	*p = e->next;
}

/* An entry with a stable page of its own, not hashed yet. */
static struct pc_ent *take_entry(void)
{
	struct pc_ent *e;
	uint64_t a;

	if (used < limit && (a = alloc_page())) {
		e = &ent[used++];
		e->pfn = (uint32_t)(a >> PAGE_SHIFT);
		rmap[e->pfn] = used;
		return e;
	}
	if (!used)
		panic(GS_ALLOC, "pcache: no page for the cache");
	for (;; hand = (hand + 1) % used) {
		e = &ent[hand];
		if (e->ref) {
			e->ref = 0;
			continue;
		}
		hand = (hand + 1) % used;
		unhash(e);
		pcache_stats.evictions++;
		if (essa_was_discarded(essa_make_stable(ADDR(e))))
			pcache_stats.evicted_dropped++;
		return e;
	}
}

/* A miss: block and up to `ahead` uncached blocks after it, read in one
 * call (few enough that the clock cannot take back what it just gave). */
static uint64_t fill(uint32_t block, int pin, uint32_t ahead)
{
	uint32_t blk[VDISK_MAX_ENTRIES], n, i;
	uint64_t buf[VDISK_MAX_ENTRIES];
	struct pc_ent *got[VDISK_MAX_ENTRIES];

	n = 1 + (ahead < cap / 4 ? ahead : cap / 4);
	if (n > VDISK_MAX_ENTRIES)
		n = VDISK_MAX_ENTRIES;
	for (i = 0; i < n && (!i || !lookup(block + i)); i++) {
		got[i] = take_entry();
		got[i]->block = blk[i] = block + i;
		got[i]->ref = 1;
		buf[i] = ADDR(got[i]);
	}
	n = i;
	if (vdisk_rw(VDISK_BASE, VDISK_READ, n, blk, buf, 0) != VDISK_RC_OK)
		panic(GS_DISK, "pcache: reading %u blocks from %u failed", n, block);
	pcache_stats.readahead += n - 1;
	for (i = 0; i < n; i++) {
		got[i]->next = *chain(blk[i]);
		*chain(blk[i]) = (uint32_t)(got[i] - ent) + 1;
		if (i || !pin)
			essa_set_volatile(buf[i]);
	}
	return buf[0];
}

uint64_t pcache_get(uint32_t block, int pin, uint32_t ahead)
{
	struct pc_ent *e = lookup(block);

	if (e) {
		pcache_stats.hits++;
		e->ref = 1;
		if (pin && essa_was_discarded(essa_make_stable(ADDR(e)))) {
			pcache_stats.pin_rereads++;
			vdisk_read1(VDISK_BASE, block, ADDR(e));
		}
		return ADDR(e);
	}
	pcache_stats.misses++;
	return fill(block, pin, ahead);
}

void pcache_unpin(uint64_t addr)
{
	essa_set_volatile(addr);
}

int pcache_discard(uint64_t addr)
{
	uint64_t pfn = addr >> PAGE_SHIFT;
	struct pc_ent *e;

	if (!ent || pfn >= (guest_desc.mem_bytes >> PAGE_SHIFT) || !rmap[pfn])
		return 0;
	e = &ent[rmap[pfn] - 1];
	/* Vz -> Sz: the page is ours again, read it back, volatile again */
	essa_make_stable(addr);
	vdisk_read1(VDISK_BASE, e->block, addr);
	essa_set_volatile(addr);
	pcache_stats.fault_rereads++;
	return 1;
}

uint32_t pcache_shrink(uint32_t n)
{
	uint32_t freed = 0;

	/* the last entries go (no hole in the table); their pages are made
	   stable first: the allocator hands out free pages as stable */
	while (ent && freed < n && used > 1) {
		struct pc_ent *e = &ent[used - 1];

		unhash(e);
		rmap[e->pfn] = 0;
		essa_make_stable(ADDR(e));
		free_page(ADDR(e));
		used--;
		freed++;
	}
	if (ent) {
		limit = used;
		hand %= used ? used : 1;
		pcache_stats.shrunk += freed;
	}
	return freed;
}

void pcache_grow(uint32_t n)
{
	if (ent)
		limit = limit + n < cap ? limit + n : cap;
}

void pcache_fini(void)
{
	for (uint32_t i = 0; i < used; i++) {
		rmap[ent[i].pfn] = 0;
		free_page(ADDR(&ent[i]));
	}
	free_pages_contig(tables, table_pages);
	ent = 0;
	used = 0;
}

void pcache_summary(void)
{
	struct pcache_stats *s = &pcache_stats;
	uint64_t n = s->hits + s->misses;

	printf("pcache: pages=%u hits=%lu misses=%lu hit_pct=%lu readahead=%lu "
	       "evictions=%lu evicted_dropped=%lu fault_rereads=%lu "
	       "pin_rereads=%lu shrunk=%lu\n", limit,
	       (unsigned long)s->hits, (unsigned long)s->misses,
	       (unsigned long)(n ? s->hits * 100 / n : 0),
	       (unsigned long)s->readahead, (unsigned long)s->evictions, (unsigned long)s->evicted_dropped,
	       (unsigned long)s->fault_rereads, (unsigned long)s->pin_rereads,
	       (unsigned long)s->shrunk);
}
