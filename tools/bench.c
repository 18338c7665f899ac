/* bench.c - `zcmm bench SCENARIO`: runs every variant x repeat x policy
 * of a scenario as a child `zcmm run` of the same fleet (the same binary),
 * times each on the wall clock, collects its total and sample records,
 * and writes the report directory: runs.tsv, samples.tsv, summary.md
 * (made from runs.tsv read back, so --check can make it again), the
 * gnuplot script and its PNGs, and every run's log and results. */
#define _GNU_SOURCE
#include "tools/bench.h"
#include "tools/benchplot.h"
#include "tools/benchrun.h"
#include "tools/opts.h"
#include "tools/hercules.h"
#include "tools/util.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>



static int check_secs(void *obj, const char *v, void *ctx, char *why)
{
	uint64_t us;

	if (parse_ms_us(v, &us) < 0)
		return -1;
	((struct bench_opts *)obj)->timeout = v;
	return 0;
}

#define B(f) offsetof(struct bench_opts, f)

static const struct opt bench_opts_table[] = {
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

const struct opt *bench_options(void)
{
	return bench_opts_table;
}

static void bench_usage(FILE *out)
{
	fputs(
"usage: zcmm bench [OPTIONS] SCENARIO\n"
"       zcmm bench --check DIR\n"
"       zcmm bench --list [--out DIR] SCENARIO\n"
"       zcmm bench --collect [--out DIR] DIR...\n"
"Run every policy of a scenario (docs/bench.md) on the same fleet, one run\n"
"after another (variant x repeat x policy), and write a report directory:\n"
"runs.tsv (one row per run), samples.tsv (page states over time), summary.md\n"
"(medians, min-max over repeats, ratios against the policy `none`, targets)\n"
"and PNG plots (gnuplot). The summary is printed at the end.\n"
"\n", out);
	opts_help(bench_opts_table, out);
	fputs(
"\n"
"Exit status: 0 every run finished with status 0; 1 some did not (the\n"
"report is written, without them); 2 usage or scenario error; 130\n"
"interrupted.\n", out);
}

double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int in_list(const char *list, const char *name)
{
	size_t len = strlen(name);

	if (!list)
		return 1;
	for (const char *p = list; *p;) {
		size_t k = strcspn(p, ",");

		if (k == len && !strncmp(p, name, len))
			return 1;
		p += k + (p[k] == ',');
	}
	return 0;
}

static void list_check(const char *list, const struct scenario *s, int pol)
{
	char name[64];

	if (!list)
		return;
	for (const char *p = list; *p;) {
		size_t k = strcspn(p, ",");

		snprintf(name, sizeof name, "%.*s", (int)k, p);
		if (pol ? !scenario_policy(s, name) : !scenario_variant(s, name))
			zdie(ZX_USAGE, "--%s: no %s '%s' in %s", pol ? "policies" : "variants",
			     pol ? "policy" : "variant", name, s->path);
		p += k + (p[k] == ',');
	}
}

static int mkdirs(const char *path)
{
	char *p = xstrdup(path);

	for (char *q = p + 1; *q; q++)
		if (*q == '/') {
			*q = 0;
			if (mkdir(p, 0755) < 0 && errno != EEXIST) {
				free(p);
				return -1;
			}
			*q = '/';
		}
	free(p);
	return mkdir(path, 0755) < 0 && errno != EEXIST ? -1 : 0;
}

static void write_text_file(const char *dir, const char *name, const char *text)
{
	char *p = path_join(dir, name);
	FILE *fp = fopen(p, "w");

	if (!fp || fputs(text, fp) < 0 || fclose(fp) != 0)
		zdie(ZX_USAGE, "cannot write %s: %s", p, strerror(errno));
	free(p);
}

static char *self_exe(void)
{
	char buf[4096];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);

	if (n <= 0)
		zdie(ZX_USAGE, "cannot find my own program (/proc/self/exe)");
	buf[n] = 0;
	return xstrdup(buf);
}

/* The fleet text with every guest line's count= times k (a line without
 * count= gets count=k). malloc'd. */
