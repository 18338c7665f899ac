/* bench.c - `zcmm bench SCENARIO`: runs every variant x repeat x policy
 * of a scenario as a child `zcmm run` of the same fleet (the same binary),
 * times each on the wall clock, collects its total and sample records,
 * and writes the report directory: runs.csv, samples.csv, summary.md
 * (made from runs.csv read back, so --check can make it again), the
 * gnuplot script and its PNGs, and every run's log and results. */
#define _GNU_SOURCE
#include "tools/bench.h"
#include "tools/benchplot.h"
#include "tools/benchrun.h"
#include "tools/opts.h"
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
	  .help = "make summary.md again from DIR/runs.csv and\nDIR/scenario.bench and compare: exit 0 if the same" },
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
"Run every policy of a scenario (docs/bench.md) on the same fleet, one run\n"
"after another (variant x repeat x policy), and write a report directory:\n"
"runs.csv (one row per run), samples.csv (page states over time), summary.md\n"
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
	p = path_join(dir, "runs.csv");
	if (bench_read_runs_csv(p, &runs, &n, err) < 0)
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
		zerr("%s:%u: differs from what runs.csv gives:", p, line);
		while (a > want && a[-1] != '\n')
			a--;
		fprintf(stderr, "  from runs.csv: %.*s\n", (int)strcspn(a, "\n"), a);
		rc = 1;
	} else
		printf("%s agrees with runs.csv (%u runs): every figure recomputed\n", p, n);
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
	char err[ZERR_MAX], *pos[1];
	int npos;

	memset(o, 0, sizeof *o);
	switch (opts_parse(bench_opts_table, o, argc, argv, pos, 1, &npos, NULL, err)) {
	case 1:
		bench_usage(stdout);
		exit(0);
	case -1:
		zdie(ZX_USAGE, "%s", err);
	}
	if (npos)
		o->scenario = pos[0];
	if (!o->scenario && !o->check)
		zdie(ZX_USAGE, "bench: which scenario? (zcmm bench bench/default.bench; see zcmm bench --help)");
}

