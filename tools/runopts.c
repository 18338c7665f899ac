/* runopts.c - the options of `zcmm run` and their help text: parsing,
 * checking (one `zcmm: ...` line and exit 2 on any error), defaults. */
#include "tools/run.h"
#include "tools/elfcheck.h"
#include "host/io/devnum.h"
#include "tools/util.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const mode_names[] = {
	[ZCMM_MODE_FLEET] = "fleet", [ZCMM_MODE_SELFTEST] = "selftest",
	[ZCMM_MODE_PANIC] = "panic", [ZCMM_MODE_HANG] = "hang",
};

static const char *const policy_names[] = {
	[ZCMM_POLICY_HINTING] = "hinting", [ZCMM_POLICY_NONE] = "none",
	[ZCMM_POLICY_BALLOON] = "balloon", [ZCMM_POLICY_BOTH] = "balloon+hinting",
};

const char *mode_name(uint32_t mode)
{
	return mode < 4 ? mode_names[mode] : "?";
}

void run_usage(FILE *out)
{
	fputs(
"usage: zcmm run [OPTIONS] [FLEET-FILE]\n"
"Boot the zcmm host on Hercules with a fleet of guests, stream its console,\n"
"report the results. The fleet comes from FLEET-FILE (docs/fleet-config.md),\n"
"from --guests N, or else is the default fleet: 8 guests of 1 MiB named\n"
"idle0 idle1 churn0 churn1 phases0 phases1 random0 random1.\n"
"Command-line options override the fleet file's settings; the guest options\n"
"(--guest-mem ... --hinting) are the defaults of the file's guest lines.\n"
"\n"
"Machine:\n"
"  --storage SIZE     main storage (64M, 1G; default: auto = 16 MiB + images\n"
"                     + guest storage, plus 10%, rounded up to 1 MiB)\n"
"  --cpus N           CPUs (1-8, default 1)\n"
"  --hercules PATH    the Hercules program (default: $ZCMM_HERCULES, else\n"
"                     hercules on PATH)\n"
"Host:\n"
"  --host-mode MODE   fleet|selftest|panic|hang (default fleet)\n"
"  --timeslice MS     scheduler time slice in ms (default 5; 0.5 allowed)\n"
"  --progress MS      host progress period in ms (default 1000 on a terminal,\n"
"                     5000 otherwise; 0: none)\n"
"  --seed N           run seed (default 1); guests get it mixed with their index\n"
"  --no-essa          ESSA is not emulated: it is an operation exception\n"
"  --policy P         none|hinting|balloon|balloon+hinting (default hinting):\n"
"                     none and balloon mean --no-essa --hinting off, the\n"
"                     others ESSA and hints on; the balloon policies set\n"
"                     balloon targets from working-set estimates\n"
"                     (docs/balloon.md)\n"
"  --wss-sample N     pages sampled per guest a period (default 64, at most\n"
"                     64); given without a balloon policy, sampling runs too\n"
"  --wss-period MS    working-set sampling period in ms (default 250)\n"
"  --balloon-target N[,M@SEC]  balloon targets in pages fixed by the run, not\n"
"                     the policy: N from the start, M from SEC s on (tests)\n"
"  --test-hooks       allow the test-only hypercall DIAG 0x4F0 (tests)\n"
"  --test-corrupt-slot  damage the first page-out on the paging volume, to\n"
"                     show that page-in checksums catch it (tests)\n"
"Fleet shorthands:\n"
"  --guests N         N guests named g0..g(N-1) (no FLEET-FILE then)\n"
"  --guest-mem SIZE   storage per guest, a multiple of 1 MiB (default 1M)\n"
"  --workload W       idle|churn|phases|random|fileserve|anon|disktest|none\n"
"                     (default random; none with --image); fileserve, anon\n"
"                     and disktest get guest disks (docs/vdisk.md)\n"
"  --image ELF        guest image, an s390x ELF64 executable (default: the\n"
"                     zcmm guest kernel zcmm-guest.elf)\n"
"  --ws PAGES         working-set pages (random; phases: the maximum)\n"
"  --iters N          iterations (touches, churn rounds, ...)\n"
"  --phases N         number of phases (phases)\n"
"  --ms N             milliseconds (idle: how long to sleep)\n"
"  --min PAGES        working set at the low end (phases)\n"
"  --files N          files on the base disk (fileserve, default 64)\n"
"  --file-pages N     pages per file (fileserve, default 8)\n"
"  --skew PCT         % of requests for the hottest 20% of files (fileserve,\n"
"                     default 80)\n"
"  --hinting on|off   the guest may use ESSA hints (default on)\n"
"                     (ws/iters/phases/ms/min/files/...: 0 or absent = the\n"
"                     guest kernel's own default)\n"
"DASD (docs/dasd.md):\n"
"  --paging-volumes N FBA paging volumes at 0200-020F, made with dasdinit in\n"
"                     the run directory (0-16; default 4 for fleet and\n"
"                     selftest runs, 0 for panic and hang; 0: no pager)\n"
"  --paging-size SIZE bytes per paging volume (default: 8M for selftest, else\n"
"                     the fleet's guest storage plus 1/8, split over the\n"
"                     volumes, at least 4M)\n"
"Run:\n"
"  --duration SEC     the host stops guests still running after SEC seconds\n"
"                     of wall-clock time (default 0: run them to the end)\n"
"  --timeout SEC      stop the run after SEC seconds (default 600; 0: never)\n"
"  --retries N        when Hercules itself crashes (a signal, or glibc's\n"
"                     abort message) before the host's @exit, run the whole\n"
"                     job again in a fresh run directory, up to N times\n"
"                     (default 2; 0: never); a host panic, a timeout or a\n"
"                     normal exit is never run again\n"
"  --keep             keep the run directory and print its path\n"
"  --dry-run          write the run directory, print its path, start nothing\n"
"  --log FILE         write Hercules's whole raw output to FILE\n"
"  --results FILE     write the @result records as TSV to FILE\n"
"  --quiet            no progress display\n"
"  --verbose          show Hercules's own messages too\n"
"  -h, --help         this text\n"
"\n"
"Exit status: the host's (0 ok, 1 a test or guest failed, 70 host panic);\n"
"2 usage error; 3 Hercules missing or ended without the host's @exit;\n"
"4 host lines were lost; 124 timeout; 130 interrupted.\n"
"Environment: ZCMM_DATADIR (ipl-psw.bin, zcmm-host.bin, zcmm-guest.elf),\n"
"ZCMM_HERCULES, TMPDIR (where run directories go).\n", out);
}