static char *scale_fleet(const char *text, unsigned k)
{
	size_t cap = strlen(text) * 2 + 1024, used = 0;
	char *out = xmalloc(cap);

	out[0] = 0;
	while (*text) {
		size_t len = strcspn(text, "\n");
		char *line = xmalloc(len + 1), *w, *save = NULL, *hash;
		int guest = 0, counted = 0;
		char buf[4096];
		size_t bl = 0;

		memcpy(line, text, len);
		line[len] = 0;
		if ((hash = strchr(line, '#')))
			*hash = 0;
		buf[0] = 0;
		for (w = strtok_r(line, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
			if (!bl && !strcmp(w, "guest"))
				guest = 1;
			if (guest && !strncmp(w, "count=", 6)) {
				bl += (size_t)snprintf(buf + bl, sizeof buf - bl, "%scount=%llu",
						       bl ? " " : "",
						       strtoull(w + 6, NULL, 0) * k);
				counted = 1;
			} else
				bl += (size_t)snprintf(buf + bl, sizeof buf - bl, "%s%s",
						       bl ? " " : "", w);
			if (bl >= sizeof buf)
				bl = sizeof buf - 1;
		}
		if (guest && !counted)
			bl += (size_t)snprintf(buf + bl, sizeof buf - bl, " count=%u", k);
		if (used + strlen(buf) + 2 > cap)
			out = xrealloc(out, cap = cap * 2 + strlen(buf) + 2);
		used += (size_t)sprintf(out + used, "%s\n", guest ? buf : "");
		free(line);
		text += len + (text[len] == '\n');
	}
	return out;
}

/* --- --check ------------------------------------------------------- */

static int bench_check(const char *dir)
{
	struct scenario s;
	struct bench_run *runs;
	unsigned n;
	char err[ZERR_MAX], *p, *want, *have = NULL;
	size_t cap = 0;
	FILE *fp;
	int plots, rc = 0;

	scenario_init(&s);
	p = path_join(dir, "scenario.bench");
	if (scenario_parse_file(&s, p, err) < 0)
		zdie(ZX_USAGE, "%s", err);
	free(p);
	p = path_join(dir, "runs.tsv");
	if (bench_read_runs(p, &runs, &n, err) < 0)
		zdie(ZX_USAGE, "%s", err);
	free(p);
	p = path_join(dir, "summary.md");
	if (!(fp = fopen(p, "r")))
		zdie(ZX_USAGE, "%s: %s", p, strerror(errno));
	if (getdelim(&have, &cap, 0, fp) < 0)
		have = xstrdup("");
	fclose(fp);
	plots = strstr(have, "\n## Plots\n") != NULL;
	want = bench_summary(&s, runs, n, plots);
	if (strcmp(want, have)) {
		unsigned line = 1;
		const char *a = want, *b = have;

		while (*a && *a == *b) {
			line += *a == '\n';
			a++, b++;
		}
		zerr("%s:%u: differs from what runs.tsv gives:", p, line);
		while (a > want && a[-1] != '\n')
			a--;
		fprintf(stderr, "  from runs.tsv: %.*s\n", (int)strcspn(a, "\n"), a);
		rc = 1;
	} else
		printf("%s agrees with runs.tsv (%u runs): every figure recomputed\n", p, n);
	free(p);
	free(want);
	free(have);
	for (unsigned i = 0; i < n; i++)
		bench_run_free(&runs[i]);
	free(runs);
	scenario_free(&s);
	return rc;
}

/* --- main ---------------------------------------------------------- */

/* 0, or exits: 0 after --help, ZX_USAGE with one line on an error. */
static void parse_opts(struct bench_opts *o, int argc, char **argv)
{
	char err[ZERR_MAX], *pos[64];
	int npos;

	memset(o, 0, sizeof *o);
	o->jobs = 1;
	switch (opts_parse(bench_opts_table, o, argc, argv, pos, 64, &npos, NULL, err)) {
	case 1:
		bench_usage(stdout);
		exit(0);
	case -1:
		zdie(ZX_USAGE, "%s", err);
	}
	if (o->collect) {
		if (!npos)
			zdie(ZX_USAGE, "bench: --collect DIR...: which report directories?");
		memcpy(o->dirs, pos, (size_t)npos * sizeof *pos);
		o->ndirs = npos;
		return;
	}
	if (npos > 1)
		zdie(ZX_USAGE, "bench: one scenario only ('%s' is extra)", pos[1]);
	if (npos)
		o->scenario = pos[0];
	if (!o->scenario && !o->check)
		zdie(ZX_USAGE, "bench: which scenario? (zcmm bench bench/default.bench; see zcmm bench --help)");
}

/* The report from the runs: runs.tsv, then the summary from runs.tsv read
 * back (so --check can make it again), samples.tsv, plots. */
static void report(const char *dir, const struct scenario *s,
		   struct bench_run *runs, unsigned nruns, struct sample *sm,
		   unsigned ns, const struct bench_opts *o)
{
	struct bench_run *back = NULL;
	unsigned nback = 0;
	char err[ZERR_MAX], *p = path_join(dir, "runs.tsv"), *sum;
	FILE *fp = fopen(p, "w");
	int plots = 0;

	if (!fp || bench_write_runs(s, runs, nruns, fp) < 0 || fclose(fp) != 0)
		zdie(ZX_USAGE, "cannot write %s: %s", p, strerror(errno));
	if (bench_read_runs(p, &back, &nback, err) < 0)
		zdie(ZX_USAGE, "%s", err);
	free(p);
	write_samples(dir, runs, sm, ns);
	if (!o->no_plots && nback) {
		char *data = datadir_find(), *script = path_join(data, "plots.gp");

		plots = make_plots(dir, s, back, nback, sm, ns, script) == 0;
		free(script);
		free(data);
	}
	sum = bench_summary(s, back, nback, plots);
	write_text_file(dir, "summary.md", sum);
	if (!o->quiet)
		printf("\n");
	fputs(sum, stdout);
	printf("\nReport: %s (summary.md, runs.tsv, samples.tsv%s)\n", dir,
	       plots ? ", *.png" : "");
	free(sum);
	for (unsigned i = 0; i < nback; i++)
		bench_run_free(&back[i]);
	free(back);
}

static char *default_out(const struct scenario *s, const char *what)
{
	char stamp[32], name[200];
	time_t t = time(NULL);

	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime(&t));
	snprintf(name, sizeof name, "bench-results/%s%s-%s", s->name, what, stamp);
	return xstrdup(name);
}

