/* bench.c - the `zcmm bench` command: its options, the plan of runs
 * (variant x repeat x policy), --dry-run, --list, --collect and --check,
 * and the report directory: runs.tsv, samples.tsv, summary.md (made from
 * runs.tsv read back, so --check can make it again) and the plots, which
 * gnuplot draws from the two TSVs with bench/plots.gp. */
#define _GNU_SOURCE
#include "tools/bench.h"
#include "tools/child.h"
#include "tools/hercules.h"
#include "tools/opts.h"
#include "tools/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int check_secs(void *obj, const char *v, void *ctx, char *why)
{
	uint64_t us;

	((struct bench_opts *)obj)->timeout = v;
	return parse_ms_us(v, &us);
}

#define B(f) offsetof(struct bench_opts, f)

const struct opt bench_options[] = {
	{ .name = "out", .meta = "DIR", .kind = OPT_STR, .off = B(out),
	  .help = "report directory (default\nbench-results/SCENARIO-YYYYmmdd-HHMMSS)" },
	{ .name = "repeat", .meta = "N", .kind = OPT_UINT, .off = B(repeat),
	  .min = 1, .max = BENCH_MAX_REPEAT,
	  .help = "repeats instead of the scenario's `repeat`" },
	{ .name = "policies", .meta = "A,B", .kind = OPT_STR, .off = B(policies),
	  .help = "only these policies" },
	{ .name = "variants", .meta = "A,B", .kind = OPT_STR, .off = B(variants),
	  .help = "only these variants" },
	{ .name = "timeout", .meta = "SEC", .kind = OPT_FN, .off = B(timeout),
	  .fn = check_secs, .expect = "expected seconds",
	  .help = "each run's --timeout (default: the fleet's, 600)" },
	{ .name = "hercules", .meta = "PATH", .kind = OPT_STR, .off = B(hercules),
	  .help = "the Hercules program for the runs" },
	{ .name = "no-plots", .kind = OPT_FLAG, .off = B(no_plots),
	  .help = "no gnuplot" },
	{ .name = "dry-run", .kind = OPT_FLAG, .off = B(dry_run),
	  .help = "check the scenario, print the runs, run nothing" },
	{ .name = "check", .meta = "DIR", .kind = OPT_STR, .off = B(check),
	  .help = "make summary.md again from DIR/runs.tsv and\nDIR/scenario.bench and compare: exit 0 if the same" },
	{ .name = "jobs", .letter = 'j', .meta = "N", .kind = OPT_UINT, .off = B(jobs),
	  .min = 1, .max = 64,
	  .help = "N runs at once (default 1); each Hercules takes a\ncore, and runs at once disturb each other's timing:\nthe summary says how many ran at once" },
	{ .name = "list", .kind = OPT_FLAG, .off = B(list),
	  .help = "print every run as one self-contained command line\n(for GNU parallel, a batch scheduler...), run nothing;\n--out DIR is where their reports go" },
	{ .name = "collect", .kind = OPT_FLAG, .off = B(collect),
	  .help = "zcmm bench --collect DIR...: merge the reports of\nthe --list runs into one (in --out DIR)" },
	{ .name = "quiet", .kind = OPT_FLAG, .off = B(quiet),
	  .help = "no progress" },
	OPT_END,
};

static void bench_usage(FILE *out)
{
	fputs(
"usage: zcmm bench [OPTIONS] SCENARIO\n"
"       zcmm bench --check DIR\n"
"       zcmm bench --list [--out DIR] SCENARIO\n"
"       zcmm bench --collect [--out DIR] DIR...\n"
"Run every policy of a scenario (docs/bench.md) on the same fleet, one run\n"
"after another (variant x repeat x policy), and write a report directory:\n"
"runs.tsv (one row per run), samples.tsv (page states and each guest's\n"
"frames over time), summary.md (medians, min-max over repeats, ratios\n"
"against the policy `none`, targets) and PNG plots (gnuplot). The summary\n"
"is printed at the end.\n"
"\n", out);
	opts_help(bench_options, out);
	fputs(
"\n"
"Exit status: 0 every run finished with status 0; 1 some did not (the\n"
"report is written, without them); 2 usage or scenario error; 130\n"
"interrupted.\n", out);
}

char *bench_path(const char *dir, const char *variant, const char *policy,
		 unsigned repeat, const char *ext)
{
	return strf("%s/runs/%s-%s-r%u.%s", dir, variant, policy, repeat, ext);
}

char *bench_tag(const struct scenario *s, const struct bench_job *j)
{
	return strf("%s%s%s r%u", s->nvar > 1 ? s->var[j->v].name : "",
		    s->nvar > 1 ? " " : "", s->pol[j->p].name, j->r);
}

