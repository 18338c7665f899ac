/* benchstat.c - what `zcmm bench` computes from the runs: the metrics of
 * one run (from its total record and its wall-clock time), medians and
 * ranges over repeats, ratios, targets, runs.tsv (written and read back)
 * and summary.md. Pure: no running, so the unit tests and
 * `zcmm bench --check` make the same figures from the same runs.tsv. */
#include "tools/bench.h"
#include "tools/report.h"
#include "tools/util.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* --- runs ---------------------------------------------------------- */

void bench_run_set(struct bench_run *r, const char *key, const char *val)
{
	for (unsigned i = 0; i < r->n; i++)
		if (!strcmp(r->key[i], key)) {
			free(r->val[i]);
			r->val[i] = xstrdup(val);
			return;
		}
	r->key = xrealloc(r->key, (r->n + 1) * sizeof *r->key);
	r->val = xrealloc(r->val, (r->n + 1) * sizeof *r->val);
	r->key[r->n] = xstrdup(key);
	r->val[r->n++] = xstrdup(val);
}

const char *bench_run_get(const struct bench_run *r, const char *key)
{
	for (unsigned i = 0; i < r->n; i++)
		if (!strcmp(r->key[i], key))
			return r->val[i];
	return NULL;
}

void bench_run_free(struct bench_run *r)
{
	for (unsigned i = 0; i < r->n; i++) {
		free(r->key[i]);
		free(r->val[i]);
	}
	free(r->key);
	free(r->val);
	r->key = r->val = NULL;
	r->n = 0;
}

/* --- metrics ------------------------------------------------------- */

const char *const bench_metrics[] = {
	"throughput", "wall_s", "work", "pageouts", "pageins", "paging_io",
	"discards", "discard_faults", "reclaimed", "io_per_reclaimed",
	"guest_disk_io", "double_paging", "essa", "guest_s",
	"frames_saved", "saved_pct", "scan_cpu_pct", "cow_breaks",
	"disk_shared", NULL,
};

int bench_metric_known(const char *m)
{
	for (unsigned i = 0; bench_metrics[i]; i++)
		if (!strcmp(bench_metrics[i], m))
			return 1;
	return 0;
}

/* A key as a number; NAN when absent or not a number. */
static double key(const struct bench_run *r, const char *k)
{
	const char *v = bench_run_get(r, k);
	char *end;
	double d;

	if (!v || !*v)
		return NAN;
	errno = 0;
	d = strtod(v, &end);
	return (*end || errno) ? NAN : d;
}

static double sum_keys(const struct bench_run *r, const char *const *k)
{
	double t = 0;

	for (; *k; k++)
		t += key(r, *k);        /* NAN stays NAN */
	return t;
}

double bench_metric(const struct bench_run *r, const char *m)
{
	static const char *const disc[] = { "discard_u", "discard_v", "discard_p", NULL };
	static const char *const pio[] = { "pageouts", "pageins", NULL };
	static const char *const gio[] = { "disk_reads", "disk_writes", NULL };
	static const char *const resident[] = { "Sr", "Ur", "Vr", "Pr", NULL };
	static const char *const essa[] = {
		"essa_extract", "essa_stable", "essa_unused", "essa_volatile",
		"essa_potvol", "essa_resident", "essa_ifres", NULL,
	};

	if (!strcmp(m, "wall_s"))
		return r->wall_s > 0 ? r->wall_s : NAN;
	if (!strcmp(m, "throughput"))
		return r->wall_s > 0 ? key(r, "work") / r->wall_s : NAN;
	if (!strcmp(m, "paging_io"))
		return sum_keys(r, pio);
	if (!strcmp(m, "discards"))
		return sum_keys(r, disc);
	if (!strcmp(m, "reclaimed") || !strcmp(m, "io_per_reclaimed")) {
		/* the balloon's releases are pages reclaimed too */
		double rel = key(r, "released_frames");
		double rec = key(r, "pageouts") + sum_keys(r, disc) +
			     (isnan(rel) ? 0 : rel);

		if (!strcmp(m, "reclaimed"))
			return rec;
		return rec > 0 ? sum_keys(r, pio) / rec : NAN;
	}
	if (!strcmp(m, "reclaim_us_per_page")) {
		/* the clock's host time (TOD) over the pages the host took
		   (shared pages' discards go through the sharing code's
		   hook, so the guests' discard counts, not the clock's) */
		double pages = key(r, "pageouts") + sum_keys(r, disc);

		return pages > 0 ? key(r, "reclaim_us") / pages : NAN;
	}
	if (!strcmp(m, "guest_disk_io"))
		return sum_keys(r, gio);
	if (!strcmp(m, "essa"))
		return sum_keys(r, essa);
	if (!strcmp(m, "guest_s"))
		return key(r, "guest_us") / 1e6;
	if (!strcmp(m, "saved_pct")) {   /* of the resident guest pages */
		double res = sum_keys(r, resident);

		return res > 0 ? 100 * key(r, "frames_saved") / res : NAN;
	}
	if (!strcmp(m, "scan_cpu_pct"))  /* host time, both by the TOD */
		return key(r, "guest_us") > 0 ?
		       100 * key(r, "scan_us") / key(r, "guest_us") : NAN;
	return key(r, m);       /* work, pageouts, pageins, discard_faults, ... */
}

