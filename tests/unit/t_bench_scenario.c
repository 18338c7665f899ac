/* t_bench_scenario.c - the scenario parser of zcmm bench
 * (tools/benchscn.c): a good scenario, and every error with its
 * file:line and reason. */
#include "tests/tap.h"
#include "tools/bench.h"
#include "tools/util.h"

#include <string.h>

/* Parses text; returns 0/-1 and leaves the error in err. */
static int parse(const char *text, char *err)
{
	struct scenario s;
	int rc;

	scenario_init(&s);
	err[0] = 0;
	rc = scenario_parse_text(&s, text, "x.bench", ".", err);
	scenario_free(&s);
	return rc;
}

static void bad(const char *text, const char *want, const char *what)
{
	char err[ZERR_MAX];
	int rc = parse(text, err);

	if (!tap_ok(rc < 0 && !strcmp(err, want), "%s", what))
		tap_diag("got rc %d '%s'\n#   want '%s'", rc, err, want);
}

#define P "policy none --hinting off\n"

static void good(void)
{
	struct scenario s;
	char err[ZERR_MAX];
	int rc;

	scenario_init(&s);
	rc = scenario_parse_text(&s,
		"# a scenario\n"
		"title Two policies, two ratios   # a comment\n"
		"repeat 3\n"
		"sample 500\n"
		"reserve 4M\n"
		"overcommit 1 2\n"
		"policy none --hinting off\n"
		"policy hinting --hinting on --timeslice=2\n"
		"policy plain --no-essa\n"
		"target t1 --metric throughput --policy hinting --vs none --min 0.98\n"
		"target t2 --metric io_per_reclaimed --variant 2x --policy hinting --max 0.1\n"
		"show throughput@b settle_s@b\n"
		"storage 64M\n"
		"guest a count=4 mem=2M workload=churn\n"
		"guest b mem=8M\n",
		"dir/my.bench", ".", err);
	tap_ok(rc == 0, "a good scenario parses (%s)", rc ? err : "ok");
	if (rc) {
		scenario_free(&s);
		return;
	}
	tap_ok(!strcmp(s.name, "my"), "name from the file name without .bench");
	tap_ok(s.title && !strcmp(s.title, "Two policies, two ratios"), "title, without its comment");
	tap_eq(s.repeat, 3, "repeat");
	tap_eq(s.sample_ms, 500, "sample");
	tap_eq(s.npol, 3, "three policies");
	tap_ok(!strcmp(s.pol[1].name, "hinting") && s.pol[1].nopt == 3 &&
	       !strcmp(s.pol[1].opt[0], "--hinting") && !strcmp(s.pol[1].opt[1], "on") &&
	       !strcmp(s.pol[1].opt[2], "--timeslice=2"),
	       "policy settings are zcmm run options, kept as written");
	tap_ok(s.pol[2].nopt == 1 && !strcmp(s.pol[2].opt[0], "--no-essa"), "a flag");
	tap_eq(s.nvar, 2, "overcommit 1 2 makes two variants");
	tap_ok(!strcmp(s.var[0].name, "1x") && !strcmp(s.var[1].name, "2x"),
	       "named 1x and 2x");
	tap_eq(s.guest_total, 16 * MiB, "guest storage 4 x 2M + 8M");
	tap_ok(s.var[0].nopt == 2 && !strcmp(s.var[0].opt[0], "--storage") &&
	       !strcmp(s.var[0].opt[1], "20M") && !strcmp(s.var[1].opt[1], "12M"),
	       "storage = reserve + guest storage / ratio (%s, %s)",
	       s.var[0].nopt > 1 ? s.var[0].opt[1] : "-", s.var[1].nopt > 1 ? s.var[1].opt[1] : "-");
	tap_eq(s.ntgt, 2, "two targets");
	tap_ok(s.tgt[0].has_min && !s.tgt[0].has_max && s.tgt[0].min == 0.98 &&
	       !strcmp(s.tgt[0].vs, "none") && !strcmp(s.tgt[0].metric, "throughput") &&
	       !s.tgt[0].variant && s.tgt[0].line == 10, "target fields and line");
	tap_ok(s.tgt[1].has_max && s.tgt[1].max == 0.1 && !strcmp(s.tgt[1].variant, "2x"),
	       "a target with --max");
	tap_ok(s.nshow == 2 && !strcmp(s.show[1], "settle_s@b"), "show: more columns, per guest");
	tap_ok(scenario_uses_guest(&s, "b") && !scenario_uses_guest(&s, "a0"),
	       "the guests a metric names");
	tap_ok(scenario_guest_plots(&s), "5 guests: a plot of each guest's storage");
	tap_eq(s.fleet.n, 5, "fleet: 5 guests");
	tap_eq(s.fleet.storage, 64 * MiB, "fleet lines go to the fleet parser");
	{
		/* fleet_text: bench lines commented, same line numbers */
		const char *t = s.fleet_text;
		unsigned line = 1;

		while (line < 7 && (t = strchr(t, '\n')))
			t++, line++;
		tap_ok(t && !strncmp(t, "#policy none", 12), "bench lines become comments in the fleet file");
		tap_ok(strstr(s.fleet_text, "\nstorage 64M\nguest a count=4") != NULL,
		       "fleet lines kept as they are");
	}
	scenario_free(&s);

	scenario_init(&s);
	rc = scenario_parse_text(&s, P "scale 1 4\nvariant fast --timeslice 1\n", "s.bench", ".", err);
	tap_ok(rc == 0 && s.nvar == 3 && s.var[1].scale == 4 && !s.var[1].nopt &&
	       !strcmp(s.var[0].name, "8g") && !strcmp(s.var[1].name, "32g") &&
	       s.var[2].nopt == 2 && s.fleet.n == 8,
	       "scale: variants named by their guests (no guest lines: the default fleet of 8); variant options (%s)", err);
	tap_ok(!scenario_guest_plots(&s), "scale changes the guests: no plot of each guest's storage");
	scenario_free(&s);
	scenario_init(&s);
	rc = scenario_parse_text(&s, P, "s.bench", ".", err);
	tap_ok(rc == 0 && s.nvar == 1 && !strcmp(s.var[0].name, "base") && s.repeat == 1,
	       "no variant: one named base; repeat 1");
	scenario_free(&s);
}