/* Is name in the comma list (no list: everything)? */
static int in_list(const char *list, const char *name)
{
	size_t len = strlen(name);

	for (const char *p = list; p && *p; p += strcspn(p, ",") + (p[strcspn(p, ",")] == ','))
		if (strcspn(p, ",") == len && !strncmp(p, name, len))
			return 1;
	return !list;
}

static void check_list(const char *list, const struct scenario *s, int pol)
{
	char *copy = xstrdup(list ? list : ""), *save = NULL;

	for (char *w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save))
		if (!scenario_arm(s, pol, w))
			zdie(ZX_USAGE, "--%s: no %s '%s' in %s", pol ? "policies" : "variants",
			     pol ? "policy" : "variant", w, s->path);
	free(copy);
}

static void mkdirs(const char *path)
{
	char *p = xstrdup(path);

	for (char *q = p + 1; ; q++)
		if (*q == '/' || !*q) {
			char c = *q;

			*q = 0;
			if (mkdir(p, 0755) < 0 && errno != EEXIST)
				zdie(ZX_USAGE, "cannot make %s: %s", p, strerror(errno));
			if (!(*q = c))
				break;
		}
	free(p);
}

static void write_text(const char *dir, const char *name, const char *text)
{
	char err[ZERR_MAX];

	if (write_file(dir, name, text, strlen(text), err) < 0)
		zdie(ZX_USAGE, "%s", err);
}

static void write_tsv(const char *dir, const char *name, const struct recset *rs)
{
	char *p = path_join(dir, name);
	FILE *fp = fopen(p, "w");

	if (!fp || recset_write_tsv(rs, fp) < 0 || fclose(fp) != 0)
		zdie(ZX_USAGE, "cannot write %s: %s", p, strerror(errno));
	free(p);
}

/* DIR/scenario.bench and DIR/runs.tsv (the second if runs). */
static void load(const char *dir, struct scenario *s, struct recset *runs)
{
	char err[ZERR_MAX], *p = path_join(dir, "scenario.bench");

	scenario_init(s);
	if (scenario_parse_file(s, p, err) < 0)
		zdie(ZX_USAGE, "%s", err);
	free(p);
	p = path_join(dir, "runs.tsv");
	if (runs && bench_read_runs(p, runs, err) < 0)
		zdie(ZX_USAGE, "%s", err);
	free(p);
}

static char *default_out(const struct scenario *s, const char *what)
{
	char stamp[32];
	time_t t = time(NULL);

	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime(&t));
	return strf("bench-results/%s%s-%s", s->name, what, stamp);
}

/* The scenario as run: its text without what an earlier zcmm bench added,
 * then its name and the repeats. */
static void write_scenario(const char *dir, const struct scenario *s,
			   unsigned repeat, const char *why)
{
	const char *cut = strstr(s->text, "# --- added by zcmm bench ---\n");
	char *rep = repeat ? strf("repeat %u    # %s\n", repeat, why) : xstrdup("");
	char *text = strf("%.*s# --- added by zcmm bench ---\nname %s\n%s",
			  cut ? (int)(cut - s->text) : (int)strlen(s->text), s->text,
			  s->name, rep);

	write_text(dir, "scenario.bench", text);
	free(text);
	free(rep);
}

/* The fleet text with every guest line's count= times k (count=k where
 * there is none). malloc'd. */
static char *scale_fleet(const char *text, unsigned k)
{
	char *out, *line, buf[4096], *w[BENCH_MAX_WORDS], err[ZERR_MAX];
	size_t len;
	FILE *f = open_memstream(&out, &len);

	while (*text) {
		int nw = config_words(line = next_line(&text), buf, sizeof buf, w,
				      BENCH_MAX_WORDS, "", err), counted = 0;

		for (int i = 0; nw > 0 && !strcmp(w[0], "guest") && i < nw; i++)
			if (!strncmp(w[i], "count=", 6) && ++counted)
				fprintf(f, "count=%llu ", strtoull(w[i] + 6, NULL, 0) * k);
			else    /* quoted again if it has blanks */
				fprintf(f, strpbrk(w[i], " \t") ? "\"%s\" " : "%s ", w[i]);
		if (nw > 0 && !strcmp(w[0], "guest"))
			fprintf(f, counted ? "\n" : "count=%u\n", k);
		else
			fprintf(f, "%s\n", line);
		free(line);
	}
	fclose(f);
	return out;
}

