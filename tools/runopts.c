/* runopts.c - the options of `zcmm run`: one table (parser, --help and
 * the manual page check read it), their checks and defaults. */
#include "tools/run.h"
#include "tools/elfcheck.h"
#include "tools/opts.h"
#include "tools/share.h"
#include "host/io/devnum.h"
#include "tools/util.h"
#include "lib/share_math.h"

#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *const mode_names[] = {
	[ZCMM_MODE_FLEET] = "fleet", [ZCMM_MODE_SELFTEST] = "selftest",
	[ZCMM_MODE_PANIC] = "panic", [ZCMM_MODE_HANG] = "hang", NULL,
};

static const char *const policy_names[] = {
	[ZCMM_POLICY_HINTING] = "hinting", [ZCMM_POLICY_NONE] = "none",
	[ZCMM_POLICY_BALLOON] = "balloon", [ZCMM_POLICY_BOTH] = "balloon+hinting",
	NULL,
};

static int set_image(void *obj, const char *v, void *ctx, char *why)
{
	char e[ZERR_MAX];
	size_t n = strlen(v);

	if (elf_check_file(v, e) < 0) {   /* "PATH: reason": name it once */
		return zerr_set(why, "%s", !strncmp(e, v, n) && e[n] == ':' ? e + n + 2 : e);
	}
	((struct run_opts *)obj)->gd.g.image = (char *)v;
	return 0;
}

/* --balloon-target N[,M@SEC] */
static int set_btarget(void *obj, const char *a, void *ctx, char *why)
{
	struct zcmm_boot *b = &((struct run_opts *)obj)->boot;
	unsigned long long n, m = 0, sec = 1;
	int len = 0, k = sscanf(a, "%llu%n,%llu@%llu%n", &n, &len, &m, &sec, &len);

	if (!isdigit((unsigned char)*a) || (k != 1 && k != 3) || a[len] || !sec)
		return zerr_set(why, "expected PAGES or PAGES,PAGES@SEC (SEC above 0)");
	b->balloon_target = n;
	b->balloon_target2 = m;
	b->balloon_t2_ms = k == 3 ? sec * 1000 : 0;
	return 0;
}

static int set_share(void *obj, const char *v, void *ctx, char *why)
{
	return share_parse(v, &((struct run_opts *)obj)->gd.g.share, why);
}

/* --test-io-errors N[@DEVNUM][+SKIP] (DEVNUM hex, as volumes are named) */
static int set_fault_io(void *obj, const char *a, void *ctx, char *why)
{
	struct run_opts *o = obj;
	char *end;
	unsigned long long n = strtoull(a, &end, 10), dev = 0, skip = 0;

	if (end == a || !n || n > 0xffffff || (*end && *end != '@' && *end != '+'))
		return zerr_set(why, "expected N[@DEVNUM][+SKIP], N from 1 to 16777215");
	if (*end == '@') {
		a = end + 1;
		dev = strtoull(a, &end, 16);
		if (end == a || (*end && *end != '+') || dev < 0x100 || dev > 0x3ff)
			return zerr_set(why, "DEVNUM must be a volume's, 0100-03FF (hex)");
	}
	if (*end == '+') {
		a = end + 1;
		skip = strtoull(a, &end, 10);
		if (end == a || *end || skip > 0xffffff)
			return zerr_set(why, "SKIP must be a number up to 16777215");
	}
	o->boot.fault_io = skip << 40 | dev << 24 | n;
	return 0;
}

#define R(f) offsetof(struct run_opts, f)
#define ARG(i) offsetof(struct run_opts, gd.g.arg[i])