/* The scenario as run: its text without what an earlier zcmm bench
 * added, then its name and the repeats. */
static char *scenario_as_run(const struct scenario *s, unsigned repeat,
			     const char *why)
{
	const char *cut = strstr(s->text, "# --- added by zcmm bench ---\n");
	size_t keep = cut ? (size_t)(cut - s->text) : strlen(s->text);
	size_t len = keep + 200;
	char *text = xmalloc(len);

	snprintf(text, len, "%.*s# --- added by zcmm bench ---\nname %s\n",
		 (int)keep, s->text, s->name);
	if (repeat)
		snprintf(text + strlen(text), len - strlen(text),
			 "repeat %u    # %s\n", repeat, why);
	return text;
}

/* One planned run. */
struct job {
	unsigned v, p, r;
	pid_t pid;
	int fd;                 /* the worker's wall time comes here */
	unsigned run;           /* index in runs[] */
	double t0;
};

/* A worker process for one run: zcmm run (again if Hercules crashed),
 * its wall time on fd, its exit status as the worker's. */
static pid_t start_job(struct runctx c, struct job *j, char *const *vfleets)
{
	const struct scenario *s = c.s;
	const struct bench_arm *va = &s->var[j->v], *po = &s->pol[j->p];
	char tag[128], base[160], b2[200], *res, *logp;
	int pfd[2];
	pid_t pid;

	snprintf(tag, sizeof tag, "%s%s%s r%u", s->nvar > 1 ? va->name : "",
		 s->nvar > 1 ? " " : "", po->name, j->r);
	snprintf(base, sizeof base, "runs/%s-%s-r%u", va->name, po->name, j->r);
	snprintf(b2, sizeof b2, "%s.tsv", base);
	res = path_join(c.dir, b2);
	snprintf(b2, sizeof b2, "%s.log", base);
	logp = path_join(c.dir, b2);
	c.vfleet = vfleets[j->v];
	if (pipe(pfd) < 0)
		zdie(ZX_USAGE, "pipe: %s", strerror(errno));
	show(&c, tag, "starting");
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		zdie(ZX_USAGE, "fork: %s", strerror(errno));
	if (pid == 0) {
		double wall = 0;
		int st;

		close(pfd[0]);
		/* Hercules 3.13 crashes now and then (zcmm run --retries);
		 * the bench retries itself so that only the attempt that
		 * finished is timed */
		for (int attempt = 1; ; attempt++) {
			double t0 = now_s();

			unlink(res);
			st = child_run(&c, va, po, res, logp, tag);
			wall = now_s() - t0;
			if (st != ZX_HERCULES || attempt > BENCH_RETRIES)
				break;
			fprintf(stderr, "%s  [%s] Hercules crashed or ended early (zcmm run exit 3, see %s): running it again (attempt %d of %d)\n",
				c.tty && !c.silent && !c.o->quiet ? "\r\033[K" : "",
				tag, logp, attempt + 1, BENCH_RETRIES + 1);
		}
		if (write(pfd[1], &wall, sizeof wall) < 0)
			_exit(2);
		_exit(st & 255);
	}
	close(pfd[1]);
	j->fd = pfd[0];
	j->pid = pid;
	free(res);
	free(logp);
	return pid;
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
		if (*w == '\'')
			fputs("'\\''", stdout);
		else
			putchar(*w);
	putchar('\'');
}

