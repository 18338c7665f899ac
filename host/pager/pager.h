/* pager.h - paging guest pages out to the paging volumes and back in,
 * asynchronously: a guest waiting for a page-in is not run, others are. */
#ifndef ZCMM_PAGER_H
#define ZCMM_PAGER_H

#include <stdint.h>

#include "host/guest.h"

struct pager_stats {
	uint64_t pageouts, pageins;       /* completed                     */
	uint64_t rescued;                 /* page-outs the guest overtook  */
	uint64_t out_errors, in_errors;   /* I/O errors, reported loudly   */
	uint64_t checksum_errors;         /* page-ins that did not verify  */
	uint64_t full;                    /* page-outs refused: no slot    */
	uint64_t retired;                 /* slots of volumes gone offline */
	uint64_t inflight, max_inflight;
	uint64_t pagein_us, pagein_us_max;/* latency, submit to complete   */
	uint64_t out_start_tod;           /* host TOD starting page-outs
					     (checksum, channel program)   */
};

extern struct pager_stats pager_stats;

/* Find the paging volumes (device numbers 0x0200-), size the slots. */
void pager_init(void);
/* How the pager tells the layers above (the scheduler registers them):
 * a guest's page-in is done, a guest must stop (its page could not be
 * read back), frames came free (page-outs completed). Each may be 0. */
struct pager_hooks {
	void (*wake)(struct guest *g, uint64_t page);
	void (*fail)(struct guest *g, const char *why);
	void (*frames_freed)(void);
};
void pager_set_hooks(const struct pager_hooks *h);
uint64_t pager_slots(void);
/* Is slot on a paging volume the driver took offline (its data gone)? */
int pager_slot_lost(uint64_t slot);
/* Slots free now on the volumes still online (0: a page-out must wait
 * for a page-in to free one, or every paging volume went offline). */
uint64_t pager_slots_free(void);
/* Start writing resident page p to a slot (the frame is freed when the
 * write is done); 0, or -1 when no slot or request is free. The caller
 * (reclaim) decided the page may go: unpinned, state allows. */
int pager_page_out(struct guest *g, uint64_t p, int dirty);
/* Write page p out now and wait for it (tests); 0, or -1 if its state
 * does not allow a page-out or no slot is free. */
int pager_page_out_sync(struct guest *g, uint64_t p);
/* Page-outs under way (frames that will come free). */
uint64_t pager_pending(void);
/* A guest touched a preserved page: start reading it (the caller blocks
 * the guest until the wake hook); 0, or -1 if no frame or request is
 * free right now. */
int pager_page_in(struct guest *g, uint64_t p);
/* The guest wants a page whose page-out is under way: map the frame
 * again and let the write finish for nothing. Returns the frame. */
uint64_t pager_rescue(struct guest *g, uint64_t p);
/* The page's preserved copy is not needed any more: free its slot. */
void pager_forget(struct guest *g, uint64_t p);
/* Wait until every page-out and page-in has finished. */
void pager_quiesce(void);

#endif
