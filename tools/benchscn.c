/* benchscn.c - the scenario file of `zcmm bench` (docs/bench.md): the
 * fleet-file lines go to the fleet parser (tools/fleet.c), the bench lines
 * (name, title, repeat, sample, reserve, policy, variant, overcommit,
 * target) are read here. Policies and variants are `zcmm run` options, so
 * a new run option is a new policy setting without a change here. Every
 * error names file:line and the reason. */
#define _GNU_SOURCE
#include <limits.h>
#include "tools/bench.h"
#include "tools/run.h"
#include "tools/util.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Run options the harness sets itself or that make no sense per policy. */
static const char *const reserved_opts[] = {
	"results", "log", "quiet", "verbose", "keep", "dry-run", "help",
	"guests", "progress", "hercules", NULL,
};

void scenario_init(struct scenario *s)
{
	memset(s, 0, sizeof *s);
	s->repeat = 1;
	s->sample_ms = 1000;
	s->reserve = 8 * MiB;
	fleet_init(&s->fleet);
}

static void arm_free(struct bench_arm *a)
{
	for (unsigned i = 0; i < a->nset; i++) {
		free(a->set[i].key);
		free(a->set[i].val);
	}
	a->nset = 0;
}

void scenario_free(struct scenario *s)
{
	for (unsigned i = 0; i < s->npol; i++)
		arm_free(&s->pol[i]);
	for (unsigned i = 0; i < s->nvar; i++)
		arm_free(&s->var[i]);
	free(s->pol);
	free(s->var);
	free(s->tgt);
	free(s->name);
	free(s->title);
	free(s->path);
	free(s->dir);
	free(s->fleet_text);
	free(s->text);
	fleet_free(&s->fleet);
	memset(s, 0, sizeof *s);
}

const struct bench_arm *scenario_policy(const struct scenario *s,
					const char *name)
{
	for (unsigned i = 0; i < s->npol; i++)
		if (!strcmp(s->pol[i].name, name))
			return &s->pol[i];
	return NULL;
}

const struct bench_arm *scenario_variant(const struct scenario *s,
					 const char *name)
{
	for (unsigned i = 0; i < s->nvar; i++)
		if (!strcmp(s->var[i].name, name))
			return &s->var[i];
	return NULL;
}

/* --- option checks ------------------------------------------------- */

/* The policy's or variant's settings through `zcmm run`'s own option
 * parser, in this process: a bad value gives the reason zcmm run gives. */
static int arm_check(const struct bench_arm *a, char *err)
{
	char *argv[2 * BENCH_MAX_SETS + 2], opt[BENCH_MAX_SETS][64];
	struct run_opts o;
	int argc = 0, rc;

	argv[argc++] = "run";
	for (unsigned i = 0; i < a->nset; i++) {
		snprintf(opt[i], sizeof opt[i], "--%s", a->set[i].key);
		argv[argc++] = opt[i];
		if (a->set[i].val)
			argv[argc++] = a->set[i].val;
	}
	argv[argc] = NULL;
	rc = run_parse_opts(&o, argc, argv, err);
	return rc ? -1 : 0;
}

/* --- lines --------------------------------------------------------- */

#define MAXW 64


static int name_ok(const char *s)
{
	if (!*s || strlen(s) > BENCH_NAME_MAX)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("_-.+", *s))
			return 0;
	return 1;
}

static int set_add(struct bench_arm *a, const char *key, const char *val)
{
	if (a->nset == BENCH_MAX_SETS)
		return -1;
	a->set[a->nset].key = xstrdup(key);
	a->set[a->nset].val = val ? xstrdup(val) : NULL;
	a->nset++;
	return 0;
}

static const char *arm_get(const struct bench_arm *a, const char *key)
{
	for (unsigned i = 0; i < a->nset; i++)
		if (!strcmp(a->set[i].key, key))
			return a->set[i].val ? a->set[i].val : "";
	return NULL;
}

/* policy|variant NAME OPTION...: OPTION is KEY=VALUE for a run option
 * with a value (--KEY VALUE), KEY for a flag (--KEY); essa=off is
 * --no-essa. */
