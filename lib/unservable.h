/* unservable.h - the last resort of share-based allocation (the run's
 * `unservable halt` setting, docs/shares.md): once paging space was lost,
 * whether the slots left still hold every guest's storage, and if not
 * which guest the host halts and pushes out whole to its paging volumes.
 * Portable: the host decides with it and the unit tests check it. */
#ifndef ZCMM_UNSERVABLE_H
#define ZCMM_UNSERVABLE_H

#include <stdint.h>

#include "lib/share_math.h"

/* Pages of a guest a push-out leaves resident: its prefix pages 0 and 1
 * (docs/host.md). */
#define UNSERVABLE_KEPT 2u

/* The paging slots a guest may still take. Running: the slots admission
 * gave it (commit: its storage outside its reserve) less those it holds
 * now, as it may yet touch every page. Halted: its resident pages but
 * the prefix pages, which the clock may still page out. (A guest that
 * ended takes none: its pages go without I/O.) */
uint64_t unservable_owed(uint64_t commit, uint64_t held, uint64_t resident,
			 int running);

/* The guest to halt now, or -1. g[i].eligible: it runs. Nobody while
 * the guests' owed slots (unservable_owed, summed) fit in free_slots,
 * nor when fewer than two guests run (halting the last serves nobody).
 * Else the running guest with the lowest rho (the one share-based
 * reclaim values least) among those whose frames, less the
 * UNSERVABLE_KEPT, are some and all fit in free_slots; -1 if none.
 * Reserves and limits do not protect from a halt. Ties: the guest
 * holding more frames, then the lower index. */
int unservable_pick(const struct share_acct *g, unsigned n, unsigned tax_pct,
		    uint64_t owed, uint64_t free_slots);

#endif