enum {
	O_STORAGE = 256, O_CPUS, O_TIMEOUT, O_KEEP, O_LOG, O_RESULTS, O_QUIET,
	O_VERBOSE, O_MODE, O_TIMESLICE, O_PROGRESS, O_SEED, O_NOESSA, O_TESTHOOKS, O_TESTCORRUPT,
	O_GUESTS, O_GMEM, O_WORKLOAD, O_IMAGE, O_WS, O_ITERS, O_PHASES, O_MS,
	O_MIN, O_HINTING, O_FILES, O_FPAGES, O_SKEW, O_HERCULES, O_DRYRUN, O_DURATION, O_PGVOLS, O_PGSIZE,
	O_RETRIES, O_POLICY, O_WSS_SAMPLE, O_WSS_PERIOD, O_BTARGET,
};

static const struct option longopts[] = {
	{ "storage", 1, 0, O_STORAGE },     { "cpus", 1, 0, O_CPUS },
	{ "timeout", 1, 0, O_TIMEOUT },     { "keep", 0, 0, O_KEEP },
	{ "log", 1, 0, O_LOG },             { "results", 1, 0, O_RESULTS },
	{ "quiet", 0, 0, O_QUIET },         { "verbose", 0, 0, O_VERBOSE },
	{ "host-mode", 1, 0, O_MODE },      { "timeslice", 1, 0, O_TIMESLICE },
	{ "progress", 1, 0, O_PROGRESS },   { "seed", 1, 0, O_SEED },
	{ "no-essa", 0, 0, O_NOESSA },
	{ "test-hooks", 0, 0, O_TESTHOOKS },
	{ "test-corrupt-slot", 0, 0, O_TESTCORRUPT },      { "guests", 1, 0, O_GUESTS },
	{ "guest-mem", 1, 0, O_GMEM },      { "workload", 1, 0, O_WORKLOAD },
	{ "image", 1, 0, O_IMAGE },         { "ws", 1, 0, O_WS },
	{ "iters", 1, 0, O_ITERS },         { "phases", 1, 0, O_PHASES },
	{ "ms", 1, 0, O_MS },               { "min", 1, 0, O_MIN },
	{ "hinting", 1, 0, O_HINTING },     { "files", 1, 0, O_FILES },
	{ "file-pages", 1, 0, O_FPAGES },   { "skew", 1, 0, O_SKEW },     { "hercules", 1, 0, O_HERCULES },
	{ "dry-run", 0, 0, O_DRYRUN },      { "duration", 1, 0, O_DURATION },
	{ "paging-volumes", 1, 0, O_PGVOLS }, { "paging-size", 1, 0, O_PGSIZE },
	{ "retries", 1, 0, O_RETRIES },
	{ "policy", 1, 0, O_POLICY },       { "wss-sample", 1, 0, O_WSS_SAMPLE },
	{ "wss-period", 1, 0, O_WSS_PERIOD }, { "balloon-target", 1, 0, O_BTARGET },
	{ "help", 0, 0, 'h' },
	{ 0, 0, 0, 0 },
};

