/* reclaim.c - layer 3: the one reclaim clock. A hand per guest goes over
 * its resident pages; each visit reads and resets the frame's reference
 * bit once and lets the states module decide: unused pages, and volatile
 * or clean potentially volatile ones not referenced, go without I/O; a
 * referenced page gets a second chance; an unreferenced stable or changed
 * page is paged out. An ended guest's pages all go without I/O. Pinned
 * pages are never taken. */
#include "host/balloon/balloon.h"
#include "host/frame.h"
#include "host/io/fba.h"
#include "host/page.h"
#include "host/pager/pager.h"
#include "host/param.h"
#include "host/reclaim.h"
#include "host/timer.h"

struct reclaim_stats reclaim_stats;
static struct guest **all;
static unsigned nall, cur;

static unsigned pick_in_turn(struct guest **guests, unsigned n,
			     unsigned last, int wrapped, void *ctx)
{
	return wrapped ? (last + 1) % n : last;
}

static reclaim_pick_fn pick = pick_in_turn;
static void *pick_ctx;
static reclaim_shared_fn take_shared;

void reclaim_init(struct guest **guests, unsigned n)
{
	all = guests;
	nall = n;
	cur = 0;
}

void reclaim_set_picker(reclaim_pick_fn fn, void *ctx)
{
	pick = fn ? fn : pick_in_turn;
	pick_ctx = ctx;
}

void reclaim_set_shared(reclaim_shared_fn fn)
{
	take_shared = fn;
}

/* How a visit may take a page: without I/O only, by page-out too, or
 * for a halted guest's push-out (no second chance; host/alloc/halt.c). */
enum visit_mode { VISIT_NO_IO, VISIT_IO, VISIT_PUSH };

static struct reclaim_push *pushing;    /* reclaim_push_out()'s counts */

/* Page p's frame back: dropped if its state lets it go without I/O, else
 * paged out (*paged says which). 1 if taken, 0 if its state keeps it, -1
 * if the pager cannot take a page-out now. */
static int take_frame(struct guest *g, uint64_t p, struct page_state st,
		      uint64_t f, int *paged)
{
	int dirty;

	*paged = 0;
	if (page_discard(g, p))
		return 1;
	dirty = page_dirty(f);
	if (states_host_page_out(st, dirty).verdict != STATES_DONE)
		return 0;
	if (pager_page_out(g, p, dirty))
		return -1;
	*paged = 1;
	return 1;
}

/* A page of a guest that ended goes without I/O, whatever its state.
 * Its mapping dropped (a resident page holds no slot: a page-in gives
 * it back), the page as after IPL (the end-of-run census counts what is
 * left); 1 if that freed the frame (not when other guests still share
 * it, or it is the zero frame). */
static int drop_ended(struct guest *g, uint64_t p)
{
	uint64_t before = frames_free;

	page_drop(g, p);
	page_set_state(g, p, states_initial());
	reclaim_stats.ended++;
	return frames_free > before;
}

/* A halted guest's page goes whatever its reference bit. */
static int push(struct guest *g, uint64_t p, struct page_state st, uint64_t f)
{
	int paged, r = take_frame(g, p, st, f, &paged);

	if (r == 1 && paged)
		pushing->pageouts++;
	else if (r == 1)
		pushing->discards++;
	return r;
}

/* One visit of page p: 1 if its frame was taken (freed, or its page-out
 * started), 0 if not, -1 if the pager cannot take a page-out now. */
static int visit(struct guest *g, uint64_t p, enum visit_mode mode)
{
	uint64_t pte = page_pte(g, p), f = pte & PTE_ORIGIN;
	struct frame_desc *d;
	struct page_state st;
	int r, paged;

	if ((pte & PTE_INVALID) || p < 2)   /* the lowcore stays resident */
		return 0;
	d = frame_desc(f);
	if (d->pins) {
		reclaim_stats.skip_pinned++;
		return 0;
	}
	if (guest_ended(g))
		return drop_ended(g, p);
	/* several pages map it, or it is write-protected for sharing (a
	   zero frame, the last user of a shared frame): host/share/ */
	if (d->kind == FRAME_SHARED || (pte & PTE_PROTECT)) {
		r = take_shared ? take_shared(g, p, f) : 0;
		if (!take_shared)
			reclaim_stats.skip_shared++;
		if (r != RECLAIM_PLAIN)
			return r;
	}
	st = page_state(g, p);
	/* the no-I/O pass leaves a page it could only page out alone, its
	   reference bit too (the paging pass's second chance reads it) */
	if (mode == VISIT_NO_IO &&
	    states_host_discard(st, page_dirty(f)).verdict != STATES_DONE)
		return 0;
	if (mode == VISIT_PUSH)
		return push(g, p, st, f);
	reclaim_stats.looked++;
	/* an unused page's content is nobody's: no second chance */
	if (st.usage != PAGE_USAGE_UNUSED && frame_referenced(f)) {
		reclaim_stats.referenced++;
		return 0;
	}
	r = take_frame(g, p, st, f, &paged);
	if (r == 1 && paged) {
		reclaim_stats.paged_out++;
		alloc_count(g)->taken_pageout++;
	} else if (r == 1) {
		reclaim_stats.discarded++;
		alloc_count(g)->taken_discard++;
	}
	return r;
}

