/* main.c - the zcmm guest kernel, from entry to exit: start.S has set up
 * the new PSWs, AFP, bss and stack; this is the rest, one step a line.
 * The exit status is 0 only if every page pattern verified. */
#include "guest/params.h"
#include "guest/timer.h"
#include "guest/essa.h"
#include "guest/alloc.h"
#include "guest/workload.h"
#include "guest/hcall.h"
#include "guest-balloon/balloon.h"

extern char __image_start[], _end[]; /* guest.ld */

void guest_main(uint64_t mem_bytes, uint64_t index);

void guest_main(uint64_t mem_bytes, uint64_t index)
{
	int status;

	/* who we are and what to run: DIAG 0x408 */
	params_read(mem_bytes, (uint32_t)index);
	/* clock comparator off, its interruption subclass on in CR0 */
	timer_init();
	/* ESSA extract under a probing program-check handler */
	essa_probe(guest_desc.flags & ZCMM_GUEST_HINTING);
	/* all pages but lowcore and image: free (and unused, if hinting) */
	alloc_init(mem_bytes, (uint64_t)__image_start, (uint64_t)_end);
	/* the balloon's floor; it follows the host's target from then on */
	balloon_init();
	/* the chosen workload, reporting work units with DIAG 0x40C */
	status = workload_run();
	/* the balloon's pages back to the allocator, before the leak check */
	balloon_fini();
	/* last report, leak check, summary line */
	status = workload_summary(status);
	hc_exit(status);
}
