/* fleet.c - the host's main job: make the guests the CLI described, run
 * them, print one @result record per guest and one in total, then take
 * every frame back and check that none leaked. */
#include "host/boot.h"
#include "host/console.h"
#include "host/frame.h"
#include "host/fleet.h"
#include "host/param.h"
#include "host/sched.h"
#include "host/trap.h"
#include "host/timer.h"
#include "lib/fmt.h"
#include "zcmm/console.h"

static struct guest *guests[ZCMM_MAX_GUESTS];
static unsigned nguests;

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
}

static void add_stats(struct guest_stats *t, const struct guest_stats *s)
{
	const uint64_t *src = (const uint64_t *)s;
	uint64_t *dst = (uint64_t *)t;

	for (unsigned i = 0; i < sizeof(*s) / sizeof(uint64_t); i++)
		dst[i] += src[i];
}

int fleet_run(void)
{
	struct guest_stats total = { 0 };
	uint64_t free_before = frames_free, t0, wall_us;
	unsigned failed = 0;
	uint64_t slice = boot->timeslice_us ? boot->timeslice_us
					    : TIMESLICE_US_DEF;

	for (nguests = 0; nguests < boot->nguests; nguests++) {
		guests[nguests] = guest_create(&boot_guests[nguests], nguests);
		if (!guests[nguests])
			panic("no host storage for guest %u", nguests);
	}
	kprintf("running %u guests, time slice %lu us, %lu frames free\n",
		nguests, slice, frames_free);
	t0 = tod_now();
	struct sched_params sp = {
		.slice_us = slice, .progress_ms = boot->progress_ms,
		.duration_ms = boot->duration_ms, .report = progress,
	};

	sched_run(guests, nguests, &sp);
	wall_us = tod_to_us(tod_now() - t0);
	for (unsigned i = 0; i < nguests; i++) {
		struct guest *g = guests[i];
		char id[24];

		fmt_snprintf(id, sizeof(id), "%u", i);
		kprintf(ZCMM_REC_RESULT "guest id=%u name=%s mem_kib=%lu "
			"end=%s\n", i, g->name, g->mem_bytes >> 10,
			g->exit_status == GUEST_STATUS_LIMIT ? "time-limit"
			: g->stop_reason ? "stopped" : "exit");
		result_line("guest", id, &g->st, g->exit_status);
		if (g->exit_status && g->exit_status != GUEST_STATUS_LIMIT)
			failed++;
		add_stats(&total, &g->st);
	}
	progress(wall_us / 1000);
	for (unsigned i = 0; i < nguests; i++)
		guest_destroy(guests[i]);
	kprintf(ZCMM_REC_RESULT "total id=all guests=%u failed=%u "
		"guest_us=%lu idle_us=%lu slices=%lu frames_leaked=%ld\n",
		nguests, failed, wall_us, sched_stats.idle_us,
		sched_stats.slices, (long)(free_before - frames_free));
	result_line("total", "all", &total, failed ? 1 : 0);
	kprintf("%u guests ran, %u failed\n", nguests, failed);
	return failed || frames_free != free_before ? ZCMM_EXIT_FAIL
						    : ZCMM_EXIT_OK;
}
