/* t_bench_stats.c - the statistics of zcmm bench (tools/benchstat.c):
 * median and range over repeats, ratios, figures, metrics from a run's
 * run record (absent keys are n/a, not 0), a run's results made its
 * record, runs.tsv written and read back, targets, and a summary whose
 * figures match. */
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
	tap_ok(stat_spread(a, 1).median == 5, "one value is its own median");
	tap_ok(stat_ratio(3, 4) == 0.75, "ratio");
	tap_ok(isnan(stat_ratio(3, 0)), "x/0: n/a");
	tap_ok(stat_ratio(0, 0) == 1, "0/0: 1 (nothing either way)");
	tap_ok(isnan(stat_ratio(NAN, 2)) && isnan(stat_ratio(2, NAN)), "n/a in, n/a out");
	tap_ok(!strcmp(fmt_fig(NAN, buf, sizeof buf), "n/a"), "fmt: n/a");
	tap_ok(!strcmp(fmt_fig(12345.6, buf, sizeof buf), "12346"), "fmt: integers from 1000 up");
	tap_ok(!strcmp(fmt_fig(0.98765, buf, sizeof buf), "0.988"), "fmt: 3 significant digits");
	tap_ok(!strcmp(fmt_fig(0, buf, sizeof buf), "0"), "fmt: 0");
}

/* A run record "run id=V/P/rR variant= policy= repeat= exit=0 wall_s= KV" into rs. */
static struct rec *run_add(struct recset *rs, const char *v, const char *p,
			   unsigned rep, double wall, const char *kv)
{
	char line[1024];

	snprintf(line, sizeof line, "run id=%s/%s/r%u variant=%s policy=%s repeat=%u exit=0 wall_s=%g %s",
		 v, p, rep, v, p, rep, wall, kv);
	recset_add(rs, line);
	return &rs->r[rs->n - 1];
}

static void metrics(void)
{
	struct recset rs;
	struct rec *r;

	memset(&rs, 0, sizeof rs);
	r = run_add(&rs, "base", "none", 1, 2.0,
		    "work=1000 pageouts=30 pageins=10 discard_u=50 discard_v=15 discard_p=5 discard_faults=2 guest_us=4000000 "
		    "work@idle=100 pageouts@idle=7 settle_s@idle=2.5");
	tap_ok(bench_metric(r, "throughput") == 500, "throughput = work / wall seconds");
	tap_ok(bench_metric(r, "discards") == 70, "discards = discard_u + _v + _p");
	tap_ok(bench_metric(r, "reclaimed") == 100, "reclaimed = page-outs + discards");
	tap_ok(bench_metric(r, "io_per_reclaimed") == 0.4, "paging I/O per reclaimed page = (30 + 10) / 100");
	tap_ok(bench_metric(r, "guest_s") == 4, "guest_s from guest_us");
	tap_ok(isnan(bench_metric(r, "reclaim_us_per_page")),
	       "no reclaim clock keys: its cost per page is n/a");
	tap_ok(bench_metric(r, "throughput@idle") == 50 && bench_metric(r, "pageouts@idle") == 7 &&
	       bench_metric(r, "settle_s@idle") == 2.5,
	       "METRIC@GUEST: from the guest's keys, over the run's wall time");
	tap_ok(isnan(bench_metric(r, "pageins@idle")), "a guest key that is absent: n/a, not the run's");
	r = run_add(&rs, "base", "balloon", 1, 2.0,
		    "work=10 pageouts=30 pageins=10 discard_u=0 discard_v=0 discard_p=0 released_frames=50 "
		    "reclaim_us=600 reclaim_discarded=0 reclaim_paged_out=30");
	tap_ok(bench_metric(r, "reclaimed") == 80 &&
	       bench_metric(r, "io_per_reclaimed") == 0.5,
	       "the balloon's releases count as reclaimed: (30 + 10) / (30 + 50)");
	tap_ok(bench_metric(r, "reclaim_us_per_page") == 20,
	       "reclaim host time per page taken: 600 us / (30 + 0)");
	tap_ok(isnan(bench_metric(r, "guest_disk_io")), "guest disk I/O absent: n/a, not 0");
	tap_ok(isnan(bench_metric(r, "double_paging")), "double paging absent: n/a");
	r = run_add(&rs, "base", "none", 2, 2.0, "work=10 discard_u=5 discard_v=0 discard_p=0");
	tap_ok(isnan(bench_metric(r, "pageouts")) && isnan(bench_metric(r, "io_per_reclaimed")),
	       "no pager keys: page-outs and I/O per reclaimed page are n/a");
	r = run_add(&rs, "base", "none", 3, 2.0, "work=10 pageouts=0 pageins=0 discard_u=0 discard_v=0 discard_p=0");
	tap_ok(isnan(bench_metric(r, "io_per_reclaimed")), "nothing reclaimed: I/O per reclaimed page n/a");
	tap_ok(bench_metric_known("throughput") && bench_metric_known("frames@x") &&
	       !bench_metric_known("speed"), "metric names");
	recset_free(&rs);
}

