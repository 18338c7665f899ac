/* zcmm.c - main() of the zcmm CLI: the subcommand dispatch (run, states,
 * version, help). Each subcommand lives in its own file. */
#include "tools/bench.h"
#include "tools/opts.h"
#include "tools/run.h"
#include "tools/statescmd.h"
#include "tools/util.h"

#include <stdio.h>
#include <string.h>

#define ZCMM_VERSION "0.1"

static void usage(FILE *out)
{
	fputs(
"usage: zcmm COMMAND [OPTIONS]\n"
"zcmm runs a paging hypervisor (the zcmm host) with a fleet of guests on the\n"
"Hercules z/Architecture emulator and reports what happened to their memory.\n"
"\n"
"Commands:\n"
"  run [OPTIONS] [FLEET-FILE]   boot the host with a fleet, stream its console,\n"
"                               print the results (zcmm run --help)\n"
"  bench [OPTIONS] SCENARIO     run every policy of a benchmark scenario on\n"
"                               the same fleet, write a report (TSV, plots,\n"
"                               summary.md; zcmm bench --help, docs/bench.md)\n"
"  states [--table|--dot]       print the page-state machine (ESSA and host\n"
"                               transitions) as a table or a Graphviz diagram\n"
"  version                      print the version\n"
"  help                         this text\n"
"\n", out);
	fputs("zcmm run options (details: zcmm run --help, man zcmm):\n", out);
	opts_summary(run_options, out, 2, 78);
	fputs("zcmm bench options (details: zcmm bench --help):\n", out);
	opts_summary(bench_options, out, 2, 78);
	fputs("\n"
"Exit status: the host's own, or 2 usage error, 3 Hercules problem,\n"
"4 lost host lines, 124 timeout, 130 interrupted.\n", out);
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : NULL;

	if (!cmd) {
		usage(stderr);
		return ZX_USAGE;
	}
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
		printf("zcmm %s (boot block version %d)\n", ZCMM_VERSION,
		       ZCMM_BOOT_VERSION);
		return 0;
	}
	if (!strcmp(cmd, "states"))
		return cmd_states(argc - 1, argv + 1);
	if (!strcmp(cmd, "run"))
		return cmd_run(argc - 1, argv + 1);
	if (!strcmp(cmd, "bench"))
		return cmd_bench(argc - 1, argv + 1);
	zerr("unknown command '%s' (see zcmm --help)", cmd);
	return ZX_USAGE;
}
