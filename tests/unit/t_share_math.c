/* t_share_math.c - share-based allocation with the idle-memory tax: rho
 * against the formula in floating point, tau 0 and near 1, reserves,
 * limits, deterministic ties, victim choice, and the allocation that
 * repeated reclaim from the lowest rho arrives at. */
#include "lib/prng.h"
#include "lib/share_math.h"
#include "tests/tap.h"

#include <math.h>
#include <string.h>

/* rho = S / (P (f + k (1 - f))), k = 1 / (1 - tau), in doubles */
static double rho_ref(double s, double p, double a, double tau)
{
	double f = a >= p ? 1 : a / p, k = 1 / (1 - tau);

	return s / (p * (f + k * (1 - f)));
}

static struct share_acct acct(uint64_t s, uint64_t p, uint64_t a)
{
	struct share_acct g = { .shares = s, .frames = p, .active = a,
				.npages = 4096, .eligible = 1 };

	return g;
}

/* Reclaim a frame at a time from share_victim() until the guests hold
 * room frames; returns how many frames were taken. */
static uint64_t squeeze(struct share_acct *g, unsigned n, unsigned tax,
			uint64_t room)
{
	uint64_t held = 0, taken = 0;
	int v;

	for (unsigned i = 0; i < n; i++)
		held += g[i].frames;
	while (held > room && (v = share_victim(g, n, tax)) >= 0) {
		g[v].frames--;
		held--;
		taken++;
	}
	return taken;
}

static void test_rho(void)
{
	static const struct { uint64_t s, p, a; unsigned t; } c[] = {
		{ 1000, 256, 256, 75 }, { 1000, 256, 0, 75 },
		{ 1000, 256, 64, 75 },  { 2000, 1000, 500, 50 },
		{ 7, 4096, 1, 99 },     { 1000000, 1, 1, 0 },
		{ 1, 262144, 100000, 90 }, { 500, 300, 299, 25 },
	};
	int ok = 1;

	for (unsigned i = 0; i < sizeof c / sizeof c[0]; i++) {
		double want = rho_ref((double)c[i].s, (double)c[i].p,
				      (double)c[i].a, c[i].t / 100.0) * 65536;
		uint64_t got = share_rho_q16(c[i].s, c[i].p, c[i].a, c[i].t);

		if (fabs((double)got - want) > 1 + want * 1e-12) {
			ok = 0;
			tap_diag("S=%lu P=%lu A=%lu tau=%u: got %lu, want %.1f",
				 (unsigned long)c[i].s, (unsigned long)c[i].p,
				 (unsigned long)c[i].a, c[i].t,
				 (unsigned long)got, want);
		}
	}
	tap_ok(ok, "rho in Q16 is the formula's value, truncated");
	tap_eq(share_rho_q16(1000, 500, 0, 0), share_rho_q16(1000, 500, 500, 0),
	       "tau 0: pure shares, idleness does not matter");
	tap_eq(share_rho_q16(1000, 500, 0, 0), 1000 * 65536 / 500,
	       "tau 0: rho = S / P");
	tap_eq(share_rho_q16(1000, 500, 500, 99), 1000 * 65536 / 500,
	       "f = 1: no tax whatever tau");
	tap_eq(share_rho_q16(1000, 500, 0, 99), 1000 * 65536 / 500 / 100,
	       "tau 99%%, all idle: an idle page costs k = 100 active ones");
	tap_eq(share_rho_q16(1000, 500, 0, 75) * 4, share_rho_q16(1000, 500, 500, 75),
	       "tau 75%%: all idle has a quarter of all active's rho");
	tap_eq(share_rho_q16(1000, 500, 9999, 75), share_rho_q16(1000, 500, 500, 75),
	       "an estimate above the frames held counts as f = 1");
	tap_eq(share_rho_q16(1000, 0, 0, 75), UINT64_MAX,
	       "a guest holding nothing has rho infinite");
	tap_eq(share_active_q16(64, 256), 16384, "f = 64/256 in Q16");
	tap_eq(share_active_q16(300, 256), 65536, "f is at most 1");
	tap_eq(share_active_q16(0, 0), 65536, "f of nothing held is 1");
}