const struct opt run_options[] = {
	OPT_HEAD("Machine:"),
	{ .name = "storage", .meta = "SIZE", .kind = OPT_SIZE, .off = R(fs.storage), .set_off = R(fs.storage_set), .unit = MiB,
	  .help = "main storage (64M, 1G; default: auto = 16 MiB + images\n+ guest storage, plus 10%, rounded up to 1 MiB)" },
	{ .name = "cpus", .meta = "N", .kind = OPT_UINT, .off = R(fs.cpus), .set_off = R(fs.cpus_set), .min = 1, .max = 1,
	  .expect = "the host runs on one CPU: 1 is the only value",
	  .help = "CPUs (the host uses one: only 1 is accepted)" },
	{ .name = "hercules", .meta = "PATH", .kind = OPT_STR, .off = R(hercules),
	  .help = "the Hercules program (default: $ZCMM_HERCULES, else\nhercules on PATH)" },
	OPT_HEAD("Host:"),
	{ .name = "host-mode", .meta = "MODE", .kind = OPT_ENUM, .off = R(boot.mode), .names = mode_names,
	  .expect = "expected fleet, selftest, panic or hang",
	  .help = "fleet|selftest|panic|hang (default fleet)" },
	{ .name = "timeslice", .meta = "MS", .kind = OPT_MSUS, .off = R(fs.timeslice_us), .set_off = R(fs.timeslice_set), .min = 1,
	  .help = "scheduler time slice in ms (default 5; 0.5 allowed)" },
	{ .name = "progress", .meta = "MS", .kind = OPT_U64, .off = R(boot.progress_ms), .set_off = R(progress_set),
	  .help = "host progress period in ms (default 1000 on a terminal,\n5000 otherwise; 0: none)" },
	{ .name = "seed", .meta = "N", .kind = OPT_U64, .off = R(fs.seed), .set_off = R(fs.seed_set),
	  .help = "run seed (default 1); guests get it mixed with their index" },
	{ .name = "no-essa", .kind = OPT_FLAG, .off = R(boot.flags), .unit = ZCMM_BOOT_NO_ESSA,
	  .help = "ESSA is not emulated: it is an operation exception" },
	{ .name = "policy", .meta = "P", .kind = OPT_ENUM, .off = R(policy), .set_off = R(policy_set), .names = policy_names,
	  .expect = "expected none, hinting, balloon or balloon+hinting",
	  .help = "none|hinting|balloon|balloon+hinting (default hinting):\nnone and balloon mean --no-essa --hinting off, the\nothers ESSA and hints on; the balloon policies set\nballoon targets from working-set estimates\n(docs/balloon.md)" },
	{ .name = "wss-sample", .meta = "N", .kind = OPT_U64, .off = R(boot.wss_sample), .min = 1, .max = 64,
	  .help = "pages sampled per guest a period (default 64, at most\n64); given without a balloon policy, sampling runs too" },
	{ .name = "wss-period", .meta = "MS", .kind = OPT_U64, .off = R(boot.wss_period_ms), .min = 10,
	  .expect = "expected at least 10 ms",
	  .help = "working-set sampling period in ms (default 250)" },
	{ .name = "balloon-target", .meta = "N[,M@SEC]", .kind = OPT_FN, .off = R(boot.balloon_target), .set_off = R(balloon_fixed),
	  .fn = set_btarget,
	  .help = "balloon targets in pages fixed by the run, not the\npolicy: N from the start, M from SEC s on (tests)" },
	{ .name = "idle-tax", .meta = "PCT", .kind = OPT_UINT, .off = R(fs.idle_tax), .set_off = R(fs.idle_tax_set), .max = IDLE_TAX_MAX,
	  .help = "the idle-memory tax in share-based reclaim, 0-99\n(default 75: an idle page costs four active ones;\n0: pure shares; docs/shares.md)" },
	{ .name = "unservable", .meta = "stop|halt", .kind = OPT_ENUM, .off = R(fs.unservable), .set_off = R(fs.unservable_set), .names = unservable_names,
	  .expect = "expected stop or halt",
	  .help = "a guest paging can no longer serve once a paging\nvolume is lost: stop (default: it stops when it needs\na frame there is none for) or halt (the guest shares\nvalue least is halted and pushed out whole before the\nslots run out, and runs again when the others have\nended; docs/shares.md)" },
	{ .name = "test-host-admission", .kind = OPT_FLAG, .off = R(test_host_admission),
	  .help = "skip the CLI's admission check, so the host's own\nrefuses a fleet that does not fit (tests)" },
	{ .name = "test-hooks", .kind = OPT_FLAG, .off = R(boot.flags), .unit = ZCMM_BOOT_TEST_HOOKS,
	  .help = "allow the test-only hypercall DIAG 0x4F0 (tests)" },
	{ .name = "test-corrupt-slot", .kind = OPT_FLAG, .off = R(boot.flags), .unit = ZCMM_BOOT_CORRUPT_SLOT,
	  .help = "damage the first page-out on the paging volume, to\nshow that page-in checksums catch it (tests)" },
	{ .name = "scan-rate", .meta = "N", .kind = OPT_U64, .off = R(fs.scan_rate), .set_off = R(fs.scan_rate_set), .max = 1000000,
	  .help = "content-sharing scanner: pages a second per guest\n(default 50; 0: no scanning, disk reads are still\nshared; docs/sharing.md)" },
	{ .name = "scan-total", .meta = "N", .kind = OPT_U64, .off = R(fs.scan_total), .set_off = R(fs.scan_total_set), .max = 1000000,
	  .help = "... and in all (default 200)" },
	{ .name = "test-io-errors", .meta = "N[@DEV][+SKIP]", .kind = OPT_FN, .off = R(boot.fault_io), .fn = set_fault_io,
	  .help = "every Nth read or write on the DASD volumes (or on\nvolume DEV only, hex; after the first SKIP) fails\nwith unit check (tests)" },
	OPT_HEAD("Fleet shorthands:"),
	{ .name = "guests", .meta = "N", .kind = OPT_UINT, .off = R(guests), .set_off = R(guests_set), .min = 1, .max = ZCMM_MAX_GUESTS,
	  .help = "N guests named g0..g(N-1) (no FLEET-FILE then)" },
	{ .name = "guest-mem", .meta = "SIZE", .kind = OPT_SIZE, .off = R(gd.g.mem), .max = FLEET_MAX_MEM, .unit = MiB,
	  .help = "storage per guest, a multiple of 1 MiB (default 1M)" },
	{ .name = "workload", .meta = "W", .kind = OPT_ENUM, .off = R(gd.g.workload), .set_off = R(gd.workload_set), .names = workload_names,
	  .expect = "expected " WORKLOAD_LIST,
	  .help = WORKLOAD_LIST "\n(default random; none with --image); fileserve, anon\nand disktest get guest disks (docs/vdisk.md)" },
	{ .name = "image", .meta = "ELF", .kind = OPT_FN, .off = R(gd.g.image), .fn = set_image,
	  .help = "guest image, an s390x ELF64 executable (default: the\nzcmm guest kernel zcmm-guest.elf)" },
	{ .name = "ws", .meta = "PAGES", .kind = OPT_U64, .off = ARG(ZCMM_ARG_WS),
	  .help = "working-set pages (random; phases: the maximum)" },
	{ .name = "iters", .meta = "N", .kind = OPT_U64, .off = ARG(ZCMM_ARG_ITERS),
	  .help = "iterations (touches, churn rounds, ...)" },
	{ .name = "phases", .meta = "N", .kind = OPT_U64, .off = ARG(ZCMM_ARG_PHASES),
	  .help = "number of phases (phases)" },
	{ .name = "ms", .meta = "N", .kind = OPT_U64, .off = ARG(ZCMM_ARG_MS),
	  .help = "milliseconds (idle: how long to sleep)" },
	{ .name = "min", .meta = "PAGES", .kind = OPT_U64, .off = ARG(ZCMM_ARG_MIN),
	  .help = "working set at the low end (phases)" },
	{ .name = "files", .meta = "N", .kind = OPT_U64, .off = ARG(ZCMM_ARG_FILES),
	  .help = "files on the base disk (fileserve, default 64)" },
	{ .name = "file-pages", .meta = "N", .kind = OPT_U64, .off = ARG(ZCMM_ARG_FPAGES),
	  .help = "pages per file (fileserve, default 8)" },
	{ .name = "skew", .meta = "PCT", .kind = OPT_U64, .off = ARG(ZCMM_ARG_SKEW),
	  .help = "% of requests for the hottest 20% of files (fileserve,\ndefault 80)" },
	{ .name = "hinting", .meta = "on|off", .kind = OPT_BIT, .off = R(gd.g.flags), .unit = ZCMM_GUEST_HINTING,
	  .help = "the guest may use ESSA hints (default on)\n(ws/iters/phases/ms/min/files/...: 0 or absent = the\nguest kernel's own default)" },
	{ .name = "share", .meta = "NAME|private|off", .kind = OPT_FN, .off = R(gd.g.share), .fn = set_share,
	  .help = "content-sharing domain: guests naming the same\ndomain share pages; private (the default): only\nwithin the guest; off: never (docs/sharing.md)" },
	{ .name = "shares", .meta = "N", .kind = OPT_UINT, .off = R(gd.g.shares), .min = 1, .max = SHARES_MAX,
	  .help = "the guest's shares of the host's storage (1-1000000,\ndefault 1000 each; docs/shares.md)" },
	{ .name = "reserve", .meta = "SIZE", .kind = OPT_SIZE, .off = R(gd.g.reserve), .max = FLEET_MAX_MEM, .unit = 4096,
	  .help = "storage the guest keeps resident whatever the pressure,\na multiple of 4K (default none)" },
	{ .name = "limit", .meta = "SIZE", .kind = OPT_SIZE, .off = R(gd.g.limit), .min = FLEET_MIN_LIMIT, .max = FLEET_MAX_MEM, .unit = 4096,
	  .help = "the most the guest holds resident, below its storage,\na multiple of 4K, at least 64K (default none)" },
	OPT_HEAD("DASD (docs/dasd.md):"),
	{ .name = "paging-volumes", .meta = "N", .kind = OPT_UINT, .off = R(paging_volumes), .set_off = R(paging_volumes_set), .max = DASD_PAGING_MAX,
	  .help = "FBA paging volumes at 0200-020F, made with dasdinit in\nthe run directory (0-16; default 4 for fleet and\nselftest runs, 0 for panic and hang; 0: no pager)" },
	{ .name = "paging-size", .meta = "SIZE", .kind = OPT_SIZE, .off = R(paging_size), .min = MiB, .max = 1ULL << 40, .unit = 4096,
	  .help = "bytes per paging volume (default: 8M for selftest, else\nthe fleet's guest storage plus 1/8, split over the\nvolumes, at least 4M)" },
	OPT_HEAD("Run:"),
	{ .name = "duration", .meta = "SEC", .kind = OPT_SECS, .off = R(fs.duration_ms), .set_off = R(fs.duration_set),
	  .help = "the host stops guests still running after SEC seconds\nof wall-clock time (default 0: run them to the end)" },
	{ .name = "timeout", .meta = "SEC", .kind = OPT_SECS, .off = R(fs.timeout_ms), .set_off = R(fs.timeout_set),
	  .help = "stop the run after SEC seconds (default 600; 0: never)" },
	{ .name = "retries", .meta = "N", .kind = OPT_UINT, .off = R(retries), .max = 100,
	  .help = "when Hercules itself crashes (a signal, or glibc's\nabort message) before the host's @exit, run the whole\njob again in a fresh run directory, up to N times\n(default 2; 0: never); a host panic, a timeout or a\nnormal exit is never run again" },
	{ .name = "keep", .kind = OPT_FLAG, .off = R(keep),
	  .help = "keep the run directory and print its path" },
	{ .name = "dry-run", .kind = OPT_FLAG, .off = R(dry_run),
	  .help = "write the run directory, print its path, start nothing" },
	{ .name = "log", .meta = "FILE", .kind = OPT_STR, .off = R(log),
	  .help = "write Hercules's whole raw output to FILE" },
	{ .name = "results", .meta = "FILE", .kind = OPT_STR, .off = R(results),
	  .help = "write the @result records as TSV to FILE" },
	{ .name = "live", .kind = OPT_FLAG, .off = R(live),
	  .help = "a live view of the guests' pages by state, frames and\nrates (ncurses; the default when standard input and\noutput are a terminal and the fleet fits on it)" },
	{ .name = "no-live", .kind = OPT_FLAG, .off = R(no_live),
	  .help = "no live view: a progress line instead" },
	{ .name = "quiet", .kind = OPT_FLAG, .off = R(quiet),
	  .help = "no progress display" },
	{ .name = "verbose", .kind = OPT_FLAG, .off = R(verbose),
	  .help = "show Hercules's own messages too" },
	OPT_END,
};