/* --- statistics ---------------------------------------------------- */

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

double stat_median(const double *v, unsigned n)
{
	return stat_spread(v, n).median;
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
	if (isnan(v) || isinf(v))
		snprintf(buf, len, "n/a");
	else if (fabs(v) >= 1000)
		snprintf(buf, len, "%.0f", v);
	else
		snprintf(buf, len, "%.3g", v);
	return buf;
}

struct spread bench_spread(const struct bench_run *runs, unsigned n,
			   const char *variant, const char *policy,
			   const char *metric)
{
	double *v = xmalloc((n + 1) * sizeof *v);
	unsigned k = 0;
	struct spread s;

	for (unsigned i = 0; i < n; i++)
		if (runs[i].status == 0 && !strcmp(runs[i].variant, variant) &&
		    !strcmp(runs[i].policy, policy))
			v[k++] = bench_metric(&runs[i], metric);
	s = stat_spread(v, k);
	free(v);
	return s;
}

double bench_target_value(const struct scenario *s,
			  const struct bench_run *runs, unsigned n,
			  const struct bench_target *t, char *why, size_t len)
{
	const char *p = *t->policy ? t->policy : s->pol[0].name;
	const char *v = *t->variant ? t->variant : s->var[0].name;
	double a = bench_spread(runs, n, v, p, t->metric).median, b;

	if (!*t->vs && !*t->vs_variant) {
		snprintf(why, len, "%s of %s (%s)", t->metric, p, v);
		return a;
	}
	{
		const char *q = *t->vs ? t->vs : p;
		const char *w = *t->vs_variant ? t->vs_variant : v;

		b = bench_spread(runs, n, w, q, t->metric).median;
		if (!strcmp(v, w))
			snprintf(why, len, "%s of %s / %s (%s)", t->metric, p, q, v);
		else if (!strcmp(p, q))
			snprintf(why, len, "%s of %s: %s / %s", t->metric, p, v, w);
		else
			snprintf(why, len, "%s of %s (%s) / %s (%s)", t->metric,
				 p, v, q, w);
	}
	return stat_ratio(a, b);
}

/* A text that grows (records, the summary). */
struct sbuf {
	char *s;
	size_t n, cap;
};

static void sb_printf(struct sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void sb_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int k;

	for (;;) {
		va_start(ap, fmt);
		k = vsnprintf(b->s ? b->s + b->n : NULL, b->s ? b->cap - b->n : 0, fmt, ap);
		va_end(ap);
		if (b->s && (size_t)k < b->cap - b->n) {
			b->n += (size_t)k;
			return;
		}
		b->cap = b->cap * 2 + (size_t)k + 256;
		b->s = xrealloc(b->s, b->cap);
	}
}

/* --- runs.tsv ------------------------------------------------------ */

/* A run as a record: "run id=V/P/rR scenario= variant= policy= repeat=
 * exit= wall_s= throughput= KEY=VALUE..." (names and values hold no
 * blanks: names are checked, values are the host's numbers). */
