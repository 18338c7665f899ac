/* testhook.c - DIAG 0x4F0, a hypercall for tests only (runs started with
 * --test-hooks): the guest asks the host to do now what reclaim and the
 * pager would do under pressure, so every page state can be reached on
 * purpose. R1 = page address, R3 = action; R3 comes back 0 if done, 1 if
 * the page's state did not allow it. Without the flag: specification. */
#include "host/boot.h"
#include "host/gmap.h"
#include "host/intercept.h"
#include "host/memlayout.h"
#include "host/page.h"
#include "host/pager/pager.h"

enum test_action {
	TEST_DISCARD = 1,   /* drop the frame if the state allows (no I/O) */
	TEST_PAGE_OUT = 2,  /* write the page to a slot and free the frame */
	TEST_SHARED = 3,    /* "done" if the page maps a frame other pages
			       map too (content sharing) */
};

int hcall_test(struct guest *g, int r1, int r3)
{
	uint64_t addr = guest_gpr(g, r1), p;
	int done = 0;

	if (!(boot->flags & ZCMM_BOOT_TEST_HOOKS) || (addr & 0xfff))
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
	default:
		return PGM_SPECIFICATION;
	}
	guest_set_gpr(g, r3, !done);
	return 0;
}
