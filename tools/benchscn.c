/* benchscn.c - the scenario file of `zcmm bench` (docs/bench.md): a bench
 * line is a key of the table below, any other line goes to the fleet
 * parser (tools/fleet.c). Policies and variants are `zcmm run` options,
 * checked by zcmm run's own parser, and targets are options of their own:
 * a new run option is a new policy setting without a change here. Every
 * error names file:line and the reason. */
#define _GNU_SOURCE
#include "tools/bench.h"
#include "tools/opts.h"
#include "tools/run.h"
#include "tools/util.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Run options the harness sets itself or that make no sense per policy. */
static const char *const reserved_opts[] = {
	"results", "log", "quiet", "verbose", "keep", "dry-run", "guests",
	"progress", "hercules", "retries", "live", NULL,
};

/* The line being read: the ctx of the table's functions. */
struct line {
	char **w;
	int nw;
	unsigned no;
};

void scenario_init(struct scenario *s)
{
	memset(s, 0, sizeof *s);
	s->repeat = 1;
	s->sample_ms = 1000;
	s->reserve = 8 * MiB;
	fleet_init(&s->fleet);
}

void scenario_free(struct scenario *s)
{
	for (unsigned i = 0; i < s->npol + s->nvar; i++)
		free(i < s->npol ? s->pol[i].buf : s->var[i - s->npol].buf);
	for (unsigned i = 0; i < s->ntgt; i++)
		free(s->tgt[i].buf);
	for (unsigned i = 0; i < s->nshow; i++)
		free(s->show[i]);
	free(s->pol);
	free(s->var);
	free(s->tgt);
	free(s->name);
	free(s->title);
	free(s->path);
	free(s->fleet_text);
	free(s->text);
	fleet_free(&s->fleet);
	memset(s, 0, sizeof *s);
}

const struct bench_arm *scenario_arm(const struct scenario *s, int policy,
				     const char *name)
{
	const struct bench_arm *a = policy ? s->pol : s->var;

	for (unsigned i = 0, n = policy ? s->npol : s->nvar; i < n; i++)
		if (!strcmp(a[i].name, name))
			return &a[i];
	return NULL;
}

/* The guest a metric names (METRIC@GUEST), or NULL. */
static const char *guest_of(const char *metric)
{
	return strchr(metric, '@') ? strchr(metric, '@') + 1 : NULL;
}

int scenario_uses_guest(const struct scenario *s, const char *g)
{
	for (unsigned i = 0; i < s->ntgt + s->nshow; i++) {
		const char *m = i < s->ntgt ? s->tgt[i].metric : s->show[i - s->ntgt];

		if (guest_of(m) && !strcmp(guest_of(m), g))
			return 1;
	}
	return 0;
}

int scenario_guest_plots(const struct scenario *s)
{
	for (unsigned i = 0; i < s->nvar; i++)
		if (s->var[i].scale > 1)
			return 0;
	return s->fleet.n <= BENCH_GUEST_SAMPLES;
}

static int bench_name_ok(const char *s)
{
	return strlen(s) <= BENCH_NAME_MAX && name_ok(s, "_-.+");
}

/* The line's NAME (w[1]) if it is one, else -1 with the reason. */
static int line_name(const struct line *l, const char *rest, char *why)
{
	if (l->nw > 1 && bench_name_ok(l->w[1]))
		return 0;
	return zerr_set(why, "%s '%s': a name of 1 to %d letters, digits, '_', '-', '.', '+' first (%s NAME %s)",
			l->w[0], l->nw > 1 ? l->w[1] : "", BENCH_NAME_MAX, l->w[0], rest);
}

/* The words w[0..n-1] copied into one buffer (returned), out[] to them. */
static char *copy_words(char **w, int n, char **out)
{
	size_t len = 1;
	char *buf, *p;

	for (int i = 0; i < n; i++)
		len += strlen(w[i]) + 1;
	p = buf = xmalloc(len);
	for (int i = 0; i < n; i++)
		p = stpcpy(out[i] = p, w[i]) + 1;
	return buf;
}

/* An option parser's error as "WHAT NAME: reason" (its own prefix and
 * its pointer to a --help that is not ours dropped). */
