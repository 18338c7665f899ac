/* fleet.c - the host's main job: make the guests the CLI described, run
 * them, print one @result record per guest and one in total, then take
 * every frame back and check that none leaked. */
#include "host/admit.h"
#include "host/alloc/alloc.h"
#include "host/balloon/balloon.h"
#include "host/boot.h"
#include "host/console.h"
#include "host/reclaim.h"
#include "host/frame.h"
#include "host/io/fba.h"
#include "host/page.h"
#include "host/pager/pager.h"
#include "host/memlayout.h"
#include "host/fleet.h"
#include "host/param.h"
#include "host/sched.h"
#include "host/share/share.h"
#include "host/trap.h"
#include "host/timer.h"
#include "host/vdisk/vdisk.h"
#include "lib/fmt.h"
#include "zcmm/console.h"

static struct guest *guests[ZCMM_MAX_GUESTS];
static unsigned nguests;

static void sample(uint64_t ms);
static void live_samples(uint64_t ms);

/* Frames the frame table took for rmap entries (shared frames) during the
 * run: it keeps them for the next, so they are the host's, not leaked. */
static uint64_t rmap_grown(uint64_t table_before)
{
	return frame_table_frames() - table_before;
}

static void progress(uint64_t ms)
{
	unsigned running = 0, waiting = 0, done = 0;
	uint64_t work = 0;

	for (unsigned i = 0; i < nguests; i++) {
		struct guest *g = guests[i];

		work += g->st.work;
		if (g->state == GUEST_STOPPED)
			done++;
		else if (g->state == GUEST_WAITING)
			waiting++;
		else
			running++;
	}
	kprintf(ZCMM_REC_PROGRESS "t_ms=%lu guests=%u running=%u waiting=%u "
		"done=%u work=%lu frames_free=%lu\n", ms, nguests, running,
		waiting, done, work, frames_free);
	sample(ms);
	if (boot->flags & ZCMM_BOOT_LIVE)
		live_samples(ms);
}

static void result_line(const char *kind, const char *id,
			const struct guest_stats *s, int status)
{
	kprintf(ZCMM_REC_RESULT "%s id=%s status=%d work=%lu touched=%lu "
		"frames=%lu frames_peak=%lu faults=%lu diag=%lu pgm=%lu\n",
		kind, id, status, s->work, s->touched, s->frames,
		s->frames_peak, s->host_faults, s->diag, s->pgm_reflected);
	kprintf(ZCMM_REC_RESULT "%s id=%s sie=%lu icpt_inst=%lu "
		"icpt_wait=%lu icpt_operexc=%lu icpt_validity=%lu\n", kind,
		id, s->sie_entries, s->icpt[ICPT_INST / 4],
		s->icpt[ICPT_WAIT / 4], s->icpt[ICPT_OPEREXC / 4],
		s->icpt[ICPT_VALIDITY / 4]);
	kprintf(ZCMM_REC_RESULT "%s id=%s essa_extract=%lu essa_stable=%lu "
		"essa_unused=%lu essa_volatile=%lu essa_potvol=%lu "
		"essa_resident=%lu essa_ifres=%lu\n", kind, id, s->essa[0],
		s->essa[1], s->essa[2], s->essa[3], s->essa[4], s->essa[5],
		s->essa[6]);
	kprintf(ZCMM_REC_RESULT "%s id=%s discard_u=%lu discard_v=%lu "
		"discard_p=%lu discard_faults=%lu released=%lu pageouts=%lu "
		"pageins=%lu io_wait_us=%lu\n", kind, id,
		s->discards[PAGE_USAGE_UNUSED], s->discards[PAGE_USAGE_VOLATILE],
		s->discards[PAGE_USAGE_POT_VOLATILE], s->discard_faults,
		s->released, s->pageouts, s->pageins, s->io_wait_us);
	kprintf(ZCMM_REC_RESULT "%s id=%s disk_reads=%lu disk_writes=%lu "
		"double_paging=%lu\n", kind, id, s->disk_reads, s->disk_writes,
		s->double_paging);
	kprintf(ZCMM_REC_RESULT "%s id=%s share_merged=%lu zero_merged=%lu "
		"cow_breaks=%lu scan_hashed=%lu disk_shared=%lu\n", kind, id,
		s->share_merged, s->zero_merged, s->cow_breaks, s->scan_hashed,
		s->disk_shared);
}

