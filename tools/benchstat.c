/* benchstat.c - what `zcmm bench` computes from runs.tsv: the metrics of
 * one run (from the keys of its record), medians and ranges over repeats,
 * ratios, targets and summary.md. Pure: no running, so the unit tests and
 * `zcmm bench --check` make the same figures from the same runs.tsv. */
#define _GNU_SOURCE
#include "tools/bench.h"
#include "tools/util.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A metric is (the sum of the terms of num) * scale / (the sum of den's):
 * a term is a key of the run, or another metric; "?key" counts 0 when
 * absent, any other absent key makes the figure n/a (NAN), as does a
 * denominator of 0 or less. No num: the key of the metric's name. */
static const struct metric {
	const char *name, *num, *den;
	double scale;
} metrics[] = {
#define KEY(k) { .name = k }
	{ "throughput", "work", "wall_s", 1 },
	KEY("wall_s"), KEY("work"), KEY("pageouts"), KEY("pageins"),
	{ "paging_io", "pageouts pageins", NULL, 1 },
	{ "discards", "discard_u discard_v discard_p", NULL, 1 },
	KEY("discard_faults"),
	/* the balloon's releases are pages reclaimed too */
	{ "reclaimed", "pageouts discards ?released_frames", NULL, 1 },
	{ "io_per_reclaimed", "paging_io", "reclaimed", 1 },
	/* the clock's host time (TOD) over the pages the host took (shared
	 * pages' discards go through the sharing code's hook, so the
	 * guests' discard counts, not the clock's) */
	{ "reclaim_us_per_page", "reclaim_us", "pageouts discards", 1 },
	{ "guest_disk_io", "disk_reads disk_writes", NULL, 1 },
	KEY("double_paging"),
	{ "essa", "essa_extract essa_stable essa_unused essa_volatile "
		  "essa_potvol essa_resident essa_ifres", NULL, 1 },
	{ "guest_s", "guest_us", NULL, 1e-6 },
	KEY("frames_saved"),
	/* of the resident guest pages */
	{ "saved_pct", "frames_saved", "Sr Ur Vr Pr", 100 },
	/* host time, both by the TOD clock */
	{ "scan_cpu_pct", "scan_us", "guest_us", 100 },
	KEY("cow_breaks"), KEY("disk_shared"),
	KEY("frames"),           /* a guest's, at its end */
	KEY("settle_s"),         /* a guest's (benchrun.c) */
};
#define NMETRICS (sizeof metrics / sizeof metrics[0])

static const struct metric *metric_find(const char *name, size_t len)
{
	for (unsigned i = 0; i < NMETRICS; i++)
		if (strlen(metrics[i].name) == len && !strncmp(metrics[i].name, name, len))
			return &metrics[i];
	return NULL;
}

int bench_metric_known(const char *m)
{
	return metric_find(m, strcspn(m, "@")) != NULL;
}

/* A key as a number (KEY@GUEST for a guest's, but the run's wall_s). */
static double key(const struct rec *r, const char *k, size_t len,
		  const char *guest)
{
	char name[96], *end;
	const char *v;
	double d;

	snprintf(name, sizeof name, "%.*s%s", (int)len, k,
		 len == 6 && !strncmp(k, "wall_s", 6) ? "" : guest);
	if (!(v = rec_get(r, name)) || !*v)
		return NAN;
	errno = 0;
	d = strtod(v, &end);
	return *end || errno ? NAN : d;
}

static double eval(const struct rec *r, const struct metric *m,
		   const char *guest);

static double sum(const struct rec *r, const char *terms, const char *guest)
{
	double t = 0;

	for (const char *p = terms; *p; p += strspn(p, " ")) {
		size_t len = strcspn(p, " ");
		int opt = *p == '?';
		const struct metric *m = metric_find(p + opt, len - opt);
		double v = m && m->num ? eval(r, m, guest) : key(r, p + opt, len - opt, guest);

		t += opt && isnan(v) ? 0 : v;   /* NAN stays NAN */
		p += len;
	}
	return t;
}

static double eval(const struct rec *r, const struct metric *m,
		   const char *guest)
{
	double n, d;

	if (!m->num)
		return key(r, m->name, strlen(m->name), guest);
	n = sum(r, m->num, guest) * m->scale;
	if (!m->den)
		return n;
	d = sum(r, m->den, guest);
	return d > 0 ? n / d : NAN;
}

