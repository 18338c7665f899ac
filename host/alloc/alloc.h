/* alloc.h - share-based allocation in the host: each guest's shares,
 * reserve and limit (from the boot block), and what it is reported as.
 * The arithmetic is lib/share_math.c; docs/shares.md has the picture. */
#ifndef ZCMM_ALLOC_H
#define ZCMM_ALLOC_H

#include <stdint.h>

struct guest;
struct zcmm_guest_mem;

/* Per guest, inside struct guest (host/guest.h). Pages throughout. */
struct alloc_guest {
	uint64_t shares;         /* S: its relative entitlement            */
	uint64_t reserve;        /* never reclaimed below this             */
	uint64_t limit;          /* never resident above this; 0: its size */
};

/* Per guest, by its index (struct guest has no room left): what the
 * clock took from it. */
struct alloc_count {
	uint64_t taken_discard;  /* frames the clock took without I/O      */
	uint64_t taken_pageout;  /* ... by page-out                        */
	uint64_t taken_limit;    /* of them, taken for its own next page at
				    its limit                              */
	uint64_t victim;         /* times the picker chose it              */
	uint64_t over_limit;     /* frames it got at its limit for want of
				    any it could give (0 unless the host
				    could not wait)                        */
};
struct alloc_count *alloc_count(const struct guest *g);

/* The reclaim clock's victims by shares, reserves, limits and the idle
 * tax from here on (reclaim_set_picker). */
void alloc_init(struct guest **guests, unsigned n);
/* Before g is given a frame: at its limit, it gives one of its own.
 * 0 when it is below its limit now, -1 when it could not give (the
 * pager is full: the caller waits for I/O and tries again). */
int alloc_make_own_room(struct guest *g);
/* The balloon's allowances when the host is short (targets.c): each
 * guest's frames by shares and the idle tax, its need as its active
 * pages; indexed like guests. */
const uint64_t *alloc_balloon_allow(struct guest **guests, unsigned n,
				    uint64_t room,
				    uint64_t (*need)(struct guest *));
/* The active pages the sampler found (f = active / frames). */
uint64_t alloc_active(const struct guest *g);
/* What share_math needs of a guest, with `active` frames in use. */
struct share_acct;
void alloc_acct(struct share_acct *a, const struct guest *g, uint64_t active);
/* Every guest's, with its sampled active pages, in one table (the
 * victim choice's: valid until the next choice). */
struct share_acct *alloc_acct_all(struct guest **guests, unsigned n);

/* The last resort (halt.c, the run's `unservable halt`): once paging
 * space was lost, between slices, halt the guest paging can no longer
 * serve and push its storage out whole (lib/unservable.c decides).
 * Returns 1 if it halted one. */
int alloc_halt_check(struct guest **guests, unsigned n);
/* When no guest runs: the first guest still halted runs again, its
 * storage paged back in as it touches it. Returns 1 if one did. */
int alloc_halt_resume(struct guest **guests, unsigned n);
/* What happened to g (0 unless it was halted), and in total. */
struct alloc_halt_count {
	int halted, resumed;
	uint64_t pageouts;      /* its pages the push-out paged out      */
	uint64_t discards;      /* ... and dropped without I/O           */
	uint64_t kept;          /* pages it kept resident after the push */
};
void alloc_halt_counts(const struct guest *g, struct alloc_halt_count *c);
extern uint64_t alloc_halted, alloc_halt_pageouts, alloc_resumed;

/* Its settings from the boot block's table (0: the defaults). */
void alloc_guest_init(struct guest *g, const struct zcmm_guest_mem *m);
/* @result lines: per guest its settings, in total the run's tax and
 * what admission committed. */
void alloc_result(const char *kind, const char *id, struct guest *g);
void alloc_total(void);
/* With the page states' samples: per guest (fleets of up to
 * BALLOON_SAMPLE_GUESTS) its frames, active pages and rho. */
void alloc_sample(struct guest **guests, unsigned n, uint64_t ms);

#endif
