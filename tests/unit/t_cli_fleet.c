/* t_cli_fleet.c - the fleet file parser (tools/fleet.c): good files, the
 * default fleet, seeds, and every error path with its file:line. */
#include "tests/tap.h"
#include "tools/fleet.h"
#include "tools/opts.h"
#include "tools/util.h"
#include "tests/unit/fleet_check.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>


/* Shares, reserves, limits and the idle tax (docs/shares.md). */
static void mem_settings(void)
{
	struct fleet f;
	char err[ZERR_MAX];
	int rc = parse(&f,
		"idle-tax 0\n"
		"guest big mem=4M shares=2000 reserve=1M limit=3M\n"
		"guest small mem=2M limit=64K\n"
		"guest plain\n", err);

	tap_eq(rc, 0, "shares, reserve, limit and idle-tax parse");
	if (rc)
		tap_diag("%s", err);
	tap_ok(f.idle_tax == 0 && f.idle_tax_set, "idle-tax 0 (pure shares)");
	tap_ok(f.n == 3 && f.g[0].shares == 2000 && f.g[0].reserve == MiB &&
	       f.g[0].limit == 3 * MiB, "big: shares=2000 reserve=1M limit=3M");
	tap_ok(f.n == 3 && f.g[1].limit == 65536 && f.g[1].reserve == 0,
	       "small: limit=64K, no reserve");
	tap_ok(f.n == 3 && f.g[2].shares == 0 && f.g[2].reserve == 0 &&
	       f.g[2].limit == 0, "plain: the defaults (0: default shares, none)");
	fleet_free(&f);
	fleet_init(&f);
	tap_eq(f.idle_tax, 75, "the idle tax defaults to 75%%");
	fleet_free(&f);
	bad("guest a mem=2M limit=2M\n",
	    "fleet.conf:1: limit=2 MiB: a limit must be below the guest's storage (2 MiB)");
	bad("\nguest a mem=2M reserve=3M\n",
	    "fleet.conf:2: reserve=3 MiB: larger than the guest's storage (2 MiB)");
	bad("guest a mem=2M limit=1M reserve=1536K\n",
	    "fleet.conf:1: limit=1 MiB: below the guest's reserve (1536 KiB)");
	bad("guest a shares=0\n", "fleet.conf:1: shares=0: expected 1 to 1000000");
	bad("guest a shares=1000001\n", "fleet.conf:1: shares=1000001: expected 1 to 1000000");
	bad("guest a reserve=5000\n", "fleet.conf:1: reserve=5000: not a multiple of 4 KiB");
	bad("guest a limit=32K\n", "fleet.conf:1: limit=32K: smaller than 64 KiB");
	bad("idle-tax 100\n", "fleet.conf:1: idle-tax 100: expected 0 to 99");
	rc = parse(&f, "scan-rate 9\nidle_tax 5\nguest a file-pages=3\n", err);
	tap_ok(rc == 0 && f.scan_rate == 9 && f.idle_tax == 5 && f.n == 1 &&
	       f.g[0].arg[ZCMM_ARG_FPAGES] == 3,    /* '-' and '_' alike */
	       "scan-rate, idle_tax, file-pages= as scan_rate, idle-tax, file_pages= (%s)", err);
	fleet_free(&f);
	bad("idle-tax x\n", "fleet.conf:1: idle-tax x: not a number");
	rc = parse(&f, "unservable halt\n", err);
	tap_ok(rc == 0 && f.unservable == 1 && f.unservable_set,
	       "unservable halt: the last resort on");
	fleet_free(&f);
	rc = parse(&f, "unservable stop\n", err);
	tap_ok(rc == 0 && f.unservable == 0 && f.unservable_set,
	       "unservable stop: as without the setting");
	fleet_free(&f);
	fleet_init(&f);
	tap_ok(f.unservable == 0 && !f.unservable_set, "unservable defaults to stop");
	fleet_free(&f);
	bad("unservable kill\n", "fleet.conf:1: unservable kill: expected stop or halt");
}

static char tmpdir[64];

static void write_tmp(const char *name, const void *data, size_t len)
{
	char *p = path_join(tmpdir, name);
	FILE *fp = fopen(p, "wb");

	fwrite(data, 1, len, fp);
	fclose(fp);
	free(p);
}

