/* admit.h - admission control, portable: a fleet is admitted when, guest
 * after guest, its reserve and the host's structures for it fit in the
 * free frames (less a floor no reserve takes) and the rest of its storage
 * fits in the free paging slots (include/zcmm/admit.h counts each guest).
 * The CLI runs it before Hercules starts, the host with its real counts. */
#ifndef ZCMM_LIB_ADMIT_H
#define ZCMM_LIB_ADMIT_H

#include <stddef.h>
#include <stdint.h>

struct admit_guest {
	const char *name;
	uint64_t mem_bytes, reserve_bytes;
};

struct admit_total {
	uint64_t frames;        /* frames committed: host structures and
				   resident pages of every admitted guest */
	uint64_t slots;         /* paging slots committed                 */
};

/* -1 when every guest fits (t gets the totals), else the index of the
 * first guest that does not, with one line in msg naming it and the
 * shortfall in MiB. disks: the run has guest disks (a disk-call frame
 * each). */
int admit_fleet(const struct admit_guest *g, unsigned n, int disks,
		uint64_t free_frames, uint64_t free_slots,
		struct admit_total *t, char *msg, size_t len);

#endif
