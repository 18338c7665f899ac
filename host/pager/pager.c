/* pager.c - the host pager. Page-out: a clock over every guest's resident
 * pages (the frames' reference bits give second chances) picks stable and
 * changed pages, writes each to a slot with its checksum, and frees the
 * frame when the write is done. Page-in: read the slot, verify the sum,
 * map the frame, wake the guest. A page's slot lives in its invalid PTE. */
#include "host/boot.h"
#include "host/console.h"
#include "host/essa/reclaim.h"
#include "host/frame.h"
#include "host/gmap.h"
#include "host/io/fba.h"
#include "host/memlayout.h"
#include "host/page.h"
#include "host/pager/pager.h"
#include "host/param.h"
#include "host/timer.h"
#include "host/trap.h"
#include "lib/pagesum.h"
#include "lib/slotmap.h"

struct pager_req {
	struct io_req io;
	struct guest *g;
	uint64_t page, frame, slot;
	int dirty, rescued;
	int busy;                 /* handed out by req_get()           */
	struct pager_req *next_free;
};

struct pager_stats pager_stats;
static struct io_dev *vols[DASD_PAGING_MAX];
static unsigned nvols;
static uint64_t slot_bits[SLOTMAP_WORDS(PAGER_MAX_SLOTS)];
static uint32_t slot_sum[PAGER_MAX_SLOTS];
static struct slotmap slots;
static struct pager_req reqs[PAGER_MAX_INFLIGHT], *free_reqs;
static struct guest **all;
static unsigned nall, hand_guest;
static uint64_t hand_page;
static int corrupt_next = 1;   /* ZCMM_BOOT_CORRUPT_SLOT: once */
static uint8_t junk[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

void pager_init(void)
{
	uint64_t per_vol = ~0UL;

	for (unsigned i = 0; i < io_ndevs && nvols < DASD_PAGING_MAX; i++) {
		struct io_dev *d = &io_devs[i];

		if (!d->online || !DASD_IS_PAGING(d->devnum))
			continue;
		vols[nvols++] = d;
		if (d->blocks / FBA_PAGE_BLOCKS < per_vol)
			per_vol = d->blocks / FBA_PAGE_BLOCKS;
	}
	if (!nvols)
		per_vol = 0;
	if (per_vol * nvols > PAGER_MAX_SLOTS)
		per_vol = PAGER_MAX_SLOTS / nvols;
	slotmap_init(&slots, slot_bits, per_vol * nvols);
	for (unsigned i = 0; i < PAGER_MAX_INFLIGHT; i++) {
		reqs[i].next_free = free_reqs;
		free_reqs = &reqs[i];
	}
	for (unsigned i = 0; i < PAGE_SIZE; i++)
		junk[i] = (uint8_t)(i * 7 + 1);
}

void pager_attach(struct guest **guests, unsigned n)
{
	all = guests;
	nall = n;
}

uint64_t pager_slots(void)
{
	return slots.nslots;
}

uint64_t pager_pending(void)
{
	return pager_stats.inflight;
}

/* Slot s lives on volume s % nvols, so neighbours go out in parallel. */
static void slot_io(struct pager_req *r, enum io_op op, uint64_t buf,
		    void (*done)(struct io_req *))
{
	r->io.dev = vols[r->slot % nvols];
	r->io.block = (uint32_t)(r->slot / nvols * FBA_PAGE_BLOCKS);
	r->io.count = FBA_PAGE_BLOCKS;
	r->io.buf = buf;
	r->io.op = op;
	r->io.done = done;
	r->io.ctx = r;
	if (++pager_stats.inflight > pager_stats.max_inflight)
		pager_stats.max_inflight = pager_stats.inflight;
	io_submit(&r->io);
}

static struct pager_req *req_get(void)
{
	struct pager_req *r = free_reqs;

	if (r) {
		free_reqs = r->next_free;
		r->busy = 1;
	}
	return r;
}

static void req_put(struct pager_req *r)
{
	pager_stats.inflight--;
	r->busy = 0;
	r->next_free = free_reqs;
	free_reqs = r;
}

/* Frames came free: guests that waited for one may go on. */
static void wake_frame_waiters(void)
{
	for (unsigned i = 0; i < nall; i++)
		if (all[i]->state == GUEST_WAITING_IO &&
		    all[i]->wait_page == GUEST_WAIT_FRAME)
			guest_wake_io(all[i]);
}

static void out_done(struct io_req *io)
{
	struct pager_req *r = io->ctx;
	struct guest *g = r->g;
	uint64_t *pte = gmap_pte(g, r->page);

	if (r->rescued) {
		slotmap_free(&slots, r->slot);
	} else if (io->status != IO_OK) {
		pager_stats.out_errors++;
		kprintf("pager: page-out of guest %s page %lu to slot %lu "
			"failed: %s\n", g->name, r->page, r->slot,
			io_status_name(io->status));
		slotmap_free(&slots, r->slot);
		gmap_map(g, r->page, r->frame);
	} else {
		struct states_host_result h =
			states_host_page_out(page_state(g, r->page), r->dirty);

		page_set_state(g, r->page, h.state);
		*pte = PTE_INVALID | r->slot << 12 | PTE_SW_SLOT |
		       (h.dirty ? PTE_SW_DIRTY : 0);
		frame_free(r->frame);
		g->st.pageouts++;
		pager_stats.pageouts++;
		wake_frame_waiters();
	}
	req_put(r);
}

static void out_done_junk(struct io_req *io)
{
	req_put(io->ctx);
}

/* Start writing page p of g; 0, or -1 when no slot or request is free. */
static int page_out(struct guest *g, uint64_t p, int dirty)
{
	struct pager_req *r;
	uint64_t slot = slotmap_alloc(&slots);

	if (slot == SLOTMAP_NONE) {
		if (!pager_stats.full++)
			kprintf("pager: the paging volumes are full (%lu slots)\n",
				slots.nslots);
		return -1;
	}
	r = req_get();
	if (!r) {
		slotmap_free(&slots, slot);
		return -1;
	}
	r->g = g;
	r->page = p;
	r->slot = slot;
	r->dirty = dirty;
	r->rescued = 0;
	r->frame = gmap_invalidate(g, p);
	*gmap_pte(g, p) = PTE_INVALID | slot << 12 | PTE_SW_OUT;
	slot_sum[slot] = (uint32_t)pagesum((void *)r->frame);
	slot_io(r, IO_WRITE, r->frame, out_done);
	if ((boot->flags & ZCMM_BOOT_CORRUPT_SLOT) && corrupt_next) {
		/* a test's damaged medium: overwrite the slot after the
		   page-out (same volume, so the queue keeps the order) */
		struct pager_req *j = req_get();

		if (j) {
			corrupt_next = 0;
			*j = *r;
			slot_io(j, IO_WRITE, (uint64_t)junk, out_done_junk);
		}
	}
	return 0;
}

int pager_page_out_sync(struct guest *g, uint64_t p)
{
	uint64_t pte = *gmap_pte(g, p);
	int dirty;

	if ((pte & PTE_INVALID) || p < 2 || !slots.nslots || pte_pinned(pte))
		return -1;
	dirty = page_dirty(pte & PTE_ORIGIN);
	if (states_host_page_out(page_state(g, p), dirty).verdict != STATES_DONE ||
	    page_out(g, p, dirty))
		return -1;
	pager_quiesce();
	return (*gmap_pte(g, p) & PTE_SW_SLOT) ? 0 : -1;
}

void pager_evict(uint64_t want)
{
	uint64_t started = 0, budget = 0;

	if (!slots.nslots || !nall)
		return;
	for (unsigned i = 0; i < nall; i++)
		budget += 2 * all[i]->npages;   /* two passes: second chance */
	while (started < want && budget--) {
		struct guest *g = all[hand_guest];
		uint64_t pte, frame;
		int dirty;

		if (hand_page >= g->npages) {
			hand_page = 0;
			hand_guest = (hand_guest + 1) % nall;
			continue;
		}
		pte = *gmap_pte(g, hand_page);
		if (g->state == GUEST_STOPPED || hand_page < 2 ||
		    (pte & PTE_INVALID) || pte_pinned(pte)) {
			hand_page++;
			continue;
		}
		pager_stats.scanned++;
		frame = pte & PTE_ORIGIN;
		if (frame_referenced(frame)) {
			pager_stats.referenced++;
			hand_page++;
			continue;
		}
		/* content nobody needs goes without I/O */
		if (page_discard(g, hand_page)) {
			started++;
			hand_page++;
			continue;
		}
		dirty = page_dirty(frame);
		if (states_host_page_out(page_state(g, hand_page), dirty)
			    .verdict == STATES_DONE) {
			if (page_out(g, hand_page, dirty))
				return;
			started++;
		}
		hand_page++;
	}
}

static void in_done(struct io_req *io)
{
	struct pager_req *r = io->ctx;
	struct guest *g = r->g;
	uint64_t us = tod_to_us(io->tod_done - io->tod_submit);
	struct states_host_result h;

	pager_stats.pagein_us += us;
	if (us > pager_stats.pagein_us_max)
		pager_stats.pagein_us_max = us;
	*gmap_pte(g, r->page) = PTE_INVALID | r->slot << 12 | PTE_SW_SLOT |
				(r->dirty ? PTE_SW_DIRTY : 0);
	if (io->status != IO_OK) {
		pager_stats.in_errors++;
		kprintf("pager: page-in of guest %s page %lu from slot %lu "
			"failed: %s\n", g->name, r->page, r->slot,
			io_status_name(io->status));
		frame_free(r->frame);
		guest_stop(g, GUEST_STATUS_KILLED, "page-in I/O error");
	} else if ((uint32_t)pagesum((void *)r->frame) != slot_sum[r->slot]) {
		pager_stats.checksum_errors++;
		kprintf("pager: CHECKSUM MISMATCH on page-in of guest %s page "
			"%lu from slot %lu: the data is not what was written; "
			"the guest is stopped, never fed it\n", g->name,
			r->page, r->slot);
		frame_free(r->frame);
		guest_stop(g, GUEST_STATUS_KILLED, "page-in checksum mismatch");
	} else {
		h = states_host_page_in(page_state(g, r->page), r->dirty);
		page_set_state(g, r->page, h.state);
		/* the change bit goes back as it was when the page left */
		frame_set_key(r->frame, h.dirty ? 0x02 : 0);
		gmap_map(g, r->page, r->frame);
		slotmap_free(&slots, r->slot);
		g->st.pageins++;
		pager_stats.pageins++;
		guest_wake_io(g);
	}
	g->io_inflight--;
	req_put(r);
}

int pager_page_in(struct guest *g, uint64_t p)
{
	uint64_t *pte = gmap_pte(g, p);
	struct pager_req *r;
	uint64_t frame;

	if (!(*pte & PTE_SW_SLOT))
		return -1;
	frame = frame_alloc();
	if (!frame)
		return -1;
	r = req_get();
	if (!r) {
		frame_free(frame);
		return -1;
	}
	r->g = g;
	r->page = p;
	r->frame = frame;
	r->slot = PTE_SLOT(*pte);
	r->dirty = !!(*pte & PTE_SW_DIRTY);
	r->rescued = 0;
	*pte = PTE_INVALID | r->slot << 12 | PTE_SW_IN;
	g->io_inflight++;
	guest_block_io(g, p);
	slot_io(r, IO_READ, frame, in_done);
	return 0;
}

int pager_page_in_sync(struct guest *g, uint64_t p)
{
	enum guest_state was = g->state;

	/* no request or no frame free: wait for the I/O under way to
	   give them back, as long as there is any */
	while (pager_page_in(g, p)) {
		if (!(*gmap_pte(g, p) & PTE_SW_SLOT) || !pager_stats.inflight)
			return -1;
		io_wait(100000);
		io_reap();
		reclaim_make_room();
	}
	while (*gmap_pte(g, p) & PTE_SW_IN) {
		io_wait(100000);
		io_reap();
	}
	if (g->state == GUEST_RUNNABLE)
		g->state = was;
	return (*gmap_pte(g, p) & PTE_INVALID) ? -1 : 0;
}

uint64_t pager_rescue(struct guest *g, uint64_t p)
{
	uint64_t pte = *gmap_pte(g, p);

	if (!(pte & PTE_SW_OUT))
		return 0;
	for (unsigned i = 0; i < PAGER_MAX_INFLIGHT; i++) {
		struct pager_req *r = &reqs[i];

		/* the page-out this PTE names, under way or done and not
		   yet reaped: either way its frame still holds the page */
		if (r->busy && r->io.done == out_done && r->g == g &&
		    r->page == p && r->slot == PTE_SLOT(pte) && !r->rescued) {
			r->rescued = 1;
			pager_stats.rescued++;
			gmap_map(g, p, r->frame);
			return r->frame;
		}
	}
	panic("pager: guest %s page %lu is on its way out to slot %lu, but "
	      "no page-out names it", g->name, p, PTE_SLOT(pte));
}

void pager_forget(struct guest *g, uint64_t p)
{
	uint64_t *pte = gmap_pte(g, p);

	if ((*pte & PTE_INVALID) && (*pte & PTE_SW_SLOT)) {
		slotmap_free(&slots, PTE_SLOT(*pte));
		*pte = PTE_INVALID;
	}
}

void pager_quiesce(void)
{
	while (pager_stats.inflight) {
		io_wait(100000);
		io_reap();
	}
}
