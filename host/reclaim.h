/* reclaim.h - layer 3: the reclaim policy, one clock that takes frames
 * back from guests when the host runs short: without I/O where the page
 * state allows, by page-out otherwise. */
#ifndef ZCMM_RECLAIM_H
#define ZCMM_RECLAIM_H

#include <stdint.h>

#include "host/guest.h"

struct reclaim_stats {
	uint64_t runs;        /* clock runs between slices (the water marks) */
	uint64_t runs_sync;   /* ... in a fault that could not be served   */
	uint64_t looked;      /* resident pages looked at (RRBE once each)  */
	uint64_t referenced;  /* of them referenced: a second chance        */
	uint64_t discarded;   /* taken without I/O (Ur, Vr, clean Pr)       */
	uint64_t paged_out;   /* taken by page-out (Sr, changed Pr)         */
	uint64_t ended;       /* taken from guests that ended, without I/O  */
	uint64_t wraps;       /* times a guest's hand went round its pages  */
	uint64_t skip_pinned; /* resident pages passed over: pinned ...     */
	uint64_t skip_shared; /* ... mapped by several pages, not handled   */
	uint64_t tod;         /* host TOD units spent in the clock          */
};

void reclaim_init(struct guest **guests, unsigned n);

/* Victim selection: which guest the clock takes from next. Called before
 * each batch of up to RECLAIM_BATCH pages with the guest taken from last
 * and whether its hand just went round all its pages; returns an index
 * into the guests (the clock takes from a stopped guest too: an ended
 * one's storage serves nobody and goes without I/O, a halted one's is
 * paged out). The default stays on a
 * guest until its hand went round, then moves to the next: one clock
 * over every guest's pages in turn. */
typedef unsigned (*reclaim_pick_fn)(struct guest **guests, unsigned n,
				    unsigned last, int wrapped, void *ctx);
void reclaim_set_picker(reclaim_pick_fn pick, void *ctx);
/* A picker's answer when no guest may give a frame (all at their
 * reserves): the clock stops. A victim never goes below its reserve
 * (struct alloc_guest): its batch stops there. */
#define RECLAIM_NONE (~0u)

/* A frame mapped by several guest pages (content sharing): the clock
 * calls this with one of its pages (the one its hand is on); it returns
 * 1 if it took the frame back. Unset: such frames are passed over. */
typedef int (*reclaim_shared_fn)(struct guest *g, uint64_t p, uint64_t frame);
/* ... or this: the page is an ordinary one of its own now, visit it so */
#define RECLAIM_PLAIN 2
void reclaim_set_shared(reclaim_shared_fn fn);

/* The scheduler's step between slices: below the low-water mark, free
 * frames (or start page-outs) up to the high-water mark. */
void reclaim_balance(void);
/* A fault cannot be served (no free frame above the host's reserve): run
 * the clock now. */
void reclaim_make_room(void);
/* Take up to want frames from g itself (its hand going round once
 * without I/O, then at most twice with page-outs), whatever its reserve:
 * a guest at its limit makes room for its own next page. Returns the
 * frames taken. */
uint64_t reclaim_from_guest(struct guest *g, uint64_t want);

/* A halted guest's storage, pushed out whole (host/alloc/halt.c): every
 * resident page but the prefix pages, pinned and unpageable ones, its
 * reference bit and reserve notwithstanding, dropped where its state
 * lets it go without I/O, else paged out; waits only for a request. Stops
 * when no slot is left. Returns the frames taken (page-outs started). */
struct reclaim_push {
	uint64_t pageouts;      /* page-outs started                  */
	uint64_t discards;      /* pages dropped without I/O          */
	uint64_t kept;          /* pages still resident after it      */
};
void reclaim_push_out(struct guest *g, struct reclaim_push *c);

/* Tests: take want frames now, whatever the water marks, guest by guest,
 * waiting for the page-outs between rounds; returns the frames taken. */
uint64_t reclaim_now(uint64_t want);

extern struct reclaim_stats reclaim_stats;

#endif
