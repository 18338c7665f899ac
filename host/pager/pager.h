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
	uint64_t inflight, max_inflight;
	uint64_t pagein_us, pagein_us_max;/* latency, submit to complete   */
	uint64_t scanned, referenced;     /* the clock's work              */
};

extern struct pager_stats pager_stats;

/* Find the paging volumes (device numbers 0x0200-), size the slots. */
void pager_init(void);
/* The guests whose pages the clock sweeps. */
void pager_attach(struct guest **guests, unsigned n);
uint64_t pager_slots(void);
/* Start page-outs of up to want frames, least recently used first. */
void pager_evict(uint64_t want);
/* Write page p out now and wait for it (tests); 0, or -1 if its state
 * does not allow a page-out or no slot is free. */
int pager_page_out_sync(struct guest *g, uint64_t p);
/* Page-outs under way (frames that will come free). */
uint64_t pager_pending(void);
/* A guest touched a preserved page: start reading it and block the
 * guest until it is back; 0, or -1 if no frame is free right now. */
int pager_page_in(struct guest *g, uint64_t p);
/* The same for the host's own access: returns when the page is back. */
int pager_page_in_sync(struct guest *g, uint64_t p);
/* The guest wants a page whose page-out is under way: map the frame
 * again and let the write finish for nothing. Returns the frame. */
uint64_t pager_rescue(struct guest *g, uint64_t p);
/* The page's preserved copy is not needed any more: free its slot. */
void pager_forget(struct guest *g, uint64_t p);
/* Wait until every page-out and page-in has finished. */
void pager_quiesce(void);

#endif