static char *slurp(const char *path)
{
	char err[ZERR_MAX];

	return read_text_file(path, err);
}

/* A run's results TSV (the --results format) becomes its record in
 * runs.tsv, with the keys of the guests a metric names and their settling
 * time, and its samples. */
static void add_run(void)
{
	char res[] = "/tmp/t_bench_res.XXXXXX", out[] = "/tmp/t_bench_out.XXXXXX", err[ZERR_MAX], *text;
	FILE *fp = fdopen(mkstemp(res), "w");
	struct scenario s;
	struct recset runs, samples;
	const struct rec *r;
	/* active: 0, 500, 800, 1000, 950, 1020 frames: within 10% of its last
	 * (1020) from t = 1.5 s on; its last sample after it stopped is left
	 * out */
	static const int fr[] = { 0, 500, 800, 1000, 950, 1020, 10 };

	fprintf(fp, "kind\tid\tname\twork\tpageouts\tt_ms\tguest\trunning\tframes\n"
		"total\tall\t\t300\t5\t\t\t\t\n"
		"guest\t0\tidle\t1\t2\t\t\t\t\n"
		"guest\t1\tactive\t299\t3\t\t\t\t\n");
	for (int i = 0; i < 7; i++)
		fprintf(fp, "asample\tt%d.g1\t\t\t\t%d\t1\t%d\t%d\n", i * 500, i * 500, i < 6, fr[i]);
	fclose(fp);
	scenario_init(&s);
	memset(&runs, 0, sizeof runs);
	memset(&samples, 0, sizeof samples);
	scenario_parse_text(&s, "policy tax75 --idle-tax 75\nshow settle_s@active\n"
			    "guest idle\nguest active\n", "t.bench", ".", err);
	tap_ok(bench_add_run(&s, &runs, &samples, "base", "tax75", 2, 0, 3.0, 1, res) == 100,
	       "a run's throughput: work / wall seconds");
	r = recset_find(&runs, "run", "base/tax75/r2");
	tap_ok(r && !strcmp(rec_get(r, "work"), "300") && !strcmp(rec_get(r, "exit"), "0") &&
	       !strcmp(rec_get(r, "work@active"), "299") && !rec_get(r, "work@idle"),
	       "the total record's keys, and the keys of the guest a metric names");
	tap_ok(r && bench_metric(r, "settle_s@active") == 1.5,
	       "settling time: from when its frames stay within 10%% of where they end (%g)",
	       r ? bench_metric(r, "settle_s@active") : -1);
	tap_ok(samples.n == 7 && !strcmp(samples.r[0].kind, "asample") &&
	       !strcmp(rec_get(&samples.r[0], "policy"), "tax75") &&
	       !strcmp(samples.r[0].id, "base/tax75/r2/t0.g1"), "its samples, with variant, policy and repeat");
	fp = fdopen(mkstemp(out), "w");
	recset_write_tsv(&runs, fp);
	fclose(fp);
	text = slurp(out);
	if (!tap_ok(text && !strncmp(text, "kind\tid\tscenario\tvariant\tpolicy\trepeat\texit\twall_s\tthroughput\tjobs\twork\tpageouts\twork@active\tpageouts@active\tsettle_s@active\n", 109),
	       "runs.tsv: the run's own columns first, then the host's keys"))
		tap_diag("got %.120s", text ? text : "nothing");
	free(text);
	bench_add_run(&s, &runs, &samples, "base", "tax75", 3, 3, 9.0, 1, "/nonexistent");
	r = recset_find(&runs, "run", "base/tax75/r3");
	tap_ok(r && !strcmp(rec_get(r, "exit"), "3") && !rec_get(r, "work") && isnan(bench_metric(r, "throughput")),
	       "a failed run: its exit status, no figures");
	recset_free(&runs);
	recset_free(&samples);
	scenario_free(&s);
	unlink(res);
	unlink(out);
}