static void good_file(void)
{
	struct fleet f;
	char err[ZERR_MAX];
	int rc = parse(&f,
		"# a fleet\n"
		"\n"
		"storage 256M   # main storage\n"
		"cpus 1\n"
		"timeslice 2.5\n"
		"seed 42\n"
		"timeout 30\n"
		"duration 2.5\n"
		"guest web count=3 mem=4M workload=random ws=100 iters=5000 hinting=off\n"
		"guest db mem=16M workload=phases phases=4 min=10 ws=2000 seed=7\n"
		"\tguest  sleepy   workload=idle ms=250  \r\n"
		"guest c workload=churn iters=9", err);

	tap_eq(rc, 0, "good file parses");
	if (rc)
		tap_diag("%s", err);
	tap_eq(f.storage, 256 * MiB, "storage");
	tap_ok(f.storage_set, "storage set");
	tap_eq(f.cpus, 1, "cpus");
	tap_eq(f.timeslice_us, 2500, "timeslice 2.5 ms");
	tap_eq(f.seed, 42, "seed");
	tap_eq(f.timeout_ms, 30000, "timeout");
	tap_eq(f.duration_ms, 2500, "duration 2.5 s");
	tap_eq(f.n, 6, "3 + 1 + 1 + 1 guests");
	tap_ok(!strcmp(f.g[0].name, "web0") && !strcmp(f.g[2].name, "web2"),
	       "count=3 names web0..web2");
	tap_eq(f.g[1].mem, 4 * MiB, "mem=4M");
	tap_eq(f.g[1].workload, ZCMM_WL_RANDOM, "workload=random");
	tap_eq(f.g[1].arg[ZCMM_ARG_WS], 100, "ws -> arg[ZCMM_ARG_WS]");
	tap_eq(f.g[1].arg[ZCMM_ARG_ITERS], 5000, "iters -> arg[ZCMM_ARG_ITERS]");
	tap_eq(f.g[1].flags & ZCMM_GUEST_HINTING, 0, "hinting=off");
	tap_eq(f.g[3].workload, ZCMM_WL_PHASES, "phases");
	tap_eq(f.g[3].arg[ZCMM_ARG_PHASES], 4, "phases -> arg[ZCMM_ARG_PHASES]");
	tap_eq(f.g[3].arg[ZCMM_ARG_MIN], 10, "min -> arg[ZCMM_ARG_MIN]");
	tap_eq(f.g[3].flags & ZCMM_GUEST_HINTING, ZCMM_GUEST_HINTING, "hinting on by default");
	tap_ok(!strcmp(f.g[4].name, "sleepy"), "tabs, extra blanks and CR");
	tap_eq(f.g[4].arg[ZCMM_ARG_MS], 250, "ms -> arg[ZCMM_ARG_MS]");
	tap_eq(f.g[4].mem, MiB, "default mem 1 MiB");
	tap_eq(f.g[5].workload, ZCMM_WL_CHURN, "churn");
	tap_ok(f.g[5].image == NULL, "default image: the guest kernel");
	fleet_seal(&f, f.seed);
	tap_eq(f.g[3].seed, 7, "seed= kept");
	tap_ok(f.g[0].seed == fleet_guest_seed(42, 0) &&
	       f.g[1].seed == fleet_guest_seed(42, 1) && f.g[0].seed != f.g[1].seed,
	       "other seeds: the run seed mixed with the index");
	fleet_free(&f);
}

static void defaults(void)
{
	struct fleet f;
	char err[ZERR_MAX];
	struct guest_defaults d;

	fleet_init(&f);
	tap_eq(f.cpus, 1, "default cpus 1");
	tap_eq(f.timeslice_us, 5000, "default timeslice 5 ms");
	tap_eq(f.timeout_ms, 600000, "default timeout 600 s");
	tap_eq(fleet_add_default(&f, &D, err), 0, "default fleet");
	tap_eq(f.n, 8, "default fleet: 8 guests");
	tap_ok(!strcmp(f.g[0].name, "idle0") && f.g[0].workload == ZCMM_WL_IDLE &&
	       !strcmp(f.g[7].name, "random1") && f.g[7].workload == ZCMM_WL_RANDOM &&
	       f.g[2].workload == ZCMM_WL_CHURN && f.g[4].workload == ZCMM_WL_PHASES,
	       "default fleet: 2 each of idle, churn, phases, random");
	fleet_free(&f);

	guest_defaults_init(&d);
	d.g.workload = ZCMM_WL_CHURN;
	d.workload_set = 1;
	d.g.mem = 2 * MiB;
	fleet_init(&f);
	tap_eq(fleet_add(&f, &d, "g", 200, "--guests", err), 0, "--guests 200");
	tap_ok(f.n == 200 && !strcmp(f.g[199].name, "g199") &&
	       f.g[5].workload == ZCMM_WL_CHURN && f.g[5].mem == 2 * MiB,
	       "--guests: g0..g199 from the shorthands");
	fleet_free(&f);

	/* shorthands are the defaults of guest lines */
	fleet_init(&f);
	tap_eq(fleet_parse_text(&f, &d, "guest a\nguest b mem=3M workload=idle\n",
				"x", ".", err), 0, "guest lines with shorthand defaults");
	tap_ok(f.g[0].mem == 2 * MiB && f.g[0].workload == ZCMM_WL_CHURN &&
	       f.g[1].mem == 3 * MiB && f.g[1].workload == ZCMM_WL_IDLE,
	       "line keys override the shorthands");
	fleet_free(&f);
}