static int arm_line(struct bench_arm *a, char **w, int nw, const char *what,
		    const char *where, char *err)
{
	memset(a, 0, sizeof *a);
	if (nw < 2) {
		zerr_set(err, "%s: %s: a name is missing (%s NAME OPTION...)",
			 where, what, what);
		return -1;
	}
	if (!name_ok(w[1]) || strchr(w[1], '=')) {
		zerr_set(err, "%s: %s name '%s': 1 to %d letters, digits, '_', '-', '.', '+'",
			 where, what, w[1], BENCH_NAME_MAX);
		return -1;
	}
	snprintf(a->name, sizeof a->name, "%s", w[1]);
	for (int i = 2; i < nw; i++) {
		char *eq = strchr(w[i], '='), *key = w[i], *val = NULL;
		int kind;

		if (eq == w[i] || (key[0] == '-' && key[1] == '-' && eq == key + 2)) {
			zerr_set(err, "%s: %s %s: '%s': expected KEY=VALUE", where,
				 what, a->name, w[i]);
			goto fail;
		}
		if (eq) {
			*eq = 0;
			val = eq + 1;
		}
		if (key[0] == '-' && key[1] == '-')
			key += 2;
		if (!*key) {
			zerr_set(err, "%s: %s %s: '%s': expected KEY=VALUE", where,
				 what, a->name, w[i]);
			goto fail;
		}
		if (!strcmp(key, "scale") && !strcmp(what, "variant")) {
			uint64_t k;

			if (!val || parse_u64(val, &k) < 0 || k < 1 || k > 1000) {
				zerr_set(err, "%s: variant %s: scale=%s: expected 1 to 1000 (every guest line's count times this)",
					 where, a->name, val ? val : "");
				goto fail;
			}
			if (a->scale) {
				zerr_set(err, "%s: variant %s: 'scale' given twice", where, a->name);
				goto fail;
			}
			a->scale = (unsigned)k;
			continue;
		}
		if (!strcmp(key, "essa")) {
			int on;

			if (!val || parse_bool(val, &on) < 0) {
				zerr_set(err, "%s: %s %s: essa=%s: expected on or off",
					 where, what, a->name, val ? val : "");
				goto fail;
			}
			if (on)
				continue;
			key = "no-essa";
			val = NULL;
		}
		for (int r = 0; reserved_opts[r]; r++)
			if (!strcmp(key, reserved_opts[r])) {
				zerr_set(err, "%s: %s %s: '%s' is set by zcmm bench itself, not by a %s",
					 where, what, a->name, key, what);
				goto fail;
			}
		kind = run_option_arg(key);
		if (kind < 0) {
			zerr_set(err, "%s: %s %s: unknown setting '%s' (a zcmm run option, see zcmm run --help)",
				 where, what, a->name, key);
			goto fail;
		}
		if (kind == 1 && (!val || !*val)) {
			zerr_set(err, "%s: %s %s: '%s' needs a value (%s=VALUE)",
				 where, what, a->name, key, key);
			goto fail;
		}
		if (kind == 0 && val) {
			zerr_set(err, "%s: %s %s: '%s' takes no value", where,
				 what, a->name, key);
			goto fail;
		}
		if (arm_get(a, key)) {
			zerr_set(err, "%s: %s %s: '%s' given twice", where, what,
				 a->name, key);
			goto fail;
		}
		if (set_add(a, key, val) < 0) {
			zerr_set(err, "%s: %s %s: more than %d settings", where,
				 what, a->name, BENCH_MAX_SETS);
			goto fail;
		}
	}
	{
		char why[ZERR_MAX];

		if (arm_check(a, why) < 0) {
			zerr_set(err, "%s: %s %s: %s", where, what, a->name, why);
			goto fail;
		}
	}
	return 0;
fail:
	arm_free(a);
	return -1;
}

static int parse_double(const char *s, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	return (!*s || *end || errno || !isfinite(*out)) ? -1 : 0;
}

