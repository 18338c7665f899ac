/* policy.c - the long-term policy: every sampling period, balloon targets
 * from the guests' working-set estimates and the host's storage. Without
 * overcommit nobody is ballooned; with it each guest keeps its estimate
 * plus slack (room for hinting's short term) plus a share of the spare
 * frames in proportion to its need, and targets move half way there a
 * period (at least 1/8, up at most 1/4 of the guest's storage: slow,
 * but settled within five periods; lib/balloon_math.c). Short of the
 * needs, the allowances come from shares and the idle tax instead
 * (host/alloc/targets.c). A guest that deflated because
 * it was short holds its target at its size for BALLOON_HOLD periods. */
#include "host/alloc/alloc.h"
#include "host/balloon/balloon.h"
#include "host/boot.h"
#include "host/frame.h"
#include "host/guest.h"
#include "host/timer.h"
#include "lib/balloon_math.h"

struct balloon_stats balloon_stats;
static struct guest **all;
static unsigned nall;
static uint64_t start_tod, next_tod, period_tod;

int balloon_enabled(void)
{
	return boot->policy == ZCMM_POLICY_BALLOON ||
	       boot->policy == ZCMM_POLICY_BOTH;
}

/* Sampling runs with the balloon, or when the run asks for samples. */
int wss_enabled(void)
{
	return balloon_enabled() || boot->wss_sample;
}

void balloon_init(struct guest **guests, unsigned n)
{
	uint64_t ms = boot->wss_period_ms ? boot->wss_period_ms
					  : WSS_PERIOD_MS_DEF;

	all = guests;
	nall = n;
	period_tod = ms * 1000 * TOD_PER_US;
	start_tod = tod_now();
	next_tod = start_tod + period_tod;
}

static uint64_t need_of(struct guest *g)
{
	uint64_t e = g->bl.estimate, slack = e * BALLOON_SLACK_PCT / 100;

	if (slack < BALLOON_SLACK_MIN)
		slack = BALLOON_SLACK_MIN;
	return e + slack < g->npages ? e + slack : g->npages;
}

/* ZCMM_BOOT_BALLOON_FIXED: the run's own targets, by time (tests). */
uint64_t policy_fixed_target(void)
{
	uint64_t ms = tod_to_us(tod_now() - start_tod) / 1000;

	return boot->balloon_t2_ms && ms >= boot->balloon_t2_ms
	       ? boot->balloon_target2 : boot->balloon_target;
}

static void move_target(struct guest *g, uint64_t goal)
{
	struct balloon_guest *b = &g->bl;
	uint64_t t = b->target;

	if (b->hold) {                  /* it was short: not above its size */
		b->hold--;
		if (goal > b->size)
			goal = b->size;
	}
	/* settling time: from a goal move to the target reaching it */
	if (goal > b->goal + BALLOON_DEADBAND + b->goal / 10 ||
	    goal + BALLOON_DEADBAND + b->goal / 10 < b->goal)
		b->settling = 1;
	b->goal = goal;
	t = balloon_step(t, goal, g->npages, BALLOON_DEADBAND);
	if (t != b->target)
		balloon_stats.target_changes++;
	if (b->settling && t == goal) {
		balloon_stats.settled++;
		balloon_stats.settle_sum += b->settling;
		if (b->settling > balloon_stats.settle_max)
			balloon_stats.settle_max = b->settling;
		b->settling = 0;
	} else if (b->settling) {
		b->settling++;
	}
	b->target = t;
}

void policy_targets(struct guest **guests, unsigned n)
{
	uint64_t avail = frames_free, pages = 0, need = 0, room;
	const uint64_t *by_shares = 0;

	for (unsigned i = 0; i < n; i++) {
		struct guest *g = guests[i];

		if (g->state == GUEST_STOPPED)
			continue;
		avail += g->st.frames;
		pages += g->npages;
		need += need_of(g);
	}
	room = avail > FRAMES_HIGH_WATER ? avail - FRAMES_HIGH_WATER : 0;
	/* short of the needs: who keeps how much is the shares' business */
	if (pages > room && room < need)
		by_shares = alloc_balloon_allow(guests, n, room, need_of);
	for (unsigned i = 0; i < n; i++) {
		struct guest *g = guests[i];
		uint64_t want = need_of(g), allow, goal;

		if (g->state == GUEST_STOPPED)
			continue;
		if (boot->flags & ZCMM_BOOT_BALLOON_FIXED) {
			g->bl.target = policy_fixed_target();
			continue;
		}
		allow = by_shares ? by_shares[i]
				  : balloon_allow(want, need, pages, room, g->npages);
		goal = g->npages - allow;
		if (!g->bl.periods)                /* no estimate yet */
			goal = 0;
		if (g->bl.max && goal > g->bl.max)
			goal = g->bl.max;
		move_target(g, goal);
	}
}

void balloon_tick(uint64_t now)
{
	uint64_t t0, ms;

	if (!nall || !wss_enabled() || now < next_tod)
		return;
	ms = tod_to_us(now - start_tod) / 1000;
	next_tod = now + period_tod;
	balloon_stats.periods++;
	t0 = tod_now();                 /* the sampler's cost, measured */
	for (unsigned i = 0; i < nall; i++)
		wss_period_end(all[i]);
	balloon_stats.cost_us += tod_to_us(tod_now() - t0);
	if (balloon_enabled())
		policy_targets(all, nall);
	report_sample(all, nall, ms);
	t0 = tod_now();
	for (unsigned i = 0; i < nall; i++)
		wss_period_start(all[i]);
	asm volatile("ptlb" : : : "memory");
	balloon_stats.cost_us += tod_to_us(tod_now() - t0);
}