static int opt_error(char *why, const char *what, const char *name, char *e)
{
	char *see = strstr(e, " (see zcmm target");

	if (see)
		*see = 0;
	if (!strncmp(e, "run: ", 5) || !strncmp(e, "target: ", 8))
		e = strchr(e, ' ') + 1;
	return zerr_set(why, "%s %s: %s", what, name, e);
}

/* The option a word sets if zcmm bench sets it itself, else NULL. */
static const char *reserved(const char *w)
{
	size_t k = strcspn(w + 2, "=");

	for (int r = 0; w[0] == '-' && w[1] == '-' && reserved_opts[r]; r++)
		if (strlen(reserved_opts[r]) == k && !strncmp(w + 2, reserved_opts[r], k))
			return reserved_opts[r];
	return NULL;
}

/* policy|variant NAME OPTION...: checked by zcmm run's own parser. */
static int arm_fn(void *obj, const char *v, void *ctx, char *why)
{
	struct scenario *s = obj;
	const struct line *l = ctx;
	int pol = l->w[0][0] == 'p', rc;
	struct bench_arm a = { .nopt = l->nw - 2 };
	char *argv[BENCH_MAX_WORDS + 1] = { "run" }, e[ZERR_MAX];
	struct run_opts o;

	if (line_name(l, "OPTION...", why) < 0)
		return -1;
	if (scenario_arm(s, pol, l->w[1]))
		return zerr_set(why, "duplicate %s '%s'", l->w[0], l->w[1]);
	for (int i = 2; i < l->nw; i++)
		if (reserved(l->w[i]))
			return zerr_set(why, "%s %s: --%s is set by zcmm bench itself, not by a %s",
					l->w[0], l->w[1], reserved(l->w[i]), l->w[0]);
	snprintf(a.name, sizeof a.name, "%s", l->w[1]);
	a.buf = copy_words(l->w + 2, a.nopt, a.opt);
	memcpy(argv + 1, a.opt, (size_t)a.nopt * sizeof *argv);
	if ((rc = run_parse_opts(&o, a.nopt + 1, argv, e)) == 1)
		zerr_set(e, "--help is not a setting");
	else if (rc == 0 && o.fleet_file)
		zerr_set(e, "'%s' is not an option (zcmm run options: --policy balloon, --no-essa, ...)",
			 o.fleet_file);
	if (rc || o.fleet_file) {
		free(a.buf);
		return opt_error(why, l->w[0], a.name, e);
	}
	if (pol) {
		s->pol = xrealloc(s->pol, (s->npol + 1) * sizeof a);
		s->pol[s->npol++] = a;
	} else {
		s->var = xrealloc(s->var, (s->nvar + 1) * sizeof a);
		s->var[s->nvar++] = a;
	}
	return 0;
}

static int number(const char *v, double *d)
{
	char *end;

	errno = 0;
	*d = strtod(v, &end);
	return !*v || *end || errno || !isfinite(*d) ? -1 : 0;
}

static int min_fn(void *t, const char *v, void *ctx, char *why)
{
	return number(v, &((struct bench_target *)t)->min);
}

static int max_fn(void *t, const char *v, void *ctx, char *why)
{
	return number(v, &((struct bench_target *)t)->max);
}

#define T(f) offsetof(struct bench_target, f)

static const struct opt target_keys[] = {
	{ .name = "metric", .meta = "M", .kind = OPT_STR, .off = T(metric) },
	{ .name = "policy", .meta = "P", .kind = OPT_STR, .off = T(policy) },
	{ .name = "variant", .meta = "V", .kind = OPT_STR, .off = T(variant) },
	{ .name = "vs", .meta = "P2", .kind = OPT_STR, .off = T(vs) },
	{ .name = "vs-variant", .meta = "V2", .kind = OPT_STR, .off = T(vs_variant) },
	{ .name = "min", .meta = "X", .kind = OPT_FN, .fn = min_fn,
	  .set_off = T(has_min), .expect = "not a number" },
	{ .name = "max", .meta = "X", .kind = OPT_FN, .fn = max_fn,
	  .set_off = T(has_max), .expect = "not a number" },
	OPT_END,
};