double bench_metric(const struct rec *r, const char *name)
{
	size_t len = strcspn(name, "@");
	const struct metric *m = metric_find(name, len);

	return m ? eval(r, m, name + len) : NAN;
}

/* --- statistics ----------------------------------------------------- */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

struct spread stat_spread(const double *v, unsigned n)
{
	struct spread s = { 0, NAN, NAN, NAN };
	double *c = xmalloc((n + 1) * sizeof *c);

	for (unsigned i = 0; i < n; i++)
		if (!isnan(v[i]))
			c[s.n++] = v[i];
	if (s.n) {
		qsort(c, s.n, sizeof *c, cmp_double);
		s.min = c[0];
		s.max = c[s.n - 1];
		s.median = s.n % 2 ? c[s.n / 2] : (c[s.n / 2 - 1] + c[s.n / 2]) / 2;
	}
	free(c);
	return s;
}

double stat_ratio(double a, double b)
{
	if (isnan(a) || isnan(b))
		return NAN;
	if (b == 0)
		return a == 0 ? 1.0 : NAN;
	return a / b;
}

const char *fmt_fig(double v, char *buf, size_t len)
{
	snprintf(buf, len, !isfinite(v) ? "n/a" : fabs(v) >= 1000 ? "%.0f" : "%.3g", v);
	return buf;
}

static int is_run(const struct rec *r, const char *variant, const char *policy)
{
	return (!variant || !strcmp(rec_get(r, "variant"), variant)) &&
	       (!policy || !strcmp(rec_get(r, "policy"), policy));
}

static int ok(const struct rec *r)
{
	return !strcmp(rec_get(r, "exit"), "0");
}

struct spread bench_spread(const struct recset *runs, const char *variant,
			   const char *policy, const char *metric)
{
	double *v = xmalloc((runs->n + 1) * sizeof *v);
	unsigned k = 0;
	struct spread s;

	for (unsigned i = 0; i < runs->n; i++)
		if (ok(&runs->r[i]) && is_run(&runs->r[i], variant, policy))
			v[k++] = bench_metric(&runs->r[i], metric);
	s = stat_spread(v, k);
	free(v);
	return s;
}

double bench_target_value(const struct scenario *s, const struct recset *runs,
			  const struct bench_target *t, char *why, size_t len)
{
	const char *p = t->policy ? t->policy : s->pol[0].name;
	const char *v = t->variant ? t->variant : s->var[0].name;
	const char *q = t->vs ? t->vs : p, *w = t->vs_variant ? t->vs_variant : v;
	double a = bench_spread(runs, v, p, t->metric).median;

	if (!t->vs && !t->vs_variant) {
		snprintf(why, len, "%s of %s (%s)", t->metric, p, v);
		return a;
	}
	if (!strcmp(v, w))
		snprintf(why, len, "%s of %s / %s (%s)", t->metric, p, q, v);
	else if (!strcmp(p, q))
		snprintf(why, len, "%s of %s: %s / %s", t->metric, p, v, w);
	else
		snprintf(why, len, "%s of %s (%s) / %s (%s)", t->metric, p, v, q, w);
	return stat_ratio(a, bench_spread(runs, w, q, t->metric).median);
}

int bench_read_runs(const char *path, struct recset *runs, char *err)
{
	memset(runs, 0, sizeof *runs);
	if (recset_read_tsv(path, runs, err) < 0)
		return -1;
	for (unsigned i = 0; i < runs->n; i++) {
		const struct rec *x = &runs->r[i];

		if (strcmp(x->kind, "run") || !rec_get(x, "variant") || !rec_get(x, "policy") ||
		    !rec_get(x, "wall_s") || !rec_get(x, "exit") || !rec_get(x, "repeat")) {
			recset_free(runs);
			return zerr_set(err, "%s: record %u: not a zcmm bench run", path, i + 1);
		}
	}
	return 0;
}

/* --- summary.md ----------------------------------------------------- */

/* The columns of a variant's table: metric and heading (then `show`'s). */
static const char *const cols[][2] = {
	{ "throughput", "throughput (work/s)" },
	{ "pageouts", "page-outs" },
	{ "pageins", "page-ins" },
	{ "discards", "discards without I/O" },
	{ "discard_faults", "discard faults" },
	{ "io_per_reclaimed", "paging I/O per reclaimed page" },
	{ "reclaim_us_per_page", "reclaim host us per reclaimed page" },
	{ "guest_disk_io", "guest disk I/O" },
	{ "double_paging", "double paging" },
	{ "frames_saved", "frames saved by sharing" },
	{ "wall_s", "wall s" },
};
#define NCOLS (sizeof cols / sizeof cols[0])
#define NHEAD 6         /* the headline's ratios: the first six */

