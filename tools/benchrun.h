/* benchrun.h - one run of zcmm bench: a child `zcmm run` of the fleet
 * with a variant's and a policy's settings, its progress shown, its
 * results read back. */
#ifndef ZCMM_BENCHRUN_H
#define ZCMM_BENCHRUN_H

#include "tools/bench.h"
#include "tools/benchplot.h"

#define BENCH_RETRIES 2

struct bench_opts {
	const char *scenario, *out, *hercules, *check;
	const char *policies, *variants;
	unsigned repeat;        /* 0: the scenario's */
	const char *timeout;
	int quiet, no_plots, dry_run;
	unsigned jobs;          /* -j: runs at once (1) */
	int list, collect;      /* --list, --collect DIR... */
	char *dirs[64];         /* --collect's directories */
	int ndirs;
};

struct runctx {
	const struct bench_opts *o;
	const struct scenario *s;
	const char *dir, *exe, *fleet;
	const char *vfleet;     /* this variant's scaled fleet, if scale= */
	unsigned idx, total;
	double t_bench;
	int tty;
	int silent;             /* no progress lines (runs at once) */
};

/* Seconds on the monotonic clock. */
double now_s(void);
/* One progress line (rewritten in place on a terminal). */
void show(const struct runctx *c, const char *tag, const char *text);
/* Runs `zcmm run` for one variant x policy, its output into logpath; the
 * exit status (128+signal if killed). */
int child_run(const struct runctx *c, const struct bench_arm *var,
	      const struct bench_arm *pol, const char *res,
	      const char *logpath, const char *tag);
/* The run's results TSV: the total record into r, samples appended. */
void read_results(const char *path, struct bench_run *r, unsigned idx,
		  struct sample **sp, unsigned *ns);

#endif