static int target_fn(void *obj, const char *v, void *ctx, char *why)
{
	struct scenario *s = obj;
	const struct line *l = ctx;
	struct bench_target t = { .line = l->no };
	char *argv[BENCH_MAX_WORDS + 1], *pos[1], e[ZERR_MAX];
	int npos;

	if (line_name(l, "--metric M ... --min X|--max X", why) < 0)
		return -1;
	for (unsigned i = 0; i < s->ntgt; i++)
		if (!strcmp(s->tgt[i].name, l->w[1]))
			return zerr_set(why, "duplicate target '%s'", l->w[1]);
	snprintf(t.name, sizeof t.name, "%s", l->w[1]);
	t.buf = copy_words(l->w + 1, l->nw - 1, argv);
	argv[0] = "target";
	if (opts_parse(target_keys, &t, l->nw - 1, argv, pos, 1, &npos, NULL, e))
		opt_error(why, "target", t.name, e);
	else if (npos)
		zerr_set(why, "target %s: '%s': expected --KEY VALUE", t.name, pos[0]);
	else if (!t.metric || t.has_min == t.has_max)
		zerr_set(why, "target %s: %s", t.name, !t.metric ? "--metric is missing" :
			 "give one of --min and --max");
	else if (!bench_metric_known(t.metric))
		zerr_set(why, "target %s: unknown metric '%s' (see docs/bench.md)", t.name, t.metric);
	else {
		s->tgt = xrealloc(s->tgt, (s->ntgt + 1) * sizeof t);
		s->tgt[s->ntgt++] = t;
		return 0;
	}
	free(t.buf);
	return -1;
}

/* overcommit R... and scale K...: a variant per number; finish() gives
 * them their storage and their names. */
static int numbers_fn(void *obj, const char *v, void *ctx, char *why)
{
	struct scenario *s = obj;
	const struct line *l = ctx;
	int oc = l->w[0][0] == 'o';

	if (l->nw < 2)
		return zerr_set(why, "%s: expected %s", l->w[0], oc ?
				"one or more ratios (overcommit 1 2 3)" :
				"one or more factors (scale 1 2 10)");
	for (int i = 1; i < l->nw; i++) {
		struct bench_arm a = { 0 };
		double r;

		if (number(l->w[i], &r) < 0 || (oc ? r < 0.1 || r > 100 :
		    r < 1 || r > 1000 || r != floor(r)))
			return zerr_set(why, "%s %s: expected %s", l->w[0], l->w[i], oc ?
					"a ratio from 0.1 to 100 (guest storage / host storage)" :
					"1 to 1000 (every guest line's count times this)");
		a.overcommit = oc ? r : 0;
		a.scale = oc ? 0 : (unsigned)r;
		snprintf(a.name, sizeof a.name, oc ? "%gx" : "x%g", r);
		if (scenario_arm(s, 0, a.name))
			return zerr_set(why, "duplicate variant '%s'", a.name);
		s->var = xrealloc(s->var, (s->nvar + 1) * sizeof a);
		s->var[s->nvar++] = a;
	}
	return 0;
}

static int name_fn(void *obj, const char *v, void *ctx, char *why)
{
	struct scenario *s = obj;

	if (!bench_name_ok(v))
		return zerr_set(why, "1 to %d letters, digits, '_', '-', '.', '+'",
				BENCH_NAME_MAX);
	free(s->name);
	s->name = xstrdup(v);
	return 0;
}

/* title TEXT: the words of the rest of the line. */
static int title_fn(void *obj, const char *v, void *ctx, char *why)
{
	struct scenario *s = obj;
	const struct line *l = ctx;
	char *t = xstrdup("");

	for (int i = 1; i < l->nw; i++) {
		char *u = strf("%s%s%s", t, i > 1 ? " " : "", l->w[i]);

		free(t);
		t = u;
	}
	free(s->title);
	s->title = t;
	return 0;
}

static int show_fn(void *obj, const char *v, void *ctx, char *why)
{
	struct scenario *s = obj;
	const struct line *l = ctx;

	for (int i = 1; i < l->nw; i++) {
		if (!bench_metric_known(l->w[i]) || s->nshow == 16)
			return zerr_set(why, "show %s: %s", l->w[i], s->nshow == 16 ?
					"at most 16 columns" : "unknown metric (see docs/bench.md)");
		s->show[s->nshow++] = xstrdup(l->w[i]);
	}
	return 0;
}