int run_option_arg(const char *name)
{
	for (const struct option *o = longopts; o->name; o++)
		if (!strcmp(o->name, name))
			return o->has_arg ? 1 : 0;
	return -1;
}

static uint64_t num(const char *opt, const char *v)
{
	uint64_t x;

	if (parse_u64(v, &x) < 0)
		zdie(ZX_USAGE, "%s %s: not a number", opt, v);
	return x;
}

/* --balloon-target N[,M@SEC] */
static void parse_btarget(struct run_opts *o, const char *a)
{
	char *end;
	unsigned long long n = strtoull(a, &end, 10), m, sec;

	if (end == a || (*end && *end != ','))
		zdie(ZX_USAGE, "--balloon-target %s: expected PAGES or PAGES,PAGES@SEC", a);
	o->balloon_target = n;
	o->balloon_fixed = 1;
	if (!*end)
		return;
	a = end + 1;
	m = strtoull(a, &end, 10);
	if (end == a || *end != '@' || !end[1])
		zdie(ZX_USAGE, "--balloon-target: expected PAGES,PAGES@SEC after the comma");
	a = end + 1;
	sec = strtoull(a, &end, 10);
	if (*end || !sec)
		zdie(ZX_USAGE, "--balloon-target: SEC must be a number above 0");
	o->balloon_target2 = m;
	o->balloon_t2_ms = sec * 1000;
}

