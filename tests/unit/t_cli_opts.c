/* t_cli_opts.c - the settings tables (tools/opts.c): the GNU-style parser
 * (options anywhere, --name=value, -- ends them, -jN and -j N), its error
 * lines, the checks of each kind of value, and --help made from a table. */
#include "tests/tap.h"
#include "tools/opts.h"
#include "tools/util.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

struct o {
	int flag, on, flag_set, mode_set, jobs_set;
	uint32_t bits, mode;
	unsigned jobs;
	uint64_t size, ms, us;
	const char *name;
};

static const struct opt T[] = {
	OPT_HEAD("Things:"),
	{ .name = "flag", .kind = OPT_FLAG, .off = offsetof(struct o, flag),
	  .set_off = offsetof(struct o, flag_set), .help = "a flag" },
	{ .name = "jobs", .letter = 'j', .meta = "N", .kind = OPT_UINT,
	  .off = offsetof(struct o, jobs), .set_off = offsetof(struct o, jobs_set),
	  .min = 1, .max = 8, .help = "jobs\nsecond line" },
	{ .name = "size", .meta = "SIZE", .kind = OPT_SIZE, .off = offsetof(struct o, size),
	  .max = 1ULL << 30, .unit = 1 << 20, .help = "a size" },
	{ .name = "secs", .meta = "SEC", .kind = OPT_SECS, .off = offsetof(struct o, ms),
	  .min = 1, .help = "seconds" },
	{ .name = "slice", .meta = "MS", .kind = OPT_MSUS, .off = offsetof(struct o, us),
	  .min = 1, .help = "ms" },
	{ .name = "on", .meta = "on|off", .kind = OPT_BOOL, .off = offsetof(struct o, on),
	  .help = "a switch" },
	{ .name = "name", .meta = "NAME", .kind = OPT_STR, .off = offsetof(struct o, name),
	  .help = "a name" },
	{ .name = "four", .kind = OPT_FLAG, .off = offsetof(struct o, bits), .unit = 4,
	  .help = "bit 4" },
	{ .name = "one-bit", .meta = "on|off", .kind = OPT_BIT, .off = offsetof(struct o, bits),
	  .unit = 1, .help = "bit 1" },
	{ .name = "mode", .meta = "M", .kind = OPT_ENUM, .off = offsetof(struct o, mode),
	  .set_off = offsetof(struct o, mode_set), .names = (const char *const[]){ "a", "b", NULL },
	  .help = "a|b" },
	OPT_END,
};

/* A second table over other fields, for opts_merge(). */
struct o2 {
	uint64_t size;
	unsigned jobs;
	int jobs_set;
	uint32_t mode;
};

static const struct opt T2[] = {
	{ .name = "jobs", .kind = OPT_UINT, .off = offsetof(struct o2, jobs),
	  .set_off = offsetof(struct o2, jobs_set) },
	{ .name = "size", .kind = OPT_SIZE, .off = offsetof(struct o2, size) },
	{ .name = "mode", .kind = OPT_ENUM, .off = offsetof(struct o2, mode) },
	OPT_END,
};

static char err[ZERR_MAX];
static char *pos[4];
static int npos;

/* Parses the words of line (argv[0] "cmd") into *o. */
static int parse(struct o *o, const char *line)
{
	static char buf[256];
	char *argv[16], *save = NULL;
	int argc = 0;

	memset(o, 0, sizeof *o);
	snprintf(buf, sizeof buf, "cmd %s", line);
	for (char *w = strtok_r(buf, " ", &save); w && argc < 15; w = strtok_r(NULL, " ", &save))
		argv[argc++] = w;
	argv[argc] = NULL;
	err[0] = 0;
	return opts_parse(T, o, argc, argv, pos, 2, &npos, NULL, err);
}

static void bad(const char *line, const char *want)
{
	struct o o;
	int rc = parse(&o, line);

	tap_ok(rc == -1 && !strcmp(err, want), "'%s': %s", line, want);
	if (rc != -1 || strcmp(err, want))
		tap_diag("got rc %d, '%s'", rc, err);
}