static void test_victim(void)
{
	struct share_acct g[4];

	/* tau 0, equal shares: the one holding more */
	g[0] = acct(1000, 200, 200);
	g[1] = acct(1000, 300, 0);
	tap_eq(share_victim(g, 2, 0), 1, "tau 0: equal shares, the larger gives");
	/* shares 2:1 at 2:1 frames: equal rho, the larger holds more */
	g[0] = acct(2000, 400, 400);
	g[1] = acct(1000, 200, 200);
	tap_eq(share_victim(g, 2, 0), 0, "equal rho: the larger gives");
	g[0].frames = 399;
	tap_eq(share_victim(g, 2, 0), 1, "shares 2:1: below 2:1 frames the smaller gives");
	/* the idle tax: an idle guest gives first though it holds less */
	g[0] = acct(1000, 300, 300);
	g[1] = acct(1000, 200, 0);
	tap_eq(share_victim(g, 2, 0), 0, "tau 0: the active, larger guest gives");
	tap_eq(share_victim(g, 2, 75), 1, "tau 75%%: the idle, smaller guest gives");
	/* the cross-over: idle 100 vs active 400 at tau 75 is a tie (400 =
	   4 x 100 effective pages); the larger gives */
	g[0] = acct(1000, 400, 400);
	g[1] = acct(1000, 100, 0);
	tap_eq(share_victim(g, 2, 75), 0, "tau 75%%: 4 idle cost 1 active (tie: larger)");
	g[0].frames = 399;
	tap_eq(share_victim(g, 2, 75), 1, "one frame less and the idle one gives");
	/* ties: identical guests, the lowest index, every time */
	for (int i = 0; i < 4; i++)
		g[i] = acct(1000, 256, 100);
	tap_eq(share_victim(g, 4, 75), 0, "identical guests: the first");
	g[0].eligible = 0;
	tap_eq(share_victim(g, 4, 75), 1, "a stopped guest is never chosen");
	/* reserves */
	g[0] = acct(1000, 100, 0);
	g[0].reserve = 100;
	g[1] = acct(1000, 300, 300);
	tap_eq(share_victim(g, 2, 75), 1, "a guest at its reserve is skipped");
	g[1].reserve = 300;
	tap_eq(share_victim(g, 2, 75), -1, "all at their reserves: no victim");
	g[1].reserve = 0;
	g[1].frames = 0;
	tap_eq(share_victim(g, 2, 75), -1, "a guest with no frames gives none");
	/* limits: above its limit first, whatever its rho */
	g[0] = acct(1, 1000, 0);            /* a tiny rho */
	g[1] = acct(1000000, 100, 100);     /* a huge rho ... */
	g[1].limit = 90;                    /* ... but above its limit */
	tap_eq(share_victim(g, 2, 75), 1, "above its limit goes first");
	g[1].reserve = 100;
	tap_eq(share_victim(g, 2, 75), 1, "even when the reserve says otherwise");
	g[0].limit = 900;
	tap_eq(share_victim(g, 2, 75), 0, "the furthest above its limit first");
	g[0].limit = g[1].limit = 0;
	g[1].npages = 95;                   /* no limit: its size bounds it */
	tap_eq(share_victim(g, 2, 75), 1, "above its size counts as above its limit");
}