static void images(void)
{
	static const unsigned char elf[64] = {
		0x7f, 'E', 'L', 'F', 2, 2, 1, 0, [16] = 0, 2, 0, 22,
	};
	unsigned char le[64];
	struct fleet f;
	char err[ZERR_MAX], text[256];

	write_tmp("ok.elf", elf, sizeof elf);
	memcpy(le, elf, sizeof le);
	le[5] = 1;
	write_tmp("le.elf", le, sizeof le);
	write_tmp("text.txt", "hello\n", 6);
	fleet_init(&f);
	snprintf(text, sizeof text, "guest u image=ok.elf\nguest v image=ok.elf workload=idle\n");
	tap_eq(fleet_parse_text(&f, &D, text, "f", tmpdir, err), 0,
	       "image= relative to the file's directory");
	if (f.n == 2) {
		char *want = path_join(tmpdir, "ok.elf");

		tap_ok(f.g[0].image && !strcmp(f.g[0].image, want), "image path joined");
		tap_eq(f.g[0].workload, ZCMM_WL_NONE, "image= without workload= -> none");
		tap_eq(f.g[1].workload, ZCMM_WL_IDLE, "image= with workload= keeps it");
		free(want);
	}
	fleet_free(&f);
	fleet_init(&f);
	tap_eq(fleet_parse_text(&f, &D, "\n\nguest u image=text.txt\n", "f", tmpdir, err), -1,
	       "a text file as image");
	tap_ok(strstr(err, "f:3: image=text.txt: ") && strstr(err, "not an ELF file"),
	       "names file:line and 'not an ELF file' (%s)", err);
	fleet_free(&f);
	fleet_init(&f);
	tap_eq(fleet_parse_text(&f, &D, "guest u image=le.elf\n", "f", tmpdir, err), -1,
	       "a little-endian ELF");
	tap_ok(strstr(err, "little-endian") != NULL, "says little-endian (%s)", err);
	fleet_free(&f);
	fleet_init(&f);
	tap_eq(fleet_parse_text(&f, &D, "guest u image=nope.elf\n", "f", tmpdir, err), -1,
	       "a missing image");
	tap_ok(strstr(err, "f:1: image=nope.elf: ") && strstr(err, "No such file"),
	       "names the missing file (%s)", err);
	fleet_free(&f);
}

static void errors(void)
{
	bad("guest a foo=1\n", "fleet.conf:1: unknown key 'foo'");
	bad("\n\n\n\nguest a mem=1500K\n", "fleet.conf:5: mem=1500K: not a multiple of 1 MiB");
	bad("guest a mem=lots\n", "fleet.conf:1: mem=lots: not a size (use e.g. 64M, 1G)");
	bad("guest a mem=0\n", "fleet.conf:1: mem=0: not a multiple of 1 MiB");
	bad("guest a mem=2G\n", "fleet.conf:1: mem=2G: larger than 1 GiB");
	bad("guest a\n# x\nguest a\n", "fleet.conf:3: duplicate guest name 'a'");
	bad("guest a count=3\nguest a1\n", "fleet.conf:2: duplicate guest name 'a1'");
	bad("guest a count=0\n", "fleet.conf:1: count=0: expected 1 to 6552");
	bad("guest a count=x\n", "fleet.conf:1: count=x: not a number");
	bad("guest a count=6553\n", "fleet.conf:1: count=6553: expected 1 to 6552");
	bad("guest a count=6000\nguest b count=551\nguest c count=2\n",
	    "fleet.conf:3: too many guests (6553 > 6552)");
	bad("guest abcdefghijklmnop\n",
	    "fleet.conf:1: guest name 'abcdefghijklmnop' is longer than 15 characters");
	bad("guest abcdefghijklmn count=11\n",
	    "fleet.conf:1: guest name 'abcdefghijklmn10' (from count=11) is longer than 15 characters");
	bad("guest abcdefghijklmno count=2\n",
	    "fleet.conf:1: guest name 'abcdefghijklmno1' (from count=2) is longer than 15 characters");
	bad("guest a/b\n", "fleet.conf:1: guest name 'a/b': use letters, digits, '_', '-', '.', '+'");
	bad("guest\n", "fleet.conf:1: guest: a name is missing");
	bad("guest mem=1M\n", "fleet.conf:1: guest: a name is missing before 'mem=1M'");
	bad("guest a workload=busy\n",
	    "fleet.conf:1: workload=busy: unknown workload (idle|churn|phases|random|fileserve|anon|disktest|none)");
	bad("guest a hinting=maybe\n", "fleet.conf:1: hinting=maybe: expected on or off (or yes/no, true/false, 1/0)");
	bad("guest a ws\n", "fleet.conf:1: 'ws': expected key=value");
	bad("guest a ws=\n", "fleet.conf:1: ws=: the value is missing");
	bad("guest a ws=-1\n", "fleet.conf:1: ws=-1: not a number");
	bad("guest a ws=1 ws=2\n", "fleet.conf:1: key 'ws' given twice");
	bad("guest a =3\n", "fleet.conf:1: '=3': expected key=value");
	bad("frobnicate 3\n",
	    "fleet.conf:1: unknown setting 'frobnicate' (storage, cpus, timeslice, seed, duration, timeout, scan_rate, scan_total, idle-tax, unservable, guest)");
	bad("storage\n", "fleet.conf:1: storage: expected one value");
	bad("storage 1M 2M\n", "fleet.conf:1: storage: expected one value");
	bad("storage 100K\n", "fleet.conf:1: storage 100K: not a multiple of 1 MiB");
	bad("storage big\n", "fleet.conf:1: storage big: not a size (use e.g. 64M, 1G)");
	bad("cpus 0\n", "fleet.conf:1: cpus 0: the host runs on one CPU: 1 is the only value");
	bad("cpus 2\n", "fleet.conf:1: cpus 2: the host runs on one CPU: 1 is the only value");
	bad("timeslice 0\n", "fleet.conf:1: timeslice 0: expected milliseconds > 0 (e.g. 5, 0.5)");
	bad("timeslice 1.2345\n", "fleet.conf:1: timeslice 1.2345: expected milliseconds > 0 (e.g. 5, 0.5)");
	bad("seed x\n", "fleet.conf:1: seed x: not a number");
	bad("timeout -1\n", "fleet.conf:1: timeout -1: expected seconds > 0");
}