int bench_write_runs(const struct scenario *s, const struct bench_run *runs,
		     unsigned n, FILE *out)
{
	struct recset rs;
	struct sbuf line = { 0 };
	int rc;

	recset_init(&rs);
	for (unsigned i = 0; i < n; i++) {
		const struct bench_run *r = &runs[i];
		double t = bench_metric(r, "throughput");

		line.n = 0;
		sb_printf(&line, "run id=%s/%s/r%u scenario=%s variant=%s policy=%s repeat=%u exit=%d wall_s=%.3f",
			    r->variant, r->policy, r->repeat, s->name, r->variant,
			    r->policy, r->repeat, r->status, r->wall_s);
		if (!isnan(t))
			sb_printf(&line, " throughput=%.3f", t);
		for (unsigned k = 0; k < r->n; k++)
			if (strcmp(r->key[k], "id"))
				sb_printf(&line, " %s=%s", r->key[k], r->val[k]);
		recset_add(&rs, line.s);
	}
	rc = recset_write_tsv(&rs, out);
	recset_free(&rs);
	free(line.s);
	return rc;
}

/* Keys of a run record that are the run's own fields, not the host's. */
static int run_field(const char *k)
{
	static const char *const f[] = { "id", "scenario", "variant", "policy",
		"repeat", "exit", "wall_s", "throughput" };

	for (unsigned i = 0; i < sizeof f / sizeof f[0]; i++)
		if (!strcmp(k, f[i]))
			return 1;
	return 0;
}

int bench_read_runs(const char *path, struct bench_run **runsp, unsigned *np,
		    char *err)
{
	struct recset rs;
	struct bench_run *runs = NULL;
	unsigned n = 0;

	*runsp = NULL;
	*np = 0;
	recset_init(&rs);
	if (recset_read_tsv(path, &rs, err) < 0) {
		recset_free(&rs);
		return -1;
	}
	for (unsigned i = 0; i < rs.n; i++) {
		const struct rec *x = &rs.r[i];
		const char *v = rec_get(x, "variant"), *p = rec_get(x, "policy");
		struct bench_run *r;

		if (strcmp(x->kind, "run") || !v || !p || !rec_get(x, "wall_s")) {
			zerr_set(err, "%s: record %u: not a zcmm bench run", path, i + 1);
			recset_free(&rs);
			free(runs);
			return -1;
		}
		runs = xrealloc(runs, (n + 1) * sizeof *runs);
		r = &runs[n++];
		memset(r, 0, sizeof *r);
		snprintf(r->variant, sizeof r->variant, "%s", v);
		snprintf(r->policy, sizeof r->policy, "%s", p);
		r->repeat = (unsigned)strtoul(rec_get(x, "repeat") ? rec_get(x, "repeat") : "1", NULL, 10);
		r->status = (int)strtol(rec_get(x, "exit") ? rec_get(x, "exit") : "1", NULL, 10);
		r->wall_s = strtod(rec_get(x, "wall_s"), NULL);
		for (unsigned k = 0; k < x->n; k++)
			if (!run_field(x->key[k]))
				bench_run_set(r, x->key[k], x->val[k]);
	}
	recset_free(&rs);
	*runsp = runs;
	*np = n;
	return 0;
}

/* --- summary.md ---------------------------------------------------- */