static void test_alloc(void)
{
	struct share_acct g[3];
	uint64_t a[3], sum;

	g[0] = acct(2000, 0, 1000);
	g[1] = acct(1000, 0, 1000);
	sum = share_alloc(g, 2, 0, 600, a);
	tap_ok(a[0] == 400 && a[1] == 200 && sum == 600,
	       "shares 2:1, both active: 2:1 of the room (%lu:%lu)",
	       (unsigned long)a[0], (unsigned long)a[1]);
	g[0] = acct(1000, 0, 0);            /* idle */
	g[1] = acct(1000, 0, 4096);         /* all active */
	share_alloc(g, 2, 0, 2048, a);
	tap_ok(a[0] == 1024 && a[1] == 1024,
	       "tau 0, one idle: split evenly (%lu:%lu)", (unsigned long)a[0],
	       (unsigned long)a[1]);
	share_alloc(g, 2, 75, 2048, a);
	/* equal rho: idle E = k P0 = 4 P0, active E = P1 -> P1 = 4 P0 */
	tap_ok(a[0] >= 409 && a[0] <= 410 && a[0] + a[1] == 2048,
	       "tau 75%%: idle gets a fifth (%lu:%lu)", (unsigned long)a[0],
	       (unsigned long)a[1]);
	g[0].active = 100;                  /* partly active: keeps that */
	share_alloc(g, 2, 75, 2048, a);
	tap_ok(a[0] > 410 && a[0] < 1024, "a partly active guest keeps more (%lu)",
	       (unsigned long)a[0]);
	g[0].reserve = 1500;
	share_alloc(g, 2, 75, 2048, a);
	tap_ok(a[0] == 1500 && a[1] == 548, "a reserve is kept (%lu:%lu)",
	       (unsigned long)a[0], (unsigned long)a[1]);
	g[0].reserve = 0;
	g[1].limit = 600;
	share_alloc(g, 2, 75, 2048, a);
	tap_ok(a[1] == 600 && a[0] == 1448, "a limit caps, the rest goes on (%lu:%lu)",
	       (unsigned long)a[0], (unsigned long)a[1]);
	g[1].limit = 0;
	sum = share_alloc(g, 2, 75, 9000, a);
	tap_ok(a[0] == 4096 && a[1] == 4096 && sum == 8192,
	       "room for all: everyone keeps all its storage");
	g[0].reserve = g[1].reserve = 2000;
	sum = share_alloc(g, 2, 75, 3000, a);
	tap_ok(a[0] == 2000 && a[1] == 2000 && sum == 4000,
	       "reserves beyond the room: the reserves (admission's business)");
	g[0] = acct(1000, 0, 0);
	g[1] = acct(1000, 0, 0);
	g[2] = acct(1000, 0, 0);
	g[1].eligible = 0;
	sum = share_alloc(g, 3, 75, 1001, a);
	tap_ok(a[1] == 0 && a[0] + a[2] == 1001 && sum == 1001 &&
	       (a[0] == 501 || a[2] == 501),
	       "a stopped guest gets nothing, the remainder is handed out (%lu %lu)",
	       (unsigned long)a[0], (unsigned long)a[2]);
}

/* Random fleets: bounds hold, the room is used, and reclaiming one frame
 * at a time from the victim ends where share_alloc() says. */
static void test_random(void)
{
	struct prng r;
	int bounds = 1, fills = 1, agree = 1, keeps = 1;
	uint64_t worst = 0;

	prng_seed(&r, 13);
	for (int run = 0; run < 300; run++) {
		struct share_acct g[6], h[6];
		uint64_t a[6], room, lo = 0, hi = 0, sum;
		unsigned n = 2 + prng_below(&r, 5), tax = prng_below(&r, 100);

		for (unsigned i = 0; i < n; i++) {
			g[i] = acct(1 + prng_below(&r, 4000), 0, 0);
			g[i].npages = 64 + prng_below(&r, 2000);
			g[i].active = prng_below(&r, (uint32_t)g[i].npages + 1);
			if (prng_below(&r, 3) == 0)
				g[i].reserve = prng_below(&r, (uint32_t)g[i].npages / 2);
			if (prng_below(&r, 3) == 0)
				g[i].limit = g[i].reserve + 1 +
					prng_below(&r, (uint32_t)(g[i].npages - g[i].reserve));
			lo += g[i].reserve;
			hi += g[i].limit && g[i].limit < g[i].npages ? g[i].limit
								     : g[i].npages;
		}
		room = lo + prng_below(&r, (uint32_t)(hi - lo + 1));
		sum = share_alloc(g, n, tax, room, a);
		for (unsigned i = 0; i < n; i++) {
			uint64_t top = g[i].limit && g[i].limit < g[i].npages
				       ? g[i].limit : g[i].npages;

			if (a[i] < g[i].reserve || a[i] > top)
				bounds = 0;
		}
		if (sum != room)
			fills = 0;
		/* the same guests squeezed from their full size */
		memcpy(h, g, sizeof h);
		for (unsigned i = 0; i < n; i++) {
			h[i].frames = h[i].npages;
		}
		squeeze(h, n, tax, room);
		for (unsigned i = 0; i < n; i++) {
			uint64_t d = h[i].frames > a[i] ? h[i].frames - a[i]
							 : a[i] - h[i].frames;

			if (h[i].frames < g[i].reserve)
				keeps = 0;
			if (d > worst)
				worst = d;
			/* a page or two of rounding, and the ties' order */
			if (d > 2 + n)
				agree = 0;
		}
	}
	tap_ok(bounds, "300 random fleets: every allocation within reserve and limit");
	tap_ok(fills, "the room is handed out whole when the reserves fit");
	tap_ok(keeps, "reclaim by victim never goes below a reserve");
	tap_ok(agree, "reclaim by victim ends at share_alloc()'s split (worst %lu pages)",
	       (unsigned long)worst);
}

int main(void)
{
	test_rho();
	test_victim();
	test_alloc();
	test_random();
	return tap_done();
}
