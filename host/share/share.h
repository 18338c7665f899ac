/* share.h - content sharing in the host (docs/sharing.md): shared frames
 * mapped copy-on-write (cow.c), the scanner that finds them (scan.c), the
 * zero frame, the domains of the boot block's sharing table, and the
 * counters. Sharing is off for a guest whose share_domain is 0. */
#ifndef ZCMM_SHARE_H
#define ZCMM_SHARE_H

#include <stdint.h>

#include "host/guest.h"

struct share_stats {
	uint64_t merged;        /* guest pages that joined a shared frame  */
	uint64_t cow_breaks;    /* stores into shared frames: a copy made  */
	uint64_t cow_last;      /* ... by the last user: unprotected only  */
	uint64_t zero_merged;   /* pages that went to the zero frame       */
	uint64_t hashed;        /* pages the scanner keyed                 */
	uint64_t compares;      /* full compares                           */
	uint64_t not_equal;     /* key matches that were not equal         */
	uint64_t scan_us;       /* the scanner's host time, TOD            */
	uint64_t disk_shared;   /* base-disk reads served from a frame     */
	uint64_t unstable;      /* scanned pages whose key had changed     */
	uint64_t cow_host;      /* breaks before the host wrote the page   */
	uint64_t visited;       /* pages the rate limits let the scanner see */
};

extern struct share_stats share_stats;

/* From the boot block (host/boot.c checks it); 0 if sharing is off. */
void share_init(struct guest **guests, unsigned n);
/* Give back the scanner's records and the zero frame (after teardown). */
void share_fini(struct guest **guests, unsigned n);
/* Is sharing on for g (its domain, 0: off)? */
uint32_t share_domain_of(const struct guest *g);
/* Its domain if the host may share its pages now: not while it runs with
 * DAT on (a Linux guest), since Hercules's TEID then names a guest
 * virtual address the host cannot turn into a page (cow.c). */
uint32_t share_domain_now(const struct guest *g);

/* A store into write-protected page p: give g its own copy (or, the last
 * user, just write access). 0, or PGM_NO_FRAME, or (not blocking: a
 * guest's own store) PGM_BLOCKED: the guest waits for a free frame. */
int share_cow_break(struct guest *g, uint64_t p, int how);
#define SHARE_COW_BLOCKING 1   /* the host's own access: wait for frames */
#define SHARE_COW_HOST     2   /* the host writes it (a disk read, a copy) */
/* Interception code 8: a guest store into a shared page (or the guest's
 * own program interruption, given to it). 0 or PGM_NO_FRAME. */
int share_protection_intercept(struct guest *g);
/* The host is about to write into page p (a disk read, a copy to the
 * guest): break the sharing first. Same returns. */
static inline int share_before_write(struct guest *g, uint64_t p,
				     int blocking);

/* Scan up to the rate limits' worth of pages (between time slices). */
void share_scan_step(struct guest **guests, unsigned n);
/* The guest is going away: its hints and per-page records. */
void share_guest_gone(struct guest *g);

/* Disco-style sharing of base-disk reads (disk.c). Does the host hold
 * the block in a frame g may map (SHARE_DISK_HELD, *frame), is a read of
 * it under way (SHARE_DISK_READING: wait and ask again), or neither? */
enum { SHARE_DISK_NONE, SHARE_DISK_HELD, SHARE_DISK_READING };
int share_disk_lookup(struct guest *g, uint16_t dev, uint64_t block,
		      uint64_t *frame);
/* Map that frame at g's page p, copy-on-write, for the read. */
void share_disk_map(struct guest *g, uint64_t p, uint64_t frame);
/* A read of the block into frame starts (1: entered, others will wait
 * for it), and ended (ok: the read worked): the frame then holds it. */
int share_disk_start(struct guest *g, uint16_t dev, uint64_t block,
		     uint64_t frame);
void share_disk_done(struct guest *g, uint64_t p, uint16_t dev,
		     uint64_t block, uint64_t frame, int ok);

/* Counters of g's pages that map shared frames now (pages shared), and
 * the frames that saves over private copies. */
void share_census(struct guest *g, uint64_t *shared, uint64_t *zero);
uint64_t share_frames_saved(void);
/* Frames mapped by guests of more than one domain: always 0 (checked at
 * the end of a run, the test of domain isolation). */
uint64_t share_cross_domain_frames(void);

#include "host/page.h"
static inline int share_before_write(struct guest *g, uint64_t p,
				     int blocking)
{
	return page_protected(g, p) ? share_cow_break(g, p, SHARE_COW_HOST |
						   (blocking ? SHARE_COW_BLOCKING : 0))
				    : 0;
}

#endif