int cmd_bench(int argc, char **argv)
{
	struct bench_opts o;
	struct scenario s;
	struct bench_run *runs = NULL, *back = NULL;
	struct sample *sm = NULL;
	unsigned nruns = 0, ns = 0, nback = 0, total = 0, bad = 0;
	char err[ZERR_MAX], *dir, *fleet, *exe, *text;
	struct runctx c;
	int plots = 0, stop = 0;
	char *vfleet = NULL;

	parse_opts(&o, argc, argv);
	if (o.check)
		return bench_check(o.check);
	scenario_init(&s);
	if (scenario_parse_file(&s, o.scenario, err) < 0)
		zdie(ZX_USAGE, "%s", err);
	list_check(o.policies, &s, 1);
	list_check(o.variants, &s, 0);
	if (o.repeat)
		s.repeat = o.repeat;
	for (unsigned v = 0; v < s.nvar; v++)
		for (unsigned p = 0; p < s.npol; p++)
			total += in_list(o.variants, s.var[v].name) &&
				 in_list(o.policies, s.pol[p].name);
	total *= s.repeat;
	if (o.dry_run) {
		unsigned k = 0;

		printf("scenario %s: %u guests, %llu MiB of guest storage, %u runs\n",
		       s.name, s.fleet.n, (unsigned long long)(s.guest_total / MiB), total);
		for (unsigned v = 0; v < s.nvar; v++)
			for (unsigned r = 1; r <= s.repeat; r++)
				for (unsigned p = 0; p < s.npol; p++) {
					if (!in_list(o.variants, s.var[v].name) ||
					    !in_list(o.policies, s.pol[p].name))
						continue;
					printf("run %u: variant %s, policy %s, repeat %u: zcmm run",
					       ++k, s.var[v].name, s.pol[p].name, r);
					for (int q = 0; q < 2; q++) {
						const struct bench_arm *a = q ? &s.pol[p] : &s.var[v];

						for (unsigned i = 0; i < a->nset; i++)
							printf(" --%s%s%s", a->set[i].key,
							       a->set[i].val ? " " : "",
							       a->set[i].val ? a->set[i].val : "");
					}
					if (s.var[v].scale > 1)
						printf(" FLEET(counts x%u)\n", s.var[v].scale);
					else
						printf(" FLEET\n");
				}
		scenario_free(&s);
		return 0;
	}

	if (o.out)
		dir = xstrdup(o.out);
	else {
		char stamp[32], name[200];
		time_t t = time(NULL);

		strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime(&t));
		snprintf(name, sizeof name, "bench-results/%s-%s", s.name, stamp);
		dir = xstrdup(name);
	}
	if (mkdirs(dir) < 0)
		zdie(ZX_USAGE, "cannot make %s: %s", dir, strerror(errno));
	{
		char *logs = path_join(dir, "runs");

		if (mkdirs(logs) < 0)
			zdie(ZX_USAGE, "cannot make %s: %s", logs, strerror(errno));
		free(logs);
	}
	/* the scenario as run (command-line repeat appended) and its fleet */
	{
		size_t len = strlen(s.text) + 200;

		text = xmalloc(len);
		snprintf(text, len, "%s# --- added by zcmm bench ---\nname %s\n", s.text, s.name);
		if (o.repeat)
			snprintf(text + strlen(text), len - strlen(text),
				 "repeat %u    # --repeat\n", o.repeat);
	}
	write_text_file(dir, "scenario.bench", text);
	free(text);
	write_text_file(dir, "fleet.conf", s.fleet_text);
	fleet = path_join(dir, "fleet.conf");
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
	signal(SIGINT, SIG_IGN);        /* the child (same group) gets it */
	if (!o.quiet)
		printf("zcmm bench %s: %u runs (%u polic%s x %u variant%s x %u repeat%s), report in %s\n",
		       s.name, total, s.npol, s.npol == 1 ? "y" : "ies", s.nvar,
		       s.nvar == 1 ? "" : "s", s.repeat, s.repeat == 1 ? "" : "s", dir);
	for (unsigned v = 0; v < s.nvar && !stop; v++, free(vfleet), vfleet = NULL)
		for (unsigned r = 1; r <= s.repeat && !stop; r++)
			for (unsigned p = 0; p < s.npol && !stop; p++) {
				const struct bench_arm *va = &s.var[v], *po = &s.pol[p];
				char tag[128], base[160], *res, *logp, msg[200];
				struct bench_run *run;
				double t0;

				if (!in_list(o.variants, va->name) || !in_list(o.policies, po->name))
					continue;
				if (va->scale > 1 && !vfleet) {
					char nm[80], *t = scale_fleet(s.fleet_text, va->scale);

					snprintf(nm, sizeof nm, "fleet-%s.conf", va->name);
					write_text_file(dir, nm, t);
					free(t);
					vfleet = path_join(dir, nm);
					c.vfleet = vfleet;
				}
				snprintf(tag, sizeof tag, "%s%s%s r%u", s.nvar > 1 ? va->name : "",
					 s.nvar > 1 ? " " : "", po->name, r);
				snprintf(base, sizeof base, "runs/%s-%s-r%u", va->name, po->name, r);
				{
					char b2[200];

					snprintf(b2, sizeof b2, "%s.tsv", base);
					res = path_join(dir, b2);
					snprintf(b2, sizeof b2, "%s.log", base);
					logp = path_join(dir, b2);
				}
				runs = xrealloc(runs, (nruns + 1) * sizeof *runs);
				run = &runs[nruns];
				memset(run, 0, sizeof *run);
				snprintf(run->variant, sizeof run->variant, "%s", va->name);
				snprintf(run->policy, sizeof run->policy, "%s", po->name);
				run->repeat = r;
				show(&c, tag, "starting");
				/* Hercules 3.13 crashes now and then (zcmm run --retries);
				 * the bench retries itself so that only the attempt that
				 * finished is timed */
				for (int attempt = 1; ; attempt++) {
					unlink(res);
					t0 = now_s();
					run->status = child_run(&c, va, po, res, logp, tag);
					run->wall_s = now_s() - t0;
					if (run->status != ZX_HERCULES || attempt > BENCH_RETRIES)
						break;
					if (c.tty && !o.quiet)
						printf("\r\033[K");
					fprintf(stderr, "  [%s] Hercules crashed or ended early (zcmm run exit 3, see %s): running it again (attempt %d of %d)\n",
						tag, logp, attempt + 1, BENCH_RETRIES + 1);
				}
				if (run->status == 0)
					read_results(res, run, nruns, &sm, &ns);
				else {
					bad++;
					if (run->status == ZX_SIGNAL || run->status == 128 + SIGINT)
						stop = 1;
				}
				nruns++;
				snprintf(msg, sizeof msg, "done in %.1f s, exit %d, throughput %.0f work/s",
					 run->wall_s, run->status, bench_metric(run, "throughput"));
				show(&c, tag, msg);
				c.idx++;
				if (c.tty && !o.quiet)
					printf("\n");
				free(res);
				free(logp);
			}

	/* runs.csv, then the summary from runs.csv read back */
	{
		char *p = path_join(dir, "runs.csv");
		FILE *fp = fopen(p, "w");

		if (!fp || bench_write_runs_csv(&s, runs, nruns, fp) < 0 || fclose(fp) != 0)
			zdie(ZX_USAGE, "cannot write %s: %s", p, strerror(errno));
		if (bench_read_runs_csv(p, &back, &nback, err) < 0)
			zdie(ZX_USAGE, "%s", err);
		free(p);
	}
	write_samples_csv(dir, runs, sm, ns);
	if (!o.no_plots && nback)
		plots = make_plots(dir, &s, back, nback, sm, ns) == 0;
	{
		char *sum = bench_summary(&s, back, nback, plots);

		write_text_file(dir, "summary.md", sum);
		if (!o.quiet)
			printf("\n");
		fputs(sum, stdout);
		printf("\nReport: %s (summary.md, runs.csv, samples.csv%s)\n", dir,
		       plots ? ", *.png" : "");
		free(sum);
	}
	for (unsigned i = 0; i < nruns; i++)
		bench_run_free(&runs[i]);
	for (unsigned i = 0; i < nback; i++)
		bench_run_free(&back[i]);
	free(runs);
	free(back);
	free(sm);
	free(fleet);
	free(exe);
	free(dir);
	scenario_free(&s);
	if (stop)
		return ZX_SIGNAL;
	return bad ? 1 : 0;
}