int main(void)
{
	struct o o;
	char *help = NULL;
	size_t len = 0;
	FILE *fp;

	tap_eq(parse(&o, "a --flag b --jobs=3"), 0, "options before, between and after words");
	tap_ok(o.flag && o.flag_set && o.jobs == 3 && npos == 2 && !strcmp(pos[0], "a") &&
	       !strcmp(pos[1], "b"), "... their values and the words in order");
	tap_eq(parse(&o, "-j4"), 0, "-jN");
	tap_eq(o.jobs, 4, "-j4 is 4");
	tap_eq(parse(&o, "-j 5 --size 64M --secs 1.5 --slice 0.5 --on off --name x"), 0, "every kind");
	tap_ok(o.jobs == 5 && o.size == 64ULL << 20 && o.ms == 1500 && o.us == 500 &&
	       o.on == 0 && !strcmp(o.name, "x"), "... stored in their fields");
	tap_eq(parse(&o, "-- --flag"), 0, "-- ends the options");
	tap_ok(!o.flag && npos == 1 && !strcmp(pos[0], "--flag"), "... the rest are words");
	tap_eq(parse(&o, "--help"), 1, "--help");
	tap_eq(parse(&o, "x -h"), 1, "-h after a word");
	bad("--bogus", "cmd: unknown option '--bogus' (see zcmm cmd --help)");
	bad("--bogus=1", "cmd: unknown option '--bogus' (see zcmm cmd --help)");
	bad("-x", "cmd: unknown option '-x' (see zcmm cmd --help)");
	bad("--jobs", "cmd: option '--jobs' needs a value (see zcmm cmd --help)");
	bad("-j", "cmd: option '-j' needs a value (see zcmm cmd --help)");
	bad("--flag=1", "cmd: option '--flag' takes no value");
	bad("a b c", "cmd: 'c' is one word too many (see zcmm cmd --help)");
	bad("--jobs 9", "--jobs 9: expected 1 to 8");
	bad("--jobs x", "--jobs x: not a number");
	bad("--size 12Q", "--size 12Q: not a size (use e.g. 64M, 1G)");
	bad("--size 1500K", "--size 1500K: not a multiple of 1 MiB");
	bad("--size 2G", "--size 2G: larger than 1 GiB");
	bad("--secs 0", "--secs 0: expected seconds > 0");
	bad("--slice 0", "--slice 0: expected milliseconds > 0 (e.g. 5, 0.5)");
	bad("--on maybe", "--on maybe: expected on or off (or yes/no, true/false, 1/0)");
	tap_ok(opt_find(T, "jobs") == &T[2] && !opt_find(T, "Things:") && !opt_find(T, "nope"),
	       "opt_find: options, not headings");
	tap_ok(opt_find(T, "one_bit") == opt_find(T, "one-bit") && opt_find(T, "one_bit") &&
	       !opt_find(T, "onebit"), "opt_find: '_' and '-' alike");
	tap_eq(parse(&o, "--four --one-bit on"), 0, "flag and switch bits");
	tap_eq(o.bits, 5, "... both set");
	tap_eq(parse(&o, "--one-bit on --four --one-bit off"), 0, "a switch bit off again");
	tap_eq(o.bits, 4, "... the flag's bit kept");
	tap_eq(parse(&o, "--mode b"), 0, "an enum");
	tap_ok(o.mode == 1 && o.mode_set, "... its index, and given");
	bad("--mode c", "--mode c: unknown value");
	{
		struct o2 d = { .size = 7, .mode = 9 };

		parse(&o, "--jobs 3 --size 2M --mode b");
		opts_merge(T, &o, &d, T2);
		tap_ok(d.jobs == 3 && d.jobs_set && d.mode == 1 && d.size == 7,
		       "opts_merge: the settings given (and flagged so), not the rest");
		d.jobs_set = 0;
		d.mode = 9;
		parse(&o, "--flag");
		opts_merge(T, &o, &d, T2);
		tap_ok(d.mode == 9 && !d.jobs_set, "opts_merge: nothing given, nothing copied");
	}

	fp = open_memstream(&help, &len);
	opts_help(T, fp);
	fclose(fp);
	tap_ok(strstr(help, "Things:\n  --flag             a flag\n") != NULL, "help: heading, flag in column 21");
	tap_ok(strstr(help, "  -j, --jobs N       jobs\n                     second line\n") != NULL,
	       "help: the letter, the value's name, continuation lines");
	tap_ok(strstr(help, "  -h, --help         this text\n") != NULL, "help: -h last");
	if (!strstr(help, "-j, --jobs N"))
		tap_diag("help:\n%s", help);
	free(help);
	help = NULL;
	fp = open_memstream(&help, &len);
	opts_summary(T, fp, 2, 40);
	fclose(fp);
	tap_ok(!strcmp(help, "  --flag --jobs N --size SIZE --secs SEC\n  --slice MS --on on|off --name NAME\n"
			     "  --four --one-bit on|off --mode M\n"),
	       "summary: every option, wrapped");
	free(help);
	return tap_done();
}