/* The self-contained command line of each run (--list). */
static void list_runs(const struct bench_opts *o, const struct scenario *s,
		      const struct job *jobs, unsigned n)
{
	char *exe = self_exe(), *scn = realpath(s->path, NULL), *abs = NULL;
	char *out = o->out ? xstrdup(o->out) : default_out(s, "-list");

	if (out[0] != '/') {            /* the runs may start anywhere */
		char cwd[4096];

		if (getcwd(cwd, sizeof cwd)) {
			abs = path_join(cwd, out);
			free(out);
			out = abs;
		}
	}
	for (unsigned i = 0; i < n; i++) {
		const struct job *j = &jobs[i];
		char dir[4200];
		const char *w[] = { exe, "bench", scn ? scn : s->path, "--policies",
			s->pol[j->p].name, "--variants", s->var[j->v].name,
			"--repeat", "1", "--no-plots", "--quiet", "--out", dir,
			o->timeout ? "--timeout" : NULL, o->timeout,
			o->hercules ? "--hercules" : NULL, o->hercules };

		snprintf(dir, sizeof dir, "%s/%s-%s-r%u", out, s->var[j->v].name,
			 s->pol[j->p].name, j->r);
		for (unsigned k = 0; k < sizeof w / sizeof w[0]; k++) {
			if (!w[k]) {
				k++;    /* an option not given: skip it and its value */
				continue;
			}
			if (k)
				putchar(' ');
			shell_word(w[k]);
		}
		putchar('\n');
	}
	free(exe);
	free(scn);
	free(out);
}

/* --collect DIR...: one report from the runs of several (--list runs'
 * reports of the same scenario); repeats numbered in order. */
static int bench_collect(const struct bench_opts *o)
{
	struct scenario s;
	struct bench_run *runs = NULL;
	struct sample *sm = NULL;
	unsigned nruns = 0, ns = 0, maxrep = 1, bad = 0;
	char err[ZERR_MAX], *p, *dir, *text;

	scenario_init(&s);
	p = path_join(o->dirs[0], "scenario.bench");
	if (scenario_parse_file(&s, p, err) < 0)
		zdie(ZX_USAGE, "%s", err);
	free(p);
	for (int d = 0; d < o->ndirs; d++) {
		struct bench_run *r = NULL;
		unsigned n = 0;

		p = path_join(o->dirs[d], "runs.tsv");
		if (bench_read_runs(p, &r, &n, err) < 0)
			zdie(ZX_USAGE, "%s", err);
		free(p);
		for (unsigned i = 0; i < n; i++) {
			struct bench_run *x = &r[i], dummy;
			unsigned rep = 1;
			char b[200];

			if (!scenario_policy(&s, x->policy) || !scenario_variant(&s, x->variant))
				zdie(ZX_USAGE, "%s: policy %s, variant %s: not in the scenario of %s",
				     o->dirs[d], x->policy, x->variant, o->dirs[0]);
			snprintf(b, sizeof b, "runs/%s-%s-r%u.tsv", x->variant, x->policy, x->repeat);
			for (unsigned k = 0; k < nruns; k++)
				rep += !strcmp(runs[k].variant, x->variant) &&
				       !strcmp(runs[k].policy, x->policy);
			x->repeat = rep;
			maxrep = rep > maxrep ? rep : maxrep;
			memset(&dummy, 0, sizeof dummy);
			p = path_join(o->dirs[d], b);
			if (x->status == 0)
				read_results(p, &dummy, nruns, &sm, &ns);
			free(p);
			bench_run_free(&dummy);
			bad += x->status != 0;
			runs = xrealloc(runs, (nruns + 1) * sizeof *runs);
			runs[nruns++] = *x;
		}
		free(r);
	}
	s.repeat = maxrep;
	dir = o->out ? xstrdup(o->out) : default_out(&s, "-collected");
	if (mkdirs(dir) < 0)
		zdie(ZX_USAGE, "cannot make %s: %s", dir, strerror(errno));
	text = scenario_as_run(&s, maxrep, "--collect");
	write_text_file(dir, "scenario.bench", text);
	free(text);
	report(dir, &s, runs, nruns, sm, ns, o);
	for (unsigned i = 0; i < nruns; i++)
		bench_run_free(&runs[i]);
	free(runs);
	free(sm);
	free(dir);
	scenario_free(&s);
	return bad ? 1 : 0;
}

