/* benchrun.c - the runs of zcmm bench: a worker process per run starts
 * the child `zcmm run` (the same binary) with the variant's and the
 * policy's options, copies its output into the run's log and shows its
 * progress, runs it again when Hercules crashed, and sends the wall time
 * of the attempt that finished; the results TSV is read back into a run
 * record and sample records. */
#define _GNU_SOURCE
#include "tools/bench.h"
#include "tools/child.h"
#include "tools/util.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

struct runctx {
	const struct bench_opts *o;
	const struct scenario *s;
	unsigned idx, total;
	long t0;
	int tty, silent;        /* silent: no progress (runs at once) */
};

/* One progress line (rewritten in place on a terminal). */
static void show(const struct runctx *c, const char *tag, const char *text)
{
	long t = (now_ms() - c->t0) / 1000;

	if (c->o->quiet || c->silent)
		return;
	printf(c->tty ? "\r\033[K[bench %u/%u %s, %ldm%02lds] %.60s" :
	       "[bench %u/%u %s, %ldm%02lds] %s\n", c->idx + 1, c->total, tag,
	       t / 60, t % 60, text);
	fflush(stdout);
}

/* zcmm run for one variant x policy, its output into log: its exit
 * status (128+signal if killed). */
static int child_run(const struct runctx *c, const struct bench_arm *var,
		     const struct bench_arm *pol, const char *fleet,
		     const char *res, FILE *log, const char *tag)
{
	char *argv[16 + 2 * BENCH_MAX_WORDS], prog[32], *line = NULL, err[ZERR_MAX];
	int argc = 0, pfd = -1;
	size_t cap = 0;
	struct child_io io = { .out_fd = -1, .pipe_rd = &pfd };
	pid_t pid;
	FILE *in;
	/* the bench retries itself, so that only the attempt that finished
	 * is timed */
	char *fixed[] = { "/proc/self/exe", "run", "--results", (char *)res,
		"--progress", prog, "--retries", "0", "--hercules",
		(char *)c->o->hercules, "--timeout", (char *)c->o->timeout };

	snprintf(prog, sizeof prog, "%llu", (unsigned long long)c->s->sample_ms);
	for (unsigned i = 0; i < sizeof fixed / sizeof *fixed; i++)
		if (fixed[i])
			argv[argc++] = fixed[i];
		else
			argc--;         /* an option not given: drop its name */
	for (int i = 0; i < var->nopt + pol->nopt; i++)  /* the policy wins */
		argv[argc++] = i < var->nopt ? var->opt[i] : pol->opt[i - var->nopt];
	argv[argc++] = (char *)fleet;
	argv[argc] = NULL;
	fprintf(log, "$ zcmm");
	for (int i = 1; i < argc; i++)
		fprintf(log, " %s", argv[i]);
	fprintf(log, "\n");
	fflush(log);
	if ((pid = child_start(argv, &io, err)) < 0 || !(in = fdopen(pfd, "r")))
		zdie(ZX_USAGE, "%s", pid < 0 ? err : strerror(errno));
	while (getline(&line, &cap, in) > 0) {
		fputs(line, log);
		line[strcspn(line, "\n")] = 0;
		if (!strncmp(line, "progress ", 9))
			show(c, tag, line + 9);
		else if (!strncmp(line, "zcmm: timeout", 13))
			fprintf(stderr, "%s  [%s] %s\n", c->tty && !c->o->quiet ?
				"\r\033[K" : "", tag, line);
	}
	free(line);
	fclose(in);
	return child_wait(pid);
}

/* A worker for job j: zcmm run (again if Hercules crashed), the wall
 * time of the attempt that finished on j->fd, its exit status as the
 * worker's. */