#define S(f) offsetof(struct scenario, f)

/* The bench lines. meta "...": the function reads the whole line. */
static const struct opt scenario_keys[] = {
	{ .name = "name", .meta = "NAME", .kind = OPT_FN, .fn = name_fn },
	{ .name = "title", .meta = "TEXT...", .kind = OPT_FN, .fn = title_fn },
	{ .name = "repeat", .meta = "N", .kind = OPT_UINT, .off = S(repeat),
	  .min = 1, .max = BENCH_MAX_REPEAT, .expect = "expected 1 to 100" },
	{ .name = "sample", .meta = "MS", .kind = OPT_U64, .off = S(sample_ms),
	  .min = 100, .max = 3600000, .expect = "expected milliseconds from 100 to 3600000" },
	{ .name = "reserve", .meta = "SIZE", .kind = OPT_SIZE, .off = S(reserve),
	  .unit = MiB, .expect = "expected a size, a multiple of 1 MiB" },
	{ .name = "policy", .meta = "NAME OPTION...", .kind = OPT_FN, .fn = arm_fn },
	{ .name = "variant", .meta = "NAME OPTION...", .kind = OPT_FN, .fn = arm_fn },
	{ .name = "overcommit", .meta = "R...", .kind = OPT_FN, .fn = numbers_fn },
	{ .name = "scale", .meta = "K...", .kind = OPT_FN, .fn = numbers_fn },
	{ .name = "target", .meta = "NAME OPTION...", .kind = OPT_FN, .fn = target_fn },
	{ .name = "show", .meta = "METRIC...", .kind = OPT_FN, .fn = show_fn },
	OPT_END,
};

/* 1 if the line was a bench line (read), 0 if it is a fleet line, -1 on
 * an error. *hinting: the first guest line that says hinting=. */
static int bench_line(struct scenario *s, const char *text, unsigned no,
		      const char *where, unsigned *hinting, char *err)
{
	char buf[4096], *w[BENCH_MAX_WORDS], why[ZERR_MAX];
	struct line l = { w, 0, no };
	const struct opt *d;
	int whole;

	l.nw = config_words(text, buf, sizeof buf, w, BENCH_MAX_WORDS, where, err);
	if (l.nw <= 0 || !(d = opt_find(scenario_keys, w[0]))) {
		for (int i = 1; l.nw > 0 && !strcmp(w[0], "guest") && i < l.nw; i++)
			if (!*hinting && !strncmp(w[i], "hinting=", 8))
				*hinting = no;
		return l.nw < 0 ? -1 : 0;
	}
	if (!(whole = strstr(d->meta, "...") != NULL) && l.nw != 2)
		zerr_set(err, "%s: %s: expected one value", where, w[0]);
	else if (opt_apply(d, s, l.nw > 1 ? w[1] : "", &l, why) == 0)
		return 1;
	else if (whole)
		zerr_set(err, "%s: %s", where, why);
	else
		zerr_set(err, "%s: %s %s: %s", where, w[0], w[1], why);
	return -1;
}

/* After the last line: what needs the whole file (the fleet's size for
 * overcommit and scale, the names targets use). */
