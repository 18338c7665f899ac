/* internal.h - what the pager's files share: the request pool, the
 * paging volumes and slots, the guests the clock sweeps. Not for use
 * outside host/pager/ (the interface is pager.h). */
#ifndef ZCMM_PAGER_INTERNAL_H
#define ZCMM_PAGER_INTERNAL_H

#include <stdint.h>

#include "host/io/fba.h"
#include "host/pager/pager.h"
#include "host/param.h"
#include "lib/slotmap.h"

/* One page-out or page-in under way. */
struct pager_req {
	struct io_req io;
	struct guest *g;
	uint64_t page, frame, slot;
	int dirty, rescued;
	int busy;                 /* handed out by pager_req_get()     */
	struct pager_req *next_free;
};

extern struct io_dev *pager_vols[DASD_PAGING_MAX];
extern unsigned pager_nvols;
extern uint32_t pager_slot_sum[PAGER_MAX_SLOTS];
extern struct slotmap pager_slotmap;
extern struct pager_req pager_reqs[PAGER_MAX_INFLIGHT];
extern struct pager_hooks pager_hooks;

/* Start reading or writing r's slot; done runs from io_reap(). */
void pager_slot_io(struct pager_req *r, enum io_op op, uint64_t buf,
		   void (*done)(struct io_req *));
/* A free slot on a working volume, or SLOTMAP_NONE. */
uint64_t pager_slot_alloc(void);
/* Give slot back (its volume's count of slots taken too). */
void pager_slot_free(uint64_t slot);
struct pager_req *pager_req_get(void);
void pager_req_put(struct pager_req *r);

#endif
