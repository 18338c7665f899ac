/* admit.c - admission control at the host: before any guest is made,
 * the fleet (its settings checked with the boot block, lib/bootcheck.c)
 * is counted against the host's real free frames and paging slots, with
 * the same arithmetic the CLI used (lib/admit.c, include/zcmm/admit.h). */
#include "host/admit.h"
#include "host/boot.h"
#include "host/console.h"
#include "host/frame.h"
#include "host/guest.h"
#include "host/memlayout.h"
#include "host/param.h"
#include "lib/fmt.h"
#include "zcmm/admit.h"
#include "zcmm/console.h"
#include "host/pager/pager.h"
#include "host/vdisk/vdisk.h"

/* The constants the CLI counts with are the host's structures' sizes. */
_Static_assert(SEGMENT_SIZE / PAGE_SIZE * sizeof(uint64_t) ==
	       ZCMM_PT_BYTES_PER_MIB, "a page table per MiB, as counted");
_Static_assert(ZCMM_PT_BYTES_PER_MIB <= PAGE_SIZE, "a page table in a frame");
_Static_assert(GUEST_PSTATE_SMALL == ZCMM_GUEST_FRAME_STATES &&
	       sizeof(struct guest) + GUEST_PSTATE_SMALL <= PAGE_SIZE,
	       "page states beside struct guest, as counted");
_Static_assert(sizeof(((struct guest *)0)->pstate_small[0]) * ZCMM_STATES_PER_FRAME
	       == PAGE_SIZE, "a byte of state a page");
_Static_assert(sizeof(struct bio) <= ZCMM_DISK_CALL_FRAMES * PAGE_SIZE,
	       "a disk call in its frame");
_Static_assert(sizeof(struct frame_desc) == ZCMM_FRAME_DESC_BYTES &&
	       FRAME_DESC_BYTES == ZCMM_FRAME_DESC_BYTES,
	       "the frame table the CLI subtracts");
_Static_assert(ZCMM_ADMIT_FREE_MIN >= FRAMES_LOW_WATER,
	       "no reserve takes the reclaim's low-water frames");

struct admit_total admit_total;
uint64_t admit_miscount;
static struct admit_guest ag[ZCMM_MAX_GUESTS];
static char names[ZCMM_MAX_GUESTS][17];

int admit_fleet_check(void)
{
	char msg[300];
	int bad;

	for (unsigned i = 0; i < boot->nguests; i++) {
		const struct zcmm_guest_desc *d = &boot_guests[i];

		/* boot_check() (lib/bootcheck.c) took its settings */
		for (int k = 0; k < 16 && d->name[k]; k++)
			names[i][k] = d->name[k];
		ag[i].name = names[i];
		ag[i].mem_bytes = d->mem_bytes;
		ag[i].reserve_bytes = boot_guest_mem(i)->reserve_bytes;
	}
	bad = admit_fleet(ag, boot->nguests, vdisk_any(), frames_free,
			  pager_slots(), &admit_total, msg, sizeof msg);
	if (bad < 0)
		return 1;
	kprintf("%s\n", msg);
	return 0;
}

void admit_guest_check(struct guest *g)
{
	struct zcmm_admit_need need;

	/* a disk-call frame is made on the first disk call: not yet here */
	zcmm_admit_need(g->mem_bytes, 0, 0, &need);
	g->admit_host_frames = need.host_frames;
	if (g->host_frames != need.host_frames) {
		admit_miscount++;
		kprintf("admission: guest %s's host structures took %lu frames, "
			"admission counted %lu\n", g->name, g->host_frames,
			need.host_frames);
	}
}