/* The columns of a variant's table: metric and heading. */
static const struct { const char *m, *head; } cols[] = {
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

static const char *cell(const struct spread *sp, char *buf, size_t len)
{
	char a[32], b[32], c[32];

	if (!sp->n || isnan(sp->median))
		snprintf(buf, len, "n/a");
	else if (sp->n == 1 || sp->min == sp->max)
		snprintf(buf, len, "%s", fmt_fig(sp->median, a, sizeof a));
	else
		snprintf(buf, len, "%s (%s-%s)", fmt_fig(sp->median, a, sizeof a),
			 fmt_fig(sp->min, b, sizeof b), fmt_fig(sp->max, c, sizeof c));
	return buf;
}

static void settings(struct sbuf *b, const struct bench_arm *a)
{
	if (a->scale > 1)
		sb_printf(b, "`scale=%u`%s", a->scale, a->nset ? " " : "");
	if (!a->nset && a->scale > 1)
		return;
	if (!a->nset) {
		sb_printf(b, "(defaults)");
		return;
	}
	for (unsigned i = 0; i < a->nset; i++)
		sb_printf(b, "%s`%s%s%s`", i ? " " : "", a->set[i].key,
			  a->set[i].val ? "=" : "", a->set[i].val ? a->set[i].val : "");
}

/* The policy the ratios are taken against: `none`, else the first. */
static const char *baseline(const struct scenario *s)
{
	return scenario_policy(s, "none") ? "none" : s->pol[0].name;
}

static int pol_has_runs(const struct bench_run *runs, unsigned n, const char *p)
{
	for (unsigned i = 0; i < n; i++)
		if (!strcmp(runs[i].policy, p))
			return 1;
	return 0;
}

static int var_has_runs(const struct bench_run *runs, unsigned n, const char *v)
{
	for (unsigned i = 0; i < n; i++)
		if (!strcmp(runs[i].variant, v))
			return 1;
	return 0;
}

char *bench_summary(const struct scenario *s, const struct bench_run *runs,
		    unsigned n, int plots)
{
	unsigned npol = 0, nvar = 0;
	struct sbuf b = { 0 };
	const char *base = baseline(s);
	unsigned ok = 0;
	double wall = 0;
	char sz[32], f1[64], f2[64];

	for (unsigned i = 0; i < n; i++) {
		ok += runs[i].status == 0;
		wall += runs[i].wall_s;
	}
	for (unsigned p = 0; p < s->npol; p++)
		npol += pol_has_runs(runs, n, s->pol[p].name);
	for (unsigned v = 0; v < s->nvar; v++)
		nvar += var_has_runs(runs, n, s->var[v].name);
	sb_printf(&b, "# zcmm bench: %s\n\n", s->name);
	if (s->title)
		sb_printf(&b, "%s\n\n", s->title);
	sb_printf(&b, "%u guests, %s of guest storage; %u polic%s x %u variant%s x %u repeat%s = %u runs, %u ok, %.0f s of runs (wall clock).\n",
		  s->fleet.n, fmt_size(s->guest_total, sz, sizeof sz), npol,
		  npol == 1 ? "y" : "ies", nvar, nvar == 1 ? "" : "s",
		  s->repeat, s->repeat == 1 ? "" : "s", n, ok, wall);
	if (n && bench_run_get(&runs[0], "jobs") && strcmp(bench_run_get(&runs[0], "jobs"), "1"))
		sb_printf(&b, "%s runs at a time (zcmm bench -j): their wall clocks disturb each other.\n",
			  bench_run_get(&runs[0], "jobs"));
	if (ok < n) {
		sb_printf(&b, "\n**%u run%s did not finish cleanly** (left out of the figures):", n - ok,
			  n - ok == 1 ? "" : "s");
		for (unsigned i = 0; i < n; i++)
			if (runs[i].status)
				sb_printf(&b, " %s/%s/r%u exit %d;", runs[i].variant,
					  runs[i].policy, runs[i].repeat, runs[i].status);
		sb_printf(&b, "\n");
	}

	/* headline: ratios against the baseline policy */
	if (npol > 1) {
		sb_printf(&b, "\n## Headline: ratios against `%s`\n\n", base);
		sb_printf(&b, "Median of each policy over the median of `%s` (same variant); throughput above 1 is better, the others below 1.\n\n", base);
		sb_printf(&b, "| variant | policy | throughput | page-outs | page-ins | discards without I/O | discard faults | paging I/O per reclaimed page |\n");
		sb_printf(&b, "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		for (unsigned v = 0; v < s->nvar; v++)
			for (unsigned p = 0; p < s->npol; p++) {
				static const char *const hm[] = {
					"throughput", "pageouts", "pageins", "discards",
					"discard_faults", "io_per_reclaimed",
				};

				if (!strcmp(s->pol[p].name, base) ||
				    !pol_has_runs(runs, n, s->pol[p].name) ||
				    !var_has_runs(runs, n, s->var[v].name))
					continue;
				sb_printf(&b, "| %s | %s |", s->var[v].name, s->pol[p].name);
				for (unsigned k = 0; k < 6; k++) {
					double a = bench_spread(runs, n, s->var[v].name, s->pol[p].name, hm[k]).median;
					double z = bench_spread(runs, n, s->var[v].name, base, hm[k]).median;

					sb_printf(&b, " %s |", fmt_fig(stat_ratio(a, z), f1, sizeof f1));
				}
				sb_printf(&b, "\n");
			}
	}

	if (s->ntgt) {
		sb_printf(&b, "\n## Targets\n\n");
		sb_printf(&b, "| target | measured | wanted | |\n| --- | --- | --- | --- |\n");
		for (unsigned t = 0; t < s->ntgt; t++) {
			const struct bench_target *g = &s->tgt[t];
			char why[200];
			double v = bench_target_value(s, runs, n, g, why, sizeof why);
			const char *verdict = isnan(v) ? "n/a" :
				(g->is_min ? v >= g->bound : v <= g->bound) ? "met" : "not met";

			sb_printf(&b, "| %s | %s = %s | %s %s | %s |\n", g->name, why,
				  fmt_fig(v, f1, sizeof f1), g->is_min ? ">=" : "<=",
				  fmt_fig(g->bound, f2, sizeof f2), verdict);
		}
	}

	for (unsigned v = 0; v < s->nvar; v++) {
		const struct bench_arm *va = &s->var[v];

		if (!var_has_runs(runs, n, va->name))
			continue;
		sb_printf(&b, "\n## Variant `%s`", va->name);
		if (va->overcommit > 0)
			sb_printf(&b, ": overcommit %g", va->overcommit);
		sb_printf(&b, "\n\nSettings: ");
		settings(&b, va);
		sb_printf(&b, ". Each cell: median over the ok repeats (min-max).\n\n");
		sb_printf(&b, "| policy | settings | runs ok |");
		for (unsigned c = 0; c < NCOLS; c++)
			sb_printf(&b, " %s |", cols[c].head);
		sb_printf(&b, "\n| --- | --- | ---: |");
		for (unsigned c = 0; c < NCOLS; c++)
			sb_printf(&b, " ---: |");
		sb_printf(&b, "\n");
		for (unsigned p = 0; p < s->npol; p++) {
			unsigned total = 0, good = 0;

			if (!pol_has_runs(runs, n, s->pol[p].name))
				continue;
			for (unsigned i = 0; i < n; i++)
				if (!strcmp(runs[i].variant, va->name) &&
				    !strcmp(runs[i].policy, s->pol[p].name)) {
					total++;
					good += runs[i].status == 0;
				}
			sb_printf(&b, "| %s | ", s->pol[p].name);
			settings(&b, &s->pol[p]);
			sb_printf(&b, " | %u/%u |", good, total);
			for (unsigned c = 0; c < NCOLS; c++) {
				struct spread sp = bench_spread(runs, n, va->name,
								s->pol[p].name, cols[c].m);

				sb_printf(&b, " %s |", cell(&sp, f1, sizeof f1));
			}
			sb_printf(&b, "\n");
		}
	}

	if (plots) {
		sb_printf(&b, "\n## Plots\n\n");
		sb_printf(&b, "![throughput by policy](throughput.png)\n\n");
		sb_printf(&b, "![page-outs and discards by policy](paging.png)\n\n");
		for (unsigned v = 0; v < s->nvar; v++)
			if (var_has_runs(runs, n, s->var[v].name))
				sb_printf(&b, "![states over time, %s](states-%s.png)\n\n",
					  s->var[v].name, s->var[v].name);
	}
	sb_printf(&b, "\n## Reading it\n\n");
	sb_printf(&b, "- throughput: work units of all guests over the wall-clock seconds of the whole run (zcmm run, Hercules included); guest clocks run ahead under heavy interception, so no guest clock is used.\n");
	sb_printf(&b, "- page-outs, page-ins: pages the host wrote to and read from its paging volumes; discards without I/O: unused, volatile and clean potentially-volatile pages the host dropped; discard faults: guests coming back for a discarded page.\n");
	sb_printf(&b, "- paging I/O per reclaimed page: (page-outs + page-ins) / (page-outs + discards + frames the balloon released).\n");
	sb_printf(&b, "- reclaim host us per reclaimed page: the host's time in the reclaim clock (TOD clock, starting page-outs included) over the pages the host took (discards + page-outs).\n");
	sb_printf(&b, "- n/a: the host did not report the counter (not measured), not zero.\n");
	sb_printf(&b, "- Every figure here is recomputed from runs.tsv by `zcmm bench --check DIR`.\n");
	return b.s;
}
