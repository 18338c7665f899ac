/* t_bench_stats.c - the statistics of zcmm bench (tools/benchstat.c):
 * median and range over repeats, ratios, figures, metrics from a run's
 * total record (absent keys are n/a, not 0), runs.tsv written and read
 * back, targets, and a summary whose figures match. */
#include "tests/tap.h"
#include "tools/bench.h"
#include "tools/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void stats(void)
{
	double a[] = { 5, 1, 3 }, b[] = { 4, NAN, 1, 3, 2 }, c[] = { NAN, NAN };
	struct spread s;
	char buf[32];

	s = stat_spread(a, 3);
	tap_ok(s.n == 3 && s.median == 3 && s.min == 1 && s.max == 5, "odd count: middle value, min, max");
	s = stat_spread(b, 5);
	tap_ok(s.n == 4 && s.median == 2.5 && s.min == 1 && s.max == 4, "even count: mean of the middle two; NAN ignored");
	s = stat_spread(c, 2);
	tap_ok(s.n == 0 && isnan(s.median) && isnan(s.min), "nothing but NAN: n/a");
	s = stat_spread(a, 0);
	tap_ok(s.n == 0 && isnan(s.median), "no values: n/a");
	tap_ok(stat_median(a, 1) == 5, "one value is its own median");
	tap_ok(stat_ratio(3, 4) == 0.75, "ratio");
	tap_ok(isnan(stat_ratio(3, 0)), "x/0: n/a");
	tap_ok(stat_ratio(0, 0) == 1, "0/0: 1 (nothing either way)");
	tap_ok(isnan(stat_ratio(NAN, 2)) && isnan(stat_ratio(2, NAN)), "n/a in, n/a out");
	tap_ok(!strcmp(fmt_fig(NAN, buf, sizeof buf), "n/a"), "fmt: n/a");
	tap_ok(!strcmp(fmt_fig(12345.6, buf, sizeof buf), "12346"), "fmt: integers from 1000 up");
	tap_ok(!strcmp(fmt_fig(0.98765, buf, sizeof buf), "0.988"), "fmt: 3 significant digits");
	tap_ok(!strcmp(fmt_fig(0, buf, sizeof buf), "0"), "fmt: 0");
}