static int target_line(struct scenario *s, char **w, int nw,
		       const char *where, char *err)
{
	struct bench_target t;
	int bound = 0;

	memset(&t, 0, sizeof t);
	if (nw < 2 || strchr(w[1], '=')) {
		zerr_set(err, "%s: target: a name is missing (target NAME metric=M ... min=X|max=X)",
			 where);
		return -1;
	}
	if (strlen(w[1]) >= sizeof t.name) {
		zerr_set(err, "%s: target name '%s' is too long", where, w[1]);
		return -1;
	}
	strcpy(t.name, w[1]);
	for (int i = 2; i < nw; i++) {
		char *eq = strchr(w[i], '='), *key = w[i], *val;
		size_t room = sizeof t.text - strlen(t.text);

		if (!eq || eq == w[i] || !eq[1]) {
			zerr_set(err, "%s: target %s: '%s': expected KEY=VALUE",
				 where, t.name, w[i]);
			return -1;
		}
		snprintf(t.text + strlen(t.text), room, "%s%s", *t.text ? " " : "", w[i]);
		*eq = 0;
		val = eq + 1;
		if (!strcmp(key, "metric")) {
			if (!bench_metric_known(val)) {
				zerr_set(err, "%s: target %s: unknown metric '%s' (see docs/bench.md)",
					 where, t.name, val);
				return -1;
			}
			snprintf(t.metric, sizeof t.metric, "%s", val);
		} else if (!strcmp(key, "policy") || !strcmp(key, "variant") ||
			   !strcmp(key, "vs") || !strcmp(key, "vs-variant")) {
			char *dst = !strcmp(key, "policy") ? t.policy :
				    !strcmp(key, "variant") ? t.variant :
				    !strcmp(key, "vs") ? t.vs : t.vs_variant;

			if (!name_ok(val)) {
				zerr_set(err, "%s: target %s: %s=%s: not a name",
					 where, t.name, key, val);
				return -1;
			}
			strcpy(dst, val);
		} else if (!strcmp(key, "min") || !strcmp(key, "max")) {
			if (bound++) {
				zerr_set(err, "%s: target %s: give one of min= and max=",
					 where, t.name);
				return -1;
			}
			if (parse_double(val, &t.bound) < 0) {
				zerr_set(err, "%s: target %s: %s=%s: not a number",
					 where, t.name, key, val);
				return -1;
			}
			t.is_min = !strcmp(key, "min");
		} else {
			zerr_set(err, "%s: target %s: unknown key '%s' (metric, policy, variant, vs, vs-variant, min, max)",
				 where, t.name, key);
			return -1;
		}
	}
	if (!*t.metric || !bound) {
		zerr_set(err, "%s: target %s: %s is missing", where, t.name,
			 !*t.metric ? "metric=" : "min= or max=");
		return -1;
	}
	for (unsigned i = 0; i < s->ntgt; i++)
		if (!strcmp(s->tgt[i].name, t.name)) {
			zerr_set(err, "%s: duplicate target '%s'", where, t.name);
			return -1;
		}
	t.line = 0;
	s->tgt = xrealloc(s->tgt, (s->ntgt + 1) * sizeof *s->tgt);
	s->tgt[s->ntgt++] = t;
	return 0;
}

static int one_word(char **w, int nw, const char *where, char *err)
{
	if (nw != 2) {
		zerr_set(err, "%s: %s: expected one value", where, w[0]);
		return -1;
	}
	return 0;
}

/* 1 if the line was a bench line (handled), 0 if it is a fleet line,
 * -1 on error. */