static void start_job(const struct runctx *c, const char *dir,
		      char *const *fleets, struct bench_job *j)
{
	const struct bench_arm *va = &c->s->var[j->v], *po = &c->s->pol[j->p];
	char *tag = bench_tag(c->s, j), *res = bench_path(dir, va->name, po->name, j->r, "tsv");
	char *logp = bench_path(dir, va->name, po->name, j->r, "log");
	int pfd[2], st = 0;
	FILE *log;

	if (pipe(pfd) < 0)
		zdie(ZX_USAGE, "pipe: %s", strerror(errno));
	show(c, tag, "starting");
	fflush(NULL);
	j->t0 = now_ms();
	if ((j->pid = fork()) < 0)
		zdie(ZX_USAGE, "fork: %s", strerror(errno));
	if (j->pid == 0) {
		double wall = 0;

		if (!(log = fopen(logp, "a")))
			zdie(ZX_USAGE, "cannot write %s: %s", logp, strerror(errno));
		for (int attempt = 1; attempt <= BENCH_RETRIES + 1; attempt++) {
			long t0 = now_ms();

			unlink(res);
			st = child_run(c, va, po, fleets[j->v], res, log, tag);
			wall = (now_ms() - t0) / 1e3;
			if (st != ZX_HERCULES || attempt > BENCH_RETRIES)
				break;
			fprintf(stderr, "%s  [%s] Hercules crashed or ended early (zcmm run exit 3, see %s): running it again (attempt %d of %d)\n",
				c->tty && !c->silent && !c->o->quiet ? "\r\033[K" : "",
				tag, logp, attempt + 1, BENCH_RETRIES + 1);
		}
		_exit(write(pfd[1], &wall, sizeof wall) < 0 ? 2 : st & 255);
	}
	close(pfd[1]);
	j->fd = pfd[0];
	free(tag);
	free(res);
	free(logp);
}

/* Host seconds until guest gi's frames stay within 10% of their last
 * value while it runs (its asample records, in time order); NAN if none. */
static double settle_s(const struct recset *rs, const char *gi)
{
	double fin = NAN, t = NAN;

	for (unsigned i = rs->n; i-- > 0;) {
		const struct rec *x = &rs->r[i];
		const char *g = rec_get(x, "guest"), *run = rec_get(x, "running");
		const char *fr = rec_get(x, "frames"), *ms = rec_get(x, "t_ms");

		if (strcmp(x->kind, "asample") || !g || strcmp(g, gi) || !run ||
		    strcmp(run, "1") || !fr || !ms)
			continue;
		if (isnan(fin))
			fin = atof(fr);
		if (fabs(atof(fr) - fin) * 10 > fin)
			break;
		t = atof(ms) / 1000;
	}
	return t;
}

/* A run's results TSV at path into the run record id (the total record;
 * KEY@GUEST and settle_s@GUEST for the guests the scenario's metrics name)
 * and its sample and asample records into samples. */
static void read_results(const struct scenario *s, const char *path,
			 const char *id, struct recset *runs,
			 struct recset *samples)
{
	const struct rec *run = recset_find(runs, "run", id);
	struct recset rs = { 0 }, sm = { 0 };
	char err[ZERR_MAX], *line;
	size_t len;

