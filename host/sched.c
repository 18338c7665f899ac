/* sched.c - the run loop: round robin over the guests, each for at most
 * one time slice (the host's CPU timer ends it, so a looping guest cannot
 * starve the rest); waiting guests cost nothing until their wake time;
 * with nobody runnable the host sleeps on its clock comparator. */
#include "host/alloc/alloc.h"
#include "host/balloon/balloon.h"
#include "host/extint.h"
#include "host/gaccess.h"
#include "host/gmap.h"
#include "host/intercept.h"
#include "host/io/fba.h"
#include "host/memlayout.h"
#include "host/fault.h"
#include "host/page.h"
#include "host/pager/pager.h"
#include "host/reclaim.h"
#include "host/sched.h"
#include "host/share/share.h"
#include "host/timer.h"

struct sched_stats sched_stats;
static struct guest **all;
static unsigned nall;

/* The pager's hooks: it reports upward, the scheduler acts. */
static void wake_paged_in(struct guest *g, uint64_t page)
{
	if (g->state == GUEST_WAITING_IO && g->wait_page == page)
		guest_wake_io(g);
}

static void stop_failed(struct guest *g, const char *why)
{
	guest_stop(g, GUEST_STATUS_KILLED, why);
}

static void wake_frame_waiters(void)
{
	for (unsigned i = 0; i < nall; i++)
		if (all[i]->state == GUEST_WAITING_IO &&
		    all[i]->wait_page == GUEST_WAIT_FRAME)
			guest_wake_io(all[i]);
}

static const struct pager_hooks hooks = {
	.wake = wake_paged_in, .fail = stop_failed,
	.frames_freed = wake_frame_waiters,
};

/* A guest touched storage the host has not mapped: its page's state
 * says what that means (first touch, discard fault, addressing). The
 * instruction was nullified: the guest PSW points at it. */
static void host_fault(struct guest *g)
{
	uint64_t gaddr = sie_fault_addr - g->mso, teid;
	uint8_t op;
	int pgm;

	if (sie_fault_code == 0x04) {   /* copy-on-write (host/share/) */
		gaddr = sie_fault_addr >= g->mso ? gaddr : sie_fault_addr;
		if (gaddr >= g->mem_bytes) {
			guest_stop(g, GUEST_STATUS_KILLED,
				   "protection exception outside the guest");
			return;
		}
		if (share_cow_break(g, gaddr >> PAGE_SHIFT, 0) == PGM_NO_FRAME)
			guest_stop(g, GUEST_STATUS_KILLED, "out of host storage");
		return;         /* the store was suppressed: it runs again */
	}
	g->st.host_faults++;
	if (sie_fault_addr < g->mso || gaddr >= g->mem_bytes) {
		guest_stop(g, GUEST_STATUS_KILLED, "host fault outside the guest");
		return;
	}
	if (page_fault_in(g, gaddr >> PAGE_SHIFT, &pgm) || pgm == PGM_BLOCKED)
		return;
	if (pgm == PGM_NO_FRAME) {
		guest_stop(g, GUEST_STATUS_KILLED, fault_no_frame_reason());
		return;
	}
	/* the instruction, through the guest's own DAT if it has it on */
	if (glog_read(g, g->sd.psw_addr, &op, 1, &teid))
		op = 0;
	/* a discard fault nullifies (the PSW stays on the instruction);
	   an addressing exception suppresses or terminates: the old PSW
	   points past the instruction, as for DIAG 0x410's operands
	   (Principles of Operation, "Addressing Exception") */
	if (pgm != PGM_DISCARD_FAULT)
		g->sd.psw_addr += insn_length(op);
	guest_program_interrupt(g, pgm, insn_length(op), gaddr & ~0xfffUL);
}

/* A host fault, its host time measured (TOD) when it was a touch of a
 * working-set sample: the sampling's cost is measured, not modelled
 * (the SIE instruction's own exit and re-entry are not in it). */
static void timed_host_fault(struct guest *g)
{
	uint64_t t0 = tod_now(), n = balloon_stats.sample_faults;

	host_fault(g);
	if (balloon_stats.sample_faults != n)
		balloon_stats.fault_tod += tod_now() - t0;
}

