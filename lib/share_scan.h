/* share_scan.h - what the content-sharing scanner does with one page it
 * has just keyed (ESX's hash-then-compare, with KSM's rule that a page is
 * a candidate only when its key did not change since the last scan). It
 * decides; the caller maps frames. Every merge it proposes has passed a
 * full compare of the two pages (ops->same): never a merge on the key
 * alone. Portable. */
#ifndef ZCMM_SHARE_SCAN_H
#define ZCMM_SHARE_SCAN_H

#include <stdint.h>

#include "lib/share_index.h"

enum share_act {
	SHARE_UNSTABLE,   /* key changed since the last scan: wait         */
	SHARE_ZERO,       /* all zeros: map the zero frame                 */
	SHARE_JOIN,       /* equal to a shared frame: map res.e->where     */
	SHARE_PAIR,       /* equal to a hinted page: res.e became SHARED
			     with refs 2; the caller makes the hinted page's
			     frame the shared one and sets res.e->where    */
	SHARE_HINTED,     /* nothing equal yet: a hint was added (or kept) */
	SHARE_FULL,       /* nothing equal and no room for a hint (the
			     index holds only shared and block entries)    */
};

struct share_ops {
	/* 1 if the page being scanned equals, byte for byte, the page or
	   frame entry e stands for */
	int (*same)(void *ctx, const struct share_entry *e);
	/* the current key of a hinted page, or ~0 if it is gone */
	uint64_t (*hint_key)(void *ctx, const struct share_entry *e);
	/* 1 if the page being scanned is all zeros */
	int (*zero)(void *ctx);
};

struct share_scan_counts {
	uint64_t hashed;        /* pages keyed                            */
	uint64_t compares;      /* full compares                          */
	uint64_t not_equal;     /* key matches that were not equal        */
	uint64_t stale_hints;   /* hints dropped: their page had changed  */
	uint64_t hints_evicted; /* hints dropped for newer ones (full)    */
};

struct share_scan_page {
	uint32_t domain;
	uint64_t ref;           /* SHARE_REF(guest, page)                 */
	uint64_t key, prev_key; /* now and at the last scan               */
	int seen_before;        /* prev_key is meaningful                 */
	uint64_t zero_key;      /* the domain's key of a zero page        */
};

struct share_scan_result {
	enum share_act act;
	struct share_entry *e;
};

struct share_scan_result share_scan(struct share_index *x,
				    const struct share_ops *ops, void *ctx,
				    const struct share_scan_page *p,
				    struct share_scan_counts *n);

/* The page is gone or changed hands: drop its hint (key: its last key). */
void share_scan_forget(struct share_index *x, uint32_t domain, uint64_t key,
		       uint64_t ref);

#endif