static void cell(FILE *f, const struct spread *sp)
{
	char a[32], b[32], c[32];

	if (sp->n > 1 && sp->min != sp->max && !isnan(sp->median))
		fprintf(f, " %s (%s-%s) |", fmt_fig(sp->median, a, sizeof a),
			fmt_fig(sp->min, b, sizeof b), fmt_fig(sp->max, c, sizeof c));
	else
		fprintf(f, " %s |", fmt_fig(sp->median, a, sizeof a));
}

static void settings(FILE *f, const struct bench_arm *a)
{
	if (a->scale)
		fprintf(f, "every guest count x%u", a->scale);
	else if (!a->nopt)
		fprintf(f, "(defaults)");
	for (int i = 0; i < a->nopt; i++)
		fprintf(f, "%s%s%s", i ? " " : "`", a->opt[i], i + 1 == a->nopt ? "`" : "");
}

static unsigned count(const struct recset *runs, const char *v, const char *p,
		      int only_ok)
{
	unsigned n = 0;

	for (unsigned i = 0; i < runs->n; i++)
		n += is_run(&runs->r[i], v, p) && (!only_ok || ok(&runs->r[i]));
	return n;
}

char *bench_summary(const struct scenario *s, const struct recset *runs,
		    int plots)
{
	const char *base = scenario_arm(s, 1, "none") ? "none" : s->pol[0].name;
	unsigned npol = 0, nvar = 0, good = count(runs, NULL, NULL, 1);
	const char *jobs = runs->n ? rec_get(&runs->r[0], "jobs") : NULL;
	char *out, f1[64], f2[64];
	size_t len;
	FILE *f = open_memstream(&out, &len);
	double wall = 0;

	for (unsigned i = 0; i < runs->n; i++)
		wall += strtod(rec_get(&runs->r[i], "wall_s"), NULL);
	for (unsigned p = 0; p < s->npol; p++)
		npol += count(runs, NULL, s->pol[p].name, 0) > 0;
	for (unsigned v = 0; v < s->nvar; v++)
		nvar += count(runs, s->var[v].name, NULL, 0) > 0;
	fprintf(f, "# zcmm bench: %s\n\n", s->name);
	if (s->title)
		fprintf(f, "%s\n\n", s->title);
	fprintf(f, "%u guests, %s of guest storage; %u polic%s x %u variant%s x %u repeat%s = %u runs, %u ok, %.0f s of runs (wall clock).\n",
		s->fleet.n, fmt_size(s->guest_total, f1, sizeof f1), npol,
		npol == 1 ? "y" : "ies", nvar, nvar == 1 ? "" : "s", s->repeat,
		s->repeat == 1 ? "" : "s", runs->n, good, wall);
	if (jobs && strcmp(jobs, "1"))
		fprintf(f, "%s runs at a time (zcmm bench -j): their wall clocks disturb each other.\n", jobs);
	if (good < runs->n) {
		fprintf(f, "\n**%u run%s did not finish cleanly** (left out of the figures):",
			runs->n - good, runs->n - good == 1 ? "" : "s");
		for (unsigned i = 0; i < runs->n; i++)
			if (!ok(&runs->r[i]))
				fprintf(f, " %s exit %s;", runs->r[i].id, rec_get(&runs->r[i], "exit"));
		fprintf(f, "\n");
	}

	if (npol > 1) {
		fprintf(f, "\n## Headline: ratios against `%s`\n\n", base);
		fprintf(f, "Median of each policy over the median of `%s` (same variant); throughput above 1 is better, the others below 1.\n\n", base);
		fprintf(f, "| variant | policy |");
		for (unsigned c = 0; c < NHEAD; c++)
			fprintf(f, " %s |", c ? cols[c][1] : "throughput");
		fprintf(f, "\n| --- | --- |%s\n", " ---: | ---: | ---: | ---: | ---: | ---: |");
		for (unsigned v = 0; v < s->nvar; v++)
			for (unsigned p = 0; p < s->npol; p++) {
				const char *vn = s->var[v].name, *pn = s->pol[p].name;

				if (!strcmp(pn, base) || !count(runs, NULL, pn, 0) ||
				    !count(runs, vn, NULL, 0))
					continue;
				fprintf(f, "| %s | %s |", vn, pn);
				for (unsigned c = 0; c < NHEAD; c++)
					fprintf(f, " %s |", fmt_fig(stat_ratio(
						bench_spread(runs, vn, pn, cols[c][0]).median,
						bench_spread(runs, vn, base, cols[c][0]).median), f1, sizeof f1));
				fprintf(f, "\n");
			}
	}

	if (s->ntgt)
		fprintf(f, "\n## Targets\n\n| target | measured | wanted | |\n| --- | --- | --- | --- |\n");
	for (unsigned t = 0; t < s->ntgt; t++) {
		const struct bench_target *g = &s->tgt[t];
		char why[200];
		double v = bench_target_value(s, runs, g, why, sizeof why);
		double bound = g->has_min ? g->min : g->max;

		fprintf(f, "| %s | %s = %s | %s %s | %s |\n", g->name, why,
			fmt_fig(v, f1, sizeof f1), g->has_min ? ">=" : "<=",
			fmt_fig(bound, f2, sizeof f2), isnan(v) ? "n/a" :
			(g->has_min ? v >= bound : v <= bound) ? "met" : "not met");
	}

	for (unsigned v = 0; v < s->nvar; v++) {
		const struct bench_arm *va = &s->var[v];

		if (!count(runs, va->name, NULL, 0))
			continue;
		fprintf(f, "\n## Variant `%s`", va->name);
		if (va->overcommit > 0)
			fprintf(f, ": overcommit %g", va->overcommit);
		fprintf(f, "\n\nSettings: ");
		settings(f, va);
		fprintf(f, ". Each cell: median over the ok repeats (min-max).\n\n| policy | settings | runs ok |");
		for (unsigned c = 0; c < NCOLS + s->nshow; c++)
			fprintf(f, " %s |", c < NCOLS ? cols[c][1] : s->show[c - NCOLS]);
		fprintf(f, "\n| --- | --- | ---: |");
		for (unsigned c = 0; c < NCOLS + s->nshow; c++)
			fprintf(f, " ---: |");
		fprintf(f, "\n");
		for (unsigned p = 0; p < s->npol; p++) {
			const char *pn = s->pol[p].name;

			if (!count(runs, NULL, pn, 0))
				continue;
			fprintf(f, "| %s | ", pn);
			settings(f, &s->pol[p]);
			fprintf(f, " | %u/%u |", count(runs, va->name, pn, 1),
				count(runs, va->name, pn, 0));
			for (unsigned c = 0; c < NCOLS + s->nshow; c++) {
				struct spread sp = bench_spread(runs, va->name, pn,
					c < NCOLS ? cols[c][0] : s->show[c - NCOLS]);

				cell(f, &sp);
			}
			fprintf(f, "\n");
		}
	}

	if (plots) {
		fprintf(f, "\n## Plots\n\n![throughput by policy](throughput.png)\n\n"
			"![page-outs and discards by policy](paging.png)\n\n");
		for (unsigned v = 0; v < s->nvar; v++) {
			const char *vn = s->var[v].name;

			if (!count(runs, vn, NULL, 0))
				continue;
			fprintf(f, "![states over time, %s](states-%s.png)\n\n", vn, vn);
			if (scenario_guest_plots(s))
				fprintf(f, "![resident storage of each guest over time, %s](resident-%s.png)\n\n", vn, vn);
		}
	}
	fprintf(f, "\n## Reading it\n\n"
"- throughput: work units of all guests over the wall-clock seconds of the whole run (zcmm run, Hercules included); guest clocks run ahead under heavy interception, so no guest clock is used.\n"
"- page-outs, page-ins: pages the host wrote to and read from its paging volumes; discards without I/O: unused, volatile and clean potentially-volatile pages the host dropped; discard faults: guests coming back for a discarded page.\n"
"- paging I/O per reclaimed page: (page-outs + page-ins) / (page-outs + discards + frames the balloon released).\n"
"- reclaim host us per reclaimed page: the host's time in the reclaim clock (TOD clock, starting page-outs included) over the pages the host took (discards + page-outs).\n");
	if (s->nshow)
		fprintf(f, "- METRIC@GUEST: the metric from that guest's own counters; frames: the frames it held at its end; settle_s: host seconds until its frames stay within 10%% of where they end.\n");
	fprintf(f, "- n/a: not measured (the host did not report the counter), or a figure over zero (a ratio against a baseline of 0, a rate with nothing reclaimed); a ratio of 0 over 0 is 1.\n"
		"- Every figure here is recomputed from runs.tsv by `zcmm bench --check DIR`.\n");
	fclose(f);
	return out;
}