static int bench_line(struct scenario *s, const char *line, unsigned lineno,
		      const char *where, char *err)
{
	char buf[4096], *w[MAXW];
	int nw;
	uint64_t v;

	nw = config_words(line, buf, sizeof buf, w, MAXW, where, err);
	if (nw <= 0)
		return nw;
	if (!strcmp(w[0], "name")) {
		if (one_word(w, nw, where, err))
			return -1;
		if (!name_ok(w[1])) {
			zerr_set(err, "%s: name '%s': 1 to %d letters, digits, '_', '-', '.', '+'",
				 where, w[1], BENCH_NAME_MAX);
			return -1;
		}
		free(s->name);
		s->name = xstrdup(w[1]);
	} else if (!strcmp(w[0], "title")) {
		const char *t = line + strspn(line, " \t") + 5;

		t += strspn(t, " \t");
		free(s->title);
		s->title = xstrdup(t);
		s->title[strcspn(s->title, "#\r\n")] = 0;
		for (size_t n = strlen(s->title); n && isspace((unsigned char)s->title[n - 1]);)
			s->title[--n] = 0;
	} else if (!strcmp(w[0], "repeat")) {
		if (one_word(w, nw, where, err))
			return -1;
		if (parse_u64(w[1], &v) < 0 || v < 1 || v > BENCH_MAX_REPEAT) {
			zerr_set(err, "%s: repeat %s: expected 1 to %d", where, w[1],
				 BENCH_MAX_REPEAT);
			return -1;
		}
		s->repeat = (unsigned)v;
	} else if (!strcmp(w[0], "sample")) {
		if (one_word(w, nw, where, err))
			return -1;
		if (parse_u64(w[1], &v) < 0 || v < 100 || v > 3600000) {
			zerr_set(err, "%s: sample %s: expected milliseconds from 100 to 3600000",
				 where, w[1]);
			return -1;
		}
		s->sample_ms = v;
	} else if (!strcmp(w[0], "reserve")) {
		if (one_word(w, nw, where, err))
			return -1;
		if (parse_size(w[1], &v) < 0 || v % MiB) {
			zerr_set(err, "%s: reserve %s: expected a size, a multiple of 1 MiB",
				 where, w[1]);
			return -1;
		}
		s->reserve = v;
	} else if (!strcmp(w[0], "policy") || !strcmp(w[0], "variant")) {
		int pol = w[0][0] == 'p';
		struct bench_arm a;

		if (arm_line(&a, w, nw, w[0], where, err) < 0)
			return -1;
		a.line = lineno;
		if (pol ? scenario_policy(s, a.name) : scenario_variant(s, a.name)) {
			zerr_set(err, "%s: duplicate %s '%s'", where, w[0], a.name);
			arm_free(&a);
			return -1;
		}
		if (pol) {
			s->pol = xrealloc(s->pol, (s->npol + 1) * sizeof *s->pol);
			s->pol[s->npol++] = a;
		} else {
			s->var = xrealloc(s->var, (s->nvar + 1) * sizeof *s->var);
			s->var[s->nvar++] = a;
		}
	} else if (!strcmp(w[0], "overcommit")) {
		if (nw < 2) {
			zerr_set(err, "%s: overcommit: expected one or more ratios (overcommit 1 2 3)",
				 where);
			return -1;
		}
		for (int i = 1; i < nw; i++) {
			struct bench_arm a;
			double r;

			if (parse_double(w[i], &r) < 0 || r < 0.1 || r > 100) {
				zerr_set(err, "%s: overcommit %s: expected a ratio from 0.1 to 100 (guest storage / host storage)",
					 where, w[i]);
				return -1;
			}
			memset(&a, 0, sizeof a);
			snprintf(a.name, sizeof a.name, "%gx", r);
			a.overcommit = r;
			a.line = lineno;
			if (scenario_variant(s, a.name)) {
				zerr_set(err, "%s: duplicate variant '%s'", where, a.name);
				return -1;
			}
			s->var = xrealloc(s->var, (s->nvar + 1) * sizeof *s->var);
			s->var[s->nvar++] = a;
		}
	} else if (!strcmp(w[0], "target")) {
		if (target_line(s, w, nw, where, err) < 0)
			return -1;
		s->tgt[s->ntgt - 1].line = lineno;
	} else
		return 0;
	return 1;
}

/* The line with relative image= paths made absolute (from basedir), so
 * the copies in the report directory still find the images. malloc'd. */
static char *abs_images(const char *line, const char *basedir)
{
	const char *p = line, *im;
	size_t cap = strlen(line) + 1;
	char *out, *absdir = NULL;

	if (!(im = strstr(line, "image=")) || (strchr(line, '#') && strchr(line, '#') < im))
		return xstrdup(line);
	absdir = realpath(basedir && *basedir ? basedir : ".", NULL);
	if (!absdir)
		return xstrdup(line);
	cap += strlen(absdir) + 2;
	out = xmalloc(cap);
	memcpy(out, p, (size_t)(im - p) + 6);
	out[(im - p) + 6] = 0;
	p = im + 6;
	if (*p != '/' && *p && *p != ' ' && *p != '\t') {
		strcat(out, absdir);
		strcat(out, "/");
	}
	strcat(out, p);
	free(absdir);
	return out;
}

static int has_hinting_key(const char *line)
{
	char buf[4096], *w[MAXW], err[ZERR_MAX];
	int nw;

	nw = config_words(line, buf, sizeof buf, w, MAXW, "", err);
	if (nw < 1 || strcmp(w[0], "guest"))
		return 0;
	for (int i = 2; i < nw; i++)
		if (!strncmp(w[i], "hinting=", 8))
			return 1;
	return 0;
}

/* After the last line: the storage of overcommit variants, names that
 * targets use, hinting set both per guest and per policy. */
