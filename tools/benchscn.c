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

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Run options the harness sets itself or that make no sense per policy. */
static const char *const reserved_opts[] = {
	"results", "log", "quiet", "verbose", "keep", "dry-run", "guests",
	"progress", "hercules", "retries", "live", NULL,
};

/* The words of the line being read (the ctx of the table's functions). */
struct line {
	char **w;
	int nw;
	const char *text;
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

static int uses(const char *metric, const char *g)
{
	const char *at = metric ? strchr(metric, '@') : NULL;

	return at && !strcmp(at + 1, g);
}

int scenario_uses_guest(const struct scenario *s, const char *g)
{
	for (unsigned i = 0; i < s->ntgt; i++)
		if (uses(s->tgt[i].metric, g))
			return 1;
	for (unsigned i = 0; i < s->nshow; i++)
		if (uses(s->show[i], g))
			return 1;
	return 0;
}

static int name_ok(const char *s)
{
	if (!*s || strlen(s) > BENCH_NAME_MAX)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("_-.+", *s))
			return 0;
	return 1;
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
static int opt_error(char *why, const char *what, const char *name,
		     const char *e)
{
	char *see = strstr(e, " (see zcmm target");

	if (see)
		*see = 0;
	if (!strncmp(e, "run: ", 5) || !strncmp(e, "target: ", 8))
		e = strchr(e, ' ') + 1;
	zerr_set(why, "%s %s: %s", what, name, e);
	return -1;
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
static int arm_line(struct scenario *s, const struct line *l, int pol,
		    char *why)
{
	const char *what = l->w[0], *nm = l->nw > 1 ? l->w[1] : "";
	struct bench_arm a = { .line = l->no };
	char *argv[BENCH_MAX_WORDS + 1], e[ZERR_MAX];
	struct run_opts o;
	int rc;

	if (!name_ok(nm)) {
		zerr_set(why, "%s '%s': a name of 1 to %d letters, digits, '_', '-', '.', '+' first (%s NAME OPTION...)",
			 what, nm, BENCH_NAME_MAX, what);
		return -1;
	}
	if (scenario_arm(s, pol, nm)) {
		zerr_set(why, "duplicate %s '%s'", what, nm);
		return -1;
	}
	for (int i = 2; i < l->nw; i++)
		if (reserved(l->w[i])) {
			zerr_set(why, "%s %s: --%s is set by zcmm bench itself, not by a %s",
				 what, nm, reserved(l->w[i]), what);
			return -1;
		}
	snprintf(a.name, sizeof a.name, "%s", nm);
	a.nopt = l->nw - 2;
	a.buf = copy_words(l->w + 2, a.nopt, a.opt);
	argv[0] = "run";
	memcpy(argv + 1, a.opt, (size_t)a.nopt * sizeof *argv);
	rc = run_parse_opts(&o, a.nopt + 1, argv, e);
	if (rc == 0 && o.fleet_file)
		zerr_set(e, "'%s' is not an option (zcmm run options: --policy balloon, --no-essa, ...)",
			 o.fleet_file);
	if (rc || o.fleet_file) {
		free(a.buf);
		return rc == 1 ? zerr_set(why, "%s %s: --help is not a setting", what, nm), -1
			       : opt_error(why, what, nm, e);
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

static int target_line(struct scenario *s, const struct line *l, char *why)
{
	struct bench_target t = { .line = l->no };
	char *argv[BENCH_MAX_WORDS + 1], *pos[1], e[ZERR_MAX];
	const char *nm = l->nw > 1 ? l->w[1] : "";
	int npos;

	if (!name_ok(nm)) {
		zerr_set(why, "target '%s': a name of 1 to %d letters, digits, '_', '-', '.', '+' first (target NAME --metric M ... --min X|--max X)",
			 nm, BENCH_NAME_MAX);
		return -1;
	}
	for (unsigned i = 0; i < s->ntgt; i++)
		if (!strcmp(s->tgt[i].name, nm))
			return zerr_set(why, "duplicate target '%s'", nm), -1;
	snprintf(t.name, sizeof t.name, "%s", nm);
	t.buf = copy_words(l->w + 1, l->nw - 1, argv);
	argv[0] = "target";
	if (opts_parse(target_keys, &t, l->nw - 1, argv, pos, 1, &npos, NULL, e))
		opt_error(why, "target", nm, e);
	else if (npos)
		zerr_set(why, "target %s: '%s': expected --KEY VALUE", nm, pos[0]);
	else if (!t.metric || t.has_min == t.has_max)
		zerr_set(why, "target %s: %s", nm, !t.metric ? "--metric is missing" :
			 "give one of --min and --max");
	else if (!bench_metric_known(t.metric))
		zerr_set(why, "target %s: unknown metric '%s' (see docs/bench.md)", nm, t.metric);
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
static int numbers_line(struct scenario *s, const struct line *l, char *why)
{
	int oc = l->w[0][0] == 'o';

	if (l->nw < 2)
		return zerr_set(why, "%s: expected %s", l->w[0], oc ?
				"one or more ratios (overcommit 1 2 3)" :
				"one or more factors (scale 1 2 10)"), -1;
	for (int i = 1; i < l->nw; i++) {
		struct bench_arm a = { .line = l->no };
		double r;

		if (number(l->w[i], &r) < 0 || (oc ? r < 0.1 || r > 100 :
		    r < 1 || r > 1000 || r != floor(r)))
			return zerr_set(why, "%s %s: expected %s", l->w[0], l->w[i], oc ?
					"a ratio from 0.1 to 100 (guest storage / host storage)" :
					"1 to 1000 (every guest line's count times this)"), -1;
		if (oc)
			a.overcommit = r;
		else
			a.scale = (unsigned)r;
		snprintf(a.name, sizeof a.name, oc ? "%gx" : "x%g", r);
		if (scenario_arm(s, 0, a.name))
			return zerr_set(why, "duplicate variant '%s'", a.name), -1;
		s->var = xrealloc(s->var, (s->nvar + 1) * sizeof a);
		s->var[s->nvar++] = a;
	}
	return 0;
}

static int lines_fn(void *obj, const char *v, void *ctx, char *why)
{
	struct scenario *s = obj;
	const struct line *l = ctx;
	const char *k = l->w[0];

	if (!strcmp(k, "name")) {
		if (!name_ok(v))
			return zerr_set(why, "1 to %d letters, digits, '_', '-', '.', '+'",
					BENCH_NAME_MAX), -1;
		free(s->name);
		s->name = xstrdup(v);
	} else if (!strcmp(k, "title")) {
		const char *t = l->text + strspn(l->text, " \t") + 5;

		free(s->title);
		s->title = xstrdup(t + strspn(t, " \t"));
		s->title[strcspn(s->title, "#\r\n")] = 0;
		for (size_t n = strlen(s->title); n && isspace((unsigned char)s->title[n - 1]);)
			s->title[--n] = 0;
	} else if (!strcmp(k, "policy") || !strcmp(k, "variant"))
		return arm_line(s, l, k[0] == 'p', why);
	else if (!strcmp(k, "target"))
		return target_line(s, l, why);
	else if (!strcmp(k, "show")) {
		for (int i = 1; i < l->nw; i++) {
			if (!bench_metric_known(l->w[i]) || s->nshow == 16)
				return zerr_set(why, "show %s: %s", l->w[i], s->nshow == 16 ?
						"at most 16 columns" : "unknown metric (see docs/bench.md)"), -1;
			s->show[s->nshow++] = xstrdup(l->w[i]);
		}
	} else
		return numbers_line(s, l, why);
	return 0;
}

#define S(f) offsetof(struct scenario, f)

/* The bench lines. meta "...": the function reads the whole line. */
static const struct opt scenario_keys[] = {
	{ .name = "name", .meta = "NAME", .kind = OPT_FN, .fn = lines_fn },
	{ .name = "title", .meta = "TEXT...", .kind = OPT_FN, .fn = lines_fn },
	{ .name = "repeat", .meta = "N", .kind = OPT_UINT, .off = S(repeat),
	  .min = 1, .max = BENCH_MAX_REPEAT, .expect = "expected 1 to 100" },
	{ .name = "sample", .meta = "MS", .kind = OPT_U64, .off = S(sample_ms),
	  .min = 100, .max = 3600000, .expect = "expected milliseconds from 100 to 3600000" },
	{ .name = "reserve", .meta = "SIZE", .kind = OPT_SIZE, .off = S(reserve),
	  .unit = MiB, .expect = "expected a size, a multiple of 1 MiB" },
	{ .name = "policy", .meta = "NAME OPTION...", .kind = OPT_FN, .fn = lines_fn },
	{ .name = "variant", .meta = "NAME OPTION...", .kind = OPT_FN, .fn = lines_fn },
	{ .name = "overcommit", .meta = "R...", .kind = OPT_FN, .fn = lines_fn },
	{ .name = "scale", .meta = "K...", .kind = OPT_FN, .fn = lines_fn },
	{ .name = "target", .meta = "NAME OPTION...", .kind = OPT_FN, .fn = lines_fn },
	{ .name = "show", .meta = "METRIC...", .kind = OPT_FN, .fn = lines_fn },
	OPT_END,
};

/* 1 if the line was a bench line (read), 0 if it is a fleet line, -1 on
 * an error. *hinting: the first guest line that says hinting=. */
static int bench_line(struct scenario *s, const char *text, unsigned no,
		      const char *where, unsigned *hinting, char *err)
{
	char buf[4096], *w[BENCH_MAX_WORDS], why[ZERR_MAX];
	struct line l = { w, 0, text, no };
	const struct opt *d;

	l.nw = config_words(text, buf, sizeof buf, w, BENCH_MAX_WORDS, where, err);
	if (l.nw <= 0 || !(d = opt_find(scenario_keys, w[0]))) {
		for (int i = 1; l.nw > 0 && !strcmp(w[0], "guest") && i < l.nw; i++)
			if (!*hinting && !strncmp(w[i], "hinting=", 8))
				*hinting = no;
		return l.nw < 0 ? -1 : 0;
	}
	if (!strstr(d->meta, "...") && l.nw != 2) {
		zerr_set(err, "%s: %s: expected one value", where, w[0]);
		return -1;
	}
	if (opt_apply(d, s, l.nw > 1 ? w[1] : "", &l, why) == 0)
		return 1;
	if (strstr(d->meta, "..."))
		zerr_set(err, "%s: %s", where, why);
	else
		zerr_set(err, "%s: %s %s: %s", where, w[0], w[1], why);
	return -1;
}

static int sets_hinting(const struct bench_arm *a)
{
	for (int i = 0; i < a->nopt; i++)
		if (!strncmp(a->opt[i], "--hinting", 9) || !strncmp(a->opt[i], "--policy", 8))
			return 1;
	return 0;
}

/* METRIC@GUEST names a guest of the fleet. */
static int metric_ok(const struct scenario *s, const char *m)
{
	const char *at = strchr(m, '@');

	for (unsigned i = 0; at && i < s->fleet.n; i++)
		if (!strcmp(s->fleet.g[i].name, at + 1))
			return 1;
	return !at;
}

/* After the last line: what needs the whole file (the fleet's size for
 * overcommit and scale, the names targets use). */
static int finish(struct scenario *s, const char *file, unsigned hinting,
		  char *err)
{
	if (!s->npol)
		return zerr_set(err, "%s: no 'policy' line: a scenario runs at least one policy (policy NAME OPTION...)",
				file), -1;
	if (s->fleet.n == 0) {
		struct guest_defaults gd;
		char e[ZERR_MAX];

		guest_defaults_init(&gd);
		if (fleet_add_default(&s->fleet, &gd, e) < 0)
			return zerr_set(err, "%s: %s", file, e), -1;
	}
	for (unsigned i = 0; i < s->fleet.n; i++)
		s->guest_total += s->fleet.g[i].mem;
	for (unsigned i = 0; i < s->npol + s->nvar; i++) {
		struct bench_arm *a = i < s->npol ? &s->pol[i] : &s->var[i - s->npol];

		if (hinting && sets_hinting(a))
			return zerr_set(err, "%s:%u: hinting= on a guest line would override the policies' hinting setting: leave it to the policies",
					file, hinting), -1;
		if (a->overcommit > 0) {
			uint64_t st = round_up(s->reserve + (uint64_t)((double)s->guest_total / a->overcommit), MiB);

			a->nopt = 2;
			a->buf = xmalloc(32);
			a->opt[0] = strcpy(a->buf, "--storage");
			a->opt[1] = a->buf + 10;
			sprintf(a->opt[1], "%lluM", (unsigned long long)(st / MiB));
		}
		if (a->scale)   /* named by their guests: 50g, 100g */
			snprintf(a->name, sizeof a->name, "%ug", s->fleet.n * a->scale);
	}
	for (unsigned i = 0; i < s->nshow; i++)
		if (!metric_ok(s, s->show[i]))
			return zerr_set(err, "%s: show %s: no guest '%s' in the fleet", file,
					s->show[i], strchr(s->show[i], '@') + 1), -1;
	for (unsigned i = 0; i < s->ntgt; i++) {
		const struct bench_target *t = &s->tgt[i];
		const char *p[] = { t->policy, t->vs, t->variant, t->vs_variant };

		if (!metric_ok(s, t->metric))
			return zerr_set(err, "%s:%u: target %s: no guest '%s' in the fleet",
					file, t->line, t->name, strchr(t->metric, '@') + 1), -1;
		for (int k = 0; k < 4; k++)
			if (p[k] && !scenario_arm(s, k < 2, p[k]))
				return zerr_set(err, "%s:%u: target %s: no %s '%s' in this scenario",
						file, t->line, t->name, k < 2 ? "policy" : "variant", p[k]), -1;
	}
	if (!s->nvar) {
		s->var = xmalloc(sizeof *s->var);
		memset(s->var, 0, sizeof *s->var);
		strcpy(s->var[0].name, "base");
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
	if (asprintf(&out, "%.*s%s/%s", (int)(im + 6 - line), line, dir, im + 6) < 0)
		zdie(ZX_USAGE, "out of memory");
	free(dir);
	free(line);
	return out;
}

int scenario_parse_text(struct scenario *s, const char *text,
			const char *name, const char *basedir, char *err)
{
	struct guest_defaults gd;
	char where[300], *line;
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
	if (!s->name) {
		const char *b = strrchr(name, '/');
		char *dot;

		s->name = xstrdup(b ? b + 1 : name);
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
