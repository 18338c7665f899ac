/* t_admit.c - admission control's count: what one guest costs the host
 * (include/zcmm/admit.h), the fleet walk that names the first guest that
 * does not fit and the shortfall in MiB (lib/admit.c), and the frames and
 * slots the CLI expects the host to have (tools/admission.c). */
#include "lib/admit.h"
#include "tests/tap.h"
#include "tools/admission.h"
#include "zcmm/admit.h"

#include <string.h>

#define MiB (1ULL << 20)

static void need(void)
{
	struct zcmm_admit_need n;

	zcmm_admit_need(MiB, 0, 0, &n);
	tap_ok(n.host_frames == 2 && n.resident == 2 && n.slots == 254,
	       "1 MiB: its frame and a page table; pages 0-1 resident, 254 slots");
	zcmm_admit_need(8 * MiB, 0, 0, &n);
	tap_eq(n.host_frames, 9, "8 MiB: states still beside struct guest");
	zcmm_admit_need(9 * MiB, 0, 0, &n);
	tap_eq(n.host_frames, 12, "9 MiB: a frame of page states and one "
	       "listing it, 9 page tables");
	zcmm_admit_need(1024 * MiB, 0, 0, &n);
	tap_eq(n.host_frames, 1 + 1 + 64 + 1024, "1 GiB: 64 frames of page "
	       "states and their list, 1024 page tables");
	zcmm_admit_need(MiB, 0, 1, &n);
	tap_eq(n.host_frames, 3, "guest disks: a disk-call frame more");
	zcmm_admit_need(MiB, 4097, 0, &n);
	tap_ok(n.resident == 2 && n.slots == 254, "a reserve below the pinned pages");
	zcmm_admit_need(MiB, 100 * 4096 + 1, 0, &n);
	tap_ok(n.resident == 101 && n.slots == 155, "a reserve rounds up to pages");
	zcmm_admit_need(MiB, 2 * MiB, 0, &n);
	tap_ok(n.resident == 256 && n.slots == 0, "at most the guest's pages");
}

static void fleet(void)
{
	struct admit_guest g[3] = {
		{ "a", MiB, 0 }, { "b", 4 * MiB, 4 * MiB }, { "c", MiB, 0 },
	};
	struct admit_total t;
	char msg[400];
	/* a: 2 + 2 frames, 254 slots; b: 5 + 1024 frames, 0 slots; c as a */
	uint64_t frames = ZCMM_ADMIT_FREE_MIN + 4 + 1029 + 4;

	tap_eq(admit_fleet(g, 3, 0, frames, 508, &t, msg, sizeof msg), -1,
	       "a fleet that fits exactly");
	tap_ok(t.frames == 1037 && t.slots == 508 && !msg[0],
	       "its totals (%lu frames, %lu slots)", (unsigned long)t.frames,
	       (unsigned long)t.slots);
	tap_eq(admit_fleet(g, 3, 0, frames - 1, 508, &t, msg, sizeof msg), 2,
	       "a frame less: the last guest does not fit");
	tap_ok(!strcmp(msg, "admission: guest c does not fit: its reserve and "
		       "the host's tables for it need 1 MiB of storage, 0 MiB "
		       "are free after the guests before it: 1 MiB short (give "
		       "more --storage, or a smaller reserve)"), "%s", msg);
	tap_eq(admit_fleet(g, 3, 0, frames - 600, 508, &t, msg, sizeof msg), 1,
	       "600 frames less: the guest with the reserve");
	tap_ok(strstr(msg, "guest b does not fit") && strstr(msg, ": 3 MiB short"),
	       "596 frames short: 3 MiB (%s)", msg);
	tap_eq(admit_fleet(g, 3, 0, frames, 507, &t, msg, sizeof msg), 2,
	       "a slot less: the last guest");
	tap_ok(strstr(msg, "its storage outside its reserve needs 1 MiB of "
		      "paging space, 0 MiB are free") != NULL, "%s", msg);
	tap_eq(admit_fleet(g, 1, 0, ZCMM_ADMIT_FREE_MIN + 3, 254, &t, msg,
			   sizeof msg), 0, "the floor no reserve takes is kept");
	tap_eq(admit_fleet(g, 1, 1, ZCMM_ADMIT_FREE_MIN + 4, 254, &t, msg,
			   sizeof msg), 0, "with guest disks a guest needs its call frame");
	tap_eq(admit_fleet(g, 0, 0, 0, 0, &t, msg, sizeof msg), -1,
	       "no guests: nothing to refuse");
}

static void cli(void)
{
	struct boot_plan p;
	struct dasd_plan d;

	memset(&p, 0, sizeof p);
	p.boot.images_end = 6 * MiB;
	p.boot.storage_size = 20 * MiB;
	tap_eq(admission_free_frames(&p), 14 * 256 - 14,
	       "the host's frames: the storage above the images, less the "
	       "frame table (16 bytes a frame)");
	memset(&d, 0, sizeof d);
	d.base = -1;
	d.n = 3;
	d.v[0].devnum = DASD_PAGING_FIRST;
	d.v[0].bytes = 4 * MiB;
	d.v[1].devnum = DASD_PAGING_FIRST + 1;
	d.v[1].bytes = 2 * MiB;
	d.v[2].devnum = DASD_GUEST_BASE;
	d.v[2].bytes = 64 * MiB;
	tap_eq(admission_free_slots(&d), 2 * 512,
	       "slots: the smallest paging volume times their number");
	d.n = 0;
	tap_eq(admission_free_slots(&d), 0, "no paging volume: no slots");
}

int main(void)
{
	need();
	fleet();
	cli();
	return tap_done();
}