void run_usage(FILE *out)
{
	fputs(
"usage: zcmm run [OPTIONS] [FLEET-FILE]\n"
"Boot the zcmm host on Hercules with a fleet of guests, stream its console,\n"
"report the results. The fleet comes from FLEET-FILE (docs/fleet-config.md),\n"
"from --guests N, or else is the default fleet: 8 guests of 1 MiB named\n"
"idle0 idle1 churn0 churn1 phases0 phases1 random0 random1.\n"
"Options go before or after FLEET-FILE; they override the fleet file's\n"
"settings; the guest options (--guest-mem ... --hinting) are the defaults\n"
"of the file's guest lines.\n"
"\n", out);
	opts_help(run_options, out);
	fputs(
"\n"
"Exit status: the host's (0 ok, 1 a test or guest failed, 70 host panic);\n"
"2 usage error; 3 Hercules missing or ended without the host's @exit;\n"
"4 host lines were lost; 124 timeout; 130 interrupted.\n"
"Environment: ZCMM_DATADIR (ipl-psw.bin, zcmm-host.bin, zcmm-guest.elf),\n"
"ZCMM_HERCULES, TMPDIR (where run directories go).\n", out);
}

int run_parse_opts(struct run_opts *o, int argc, char **argv, char *err)
{
	char *pos[1];
	int npos, rc;

	memset(o, 0, sizeof *o);
	guest_defaults_init(&o->gd);
	o->retries = 2;
	rc = opts_parse(run_options, o, argc, argv, pos, 1, &npos, NULL, err);
	if (rc)
		return rc;
	if (npos)
		o->fleet_file = pos[0];
	if (o->fleet_file && o->guests_set)
		return zerr_set(err, "run: --guests and a fleet file exclude each other");
	if (o->policy_set) {    /* the policy decides ESSA and hints */
		int hints = o->policy == ZCMM_POLICY_HINTING ||
			    o->policy == ZCMM_POLICY_BOTH;

		if (hints && (o->boot.flags & ZCMM_BOOT_NO_ESSA))
			return zerr_set(err, "--policy %s uses ESSA: drop --no-essa",
					policy_names[o->policy]);
		if (!hints)
			o->boot.flags |= ZCMM_BOOT_NO_ESSA;
		o->gd.g.flags = hints ? o->gd.g.flags | ZCMM_GUEST_HINTING
				      : o->gd.g.flags & ~ZCMM_GUEST_HINTING;
	}
	if (o->balloon_fixed && o->policy != ZCMM_POLICY_BALLOON &&
	    o->policy != ZCMM_POLICY_BOTH)
		return zerr_set(err, "--balloon-target needs --policy balloon or balloon+hinting");
	if (o->balloon_fixed)
		o->boot.flags |= ZCMM_BOOT_BALLOON_FIXED;
	if (o->live && o->no_live)
		return zerr_set(err, "run: --live and --no-live exclude each other");
	if (o->live && (!isatty(0) || !isatty(1)))
		return zerr_set(err, "--live: standard input and output must be a terminal");
	if (!o->progress_set)
		o->boot.progress_ms = o->quiet ? 0 : isatty(1) ? 1000 : 5000;
	return 0;
}
