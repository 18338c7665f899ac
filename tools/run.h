/* run.h - `zcmm run`: its options (runopts.c), the preparation of a run
 * (run.c) and the streaming of Hercules's output (stream.c). */
#ifndef ZCMM_TOOLS_RUN_H
#define ZCMM_TOOLS_RUN_H

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include "tools/conline.h"
#include "tools/fleet.h"
#include "tools/report.h"

/* Paging volumes of a fleet run unless --paging-volumes says otherwise. */
#define RUN_FLEET_PAGING_VOLS 4

struct run_opts {
	const char *fleet_file;
	/* the boot block's words the options set: mode, flags, progress_ms
	 * and the policy's (reserved[]); the rest comes from the plan */
	struct zcmm_boot boot;
	/* the fleet settings given (their _set flags): over the file's */
	struct fleet fs;
	int progress_set;
	unsigned guests;        int guests_set;
	int keep, quiet, verbose, dry_run;
	int live, no_live;      /* --live, --no-live (else: on a terminal) */
	int test_host_admission;       /* skip the CLI's admission check */
	uint32_t policy;        int policy_set;  /* enum zcmm_policy */
	int balloon_fixed;      /* --balloon-target given */
	unsigned paging_volumes; int paging_volumes_set; /* else selftest 4, fleet 4, 0 */
	unsigned retries;       /* re-runs after a Hercules crash (2) */
	uint64_t paging_size;   /* bytes per volume, 0: auto     */
	const char *log, *results, *hercules;
	struct guest_defaults gd;
};

/* Parses `zcmm run` options (argv[0] is "run"): 0, 1 for --help, or -1
 * with one line in err. */
int run_parse_opts(struct run_opts *o, int argc, char **argv, char *err);
void run_usage(FILE *out);
/* The table of `zcmm run`'s options (tools/opts.h). */
extern const struct opt run_options[];
extern const char *const mode_names[];  /* by enum zcmm_mode */

int cmd_run(int argc, char **argv);

/* --- streaming ----------------------------------------------------- */

extern volatile sig_atomic_t zcmm_stop_signal;

struct stream_cfg {
	int fd;                 /* Hercules's stdout+stderr */
	FILE *log;              /* raw copy, or NULL */
	int verbose, quiet, tty;
	long timeout_ms;        /* 0: none */
	long linger_ms;         /* after @exit, before killing Hercules */
	unsigned nguests;       /* guest records name guests 0..nguests-1 */
	int live;               /* draw the live view (tools/live.c) */
	const struct fleet *fleet;
	const char *title;
};

struct stream_result {
	int exit_seen, exit_status;
	int timed_out, interrupted, disabled_wait, lingered;
	int glibc_abort;        /* Hercules printed glibc's fatal message */
	char abort_line[160];   /* that message */
	long first_host_ms;     /* from start to the first host line, -1 */
	long elapsed_ms;
	unsigned long rejected; /* records the run could not have sent */
	char rejected_line[300];/* the first, with the reason */
	struct con_seq seq;
	struct recset recs;
	char last_host[256];    /* last host text line, for error messages */
};

void stream_run(const struct stream_cfg *c, struct stream_result *r);

#endif