static void errors(void)
{
	bad("foo 1\n" P, "x.bench:1: unknown setting 'foo' (storage, cpus, timeslice, seed, duration, timeout, scan_rate, scan_total, idle-tax, unservable, guest)",
	    "unknown line: the fleet parser's error, with the line");
	bad(P "guest a mem=1500K\n", "x.bench:2: mem=1500K: not a multiple of 1 MiB",
	    "fleet errors keep their line number");
	bad("policy\n", "x.bench:1: policy '': a name of 1 to 31 letters, digits, '_', '-', '.', '+' first (policy NAME OPTION...)",
	    "policy without a name");
	bad("policy a/b --hinting on\n", "x.bench:1: policy 'a/b': a name of 1 to 31 letters, digits, '_', '-', '.', '+' first (policy NAME OPTION...)",
	    "policy name with a bad character");
	bad(P "\npolicy none --hinting on\n", "x.bench:3: duplicate policy 'none'",
	    "duplicate policy");
	bad("policy b --balloon on\n", "x.bench:1: policy b: unknown option '--balloon' (see zcmm run --help)",
	    "unknown policy option");
	bad("policy b --results x.tsv\n", "x.bench:1: policy b: --results is set by zcmm bench itself, not by a policy",
	    "an option the harness owns");
	bad("policy b --progress=5\n", "x.bench:1: policy b: --progress is set by zcmm bench itself, not by a policy",
	    "an option the harness owns, written --key=value");
	bad("policy b --storage\n", "x.bench:1: policy b: option '--storage' needs a value (see zcmm run --help)",
	    "an option without its value");
	bad("policy b --no-essa=1\n", "x.bench:1: policy b: option '--no-essa' takes no value",
	    "a flag with a value");
	bad("policy b hinting=on\n", "x.bench:1: policy b: 'hinting=on' is not an option (zcmm run options: --policy balloon, --no-essa, ...)",
	    "a word that is not an option");
	bad("policy b --help\n", "x.bench:1: policy b: --help is not a setting", "--help");
	bad(P "variant v --timeslice 0\n", "x.bench:2: variant v: --timeslice 0: expected milliseconds > 0 (e.g. 5, 0.5)",
	    "variant options checked too");
	bad(P "scale 0\n", "x.bench:2: scale 0: expected 1 to 1000 (every guest line's count times this)",
	    "scale 0");
	bad(P "scale 1.5\n", "x.bench:2: scale 1.5: expected 1 to 1000 (every guest line's count times this)",
	    "scale not a whole number");
	bad(P "repeat 0\n", "x.bench:2: repeat 0: expected 1 to 100", "repeat 0");
	bad(P "repeat x\n", "x.bench:2: repeat x: expected 1 to 100", "repeat not a number");
	bad(P "repeat 1 2\n", "x.bench:2: repeat: expected one value", "repeat with two values");
	bad(P "sample 5\n", "x.bench:2: sample 5: expected milliseconds from 100 to 3600000", "sample too small");
	bad(P "reserve 3K\n", "x.bench:2: reserve 3K: expected a size, a multiple of 1 MiB", "reserve not in MiB");
	bad(P "overcommit\n", "x.bench:2: overcommit: expected one or more ratios (overcommit 1 2 3)",
	    "overcommit without ratios");
	bad(P "overcommit 2 0\n", "x.bench:2: overcommit 0: expected a ratio from 0.1 to 100 (guest storage / host storage)",
	    "overcommit 0");
	bad(P "overcommit 2 2\n", "x.bench:2: duplicate variant '2x'", "the same ratio twice");
	bad(P "name a/b\n", "x.bench:2: name a/b: 1 to 31 letters, digits, '_', '-', '.', '+'", "bad name");
	bad(P "target\n", "x.bench:2: target '': a name of 1 to 31 letters, digits, '_', '-', '.', '+' first (target NAME --metric M ... --min X|--max X)",
	    "target without a name");
	bad(P "target t --metric speed --min 1\n", "x.bench:2: target t: unknown metric 'speed' (see docs/bench.md)",
	    "target with an unknown metric");
	bad(P "target t --metric work --colour red\n", "x.bench:2: target t: unknown option '--colour'",
	    "target with an unknown option");
	bad(P "target t --metric work --min 1 --max 2\n", "x.bench:2: target t: give one of --min and --max",
	    "target with min and max");
	bad(P "target t --metric work\n", "x.bench:2: target t: give one of --min and --max", "target without a bound");
	bad(P "target t --min 1\n", "x.bench:2: target t: --metric is missing", "target without a metric");
	bad(P "target t --metric work --min lots\n", "x.bench:2: target t: --min lots: not a number", "target bound not a number");
	bad(P "target t --metric work policy\n", "x.bench:2: target t: 'policy': expected --KEY VALUE", "target word that is not an option");
	bad(P "target t --metric work --min 1\ntarget t --metric work --min 2\n", "x.bench:3: duplicate target 't'", "duplicate target");
	bad(P "target t --metric work --policy ghost --min 1\n", "x.bench:2: target t: no policy 'ghost' in this scenario",
	    "target naming a policy that is not there");
	bad(P "target t --metric work --vs-variant 9x --min 1\n", "x.bench:2: target t: no variant '9x' in this scenario",
	    "target naming a variant that is not there");
	bad(P "target t --metric work@ghost --min 1\nguest a\n", "x.bench:2: target t: no guest 'ghost' in the fleet",
	    "target naming a guest that is not there");
	bad(P "show speed\n", "x.bench:2: show speed: unknown metric (see docs/bench.md)", "show: unknown metric");
	bad(P "show frames@ghost\n", "x.bench: show frames@ghost: no guest 'ghost' in the fleet", "show: unknown guest");
	bad("guest a mem=1M\n", "x.bench: no 'policy' line: a scenario runs at least one policy (policy NAME OPTION...)",
	    "no policy at all");
	bad("guest a hinting=on\n" P, "x.bench:1: hinting= on a guest line would override the policies' hinting setting: leave it to the policies",
	    "hinting= per guest while a policy sets hinting");
	bad("guest a hinting=on\npolicy b --policy balloon\n", "x.bench:1: hinting= on a guest line would override the policies' hinting setting: leave it to the policies",
	    "hinting= per guest while a policy sets --policy (which decides hinting)");
}

static void real_check(void)
{
	char err[ZERR_MAX];

	bad("policy b --hinting maybe\n", "x.bench:1: policy b: --hinting maybe: expected on or off (or yes/no, true/false, 1/0)",
	    "values checked by zcmm run's own option parser");
	bad("\nvariant v --storage 3K\npolicy b\n", "x.bench:2: variant v: --storage 3K: not a multiple of 1 MiB",
	    "variant values too");
	bad("policy b --policy hinting --no-essa\n", "x.bench:1: policy b: --policy hinting uses ESSA: drop --no-essa",
	    "zcmm run's checks across options");
	tap_ok(parse("policy b --hinting on --timeslice 0.5 --paging-volumes=2\n", err) == 0,
	       "good values pass the real check (%s)", err);
}

int main(void)
{
	good();
	errors();
	real_check();
	return tap_done();
}