/* One time slice of guest g. */
static void run_slice(struct guest *g, uint64_t slice_us)
{
	int pgm;

	/* Hercules mishandles a host fault on a fresh guest's very first
	   instruction fetch (the guest PSW comes back corrupted): the pager
	   may have taken that page since guest_create, so bring it back */
	if (!g->st.sie_entries &&
	    !page_frame(g, g->sd.psw_addr >> PAGE_SHIFT, &pgm)) {
		guest_stop(g, GUEST_STATUS_KILLED, fault_no_frame_reason());
		return;
	}
	g->yielded = 0;
	timer_slice_start(slice_us);
	while (g->state == GUEST_RUNNABLE && !g->yielded && !timer_slice_over) {
		extint_deliver(g);
		if (g->state != GUEST_RUNNABLE)
			break;
		g->sd.icptcode = ICPT_NONE;
		sie_exit_reason = SIE_EXIT_INTERCEPT;
		g->st.sie_entries++;
		sie_enter(&g->sd, g->gprs);
		if (sie_exit_reason == SIE_EXIT_HOST_FAULT)
			timed_host_fault(g);
		else if (g->sd.icptcode != ICPT_NONE)
			intercept_handle(g);
	}
	timer_slice_stop();
	sched_stats.slices++;
}

/* A paging volume went offline: the guests with a page in one of its
 * slots lost that page; stop them now, not when they touch it. */
static void stop_lost(struct guest **guests, unsigned n)
{
	static uint64_t seen;

	if (io_stats.offline == seen)
		return;
	seen = io_stats.offline;
	for (unsigned k = 0; k < n; k++) {
		struct guest *g = guests[k];

		for (uint64_t p = 0; p < g->npages && g->state != GUEST_STOPPED; p++) {
			uint64_t pte = page_pte(g, p);

			if ((pte & PTE_INVALID) && (pte & PTE_SW_SLOT) &&
			    !(pte & (PTE_SW_OUT | PTE_SW_IN)) &&
			    pager_slot_lost(PTE_SLOT(pte)))
				guest_stop(g, GUEST_STATUS_KILLED, "a page of it "
					   "was on a paging volume that failed");
		}
	}
}

static void stop_all(struct guest **guests, unsigned n, int status,
		     const char *why)
{
	for (unsigned k = 0; k < n; k++)
		if (guests[k]->state != GUEST_STOPPED)
			guest_stop(guests[k], status, why);
}

void sched_run(struct guest **guests, unsigned n,
	       const struct sched_params *p)
{
	uint64_t start = tod_now(), next_report = start, end = ~0UL;
	uint64_t slice_us = p->slice_us, progress_ms = p->progress_ms;
	unsigned cur = 0;

	all = guests;
	nall = n;
	pager_set_hooks(&hooks);
	if (p->duration_ms)
		end = start + p->duration_ms * 1000 * TOD_PER_US;
	for (;;) {
		uint64_t now = tod_now(), soonest = end, wake = ~0UL;
		unsigned alive = 0, ran = 0;

		io_reap(); /* completions may make guests runnable */
		stop_lost(guests, n);
		balloon_tick(now); /* working-set samples, balloon targets */
		share_scan_step(guests, n); /* content sharing, rate-bound */
		if (progress_ms && now >= next_report) {
			p->report(tod_to_us(now - start) / 1000);
			next_report = now + progress_ms * 1000 * TOD_PER_US;
		}
		if (now >= end)
			stop_all(guests, n, GUEST_STATUS_LIMIT, 0);
		for (unsigned k = 0; k < n; k++, cur = (cur + 1) % n) {
			struct guest *g = guests[cur];

			if (g->state == GUEST_STOPPED)
				continue;
			alive++;
			if (g->state == GUEST_WAITING_IO)
				continue;
			if (g->state == GUEST_WAITING) {
				if (g->wake_tod > now) {
					if (g->wake_tod < wake)
						wake = g->wake_tod;
					continue;
				}
				g->state = GUEST_RUNNABLE;
			}
			/* paging space lost: the last resort (alloc/halt.c) */
			if (alloc_halt_check(guests, n) &&
			    g->state == GUEST_STOPPED)
				continue;
			reclaim_balance();  /* free frames between the marks */
			run_slice(g, slice_us);
			ran++;
			now = tod_now();
		}
		if (!alive) {
			/* the last resort's halted guests, one at a time
			   (alloc/halt.c), unless the run's time is up */
			if (now < end && alloc_halt_resume(guests, n))
				continue;
			return;
		}
		if (wake < soonest)
			soonest = wake;
		if (!ran) {
			if (soonest == ~0UL && io_pending()) {
				sched_stats.idle_waits++;
				io_wait(1000000);
				sched_stats.idle_us += tod_to_us(tod_now() - now);
				continue;
			}
			if (wake == ~0UL && !io_pending()) {
				/* guests waiting for host storage, no I/O
				   under way that could free any (an enabled
				   wait that cannot end stops at once), the
				   run's --duration notwithstanding */
				stop_all(guests, n, GUEST_STATUS_KILLED,
					 fault_no_frame_reason());
				continue;
			}
			if (progress_ms && soonest > next_report)
				soonest = next_report;
			sched_stats.idle_waits++;
			timer_wait_until(soonest);
			sched_stats.idle_us += tod_to_us(tod_now() - now);
		}
	}
}
