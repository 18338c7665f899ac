/* bench.h - `zcmm bench SCENARIO` (docs/bench.md): a scenario is a fleet
 * file plus bench lines (policies and variants written as `zcmm run`
 * options, repeats, targets); every variant x repeat x policy is a
 * `zcmm run` of the same fleet, and the report directory holds runs.tsv,
 * samples.tsv, summary.md and plots. benchscn.c reads scenarios,
 * benchstat.c makes every figure and the summary from runs.tsv alone (the
 * unit tests and --check use it), benchrun.c runs, bench.c is the command. */
#ifndef ZCMM_TOOLS_BENCH_H
#define ZCMM_TOOLS_BENCH_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "tools/fleet.h"
#include "tools/opts.h"
#include "tools/report.h"

#define BENCH_NAME_MAX 31
#define BENCH_MAX_WORDS 64
#define BENCH_MAX_REPEAT 100
#define BENCH_RETRIES 2         /* runs again after a Hercules crash */
/* The host samples each guest's frames (asample records) in fleets of up
 * to 8 guests: the resident-storage plots are for those. */
#define BENCH_GUEST_SAMPLES 8

/* A policy or a variant: a name and the `zcmm run` options that make it. */
struct bench_arm {
	char name[BENCH_NAME_MAX + 1];
	char *buf;                      /* opt[] points into it */
	char *opt[BENCH_MAX_WORDS];
	int nopt;
	double overcommit;              /* made by `overcommit R`, else 0 */
	unsigned scale;                 /* made by `scale K`, else 0 */
};

/* target NAME --metric M [--policy P] [--variant V] [--vs P2]
 * [--vs-variant V2] --min X | --max X: the median of M (or its ratio to
 * the median of the vs side) against a bound. */
struct bench_target {
	char name[BENCH_NAME_MAX + 1];
	unsigned line;
	char *buf;                      /* the strings below point into it */
	const char *metric, *policy, *variant, *vs, *vs_variant;
	double min, max;
	int has_min, has_max;
};

struct scenario {
	char *name;             /* `name` line, else the file's base name */
	char *title;            /* `title` line, or NULL */
	char *path;
	unsigned repeat;        /* default 1 */
	uint64_t sample_ms;     /* state samples every MS (default 1000) */
	uint64_t reserve;       /* overcommit: the host's own storage (8 MiB) */
	struct bench_arm *pol, *var;
	unsigned npol, nvar;
	struct bench_target *tgt;
	unsigned ntgt;
	char *show[16];         /* `show` lines: more columns in the tables */
	unsigned nshow;
	char *fleet_text;       /* bench lines commented: same line numbers */
	char *text;             /* the scenario, image= paths absolute */
	struct fleet fleet;
	uint64_t guest_total;   /* bytes of guest storage in the fleet */
};

void scenario_init(struct scenario *s);
void scenario_free(struct scenario *s);
/* name: for error lines (file:line: ...); basedir: for image= paths. */
int scenario_parse_text(struct scenario *s, const char *text,
			const char *name, const char *basedir, char *err);
int scenario_parse_file(struct scenario *s, const char *path, char *err);
const struct bench_arm *scenario_arm(const struct scenario *s, int policy,
				     const char *name);
/* Does a metric the scenario asks for name guest g (METRIC@g)? */
int scenario_uses_guest(const struct scenario *s, const char *g);
/* Are the guests of every run the fleet's, at most BENCH_GUEST_SAMPLES
 * (scale= changes them): then a plot of each guest's storage. */
int scenario_guest_plots(const struct scenario *s);

/* --- figures (benchstat.c) ------------------------------------------ */

/* A run is a record of kind run in runs.tsv: variant, policy, repeat,
 * exit, wall_s, throughput, jobs, the keys of the host's total record and
 * KEY@GUEST for the guests a metric names. */

/* A metric of one run (docs/bench.md), METRIC@GUEST from that guest's
 * keys; NAN when a key it needs is absent. */
double bench_metric(const struct rec *r, const char *metric);
int bench_metric_known(const char *metric);

struct spread {
	unsigned n;             /* values that were not NAN */
	double median, min, max;
};
struct spread stat_spread(const double *v, unsigned n);
/* a / b; NAN if either is NAN or b is 0 (and a is not). 0/0 = 1. */
double stat_ratio(double a, double b);
/* "n/a", an integer from 1000 up, else 3 significant digits. */
const char *fmt_fig(double v, char *buf, size_t len);

/* The metric over the ok runs (exit 0) of variant x policy. */
struct spread bench_spread(const struct recset *runs, const char *variant,
			   const char *policy, const char *metric);
/* A target's figure (NAN: n/a); *why says what was compared. */
double bench_target_value(const struct scenario *s, const struct recset *runs,
			  const struct bench_target *t, char *why, size_t len);
/* runs.tsv into runs; -1 with err if it is not one. */
int bench_read_runs(const char *path, struct recset *runs, char *err);
/* summary.md from the scenario and runs.tsv alone (so --check can make
 * it again); malloc'd. plots: link the PNGs. */
char *bench_summary(const struct scenario *s, const struct recset *runs,
		    int plots);

/* --- runs (benchrun.c) --------------------------------------------- */

struct bench_opts {
	const char *out, *hercules, *check, *timeout, *policies, *variants;
	unsigned repeat;        /* 0: the scenario's */
	unsigned jobs;          /* -j: runs at once (1) */
	int quiet, no_plots, dry_run, list, collect;
};

/* One planned run: variant, policy, repeat (1..). */
struct bench_job {
	unsigned v, p, r;
	pid_t pid;
	int fd;                 /* its worker sends its wall time here */
	long t0;
};

/* Runs the jobs, o->jobs at once, in dir (dir/runs/ for their logs and
 * results); fleets[v]: variant v's fleet file. A run record per job into
 * runs, its samples into samples. Returns how many did not end with exit
 * status 0; *stop when interrupted. */
unsigned bench_run_all(const struct bench_opts *o, const struct scenario *s,
		       const char *dir, char *const *fleets,
		       struct bench_job *jobs, unsigned n,
		       struct recset *runs, struct recset *samples, int *stop);
/* The record of run VARIANT/POLICY/rREPEAT into runs: exit status ex,
 * wall seconds, runs at once; if ex is 0 the keys of its results TSV res
 * (the total record, and KEY@GUEST for the guests the scenario's metrics
 * name) and its samples into samples. Its throughput. */
double bench_add_run(const struct scenario *s, struct recset *runs,
		     struct recset *samples, const char *variant,
		     const char *policy, unsigned repeat, int ex, double wall,
		     unsigned jobs, const char *res);

/* DIR/runs/VARIANT-POLICY-rREPEAT.EXT: a run's results or log. */
char *bench_path(const char *dir, const char *variant, const char *policy,
		 unsigned repeat, const char *ext);
/* "VARIANT POLICY rN" (the variant only if there are several). */
char *bench_tag(const struct scenario *s, const struct bench_job *j);

int cmd_bench(int argc, char **argv);
/* The table of `zcmm bench`'s options (tools/opts.h). */
extern const struct opt bench_options[];

#endif