int cmd_bench(int argc, char **argv)
{
	struct bench_opts o;
	struct scenario s;
	struct bench_run *runs = NULL;
	struct sample *sm = NULL;
	struct job *jobs = NULL;
	unsigned nruns = 0, ns = 0, total = 0, bad = 0, next = 0, running = 0;
	char err[ZERR_MAX], *dir, *fleet, *exe, *text, **vfleets, jobs_s[16];
	struct runctx c;
	int stop = 0;

	parse_opts(&o, argc, argv);
	if (o.check)
		return bench_check(o.check);
	if (o.collect)
		return bench_collect(&o);
	scenario_init(&s);
	if (scenario_parse_file(&s, o.scenario, err) < 0)
		zdie(ZX_USAGE, "%s", err);
	list_check(o.policies, &s, 1);
	list_check(o.variants, &s, 0);
	if (o.repeat)
		s.repeat = o.repeat;
	/* the runs, in order: variant x repeat x policy */
	for (unsigned v = 0; v < s.nvar; v++)
		for (unsigned r = 1; r <= s.repeat; r++)
			for (unsigned p = 0; p < s.npol; p++) {
				if (!in_list(o.variants, s.var[v].name) ||
				    !in_list(o.policies, s.pol[p].name))
					continue;
				jobs = xrealloc(jobs, (total + 1) * sizeof *jobs);
				memset(&jobs[total], 0, sizeof *jobs);
				jobs[total].v = v;
				jobs[total].p = p;
				jobs[total++].r = r;
			}
	if (o.list) {
		list_runs(&o, &s, jobs, total);
		free(jobs);
		scenario_free(&s);
		return 0;
	}
	if (o.dry_run) {
		printf("scenario %s: %u guests, %llu MiB of guest storage, %u runs\n",
		       s.name, s.fleet.n, (unsigned long long)(s.guest_total / MiB), total);
		for (unsigned k = 0; k < total; k++) {
			const struct job *j = &jobs[k];

			printf("run %u: variant %s, policy %s, repeat %u: zcmm run",
			       k + 1, s.var[j->v].name, s.pol[j->p].name, j->r);
			for (int q = 0; q < 2; q++) {
				const struct bench_arm *a = q ? &s.pol[j->p] : &s.var[j->v];

				for (unsigned i = 0; i < a->nset; i++)
					printf(" --%s%s%s", a->set[i].key,
					       a->set[i].val ? " " : "",
					       a->set[i].val ? a->set[i].val : "");
			}
			if (s.var[j->v].scale > 1)
				printf(" FLEET(counts x%u)\n", s.var[j->v].scale);
			else
				printf(" FLEET\n");
		}
		free(jobs);
		scenario_free(&s);
		return 0;
	}

	dir = o.out ? xstrdup(o.out) : default_out(&s, "");
	if (mkdirs(dir) < 0)
		zdie(ZX_USAGE, "cannot make %s: %s", dir, strerror(errno));
	{
		char *logs = path_join(dir, "runs");

		if (mkdirs(logs) < 0)
			zdie(ZX_USAGE, "cannot make %s: %s", logs, strerror(errno));
		free(logs);
	}
	/* the scenario as run (command-line repeat appended) and its fleet */
	text = scenario_as_run(&s, o.repeat, "--repeat");
	write_text_file(dir, "scenario.bench", text);
	free(text);
	write_text_file(dir, "fleet.conf", s.fleet_text);
	fleet = path_join(dir, "fleet.conf");
	vfleets = xmalloc((s.nvar + 1) * sizeof *vfleets);
	for (unsigned v = 0; v < s.nvar; v++) {
		char nm[80], *t;

		vfleets[v] = NULL;
		if (s.var[v].scale <= 1)
			continue;
		t = scale_fleet(s.fleet_text, s.var[v].scale);
		snprintf(nm, sizeof nm, "fleet-%s.conf", s.var[v].name);
		write_text_file(dir, nm, t);
		free(t);
		vfleets[v] = path_join(dir, nm);
	}
	exe = self_exe();

	memset(&c, 0, sizeof c);
	c.o = &o;
	c.s = &s;
	c.dir = dir;
	c.exe = exe;
	c.fleet = fleet;
	c.total = total;
	c.t_bench = now_s();
	c.tty = isatty(1);
	c.silent = o.jobs > 1;          /* one line per run started and ended */
	snprintf(jobs_s, sizeof jobs_s, "%u", o.jobs);
	signal(SIGINT, SIG_IGN);        /* the child (same group) gets it */
	if (!o.quiet)
		printf("zcmm bench %s: %u runs (%u polic%s x %u variant%s x %u repeat%s, %u at once), report in %s\n",
		       s.name, total, s.npol, s.npol == 1 ? "y" : "ies", s.nvar,
		       s.nvar == 1 ? "" : "s", s.repeat, s.repeat == 1 ? "" : "s",
		       o.jobs, dir);
	runs = xmalloc((total + 1) * sizeof *runs);
	while (next < total || running) {
		struct job *j = NULL;
		struct bench_run *run;
		char msg[200], tag[128];
		int st;
		pid_t pid;

		if (next < total && running < o.jobs && !stop) {
			c.idx = next;
			jobs[next].t0 = now_s();
			start_job(c, &jobs[next++], vfleets);
			running++;
			continue;
		}
		if (!running)
			break;
		while ((pid = waitpid(-1, &st, 0)) < 0 && errno == EINTR)
			;
		if (pid < 0)
			break;
		for (unsigned k = 0; k < next; k++)
			if (jobs[k].pid == pid)
				j = &jobs[k];
		if (!j)
			continue;
		running--;
		run = &runs[nruns];
		memset(run, 0, sizeof *run);
		snprintf(run->variant, sizeof run->variant, "%s", s.var[j->v].name);
		snprintf(run->policy, sizeof run->policy, "%s", s.pol[j->p].name);
		run->repeat = j->r;
		run->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
		if (read(j->fd, &run->wall_s, sizeof run->wall_s) != sizeof run->wall_s)
			run->wall_s = now_s() - j->t0;
		close(j->fd);
		if (run->status == 0) {
			char b[200], *res;

			snprintf(b, sizeof b, "runs/%s-%s-r%u.tsv", run->variant, run->policy, run->repeat);
			res = path_join(dir, b);
			read_results(res, run, nruns, &sm, &ns);
			free(res);
			bench_run_set(run, "jobs", jobs_s);
		} else {
			bad++;
			if (run->status == ZX_SIGNAL || run->status == 128 + SIGINT)
				stop = 1;
		}
		nruns++;
		snprintf(tag, sizeof tag, "%s%s%s r%u", s.nvar > 1 ? run->variant : "",
			 s.nvar > 1 ? " " : "", run->policy, run->repeat);
		snprintf(msg, sizeof msg, "done in %.1f s, exit %d, throughput %.0f work/s",
			 run->wall_s, run->status, bench_metric(run, "throughput"));
		c.idx = (unsigned)(j - jobs);
		c.silent = 0;
		show(&c, tag, msg);
		c.silent = o.jobs > 1;
		if (c.tty && !o.quiet)
			printf("\n");
	}
	report(dir, &s, runs, nruns, sm, ns, &o);
	for (unsigned i = 0; i < nruns; i++)
		bench_run_free(&runs[i]);
	for (unsigned v = 0; v < s.nvar; v++)
		free(vfleets[v]);
	free(vfleets);
	free(jobs);
	free(runs);
	free(sm);
	free(fleet);
	free(exe);
	free(dir);
	scenario_free(&s);
	if (stop)
		return ZX_SIGNAL;
	return bad ? 1 : 0;
}