static int finish(struct scenario *s, const char *name, unsigned hint_line,
		  char *err)
{
	char e2[ZERR_MAX];
	int any_hint = 0;

	if (!s->npol) {
		zerr_set(err, "%s: no 'policy' line: a scenario runs at least one policy (policy NAME OPTION...)",
			 name);
		return -1;
	}
	if (s->fleet.n == 0) {
		struct guest_defaults gd;

		guest_defaults_init(&gd);
		if (fleet_add_default(&s->fleet, &gd, e2) < 0) {
			zerr_set(err, "%s: %s", name, e2);
			return -1;
		}
	}
	s->guest_total = 0;
	for (unsigned i = 0; i < s->fleet.n; i++)
		s->guest_total += s->fleet.g[i].mem;
	for (unsigned i = 0; i < s->npol; i++)
		any_hint |= arm_get(&s->pol[i], "hinting") != NULL;
	for (unsigned i = 0; i < s->nvar; i++)
		any_hint |= arm_get(&s->var[i], "hinting") != NULL;
	if (any_hint && hint_line) {
		zerr_set(err, "%s:%u: hinting= on a guest line would override the policies' hinting setting: leave it to the policies",
			 name, hint_line);
		return -1;
	}
	for (unsigned i = 0; i < s->nvar; i++) {
		struct bench_arm *a = &s->var[i];
		char val[32];
		uint64_t st;

		if (a->overcommit <= 0)
			continue;
		st = round_up(s->reserve + (uint64_t)((double)s->guest_total / a->overcommit), MiB);
		snprintf(val, sizeof val, "%lluM", (unsigned long long)(st / MiB));
		set_add(a, "storage", val);
	}
	for (unsigned i = 0; i < s->ntgt; i++) {
		const struct bench_target *t = &s->tgt[i];
		const char *badp = NULL, *badv = NULL;

		if (*t->policy && !scenario_policy(s, t->policy))
			badp = t->policy;
		else if (*t->vs && !scenario_policy(s, t->vs))
			badp = t->vs;
		if (*t->variant && !scenario_variant(s, t->variant))
			badv = t->variant;
		else if (*t->vs_variant && !scenario_variant(s, t->vs_variant))
			badv = t->vs_variant;
		if (badp || badv) {
			zerr_set(err, "%s:%u: target %s: no %s '%s' in this scenario",
				 name, t->line, t->name, badp ? "policy" : "variant",
				 badp ? badp : badv);
			return -1;
		}
	}
	if (!s->nvar) {
		s->var = xmalloc(sizeof *s->var);
		memset(s->var, 0, sizeof *s->var);
		strcpy(s->var[0].name, "base");
		s->nvar = 1;
	}
	return 0;
}

int scenario_parse_text(struct scenario *s, const char *text,
			const char *name, const char *basedir, char *err)
{
	struct guest_defaults gd;
	char where[300];
	unsigned lineno = 0, hint_line = 0;
	size_t cap = strlen(text) + 64, used = 0, tcap = cap, tused = 0;

	guest_defaults_init(&gd);
	s->text = xmalloc(tcap);
	s->text[0] = 0;
	s->fleet_text = xmalloc(cap);
	s->fleet_text[0] = 0;
	while (*text) {
		char *line = next_line(&text);
		int rc;

		snprintf(where, sizeof where, "%s:%u", name, ++lineno);
		rc = bench_line(s, line, lineno, where, err);
		if (rc == 0) {
			rc = fleet_parse_line(&s->fleet, &gd, line, basedir, where, err);
			if (rc == 0 && !hint_line && has_hinting_key(line))
				hint_line = lineno;
		}
		if (rc < 0) {
			free(line);
			return -1;
		}
		/* the fleet file for `zcmm run`: bench lines become comments;
		 * and the scenario as the report keeps it */
		{
			char *abs = abs_images(line, basedir);
			size_t alen = strlen(abs);

			if (used + alen + 4 > cap)
				s->fleet_text = xrealloc(s->fleet_text, cap = cap * 2 + alen + 4);
			used += (size_t)sprintf(s->fleet_text + used, "%s%s\n",
						rc == 1 ? "#" : "", abs);
			if (tused + alen + 2 > tcap)
				s->text = xrealloc(s->text, tcap = tcap * 2 + alen + 2);
			tused += (size_t)sprintf(s->text + tused, "%s\n", abs);
			free(abs);
		}
		free(line);
	}
	if (!s->name) {
		const char *b = strrchr(name, '/');
		char *dot;

		s->name = xstrdup(b ? b + 1 : name);
		if ((dot = strrchr(s->name, '.')) && dot != s->name)
			*dot = 0;
	}
	return finish(s, name, hint_line, err);
}

int scenario_parse_file(struct scenario *s, const char *path, char *err)
{
	char *text = read_text_file(path, err);
	int rc;

	if (!text)
		return -1;
	s->path = xstrdup(path);
	s->dir = path_dir(path);
	rc = scenario_parse_text(s, text, path, s->dir, err);
	free(text);
	return rc;
}
