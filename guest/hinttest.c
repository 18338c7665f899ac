/* hinttest.c - disktest's hinting checks (issue 6): a volatile page the
 * host dropped gives a discard fault when touched and the guest recovers
 * its data from disk; a potentially-volatile page is dropped while clean
 * and preserved once written. The host drops pages only when it runs
 * short, so the guest touches pages until it has (run it with --storage
 * smaller than the guest); if its storage runs out first the checks are
 * skipped, or fail when ZCMM_ARG_ITERS is 1 (the test says it must). */
#include "guest/workload.h"
#include "guest/params.h"
#include "guest/alloc.h"
#include "guest/console.h"
#include "guest/essa.h"
#include "guest/trap.h"
#include "guest/vdisk.h"

#define BLOCK_A 5                  /* base-disk block page A caches */

void disktest_check(int good, const char *what);
static uint64_t page_a;
static unsigned rereads;

static int hint_discard(uint64_t addr)
{
	if (addr != page_a)
		return 0;
	essa_make_stable(addr);
	vdisk_read1(VDISK_BASE, BLOCK_A, addr);
	essa_set_volatile(addr);
	rereads++;
	return 1;
}

static int dropped(uint64_t a)
{
	return ESSA_CONTENT(essa_extract(a)) == 3;
}

int hint_tests(void)
{
	uint64_t b, c, p, chain = 0, touched = 0, r1, faults;
	struct pattern_id idb = { guest_desc.seed, guest_desc.index, 1, 0xb };
	struct pattern_id idc = { guest_desc.seed, guest_desc.index, 2, 0xc };

	if (!essa_info.hinting) {
		disktest_check(1, "hinting off: no ESSA, hint checks skipped");
		return 0;
	}
	page_a = alloc_page();
	vdisk_read1(VDISK_BASE, BLOCK_A, page_a);
	essa_set_volatile(page_a);                 /* Vr: a clean cache page */
	b = alloc_page();
	pattern_fill((void *)b, &idb);
	essa_set_potvol(b);                        /* Pr, clean            */
	c = alloc_page();
	pattern_fill((void *)c, &idb);
	essa_set_potvol(c);
	pattern_fill((void *)c, &idc);             /* Pr, changed since    */
	/* use stable pages until the host has taken A and B */
	while (!(dropped(page_a) && dropped(b)) && (p = alloc_page())) {
		*(uint64_t *)p = chain;
		chain = p;
		touched++;
	}
	printf("disktest: touched %lu pages to make the host reclaim\n",
	       (unsigned long)touched);
	if (!dropped(page_a) && wl_arg(ZCMM_ARG_ITERS, 0) != 1) {
		printf("disktest: ok - # SKIP the host never ran short: hint "
		       "checks need --storage below the guest's\n");
		goto out;
	}
	disktest_check(dropped(page_a), "the host dropped the volatile page");
	r1 = essa_extract(b);
	disktest_check(ESSA_USAGE(r1) == 3 && ESSA_CONTENT(r1) == 3,
		       "a clean potentially-volatile page is dropped (Vz)");
	r1 = essa_extract(c);
	disktest_check((ESSA_USAGE(r1) == 2 && ESSA_CONTENT(r1) == 0) ||
		       (ESSA_USAGE(r1) == 0 && ESSA_CONTENT(r1) == 2),
		       "a dirty potentially-volatile page is preserved (Pr or Sp)");
	wl_verify_id(c, &idc, "dirty potentially-volatile");
	disktest_check(1, "... and holds what the guest wrote");
	work.discard_fn = hint_discard;
	faults = trap_stats.discards;
	wl_verify_block(page_a, BLOCK_A);          /* the touch: 0x1A      */
	disktest_check(trap_stats.discards == faults + 1 && rereads == 1,
		       "touching it gave one discard fault, re-read from disk");
	disktest_check(1, "... and it holds the right data again");
	work.discard_fn = 0;
out:
	while (chain) {
		p = chain;
		chain = *(uint64_t *)p;
		free_page(p);
	}
	essa_make_stable(b);
	free_page(page_a);
	free_page(b);
	free_page(c);
	page_a = 0;
	return 0;
}