/* plot-vars.gp (the names plots.gp needs: the variants and policies with
 * finished runs, the guests the host samples), plots.gp, then gnuplot in
 * dir. 1 if the PNGs were made. */
static int make_plots(const char *dir, const struct scenario *s,
		      const struct recset *runs)
{
	char *data = datadir_find(), *script = path_join(data, "plots.gp"), *vars;
	char *lp = path_join(dir, "gnuplot.log"), *const argv[] = { "gnuplot", "plots.gp", NULL }, err[ZERR_MAX];
	int lfd = open(lp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644), st = -1;
	struct child_io io = { .dir = dir, .out_fd = lfd };
	size_t len;
	FILE *f = open_memstream(&vars, &len);
	pid_t pid;

	fprintf(f, "# plot-vars.gp - written by zcmm bench for plots.gp\nscenario = '%s'\nvariants = '", s->name);
	for (unsigned v = 0, n = 0; v < s->nvar; v++)
		if (bench_spread(runs, s->var[v].name, NULL, "wall_s").n)
			fprintf(f, "%s%s", n++ ? " " : "", s->var[v].name);
	for (unsigned v = 0, n = 0; v < s->nvar; v++) {
		if (!bench_spread(runs, s->var[v].name, NULL, "wall_s").n)
			continue;
		fprintf(f, "'\npolicies_%u = '", ++n);
		for (unsigned p = 0, k = 0; p < s->npol; p++)
			if (bench_spread(runs, s->var[v].name, s->pol[p].name, "wall_s").n)
				fprintf(f, "%s%s", k++ ? " " : "", s->pol[p].name);
	}
	fprintf(f, "'\nguests = '");
	for (unsigned g = 0; scenario_guest_plots(s) && g < s->fleet.n; g++)
		fprintf(f, "%s%s", g ? " " : "", s->fleet.g[g].name);
	fprintf(f, "'\n");
	fclose(f);
	write_text(dir, "plot-vars.gp", vars);
	if (copy_file(script, dir, "plots.gp", err) < 0)
		zerr("%s: no plots", err);
	else if (lfd < 0 || (pid = child_start(argv, &io, err)) < 0)
		zerr("%s: no plots (install the Debian package gnuplot-nox)",
		     lfd < 0 ? "cannot write gnuplot.log" : err);
	else if ((st = child_wait(pid)) != 0)
		zerr("gnuplot failed: see %s", lp);
	if (lfd >= 0)
		close(lfd);
	free(vars);
	free(lp);
	free(script);
	free(data);
	return st == 0;
}

/* The report from the runs: runs.tsv, then the summary from runs.tsv read
 * back (so --check can make it again), samples.tsv, plots. */
static void report(const char *dir, const struct scenario *s,
		   const struct recset *runs, const struct recset *samples,
		   const struct bench_opts *o)
{
	struct recset back;
	char err[ZERR_MAX], *p = path_join(dir, "runs.tsv"), *sum;
	int plots = 0;

	write_tsv(dir, "runs.tsv", runs);
	write_tsv(dir, "samples.tsv", samples);
	if (bench_read_runs(p, &back, err) < 0)
		zdie(ZX_USAGE, "%s", err);
	if (!o->no_plots && back.n)
		plots = make_plots(dir, s, &back);
	sum = bench_summary(s, &back, plots);
	write_text(dir, "summary.md", sum);
	printf("%s%s\nReport: %s (summary.md, runs.tsv, samples.tsv%s)\n",
	       o->quiet ? "" : "\n", sum, dir, plots ? ", *.png" : "");
	free(sum);
	free(p);
	recset_free(&back);
}

static int bench_check(const char *dir)
{
	struct scenario s;
	struct recset runs;
	char err[ZERR_MAX], *p = path_join(dir, "summary.md"), *want, *have;
	const char *a, *b;
	unsigned line = 1;
	int rc;

	load(dir, &s, &runs);
	if (!(have = read_text_file(p, err)))
		zdie(ZX_USAGE, "%s", err);
	want = bench_summary(&s, &runs, strstr(have, "\n## Plots\n") != NULL);
	for (a = want, b = have; *a && *a == *b; a++, b++)
		line += *a == '\n';
	if ((rc = *a || *b)) {
		while (a > want && a[-1] != '\n')
			a--;
		zerr("%s:%u: differs from what runs.tsv gives:", p, line);
		fprintf(stderr, "  from runs.tsv: %.*s\n", (int)strcspn(a, "\n"), a);
	} else
		printf("%s agrees with runs.tsv (%u runs): every figure recomputed\n", p, runs.n);
	free(p);
	free(want);
	free(have);
	recset_free(&runs);
	scenario_free(&s);
	return rc;
}