static void file_io(void)
{
	struct fleet f;
	char err[ZERR_MAX], *p;

	write_tmp("fleet.conf", "cpus 1\nguest ok\nguest bad foo=1\n", 32);
	p = path_join(tmpdir, "fleet.conf");
	fleet_init(&f);
	tap_eq(fleet_parse_file(&f, &D, p, err), -1, "file with an error");
	{
		char want[ZERR_MAX];

		snprintf(want, sizeof want, "%s:3: unknown key 'foo'", p);
		tap_ok(!strcmp(err, want), "file error names path:line (%s)", err);
	}
	fleet_free(&f);
	free(p);
	fleet_init(&f);
	tap_eq(fleet_parse_file(&f, &D, "/nonexistent/fleet.conf", err), -1, "missing file");
	tap_ok(!strcmp(err, "/nonexistent/fleet.conf: No such file or directory"),
	       "missing file named (%s)", err);
	fleet_free(&f);
}

/* docs/fleet-config.md describes every setting and guest key of the
 * parser's tables (a new key without its documentation fails here). */
static void documented(void)
{
	char err[ZERR_MAX], pat[80], *doc = read_text_file("docs/fleet-config.md", err);
	const struct opt *k;

	if (!doc) {
		tap_ok(0, "docs/fleet-config.md readable (%s)", err);
		return;
	}
	for (k = fleet_setting_keys; k->name; k++) {
		snprintf(pat, sizeof pat, "| `%s ", k->name);
		tap_ok(strstr(doc, pat) != NULL, "setting '%s' documented", k->name);
	}
	for (k = fleet_guest_keys; k->name; k++) {
		snprintf(pat, sizeof pat, "| `%s=", k->name);
		tap_ok(strstr(doc, pat) != NULL, "guest key '%s=' documented", k->name);
	}
	free(doc);
}

/* WORKLOAD_LIST (help and error text) names every workload there is. */
static void workload_list(void)
{
	char buf[] = WORKLOAD_LIST, *save, *w;
	unsigned n = 0;

	for (w = strtok_r(buf, "|", &save); w; w = strtok_r(NULL, "|", &save), n++)
		tap_ok(opt_name_index(workload_names, w) >= 0, "workload '%s' in WORKLOAD_LIST exists", w);
	tap_ok(!workload_names[n] && workload_names[n - 1],
	       "WORKLOAD_LIST names all %u workloads", n);
}

int main(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/t_cli_fleet.XXXXXX");
	if (!mkdtemp(tmpdir))
		return 1;
	guest_defaults_init(&D);
	good_file();
	defaults();
	images();
	errors();
	mem_settings();
	file_io();
	documented();
	workload_list();
	{
		char cmd[128];

		snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			tap_diag("could not remove %s", tmpdir);
	}
	return tap_done();
}