	if (recset_read_tsv(path, &rs, err) < 0)
		zerr("%s", err);
	for (unsigned i = 0; i < rs.n; i++) {
		const struct rec *x = &rs.r[i];
		const char *g = rec_get(x, "name");
		int guest = !strcmp(x->kind, "guest") && g && scenario_uses_guest(s, g);
		int sample = !strcmp(x->kind, "sample") || !strcmp(x->kind, "asample");
		FILE *f;

		if (strcmp(x->kind, "total") && !guest && !sample)
			continue;
		f = open_memstream(&line, &len);
		if (sample)
			fprintf(f, "%s id=%s/%s variant=%s policy=%s repeat=%s", x->kind,
				id, x->id, rec_get(run, "variant"), rec_get(run, "policy"),
				rec_get(run, "repeat"));
		else
			fprintf(f, "run id=%s", id);
		for (unsigned k = 0; k < x->n; k++)
			if (strcmp(x->key[k], "id") && (!guest || strcmp(x->key[k], "name")))
				fprintf(f, " %s%s%s=%s", x->key[k], guest ? "@" : "",
					guest ? g : "", x->val[k]);
		if (guest)
			fprintf(f, " settle_s@%s=%.3f", g, settle_s(&rs, x->id));
		fclose(f);
		recset_add(sample ? &sm : runs, line);
		free(line);
	}
	/* the samples appended whole: a lookup of each new id among all the
	 * runs' samples would take quadratic time */
	samples->r = xrealloc(samples->r, (samples->n + sm.n + 1) * sizeof *sm.r);
	memcpy(samples->r + samples->n, sm.r, sm.n * sizeof *sm.r);
	samples->n += sm.n;
	samples->cap = samples->n;
	free(sm.r);
	recset_free(&rs);
}

double bench_add_run(const struct scenario *s, struct recset *runs,
		     struct recset *samples, const char *v, const char *p,
		     unsigned r, int ex, double wall, unsigned jobs, const char *res)
{
	char *id = strf("%s/%s/r%u", v, p, r), *line;
	double t;

	line = strf("run id=%s scenario=%s variant=%s policy=%s repeat=%u exit=%d wall_s=%.3f throughput= jobs=%u",
		    id, s->name, v, p, r, ex, wall, jobs);
	recset_add(runs, line);
	free(line);
	if (ex == 0)
		read_results(s, res, id, runs, samples);
	/* for the reader of runs.tsv: the summary makes its own */
	t = bench_metric(recset_find(runs, "run", id), "throughput");
	if (!isnan(t)) {
		recset_add(runs, line = strf("run id=%s throughput=%.3f", id, t));
		free(line);
	}
	free(id);
	return t;
}

unsigned bench_run_all(const struct bench_opts *o, const struct scenario *s,
		       const char *dir, char *const *fleets,
		       struct bench_job *jobs, unsigned n,
		       struct recset *runs, struct recset *samples, int *stop)
{
	struct runctx c = { o, s, 0, n, now_ms(), isatty(1), o->jobs > 1 };
	unsigned next = 0, running = 0, bad = 0;

	signal(SIGINT, SIG_IGN);        /* the children (same group) get it */
	while (next < n || running) {
		struct bench_job *j = NULL;
		char *tag, *msg, *res;
		double wall, t;
		int st, ex;
		pid_t pid;

		if (next < n && running < o->jobs && !*stop) {
			c.idx = next;
			start_job(&c, dir, fleets, &jobs[next++]);
			running++;
			continue;
		}
		while ((pid = waitpid(-1, &st, 0)) < 0 && errno == EINTR)
			;
		for (unsigned k = 0; pid > 0 && k < next; k++)
			if (jobs[k].pid == pid)
				j = &jobs[k];
		if (pid < 0 || !running)
			break;
		if (!j)
			continue;
		running--;
		ex = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
		if (read(j->fd, &wall, sizeof wall) != sizeof wall)
			wall = (now_ms() - j->t0) / 1e3;
		close(j->fd);
		res = bench_path(dir, s->var[j->v].name, s->pol[j->p].name, j->r, "tsv");
		t = bench_add_run(s, runs, samples, s->var[j->v].name, s->pol[j->p].name,
				  j->r, ex, wall, o->jobs, res);
		bad += ex != 0;
		*stop |= ex == ZX_SIGNAL || ex == 128 + SIGINT;
		msg = strf("done in %.1f s, exit %d, throughput %.0f work/s", wall, ex, t);
		c.idx = (unsigned)(j - jobs);
		c.silent = 0;
		show(&c, tag = bench_tag(s, j), msg);
		c.silent = o->jobs > 1;
		if (c.tty && !o->quiet)
			printf("\n");
		free(res);
		free(msg);
		free(tag);
	}
	return bad;
}
