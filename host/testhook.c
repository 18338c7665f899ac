/* testhook.c - DIAG 0x4F0, a hypercall for tests only (runs started with
 * --test-hooks): the guest asks the host to do now what reclaim and the
 * pager would do under pressure, so every page state can be reached on
 * purpose. R1 = page address, R3 = action; R3 comes back 0 if done, 1 if
 * not (the page's state did not allow it, or it is not resident). The
 * reclaim action takes R1 = frames wanted and gives back R1 = frames
 * taken, R3 = pages the clock looked at. Without the flag: specification. */
#include "host/boot.h"
#include "host/gmap.h"
#include "host/intercept.h"
#include "host/memlayout.h"
#include "host/page.h"
#include "host/pager/pager.h"
#include "host/reclaim.h"

enum test_action {
	TEST_DISCARD = 1,   /* drop the frame if the state allows (no I/O) */
	TEST_PAGE_OUT = 2,  /* write the page to a slot and free the frame */
	TEST_SHARED = 3,    /* "done" if the page maps a frame other pages
			       map too (content sharing) */
	TEST_PIN = 4,       /* hold it as host I/O would (it is resident) */
	TEST_UNPIN = 5,
	TEST_RECLAIM = 6,   /* run the reclaim clock for R1 frames now    */
	TEST_RESIDENT = 7,  /* is the page resident?                      */
};

int hcall_test(struct guest *g, int r1, int r3)
{
	uint64_t addr = guest_gpr(g, r1), p;
	int done = 0;

	if (!(boot->flags & ZCMM_BOOT_TEST_HOOKS))
		return PGM_SPECIFICATION;
	if (guest_gpr(g, r3) == TEST_RECLAIM) {
		uint64_t looked = reclaim_stats.looked;

		guest_set_gpr(g, r1, reclaim_now(addr));
		guest_set_gpr(g, r3, reclaim_stats.looked - looked);
		return 0;
	}
	if (addr & 0xfff)
		return PGM_SPECIFICATION;
	if (addr >= g->mem_bytes)
		return PGM_ADDRESSING;
	p = addr >> PAGE_SHIFT;
	switch (guest_gpr(g, r3)) {
	case TEST_DISCARD:
		done = page_discard(g, p);
		break;
	case TEST_PAGE_OUT:
		done = !pager_page_out_sync(g, p);
		break;
	case TEST_SHARED:
		done = page_protected(g, p) &&
		       frame_desc(page_pte(g, p) & PTE_ORIGIN)->refs > 1;
		break;
	case TEST_PIN:
		if ((done = page_resident(g, p)))
			page_pin(g, p);
		break;
	case TEST_UNPIN:
		if ((done = page_pinned(g, p)))
			page_unpin(g, p);
		break;
	case TEST_RESIDENT:
		done = page_resident(g, p);
		break;
	default:
		return PGM_SPECIFICATION;
	}
	guest_set_gpr(g, r3, !done);
	return 0;
}