void run_parse_opts(struct run_opts *o, int argc, char **argv)
{
	int c, on;
	uint64_t v;
	char err[ZERR_MAX];

	memset(o, 0, sizeof *o);
	guest_defaults_init(&o->gd);
	o->cpus = 1;
	o->timeout_ms = 600000;
	o->timeslice_us = 5000;
	o->seed = 1;
	o->paging_volumes = -1;
	o->retries = 2;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+:h", longopts, NULL)) != -1) {
		const char *a = optarg;

		switch (c) {
		case 'h':
			run_usage(stdout);
			exit(0);
		case O_STORAGE:
			if (parse_size(a, &v) < 0)
				zdie(ZX_USAGE, "--storage %s: not a size (use e.g. 64M, 1G)", a);
			if (v == 0 || v % MiB)
				zdie(ZX_USAGE, "--storage %s: not a multiple of 1 MiB", a);
			o->storage = v;
			o->storage_set = 1;
			break;
		case O_CPUS:
			v = num("--cpus", a);
			if (v < 1 || v > FLEET_MAX_CPUS)
				zdie(ZX_USAGE, "--cpus %s: expected 1 to %d", a, FLEET_MAX_CPUS);
			o->cpus = (unsigned)v;
			o->cpus_set = 1;
			break;
		case O_TIMEOUT:
			if (parse_ms_us(a, &v) < 0)
				zdie(ZX_USAGE, "--timeout %s: expected seconds", a);
			o->timeout_ms = v;
			o->timeout_set = 1;
			break;
		case O_DURATION:
			if (parse_ms_us(a, &v) < 0)
				zdie(ZX_USAGE, "--duration %s: expected seconds", a);
			o->duration_ms = v;
			o->duration_set = 1;
			break;
		case O_KEEP:     o->keep = 1; break;
		case O_DRYRUN:   o->dry_run = 1; break;
		case O_PGVOLS:
			v = num("--paging-volumes", a);
			if (v > DASD_PAGING_MAX)
				zdie(ZX_USAGE, "--paging-volumes %s: expected 0 to %d", a, DASD_PAGING_MAX);
			o->paging_volumes = (int)v;
			break;
		case O_PGSIZE:
			if (parse_size(a, &v) < 0 || v < MiB || v % 4096 || v > (1ULL << 40))
				zdie(ZX_USAGE, "--paging-size %s: expected a size from 1M to 1T, a multiple of 4K", a);
			o->paging_size = v;
			break;
		case O_RETRIES:
			v = num("--retries", a);
			if (v > 100)
				zdie(ZX_USAGE, "--retries %s: expected 0 to 100", a);
			o->retries = (unsigned)v;
			break;
		case O_LOG:      o->log = a; break;
		case O_RESULTS:  o->results = a; break;
		case O_QUIET:    o->quiet = 1; break;
		case O_VERBOSE:  o->verbose = 1; break;
		case O_NOESSA:   o->no_essa = 1; break;
		case O_POLICY:
			for (v = 0; v < 4 && strcmp(a, policy_names[v]); v++)
				;
			if (v == 4)
				zdie(ZX_USAGE, "--policy %s: expected none, hinting, balloon or balloon+hinting", a);
			o->policy = (uint32_t)v;
			o->policy_set = 1;
			break;
		case O_WSS_SAMPLE:
			v = num("--wss-sample", a);
			if (v < 1 || v > 64)
				zdie(ZX_USAGE, "--wss-sample %s: expected 1 to 64", a);
			o->wss_sample = v;
			break;
		case O_WSS_PERIOD:
			v = num("--wss-period", a);
			if (v < 10)
				zdie(ZX_USAGE, "--wss-period %s: expected at least 10 ms", a);
			o->wss_period_ms = v;
			break;
		case O_BTARGET:
			parse_btarget(o, a);
			break;
		case O_TESTHOOKS: o->test_hooks = 1; break;
		case O_TESTCORRUPT: o->test_corrupt = 1; break;
		case O_HERCULES: o->hercules = a; break;
		case O_MODE:
			for (v = 0; v < 4 && strcmp(a, mode_names[v]); v++)
				;
			if (v == 4)
				zdie(ZX_USAGE, "--host-mode %s: expected fleet, selftest, panic or hang", a);
			o->mode = (uint32_t)v;
			break;
		case O_TIMESLICE:
			if (parse_ms_us(a, &v) < 0 || v == 0)
				zdie(ZX_USAGE, "--timeslice %s: expected milliseconds > 0 (e.g. 5, 0.5)", a);
			o->timeslice_us = v;
			o->timeslice_set = 1;
			break;
		case O_PROGRESS:
			o->progress_ms = num("--progress", a);
			o->progress_set = 1;
			break;
		case O_SEED:
			o->seed = num("--seed", a);
			o->seed_set = 1;
			break;
		case O_GUESTS:
			v = num("--guests", a);
			if (v < 1 || v > ZCMM_MAX_GUESTS)
				zdie(ZX_USAGE, "--guests %s: expected 1 to %llu", a,
				     (unsigned long long)ZCMM_MAX_GUESTS);
			o->guests = (unsigned)v;
			o->guests_set = 1;
			break;
		case O_GMEM:
			if (parse_size(a, &v) < 0)
				zdie(ZX_USAGE, "--guest-mem %s: not a size (use e.g. 1M, 64M)", a);
			if (v == 0 || v % MiB)
				zdie(ZX_USAGE, "--guest-mem %s: not a multiple of 1 MiB", a);
			if (v > FLEET_MAX_MEM)
				zdie(ZX_USAGE, "--guest-mem %s: larger than 1 TiB", a);
			o->gd.mem = v;
			break;
		case O_WORKLOAD:
			if (workload_parse(a, &o->gd.workload) < 0)
				zdie(ZX_USAGE, "--workload %s: expected idle, churn, phases, random, fileserve, anon, disktest or none", a);
			o->gd.workload_set = 1;
			break;
		case O_IMAGE:
			if (elf_check_file(a, err) < 0)
				zdie(ZX_USAGE, "--image %s", err);
			o->gd.image = (char *)a;
			break;
		case O_WS:     o->gd.arg[ZCMM_ARG_WS] = num("--ws", a); break;
		case O_ITERS:  o->gd.arg[ZCMM_ARG_ITERS] = num("--iters", a); break;
		case O_PHASES: o->gd.arg[ZCMM_ARG_PHASES] = num("--phases", a); break;
		case O_MS:     o->gd.arg[ZCMM_ARG_MS] = num("--ms", a); break;
		case O_MIN:    o->gd.arg[ZCMM_ARG_MIN] = num("--min", a); break;
		case O_FILES:  o->gd.arg[ZCMM_ARG_FILES] = num("--files", a); break;
		case O_FPAGES: o->gd.arg[ZCMM_ARG_FPAGES] = num("--file-pages", a); break;
		case O_SKEW:   o->gd.arg[ZCMM_ARG_SKEW] = num("--skew", a); break;
		case O_HINTING:
			if (parse_bool(a, &on) < 0)
				zdie(ZX_USAGE, "--hinting %s: expected on or off", a);
			o->gd.hinting = on;
			break;
		case ':':
			zdie(ZX_USAGE, "run: option '%s' needs a value (see zcmm run --help)",
			     argv[optind - 1]);
		default:
			if (optopt && optopt < 256)
				zdie(ZX_USAGE, "run: unknown option '-%c' (see zcmm run --help)", optopt);
			zdie(ZX_USAGE, "run: unknown option '%s' (see zcmm run --help)",
			     argv[optind - 1]);
		}
	}
	if (optind < argc)
		o->fleet_file = argv[optind++];
	if (optind < argc)
		zdie(ZX_USAGE, "run: one fleet file only ('%s' is extra)", argv[optind]);
	if (o->fleet_file && o->guests_set)
		zdie(ZX_USAGE, "run: --guests and a fleet file exclude each other");
	if (o->policy_set) {    /* the policy decides ESSA and hints */
		int hints = o->policy == ZCMM_POLICY_HINTING ||
			    o->policy == ZCMM_POLICY_BOTH;

		if (hints && o->no_essa)
			zdie(ZX_USAGE, "--policy %s uses ESSA: drop --no-essa",
			     policy_names[o->policy]);
		o->no_essa = !hints;
		o->gd.hinting = hints;
	}
	if (o->balloon_fixed && o->policy != ZCMM_POLICY_BALLOON &&
	    o->policy != ZCMM_POLICY_BOTH)
		zdie(ZX_USAGE, "--balloon-target needs --policy balloon or balloon+hinting");
	if (!o->progress_set)
		o->progress_ms = o->quiet ? 0 : isatty(1) ? 1000 : 5000;
}
