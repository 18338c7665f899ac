/* bench.h - `zcmm bench SCENARIO` (docs/bench.md): a scenario is a fleet
 * file plus bench lines (policies, variants, repeats, targets); the
 * harness runs every variant x repeat x policy as a `zcmm run` of the same
 * fleet and writes a report directory (runs.tsv, samples.tsv, summary.md,
 * plots). benchscn.c parses scenarios, benchstat.c holds the statistics
 * and the summary (pure: the unit tests and --check use them), bench.c
 * runs and plots. */
#ifndef ZCMM_TOOLS_BENCH_H
#define ZCMM_TOOLS_BENCH_H

#include <stdint.h>
#include <stdio.h>
#include "tools/fleet.h"

#define BENCH_NAME_MAX 31
#define BENCH_MAX_SETS 16
#define BENCH_MAX_REPEAT 100

/* One `zcmm run` option: --key [val] (val NULL for a flag). */
struct bench_set {
	char *key, *val;
};

/* A policy or a variant: a name and the run options that make it. */
struct bench_arm {
	char name[BENCH_NAME_MAX + 1];
	unsigned line;
	unsigned nset;
	struct bench_set set[BENCH_MAX_SETS];
	double overcommit;      /* variants made by `overcommit`, else 0 */
	unsigned scale;         /* variant scale=K: every count= times K */
};

/* target NAME metric=M [policy=P] [variant=V] [vs=P2] [vs-variant=V2]
 * min=X | max=X: the median of M (or its ratio to the median of the
 * vs side) checked against a bound. */
struct bench_target {
	char name[48];
	unsigned line;
	char metric[32];
	char policy[BENCH_NAME_MAX + 1], variant[BENCH_NAME_MAX + 1];
	char vs[BENCH_NAME_MAX + 1], vs_variant[BENCH_NAME_MAX + 1];
	int is_min;             /* min=X: measured >= X; max=X: <= X */
	double bound;
	char text[160];         /* the target as written, for the summary */
};

struct scenario {
	char *name;             /* `name` line, else the file's base name */
	char *title;            /* `title` line, or NULL */
	char *path, *dir;
	unsigned repeat;        /* default 1 */
	uint64_t sample_ms;     /* state samples every MS (default 1000) */
	uint64_t reserve;       /* overcommit: host's own storage (8 MiB) */
	struct bench_arm *pol;   unsigned npol;
	struct bench_arm *var;   unsigned nvar;
	struct bench_target *tgt; unsigned ntgt;
	char *fleet_text;       /* bench lines blanked: same line numbers */
	char *text;             /* the scenario, image= paths absolute */
	struct fleet fleet;     /* the fleet as parsed */
	uint64_t guest_total;   /* bytes of guest storage in the fleet */
};

void scenario_init(struct scenario *s);
void scenario_free(struct scenario *s);
/* name: used in error lines (file:line: ...); basedir: for image= paths. */
int scenario_parse_text(struct scenario *s, const char *text,
			const char *name, const char *basedir, char *err);
int scenario_parse_file(struct scenario *s, const char *path, char *err);
const struct bench_arm *scenario_policy(const struct scenario *s,
					const char *name);
const struct bench_arm *scenario_variant(const struct scenario *s,
					 const char *name);

/* --- results and statistics (benchstat.c) -------------------------- */

/* One run: what runs.tsv holds for it. */
struct bench_run {
	char variant[BENCH_NAME_MAX + 1], policy[BENCH_NAME_MAX + 1];
	unsigned repeat;        /* 1.. */
	int status;             /* zcmm run's exit status */
	double wall_s;          /* x86 wall clock of the whole run */
	unsigned n;             /* total-record keys */
	char **key, **val;
};

void bench_run_set(struct bench_run *r, const char *key, const char *val);
const char *bench_run_get(const struct bench_run *r, const char *key);
void bench_run_free(struct bench_run *r);

/* Metrics (docs/bench.md): NAN when a key they need is absent. */
double bench_metric(const struct bench_run *r, const char *metric);
int bench_metric_known(const char *metric);
extern const char *const bench_metrics[];   /* NULL-terminated */

struct spread {
	unsigned n;             /* values that were not NAN */
	double median, min, max;
};
/* Median and range of the values that are not NAN (all NAN if none). */
struct spread stat_spread(const double *v, unsigned n);
double stat_median(const double *v, unsigned n);
/* a / b; NAN if either is NAN or b is 0 (and a is not). 0/0 = 1. */
double stat_ratio(double a, double b);
/* A figure as the summary prints it: "n/a", an integer from 1000 up,
 * else 3 significant digits. */
const char *fmt_fig(double v, char *buf, size_t len);

/* The spread of metric over the ok runs (status 0) of variant x policy. */
struct spread bench_spread(const struct bench_run *runs, unsigned n,
			   const char *variant, const char *policy,
			   const char *metric);
/* A target's measured figure (NAN: n/a); *why says what was compared. */
double bench_target_value(const struct scenario *s,
			  const struct bench_run *runs, unsigned n,
			  const struct bench_target *t, char *why, size_t len);

/* runs.tsv: a record per run (kind run, id VARIANT/POLICY/rREPEAT):
 * scenario, variant, policy, repeat, exit, wall_s, throughput, then the
 * keys of the host's total record; written and read with the results'
 * own TSV (tools/report.c). Reading gives back the runs. */
int bench_write_runs(const struct scenario *s, const struct bench_run *runs,
		     unsigned n, FILE *out);
int bench_read_runs(const char *path, struct bench_run **runs, unsigned *n,
		    char *err);

/* summary.md from the scenario and the runs alone (so --check can make
 * it again from runs.tsv); malloc'd. plots: also link the PNGs. */
char *bench_summary(const struct scenario *s, const struct bench_run *runs,
		    unsigned n, int plots);


int cmd_bench(int argc, char **argv);
/* The table of `zcmm bench`'s options (tools/opts.h). */
struct opt;
const struct opt *bench_options(void);

#endif