static int finish(struct scenario *s, const char *file, unsigned hinting,
		  char *err)
{
	struct guest_defaults gd;
	char e[ZERR_MAX];

	guest_defaults_init(&gd);
	if (!s->npol)
		return zerr_set(err, "%s: no 'policy' line: a scenario runs at least one policy (policy NAME OPTION...)",
				file);
	if (!s->fleet.n && fleet_add_default(&s->fleet, &gd, e) < 0)
		return zerr_set(err, "%s: %s", file, e);
	for (unsigned i = 0; i < s->fleet.n; i++)
		s->guest_total += s->fleet.g[i].mem;
	for (unsigned i = 0; i < s->npol + s->nvar; i++) {
		struct bench_arm *a = i < s->npol ? &s->pol[i] : &s->var[i - s->npol];
		char st[32], *w[] = { "--storage", st };

		for (int k = 0; hinting && k < a->nopt; k++)
			if (!strncmp(a->opt[k], "--hinting", 9) || !strncmp(a->opt[k], "--policy", 8))
				return zerr_set(err, "%s:%u: hinting= on a guest line would override the policies' hinting setting: leave it to the policies",
						file, hinting);
		if (a->overcommit > 0) {
			snprintf(st, sizeof st, "%lluM", (unsigned long long)(round_up(s->reserve +
				 (uint64_t)((double)s->guest_total / a->overcommit), MiB) / MiB));
			a->buf = copy_words(w, a->nopt = 2, a->opt);
		}
		if (a->scale)   /* named by their guests: 50g, 100g */
			snprintf(a->name, sizeof a->name, "%ug", s->fleet.n * a->scale);
	}
	/* the names targets and show lines use */
	for (unsigned i = 0; i < s->ntgt + s->nshow; i++) {
		const struct bench_target *t = i < s->ntgt ? &s->tgt[i] : NULL;
		const char *m = t ? t->metric : s->show[i - s->ntgt], *g = guest_of(m);
		const char *p[] = { t ? t->policy : NULL, t ? t->vs : NULL,
			t ? t->variant : NULL, t ? t->vs_variant : NULL };
		unsigned k = 0;

		while (g && k < s->fleet.n && strcmp(s->fleet.g[k].name, g))
			k++;
		if (g && k == s->fleet.n && t)
			return zerr_set(err, "%s:%u: target %s: no guest '%s' in the fleet",
					file, t->line, t->name, g);
		if (g && k == s->fleet.n)
			return zerr_set(err, "%s: show %s: no guest '%s' in the fleet", file, m, g);
		for (k = 0; k < 4; k++)
			if (p[k] && !scenario_arm(s, k < 2, p[k]))
				return zerr_set(err, "%s:%u: target %s: no %s '%s' in this scenario",
						file, t->line, t->name, k < 2 ? "policy" : "variant", p[k]);
	}
	if (!s->nvar) {
		s->var = xmalloc(sizeof *s->var);
		*s->var = (struct bench_arm){ .name = "base" };
		s->nvar = 1;
	}
	return 0;
}

/* The line (malloc'd) with a relative image= path made absolute (from
 * basedir), so the copies in the report directory still find the image. */
static char *abs_image(char *line, const char *basedir)
{
	const char *im = strstr(line, "image=");
	char *out, *dir;

	if (!im || im[6] == '/' || (strchr(line, '#') && strchr(line, '#') < im) ||
	    !(dir = realpath(basedir && *basedir ? basedir : ".", NULL)))
		return line;
	out = strf("%.*s%s/%s", (int)(im + 6 - line), line, dir, im + 6);
	free(dir);
	free(line);
	return out;
}

int scenario_parse_text(struct scenario *s, const char *text,
			const char *name, const char *basedir, char *err)
{
	struct guest_defaults gd;
	char where[300], *line, *dot;
	unsigned no = 0, hinting = 0;
	int rc = 0;
	size_t flen, tlen;
	FILE *fleet = open_memstream(&s->fleet_text, &flen);
	FILE *scn = open_memstream(&s->text, &tlen);

	guest_defaults_init(&gd);
	while (*text && rc >= 0) {
		line = abs_image(next_line(&text), basedir);
		snprintf(where, sizeof where, "%s:%u", name, ++no);
		rc = bench_line(s, line, no, where, &hinting, err);
		if (rc == 0)
			rc = fleet_parse_line(&s->fleet, &gd, line, basedir, where, err);
		/* the fleet file for `zcmm run`: bench lines commented out */
		fprintf(fleet, "%s%s\n", rc == 1 ? "#" : "", line);
		fprintf(scn, "%s\n", line);
		free(line);
	}
	fclose(fleet);
	fclose(scn);
	if (rc < 0)
		return -1;
	if (!s->name) {         /* the file name without .bench */
		s->name = xstrdup(strrchr(name, '/') ? strrchr(name, '/') + 1 : name);
		if ((dot = strrchr(s->name, '.')) && dot != s->name)
			*dot = 0;
	}
	return finish(s, name, hinting, err);
}

int scenario_parse_file(struct scenario *s, const char *path, char *err)
{
	char *text = read_text_file(path, err), *dir = path_dir(path);
	int rc = text ? scenario_parse_text(s, text, path, dir, err) : -1;

	s->path = xstrdup(path);
	free(text);
	free(dir);
	return rc;
}