static const char *const state_names[STATES_NVALID] = {
	"Sr", "Sp", "Sz", "Ur", "Uz", "Vr", "Vz", "Pr",
};

static void census_line(const char *kind, const char *id,
			const uint64_t c[STATES_NVALID])
{
	char buf[160];
	size_t n = 0;

	for (int i = 0; i < STATES_NVALID; i++)
		n += fmt_snprintf(buf + n, sizeof(buf) - n, " %s=%lu",
				  state_names[i], c[i]);
	kprintf(ZCMM_REC_RESULT "%s id=%s%s\n", kind, id, buf);
}

/* The state distribution of the guests still running, summed. */
static void sample(uint64_t ms)
{
	uint64_t c[STATES_NVALID], sum[STATES_NVALID] = { 0 }, pages = 0;
	char id[24];

	for (unsigned i = 0; i < nguests; i++) {
		if (guests[i]->state == GUEST_STOPPED)
			continue;
		pages += guests[i]->npages;
		page_census(guests[i], c);
		for (int k = 0; k < STATES_NVALID; k++)
			sum[k] += c[k];
	}
	fmt_snprintf(id, sizeof(id), "t%lu", ms);
	kprintf(ZCMM_REC_RESULT "sample id=%s t_ms=%lu frames_free=%lu "
		"pages=%lu frames_saved=%lu\n", id, ms, frames_free, pages,
		share_frames_saved());
	census_line("sample", id, sum);
	alloc_sample(guests, nguests, ms);      /* host/alloc/report.c */
}

/* For the CLI's live view (ZCMM_BOOT_LIVE): every guest's pages by
 * state and its counters, then the host's reclaim by mechanism and the
 * paging I/O in flight. Counters are totals: the CLI makes the rates. */
static void live_samples(uint64_t ms)
{
	uint64_t c[STATES_NVALID], released = 0, disc[4] = { 0 };
	char buf[160];

	for (unsigned i = 0; i < nguests; i++) {
		const struct guest *g = guests[i];
		size_t n = 0;

		page_census(guests[i], c);
		for (int k = 0; k < STATES_NVALID; k++)
			n += fmt_snprintf(buf + n, sizeof(buf) - n, " %s=%lu",
					  state_names[k], c[k]);
		kprintf(ZCMM_REC_RESULT "gsample id=t%lug%u t_ms=%lu guest=%u "
			"run=%u work=%lu frames=%lu dfaults=%lu pageins=%lu%s\n",
			ms, i, ms, i, g->state != GUEST_STOPPED, g->st.work,
			g->st.frames, g->st.discard_faults, g->st.pageins, buf);
		released += g->st.released_frames;
		for (int k = 0; k < 4; k++)
			disc[k] += g->st.discards[k];
	}
	/* every way a frame comes back: a discard without I/O (by the
	   page's usage), a page-out, the balloon, a sharing merge */
	kprintf(ZCMM_REC_RESULT "hsample id=t%lu t_ms=%lu frames_free=%lu "
		"discard_u=%lu discard_v=%lu discard_p=%lu pageouts=%lu "
		"released=%lu merged=%lu io=%lu\n", ms, ms, frames_free,
		disc[PAGE_USAGE_UNUSED], disc[PAGE_USAGE_VOLATILE],
		disc[PAGE_USAGE_POT_VOLATILE], pager_stats.pageouts, released,
		share_stats.merged + share_stats.zero_merged,
		pager_stats.inflight);
}

