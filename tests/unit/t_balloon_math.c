/* t_balloon_math.c - working-set averages and balloon targets: the
 * estimate rises fast and falls slowly, shares of the host's room add up,
 * and a target reaches any goal within five periods. */
#include "lib/balloon_math.h"
#include "tests/tap.h"

static unsigned periods_to(uint64_t t, uint64_t goal, uint64_t npages)
{
	unsigned n = 0;

	while (t != goal && n < 100) {
		t = balloon_step(t, goal, npages, 4);
		n++;
	}
	return n;
}

int main(void)
{
	struct wss_avg w = { 0 };
	uint64_t e, worst = 0, total;
	int ok = 1;

	/* the first period sets the estimate; a steady set keeps it */
	tap_eq(wss_avg_add(&w, 100, 1, 2), 100, "first period: the sample");
	for (int i = 0; i < 5; i++)
		e = wss_avg_add(&w, 100, 1, 2);
	tap_eq(e, 100, "a steady working set keeps its estimate");
	/* up: at least half the gap in one period (the fast average) */
	e = wss_avg_add(&w, 300, 1, 2);
	tap_ok(e >= 200 && e < 300, "rises fast: 100 -> %lu after one period",
	       (unsigned long)e);
	for (int i = 0; i < 4; i++)
		e = wss_avg_add(&w, 300, 1, 2);
	tap_ok(e * 10 >= 300 * 8 && e <= 300,
	       "within 20%% of a new set after five periods (%lu of 300)",
	       (unsigned long)e);
	/* down: slowly, the slow average holds it up */
	e = wss_avg_add(&w, 50, 1, 2);
	tap_ok(e > 200, "falls slowly: %lu after one period of 50",
	       (unsigned long)e);
	for (int i = 0; i < 40; i++)
		e = wss_avg_add(&w, 50, 1, 2);
	tap_ok(e >= 50 && e < 55, "but it does fall: %lu", (unsigned long)e);

	/* shares of the room */
	tap_eq(balloon_allow(10, 100, 500, 600, 256), 256,
	       "no overcommit: a guest keeps all its pages");
	tap_eq(balloon_allow(30, 100, 1000, 400, 256), 30 + 300 * 30 / 100,
	       "spare room shared in proportion to need");
	tap_eq(balloon_allow(30, 100, 1000, 50, 256), 30 * 50 / 100,
	       "no spare: every need scaled down alike");
	total = balloon_allow(30, 100, 1000, 400, 256) +
		balloon_allow(70, 100, 1000, 400, 256);
	tap_ok(total <= 400, "the shares fit the room (%lu of 400)",
	       (unsigned long)total);
	tap_eq(balloon_allow(300, 400, 1000, 800, 256), 256,
	       "never more than the guest's own pages");

	/* target moves */
	tap_eq(balloon_step(0, 100, 256, 4), 50, "half way up");
	tap_eq(balloon_step(0, 250, 256, 4), 64, "up by at most a quarter");
	tap_eq(balloon_step(200, 190, 256, 4), 190, "near the goal: the goal");
	tap_eq(balloon_step(200, 0, 256, 4), 100, "half way down");
	tap_eq(balloon_step(40, 40, 256, 4), 40, "at the goal: stays");
	for (uint64_t t = 0; t <= 256; t += 4)
		for (uint64_t g = 0; g <= 256; g += 4) {
			unsigned n = periods_to(t, g, 256);

			if (n > worst)
				worst = n;
			if (n > 5)
				ok = 0;
		}
	tap_ok(ok, "any target reaches any goal within five periods "
	       "(worst %lu)", (unsigned long)worst);
	return tap_done();
}
