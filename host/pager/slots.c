/* slots.c - the pager's common ground: the paging volumes and their
 * slots (slot s on volume s % nvols, so neighbours go out in parallel),
 * the pool of requests, and what the rest of the host asks of the pager
 * about slots: how many, how busy, forget one, wait for all. */
#include "host/boot.h"
#include "host/console.h"
#include "host/frame.h"
#include "host/gmap.h"
#include "host/io/fba.h"
#include "host/memlayout.h"
#include "host/page.h"
#include "host/pager/internal.h"
#include "host/param.h"
#include "host/timer.h"
#include "host/trap.h"
#include "lib/pagesum.h"

struct pager_stats pager_stats;
struct io_dev *pager_vols[DASD_PAGING_MAX];
unsigned pager_nvols;
static uint64_t slot_bits[SLOTMAP_WORDS(PAGER_MAX_SLOTS)];
static uint64_t vol_used[DASD_PAGING_MAX]; /* slots taken on each volume */
uint32_t pager_slot_sum[PAGER_MAX_SLOTS];
struct slotmap pager_slotmap;
struct pager_req pager_reqs[PAGER_MAX_INFLIGHT];
static struct pager_req *pager_free_reqs;
struct pager_hooks pager_hooks;

void pager_init(void)
{
	uint64_t per_vol = ~0UL;

	for (unsigned i = 0; i < io_ndevs && pager_nvols < DASD_PAGING_MAX; i++) {
		struct io_dev *d = &io_devs[i];

		if (!d->online || !DASD_IS_PAGING(d->devnum))
			continue;
		pager_vols[pager_nvols++] = d;
		if (d->blocks / FBA_PAGE_BLOCKS < per_vol)
			per_vol = d->blocks / FBA_PAGE_BLOCKS;
	}
	if (!pager_nvols)
		per_vol = 0;
	if (per_vol * pager_nvols > PAGER_MAX_SLOTS)
		per_vol = PAGER_MAX_SLOTS / pager_nvols;
	slotmap_init(&pager_slotmap, slot_bits, per_vol * pager_nvols);
	for (unsigned i = 0; i < PAGER_MAX_INFLIGHT; i++) {
		pager_reqs[i].next_free = pager_free_reqs;
		pager_free_reqs = &pager_reqs[i];
	}
}

void pager_set_hooks(const struct pager_hooks *h)
{
	pager_hooks = *h;
}

uint64_t pager_slots(void)
{
	return pager_slotmap.nslots;
}

/* A free slot on a volume that still works, or SLOTMAP_NONE. The slots
 * of a volume the driver took offline are kept taken as they come up,
 * so page-outs stop going there (and failing) at once. */
uint64_t pager_slot_alloc(void)
{
	uint64_t s;

	while ((s = slotmap_alloc(&pager_slotmap)) != SLOTMAP_NONE) {
		vol_used[s % pager_nvols]++;
		if (pager_vols[s % pager_nvols]->online)
			break;
		pager_stats.retired++;
	}
	return s;
}

void pager_slot_free(uint64_t slot)
{
	if (!slotmap_free(&pager_slotmap, slot))
		vol_used[slot % pager_nvols]--;
}

int pager_slot_lost(uint64_t slot)
{
	return pager_nvols && !pager_vols[slot % pager_nvols]->online;
}

uint64_t pager_slots_free(void)
{
	uint64_t per_vol = pager_nvols ? pager_slotmap.nslots / pager_nvols : 0;
	uint64_t n = 0;

	/* a volume gone offline keeps its free slots in the map until they
	   come up, but no page goes there any more */
	for (unsigned i = 0; i < pager_nvols; i++)
		if (pager_vols[i]->online)
			n += per_vol - vol_used[i];
	return n;
}

uint64_t pager_pending(void)
{
	return pager_stats.inflight;
}

/* Slot s lives on volume s % pager_nvols, so neighbours go out in parallel. */
void pager_slot_io(struct pager_req *r, enum io_op op, uint64_t buf,
		    void (*done)(struct io_req *))
{
	r->io.dev = pager_vols[r->slot % pager_nvols];
	r->io.block = (uint32_t)(r->slot / pager_nvols * FBA_PAGE_BLOCKS);
	r->io.count = FBA_PAGE_BLOCKS;
	r->io.buf = buf;
	r->io.op = op;
	r->io.done = done;
	r->io.ctx = r;
	if (++pager_stats.inflight > pager_stats.max_inflight)
		pager_stats.max_inflight = pager_stats.inflight;
	io_submit(&r->io);
}

struct pager_req *pager_req_get(void)
{
	struct pager_req *r = pager_free_reqs;

	if (r) {
		pager_free_reqs = r->next_free;
		r->busy = 1;
	}
	return r;
}

void pager_req_put(struct pager_req *r)
{
	pager_stats.inflight--;
	r->busy = 0;
	r->next_free = pager_free_reqs;
	pager_free_reqs = r;
}

void pager_forget(struct guest *g, uint64_t p)
{
	uint64_t pte = page_pte(g, p);

	if ((pte & PTE_INVALID) && (pte & PTE_SW_SLOT)) {
		pager_slot_free(PTE_SLOT(pte));
		page_set_empty(g, p);
	}
}

void pager_quiesce(void)
{
	while (pager_stats.inflight) {
		io_wait(100000);
		io_reap();
	}
}