static void run_init(struct bench_run *r, const char *v, const char *p,
		     unsigned rep, double wall, const char *kv)
{
	char *t = xstrdup(kv), *save = NULL;

	memset(r, 0, sizeof *r);
	snprintf(r->variant, sizeof r->variant, "%s", v);
	snprintf(r->policy, sizeof r->policy, "%s", p);
	r->repeat = rep;
	r->wall_s = wall;
	for (char *w = strtok_r(t, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(w, '=');

		*eq = 0;
		bench_run_set(r, w, eq + 1);
	}
	free(t);
}

static void metrics(void)
{
	struct bench_run r;

	run_init(&r, "base", "none", 1, 2.0,
		 "work=1000 pageouts=30 pageins=10 discard_u=50 discard_v=15 discard_p=5 discard_faults=2 guest_us=4000000");
	tap_ok(bench_metric(&r, "throughput") == 500, "throughput = work / wall seconds");
	tap_ok(bench_metric(&r, "discards") == 70, "discards = discard_u + _v + _p");
	tap_ok(bench_metric(&r, "reclaimed") == 100, "reclaimed = page-outs + discards");
	tap_ok(bench_metric(&r, "io_per_reclaimed") == 0.4, "paging I/O per reclaimed page = (30 + 10) / 100");
	tap_ok(bench_metric(&r, "guest_s") == 4, "guest_s from guest_us");
	tap_ok(isnan(bench_metric(&r, "reclaim_us_per_page")),
	       "no reclaim clock keys: its cost per page is n/a");
	bench_run_free(&r);
	run_init(&r, "base", "balloon", 1, 2.0,
		 "work=10 pageouts=30 pageins=10 discard_u=0 discard_v=0 discard_p=0 released_frames=50 "
		 "reclaim_us=600 reclaim_discarded=0 reclaim_paged_out=30");
	tap_ok(bench_metric(&r, "reclaimed") == 80 &&
	       bench_metric(&r, "io_per_reclaimed") == 0.5,
	       "the balloon's releases count as reclaimed: (30 + 10) / (30 + 50)");
	tap_ok(bench_metric(&r, "reclaim_us_per_page") == 20,
	       "reclaim host time per page taken: 600 us / (30 + 0)");
	tap_ok(isnan(bench_metric(&r, "guest_disk_io")), "guest disk I/O absent: n/a, not 0");
	tap_ok(isnan(bench_metric(&r, "double_paging")), "double paging absent: n/a");
	bench_run_free(&r);
	run_init(&r, "base", "none", 1, 2.0, "work=10 discard_u=5 discard_v=0 discard_p=0");
	tap_ok(isnan(bench_metric(&r, "pageouts")) && isnan(bench_metric(&r, "io_per_reclaimed")),
	       "no pager keys: page-outs and I/O per reclaimed page are n/a");
	bench_run_free(&r);
	run_init(&r, "base", "none", 1, 2.0, "work=10 pageouts=0 pageins=0 discard_u=0 discard_v=0 discard_p=0");
	tap_ok(isnan(bench_metric(&r, "io_per_reclaimed")), "nothing reclaimed: I/O per reclaimed page n/a");
	bench_run_free(&r);
	tap_ok(bench_metric_known("throughput") && !bench_metric_known("speed"), "metric names");
}

/* runs.tsv is the results' TSV: a header of keys, a record per line. */
static void tsv_format(void)
{
	char path[] = "/tmp/t_bench_tsv.XXXXXX", err[ZERR_MAX], *text = NULL;
	int fd = mkstemp(path);
	FILE *fp = fdopen(fd, "w");
	struct scenario s;
	struct bench_run r;
	size_t len = 0;

	scenario_init(&s);
	scenario_parse_text(&s, "policy none hinting=off\nguest a\n", "t.bench", ".", err);
	run_init(&r, "base", "none", 2, 4.0, "work=10 pageouts=3");
	bench_write_runs(&s, &r, 1, fp);
	fclose(fp);
	fp = fopen(path, "r");
	if (fp && getdelim(&text, &len, 0, fp) < 0)
		text = NULL;
	if (fp)
		fclose(fp);
	int same = text && !strcmp(text, "kind\tid\tscenario\tvariant\tpolicy\trepeat\texit\twall_s\tthroughput\twork\tpageouts\n"
			       "run\tbase/none/r2\tt\tbase\tnone\t2\t0\t4.000\t2.500\t10\t3\n");

	tap_ok(same, "runs.tsv: the header of keys, a run per line");
	if (!same)
		tap_diag("got: %s", text ? text : "?");
	free(text);
	bench_run_free(&r);
	scenario_free(&s);
	unlink(path);
}

static void roundtrip_and_summary(void)
{
	struct scenario s;
	struct bench_run runs[6], *back;
	unsigned nb;
	char err[ZERR_MAX], path[] = "/tmp/t_bench_stats.XXXXXX";
	int fd = mkstemp(path);
	FILE *fp = fdopen(fd, "w");
	char *sum;

	scenario_init(&s);
	if (scenario_parse_text(&s,
		"policy none hinting=off\npolicy hinting hinting=on\nrepeat 3\n"
		"target cost metric=throughput policy=hinting vs=none min=0.98\n"
		"target io metric=io_per_reclaimed policy=hinting max=0.1\n"
		"target gio metric=guest_disk_io policy=hinting max=5\n"
		"guest a count=2\n", "t.bench", ".", err) < 0) {
		tap_ok(0, "scenario: %s", err);
		return;
	}
	/* none: throughput 100, 120, 90 (median 100); hinting: 99, 95, 110 (99) */
	run_init(&runs[0], "base", "none", 1, 10, "work=1000 pageouts=100 pageins=50 discard_u=0 discard_v=0 discard_p=0 discard_faults=0");
	run_init(&runs[1], "base", "hinting", 1, 10, "work=990 pageouts=5 pageins=5 discard_u=80 discard_v=10 discard_p=5 discard_faults=1");
	run_init(&runs[2], "base", "none", 2, 10, "work=1200 pageouts=120 pageins=60 discard_u=0 discard_v=0 discard_p=0 discard_faults=0");
	run_init(&runs[3], "base", "hinting", 2, 10, "work=950 pageouts=4 pageins=4 discard_u=90 discard_v=0 discard_p=6 discard_faults=0");
	run_init(&runs[4], "base", "none", 3, 10, "work=900 pageouts=90 pageins=45 discard_u=0 discard_v=0 discard_p=0 discard_faults=0");
	run_init(&runs[5], "base", "hinting", 3, 10, "work=1100 pageouts=6 pageins=6 discard_u=100 discard_v=0 discard_p=0 discard_faults=2 extra=7");
	tap_ok(bench_write_runs(&s, runs, 6, fp) == 0, "runs.tsv written");
	fclose(fp);
	tap_ok(bench_read_runs(path, &back, &nb, err) == 0 && nb == 6, "runs.tsv read back (%s)", err);
	if (nb == 6) {
		tap_ok(!strcmp(back[5].policy, "hinting") && back[5].repeat == 3 &&
		       back[5].wall_s == 10 && !strcmp(bench_run_get(&back[5], "extra"), "7"),
		       "fields and keys survive");
		tap_ok(bench_run_get(&back[0], "extra") == NULL, "a key only some runs have stays absent in the others");
		struct spread sp = bench_spread(back, nb, "base", "none", "throughput");
		tap_ok(sp.n == 3 && sp.median == 100 && sp.min == 90 && sp.max == 120, "spread over repeats");
		back[4].status = 1;
		sp = bench_spread(back, nb, "base", "none", "throughput");
		tap_ok(sp.n == 2 && sp.median == 110, "a failed run is left out");
		back[4].status = 0;
		{
			char why[200];
			double v = bench_target_value(&s, back, nb, &s.tgt[0], why, sizeof why);

			tap_ok(fabs(v - 0.99) < 1e-9 && !strcmp(why, "throughput of hinting / none (base)"),
			       "target: ratio of medians (%g, %s)", v, why);
			v = bench_target_value(&s, back, nb, &s.tgt[1], why, sizeof why);
			tap_ok(fabs(v - 0.1) < 1e-9, "target: median of a metric (%g)", v);
		}
		sum = bench_summary(&s, back, nb, 0);
		tap_ok(strstr(sum, "| base | hinting | 0.99 | 0.05 | 0.1 | n/a | n/a | 0.0667 |") != NULL,
		       "headline ratios against none");
		tap_ok(strstr(sum, "| none | `hinting=off` | 3/3 | 100 (90-120) | 100 (90-120) | 50 (45-60) | 0 | 0 | 1.5 (1.5-1.5) |") != NULL ||
		       strstr(sum, "| none | `hinting=off` | 3/3 | 100 (90-120) | 100 (90-120) | 50 (45-60) | 0 | 0 | 1.5 | n/a | n/a | n/a | n/a | 10 |") != NULL,
		       "per-policy medians and ranges");
		tap_ok(strstr(sum, "| cost | throughput of hinting / none (base) = 0.99 | >= 0.98 | met |") != NULL,
		       "target met, figure beside it");
		tap_ok(strstr(sum, "| io | io_per_reclaimed of hinting (base) = 0.1 | <= 0.1 | met |") != NULL,
		       "second target met");
		tap_ok(strstr(sum, "| gio | guest_disk_io of hinting (base) = n/a | <= 5 | n/a |") != NULL,
		       "target on an absent counter: n/a");
		{
			const char *h = strstr(sum, "| base | hinting |");

			if (h)
				tap_diag("headline: %.*s", (int)strcspn(h, "\n"), h);
		}
		free(sum);
		for (unsigned i = 0; i < nb; i++)
			bench_run_free(&back[i]);
		free(back);
	}
	for (unsigned i = 0; i < 6; i++)
		bench_run_free(&runs[i]);
	remove(path);
	scenario_free(&s);
}

int main(void)
{
	stats();
	metrics();
	tsv_format();
	roundtrip_and_summary();
	return tap_done();
}