/* A word as the shell reads it back: quoted when it has to be. */
static void shell_word(const char *w)
{
	if (*w && !w[strspn(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+=./,:@%")]) {
		fputs(w, stdout);
		return;
	}
	putchar('\'');
	for (; *w; w++)
		fputs(*w == '\'' ? "'\\''" : (char[]){ *w, 0 }, stdout);
	putchar('\'');
}

/* --list: the self-contained command line of each run. */
static void list_runs(const struct bench_opts *o, const struct scenario *s,
		      const struct bench_job *jobs, unsigned n)
{
	char exe[4096], *scn = realpath(s->path, NULL), *cwd = realpath(".", NULL);
	char *rel = o->out ? xstrdup(o->out) : default_out(s, "-list");
	/* absolute paths: the runs may start anywhere */
	char *out = rel[0] == '/' || !cwd ? xstrdup(rel) : strf("%s/%s", cwd, rel);
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);

	exe[len > 0 ? len : 0] = 0;
	for (unsigned i = 0; i < n; i++) {
		const struct bench_job *j = &jobs[i];
		char *dir = strf("%s/%s-%s-r%u", out, s->var[j->v].name, s->pol[j->p].name, j->r);
		const char *w[] = { exe, "bench", scn ? scn : s->path, "--policies",
			s->pol[j->p].name, "--variants", s->var[j->v].name,
			"--repeat", "1", "--no-plots", "--quiet", "--out", dir,
			"--timeout", o->timeout, "--hercules", o->hercules };

		for (unsigned k = 0; k < sizeof w / sizeof w[0]; k++)
			if (k + 1 < sizeof w / sizeof w[0] && !w[k + 1] && w[k][0] == '-')
				k++;    /* an option not given: skip it and its value */
			else {
				fputs(k ? " " : "", stdout);
				shell_word(w[k]);
			}
		putchar('\n');
		free(dir);
	}
	free(scn);
	free(cwd);
	free(out);
	free(rel);
}

/* --collect DIR...: one report from the runs of several (--list runs'
 * reports of the same scenario); repeats numbered in order. */
static int bench_collect(const struct bench_opts *o, char **dirs, int ndirs)
{
	struct scenario s;
	struct recset runs = { 0 }, samples = { 0 };
	unsigned bad = 0;
	char *dir;

	load(dirs[0], &s, NULL);
	s.repeat = 1;
	for (int d = 0; d < ndirs; d++) {
		struct scenario s2;
		struct recset r;

		load(dirs[d], &s2, &r);
		scenario_free(&s2);
		for (unsigned i = 0; i < r.n; i++) {
			const struct rec *x = &r.r[i];
			const char *v = rec_get(x, "variant"), *pol = rec_get(x, "policy");
			unsigned rep = 1;
			char *res = strf("%s/runs/%s-%s-r%s.tsv", dirs[d], v, pol, rec_get(x, "repeat"));

			if (!scenario_arm(&s, 1, pol) || !scenario_arm(&s, 0, v))
				zdie(ZX_USAGE, "%s: policy %s, variant %s: not in the scenario of %s",
				     dirs[d], pol, v, dirs[0]);
			for (unsigned k = 0; k < runs.n; k++)
				rep += !strcmp(rec_get(&runs.r[k], "variant"), v) &&
				       !strcmp(rec_get(&runs.r[k], "policy"), pol);
			s.repeat = rep > s.repeat ? rep : s.repeat;
			bench_add_run(&s, &runs, &samples, v, pol, rep, atoi(rec_get(x, "exit")),
				      atof(rec_get(x, "wall_s")),
				      rec_get(x, "jobs") ? (unsigned)atoi(rec_get(x, "jobs")) : 1, res);
			bad += strcmp(rec_get(x, "exit"), "0") != 0;
			free(res);
		}
		recset_free(&r);
	}
	dir = o->out ? xstrdup(o->out) : default_out(&s, "-collected");
	mkdirs(dir);
	write_scenario(dir, &s, s.repeat, "--collect");
	report(dir, &s, &runs, &samples, o);
	recset_free(&runs);
	recset_free(&samples);
	free(dir);
	scenario_free(&s);
	return bad ? 1 : 0;
}

/* --dry-run: the runs as zcmm run command lines. */
static void dry_run(const struct scenario *s, const struct bench_job *jobs,
		    unsigned n)
{
	printf("scenario %s: %u guests, %llu MiB of guest storage, %u runs\n",
	       s->name, s->fleet.n, (unsigned long long)(s->guest_total / MiB), n);
	for (unsigned k = 0; k < n; k++) {
		const struct bench_arm *v = &s->var[jobs[k].v], *p = &s->pol[jobs[k].p];

		printf("run %u: variant %s, policy %s, repeat %u: zcmm run", k + 1,
		       v->name, p->name, jobs[k].r);
		for (int i = 0; i < v->nopt + p->nopt; i++)
			printf(" %s", i < v->nopt ? v->opt[i] : p->opt[i - v->nopt]);
		if (v->scale)
			printf(" FLEET(counts x%u)\n", v->scale);
		else
			printf(" FLEET\n");
	}
}

int cmd_bench(int argc, char **argv)
{
	struct bench_opts o = { .jobs = 1 };
	struct scenario s;
	struct recset runs = { 0 }, samples = { 0 };
	struct bench_job *jobs;
	unsigned total = 0, bad;
	char err[ZERR_MAX], *pos[64], *dir, **fleets;
	int npos, stop = 0;

	switch (opts_parse(bench_options, &o, argc, argv, pos, 64, &npos, NULL, err)) {
	case 1:
		bench_usage(stdout);
		return 0;
	case -1:
		zdie(ZX_USAGE, "%s", err);
	}
	if (o.collect && !npos)
		zdie(ZX_USAGE, "bench: --collect DIR...: which report directories?");
	if (o.collect)
		return bench_collect(&o, pos, npos);
	if (o.check)
		return bench_check(o.check);
	if (!npos)
		zdie(ZX_USAGE, "bench: which scenario? (zcmm bench bench/default.bench; see zcmm bench --help)");
	if (npos > 1)
		zdie(ZX_USAGE, "bench: one scenario only ('%s' is extra)", pos[1]);
	scenario_init(&s);
	if (scenario_parse_file(&s, pos[0], err) < 0)
		zdie(ZX_USAGE, "%s", err);
	check_list(o.policies, &s, 1);
	check_list(o.variants, &s, 0);
	if (o.repeat)
		s.repeat = o.repeat;
	/* the runs, in order: variant x repeat x policy, so that a change in
	 * the machine's load touches every policy alike */
	jobs = xmalloc((s.nvar * s.repeat * s.npol + 1) * sizeof *jobs);
	for (unsigned v = 0; v < s.nvar; v++)
		for (unsigned r = 1; r <= s.repeat; r++)
			for (unsigned p = 0; p < s.npol; p++)
				if (in_list(o.variants, s.var[v].name) &&
				    in_list(o.policies, s.pol[p].name))
					jobs[total++] = (struct bench_job){ .v = v, .p = p, .r = r };
	if (o.list)
		list_runs(&o, &s, jobs, total);
	else if (o.dry_run)
		dry_run(&s, jobs, total);
	if (o.list || o.dry_run) {
		free(jobs);
		scenario_free(&s);
		return 0;
	}
	dir = o.out ? xstrdup(o.out) : default_out(&s, "");
	fleets = xmalloc(s.nvar * sizeof *fleets);
	mkdirs(fleets[0] = path_join(dir, "runs"));
	free(fleets[0]);
	/* the scenario as run (a command-line repeat appended) and its fleets */
	write_scenario(dir, &s, o.repeat, "--repeat");
	write_text(dir, "fleet.conf", s.fleet_text);
	for (unsigned v = 0; v < s.nvar; v++) {
		char *name = s.var[v].scale ? strf("fleet-%s.conf", s.var[v].name) : xstrdup("fleet.conf");
		char *text = s.var[v].scale ? scale_fleet(s.fleet_text, s.var[v].scale) : NULL;

		if (text)
			write_text(dir, name, text);
		fleets[v] = path_join(dir, name);
		free(name);
		free(text);
	}
	if (!o.quiet)
		printf("zcmm bench %s: %u runs (%u polic%s x %u variant%s x %u repeat%s, %u at once), report in %s\n",
		       s.name, total, s.npol, s.npol == 1 ? "y" : "ies", s.nvar,
		       s.nvar == 1 ? "" : "s", s.repeat, s.repeat == 1 ? "" : "s",
		       o.jobs, dir);
	bad = bench_run_all(&o, &s, dir, fleets, jobs, total, &runs, &samples, &stop);
	report(dir, &s, &runs, &samples, &o);
	for (unsigned v = 0; v < s.nvar; v++)
		free(fleets[v]);
	free(fleets);
	free(jobs);
	free(dir);
	recset_free(&runs);
	recset_free(&samples);
	scenario_free(&s);
	return stop ? ZX_SIGNAL : bad ? 1 : 0;
}