static void roundtrip_and_summary(void)
{
	struct scenario s;
	struct recset runs, back;
	char err[ZERR_MAX], path[] = "/tmp/t_bench_stats.XXXXXX";
	FILE *fp = fdopen(mkstemp(path), "w");
	char *sum;

	scenario_init(&s);
	memset(&runs, 0, sizeof runs);
	if (scenario_parse_text(&s,
		"policy none --hinting off\npolicy hinting --hinting on\nrepeat 3\n"
		"target cost --metric throughput --policy hinting --vs none --min 0.98\n"
		"target io --metric io_per_reclaimed --policy hinting --max 0.1\n"
		"target gio --metric guest_disk_io --policy hinting --max 5\n"
		"show work@a0\n"
		"guest a count=2\n", "t.bench", ".", err) < 0) {
		tap_ok(0, "scenario: %s", err);
		return;
	}
	/* none: throughput 100, 120, 90 (median 100); hinting: 99, 95, 110 (99) */
	run_add(&runs, "base", "none", 1, 10, "work=1000 pageouts=100 pageins=50 discard_u=0 discard_v=0 discard_p=0 discard_faults=0 work@a0=400");
	run_add(&runs, "base", "hinting", 1, 10, "work=990 pageouts=5 pageins=5 discard_u=80 discard_v=10 discard_p=5 discard_faults=1");
	run_add(&runs, "base", "none", 2, 10, "work=1200 pageouts=120 pageins=60 discard_u=0 discard_v=0 discard_p=0 discard_faults=0 work@a0=600");
	run_add(&runs, "base", "hinting", 2, 10, "work=950 pageouts=4 pageins=4 discard_u=90 discard_v=0 discard_p=6 discard_faults=0");
	run_add(&runs, "base", "none", 3, 10, "work=900 pageouts=90 pageins=45 discard_u=0 discard_v=0 discard_p=0 discard_faults=0 work@a0=500");
	run_add(&runs, "base", "hinting", 3, 10, "work=1100 pageouts=6 pageins=6 discard_u=100 discard_v=0 discard_p=0 discard_faults=2 extra=7");
	tap_ok(recset_write_tsv(&runs, fp) == 0, "runs.tsv written");
	fclose(fp);
	tap_ok(bench_read_runs(path, &back, err) == 0 && back.n == 6, "runs.tsv read back (%s)", err);
	if (back.n == 6) {
		struct rec *r5 = &back.r[5];

		tap_ok(!strcmp(rec_get(r5, "policy"), "hinting") && !strcmp(rec_get(r5, "repeat"), "3") &&
		       !strcmp(rec_get(r5, "extra"), "7"), "fields and keys survive");
		tap_ok(!rec_get(&back.r[0], "extra"), "a key only some runs have stays absent in the others");
		struct spread sp = bench_spread(&back, "base", "none", "throughput");
		tap_ok(sp.n == 3 && sp.median == 100 && sp.min == 90 && sp.max == 120, "spread over repeats");
		recset_add(&back, "run id=base/none/r3 exit=1");
		sp = bench_spread(&back, "base", "none", "throughput");
		tap_ok(sp.n == 2 && sp.median == 110, "a failed run is left out");
		recset_add(&back, "run id=base/none/r3 exit=0");
		{
			char why[200];
			double v = bench_target_value(&s, &back, &s.tgt[0], why, sizeof why);

			tap_ok(fabs(v - 0.99) < 1e-9 && !strcmp(why, "throughput of hinting / none (base)"),
			       "target: ratio of medians (%g, %s)", v, why);
			v = bench_target_value(&s, &back, &s.tgt[1], why, sizeof why);
			tap_ok(fabs(v - 0.1) < 1e-9, "target: median of a metric (%g)", v);
		}
		sum = bench_summary(&s, &back, 0);
		tap_ok(strstr(sum, "| base | hinting | 0.99 | 0.05 | 0.1 | n/a | n/a | 0.0667 |") != NULL,
		       "headline ratios against none");
		tap_ok(strstr(sum, "| none | `--hinting off` | 3/3 | 100 (90-120) | 100 (90-120) | 50 (45-60) | 0 | 0 | 1.5 | n/a | n/a | n/a | n/a | 10 | 500 (400-600) |") != NULL,
		       "per-policy medians and ranges, and a `show` column per guest");
		tap_ok(strstr(sum, "| work@a0 |") && strstr(sum, "| hinting | `--hinting on` | 3/3 | 99 (95-110) |"),
		       "the show column's heading; a policy without the guest keys");
		tap_ok(strstr(sum, "| cost | throughput of hinting / none (base) = 0.99 | >= 0.98 | met |") != NULL,
		       "target met, figure beside it");
		tap_ok(strstr(sum, "| io | io_per_reclaimed of hinting (base) = 0.1 | <= 0.1 | met |") != NULL,
		       "second target met");
		tap_ok(strstr(sum, "| gio | guest_disk_io of hinting (base) = n/a | <= 5 | n/a |") != NULL,
		       "target on an absent counter: n/a");
		if (!strstr(sum, "| none | `--hinting off` | 3/3 |"))
			tap_diag("summary: %s", sum);
		free(sum);
		recset_free(&back);
	}
	recset_free(&runs);
	remove(path);
	scenario_free(&s);
}

int main(void)
{
	stats();
	metrics();
	add_run();
	roundtrip_and_summary();
	return tap_done();
}