static void add_stats(struct guest_stats *t, const struct guest_stats *s)
{
	const uint64_t *src = (const uint64_t *)s;
	uint64_t *dst = (uint64_t *)t;

	/* saturating: a guest reports its own work count, and one that
	   says 2^64 - 1 must not wrap the fleet's total to less */
	for (unsigned i = 0; i < sizeof(*s) / sizeof(uint64_t); i++)
		dst[i] = dst[i] + src[i] < dst[i] ? ~0UL : dst[i] + src[i];
}

int fleet_run(void)
{
	struct guest_stats total = { 0 };
	uint64_t census[STATES_NVALID], census_total[STATES_NVALID] = { 0 };
	uint64_t free_before = frames_free, t0, wall_us, host_frames;
	uint64_t table_before = frame_table_frames();
	uint64_t shared, zero, shared_total = 0, zero_total = 0, saved, cross;
	unsigned failed = 0;
	uint64_t slice = boot->timeslice_us ? boot->timeslice_us
					    : TIMESLICE_US_DEF;

	if (!admit_fleet_check())        /* host/admit.c */
		return ZCMM_EXIT_FAIL;
	for (nguests = 0; nguests < boot->nguests; nguests++) {
		guests[nguests] = guest_create(&boot_guests[nguests], nguests);
		if (!guests[nguests])
			panic("no host storage for guest %u", nguests);
		alloc_guest_init(guests[nguests], boot_guest_mem(nguests));
		admit_guest_check(guests[nguests]);
	}
	reclaim_init(guests, nguests);
	alloc_init(guests, nguests);    /* victims by shares (host/alloc/) */
	balloon_init(guests, nguests);
	share_init(guests, nguests);
	/* the host's own storage: frame table, guest records, page
	   tables and page states, all per guest or per frame */
	host_frames = frame_table_frames() + frames_of_kind(FRAME_HOST);
	kprintf("running %u guests, time slice %lu us, %lu frames free\n",
		nguests, slice, frames_free);
	t0 = tod_now();
	struct sched_params sp = {
		.slice_us = slice, .progress_ms = boot->progress_ms,
		.duration_ms = boot->duration_ms, .report = progress,
	};

	sched_run(guests, nguests, &sp);
	wall_us = tod_to_us(tod_now() - t0);
	pager_quiesce();
	vdisk_drain(guests, nguests);   /* guest disk I/O still under way */
	for (unsigned i = 0; i < nguests; i++) {
		struct guest *g = guests[i];
		char id[24];

		fmt_snprintf(id, sizeof(id), "%u", i);
		kprintf(ZCMM_REC_RESULT "guest id=%u name=%s mem_kib=%lu "
			"end=%s\n", i, g->name, g->mem_bytes >> 10,
			g->exit_status == GUEST_STATUS_LIMIT ? "time-limit"
			: g->exit_status == GUEST_STATUS_HALTED ? "halted"
			: g->stop_reason ? "stopped" : "exit");
		result_line("guest", id, &g->st, g->exit_status);
		share_census(g, &shared, &zero);
		kprintf(ZCMM_REC_RESULT "guest id=%s shared_pages=%lu "
			"zero_pages=%lu\n", id, shared, zero);
		shared_total += shared;
		zero_total += zero;
		balloon_result("guest", id, g);
		alloc_result("guest", id, g);
		page_census(g, census);
		census_line("guest", id, census);
		for (int k = 0; k < STATES_NVALID; k++)
			census_total[k] += census[k];
		/* a halted guest is counted apart (alloc_total) */
		if (g->exit_status && g->exit_status != GUEST_STATUS_LIMIT &&
		    g->exit_status != GUEST_STATUS_HALTED)
			failed++;
		add_stats(&total, &g->st);
	}
	progress(wall_us / 1000);
	saved = share_frames_saved();
	cross = share_cross_domain_frames();
	for (unsigned i = 0; i < nguests; i++)
		guest_destroy(guests[i]);
	share_fini(guests, nguests);
	kprintf(ZCMM_REC_RESULT "total id=all guests=%u failed=%u "
		"guest_us=%lu idle_us=%lu slices=%lu frames_leaked=%ld "
		"host_frames=%lu frame_table_frames=%lu\n",
		nguests, failed, wall_us, sched_stats.idle_us,
		sched_stats.slices, (long)(free_before - frames_free -
					   rmap_grown(table_before)),
		host_frames, frame_table_frames());
	result_line("total", "all", &total, failed ? 1 : 0);
	census_line("total", "all", census_total);
	kprintf(ZCMM_REC_RESULT "total id=all shared_pages=%lu zero_pages=%lu "
		"frames_saved=%lu share_compares=%lu share_not_equal=%lu "
		"share_unstable=%lu cow_last=%lu cow_host=%lu\n", shared_total,
		zero_total, saved, share_stats.compares, share_stats.not_equal,
		share_stats.unstable, share_stats.cow_last, share_stats.cow_host);
	kprintf(ZCMM_REC_RESULT "total id=all scan_us=%lu scan_visited=%lu "
		"cross_domain_frames=%lu shared_drops=%lu shared_discards=%lu\n",
		share_stats.scan_us, share_stats.visited, cross,
		page_shared_drops, page_shared_discards);
	balloon_total(&total, wall_us);
	alloc_total();
	kprintf(ZCMM_REC_RESULT "total id=all reclaim_runs=%lu "
		"reclaim_runs_sync=%lu reclaim_looked=%lu "
		"reclaim_discarded=%lu reclaim_paged_out=%lu "
		"reclaim_ended=%lu reclaim_wraps=%lu\n", reclaim_stats.runs,
		reclaim_stats.runs_sync, reclaim_stats.looked,
		reclaim_stats.discarded, reclaim_stats.paged_out,
		reclaim_stats.ended, reclaim_stats.wraps);
	kprintf(ZCMM_REC_RESULT "total id=all reclaim_skip_pinned=%lu "
		"reclaim_skip_shared=%lu reclaim_us=%lu "
		"reclaim_pageout_us=%lu\n",
		reclaim_stats.skip_pinned, reclaim_stats.skip_shared,
		tod_to_us(reclaim_stats.tod),
		tod_to_us(pager_stats.out_start_tod));
	kprintf(ZCMM_REC_RESULT "total id=all pager_slots=%lu "
		"pager_max_inflight=%lu pagein_us_avg=%lu pagein_us_max=%lu "
		"pager_rescued=%lu pager_full=%lu pager_retired=%lu\n",
		pager_slots(), pager_stats.max_inflight,
		pager_stats.pageins ? pager_stats.pagein_us / pager_stats.pageins
				    : 0, pager_stats.pagein_us_max,
		pager_stats.rescued, pager_stats.full, pager_stats.retired);
	kprintf(ZCMM_REC_RESULT "total id=all pager_io_errors=%lu "
		"checksum_errors=%lu clock_scanned=%lu clock_referenced=%lu "
		"io_max_inflight=%lu\n",
		pager_stats.out_errors + pager_stats.in_errors,
		pager_stats.checksum_errors, reclaim_stats.looked,
		reclaim_stats.referenced, io_stats.max_in_flight);
	io_result();
	kprintf("%u guests ran, %u failed\n", nguests, failed);
	/* a volume lost is a failed run, even if no guest needed its data */
	if (io_stats.offline)
		kprintf("%lu DASD volume(s) taken offline: the run failed\n",
			io_stats.offline);
	return failed || io_stats.offline ||
	       frames_free + rmap_grown(table_before) != free_before
	       ? ZCMM_EXIT_FAIL : ZCMM_EXIT_OK;
}