/* Up to batch pages from guest g, its hand going at most round once
 * (so no page is looked at twice in one batch); *wrapped if it went round. */
static int take_from(struct guest *g, uint64_t batch, uint64_t *taken,
		     int *wrapped, int no_io)
{
	uint64_t steps = 0, got = 0;
	int r = 0;

	*wrapped = 0;
	while (got < batch && steps++ < g->npages) {
		r = visit(g, g->reclaim_hand, no_io ? VISIT_NO_IO : VISIT_IO);
		if (++g->reclaim_hand >= g->npages) {
			g->reclaim_hand = 0;
			reclaim_stats.wraps++;
			*wrapped = 1;
		}
		if (r < 0)
			break;
		got += r;
		if (*wrapped)
			break;
	}
	*taken += got;
	return r < 0 ? -1 : 0;
}

/* One pass of the clock for want frames: without I/O only (unused,
 * volatile and clean potentially volatile pages), or with page-outs too;
 * the picker names the victims, each guest's hand goes round at most
 * twice. Returns the frames taken. */
static uint64_t clock_pass(uint64_t want, int no_io)
{
	uint64_t taken = 0, rounds = 0, live = 0;

	for (unsigned i = 0; i < nall; i++)
		live += all[i]->state != GUEST_STOPPED;
	cur = pick(all, nall, cur % nall, 0, pick_ctx);  /* the victim now */
	live = live || cur != RECLAIM_NONE;     /* an ended guest may give */
	if (cur == RECLAIM_NONE) {
		cur = 0;
		live = 0;
	}
	while (taken < want && live && rounds < 2 * nall + 2) {
		struct guest *g = all[cur];
		uint64_t batch = want - taken < RECLAIM_BATCH ? want - taken
							      : RECLAIM_BATCH;
		uint64_t keep = guest_ended(g) ? 0 : g->al.reserve;
		uint64_t spare = g->st.frames > keep ? g->st.frames - keep : 0;
		int wrapped = 0;

		if (batch > spare)      /* never below its reserve */
			batch = spare;
		if (!batch) {           /* at its reserve, or holds none */
			wrapped = 1;
		} else if (take_from(g, batch, &taken, &wrapped, no_io)) {
			break;          /* the pager is full for now */
		}
		rounds += wrapped;
		cur = pick(all, nall, cur, wrapped, pick_ctx);
		if (cur == RECLAIM_NONE) {      /* nobody may give */
			cur = 0;
			break;
		}
		cur %= nall;
	}
	return taken;
}

/* Take want frames back: first what costs no I/O, victims in the
 * picker's order, then by page-out. */
static void run_clock(uint64_t want)
{
	uint64_t t0 = tod_now(), taken = clock_pass(want, 1);

	if (taken < want)
		clock_pass(want - taken, 0);
	frames_purge_tlb();     /* reference bits reset: see frame.h */
	reclaim_stats.tod += tod_now() - t0;
}

static uint64_t shortfall(void)
{
	uint64_t coming = frames_free + pager_pending();

	return coming < FRAMES_HIGH_WATER ? FRAMES_HIGH_WATER - coming : 0;
}

void reclaim_balance(void)
{
	if (!nall || frames_free + pager_pending() >= FRAMES_LOW_WATER)
		return;
	reclaim_stats.runs++;
	run_clock(shortfall());
}

uint64_t reclaim_from_guest(struct guest *g, uint64_t want)
{
	uint64_t t0 = tod_now(), taken = 0;
	int wrapped;

	/* a round without I/O, then up to two with page-outs */
	for (int round = 0; taken < want && round < 3; round += wrapped)
		if (take_from(g, want - taken, &taken, &wrapped, round == 0))
			break;
	frames_purge_tlb();
	reclaim_stats.tod += tod_now() - t0;
	return taken;
}

uint64_t reclaim_now(uint64_t want)
{
	uint64_t taken = 0, before;

	do {
		before = taken;
		for (unsigned i = 0; i < nall && taken < want; i++)
			taken += reclaim_from_guest(all[i], want - taken);
		pager_quiesce();        /* the page-outs' requests back */
	} while (taken < want && taken != before);
	return taken;
}

void reclaim_push_out(struct guest *g, struct reclaim_push *c)
{
	uint64_t t0 = tod_now();

	c->pageouts = c->discards = c->kept = 0;
	pushing = c;
	for (uint64_t p = 0; p < g->npages; p++) {
		int r;

		wss_unsample(g, p);     /* a sampled page is resident too */
		/* no request free: wait for the I/O under way; no slot: the
		   rest stays */
		while ((r = visit(g, p, VISIT_PUSH)) < 0 && pager_pending()) {
			io_wait(100000);
			io_reap();
		}
		if (r < 0)
			break;
	}
	for (uint64_t p = 0; p < g->npages; p++)
		c->kept += page_resident(g, p);
	frames_purge_tlb();
	reclaim_stats.tod += tod_now() - t0;
}

void reclaim_make_room(void)
{
	if (!nall || frames_free > FRAMES_RESERVE)
		return;
	reclaim_stats.runs_sync++;
	run_clock(shortfall() ? shortfall() : 1);
}
