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

#define P "policy none hinting=off\n"

static void good(void)
{
	struct scenario s;
	char err[ZERR_MAX];
	int rc;

	scenario_init(&s);
	rc = scenario_parse_text(&s,
		"# a scenario\n"
		"title Two policies, two ratios\n"
		"repeat 3\n"
		"sample 500\n"
		"reserve 4M\n"
		"overcommit 1 2\n"
		"policy none hinting=off\n"
		"policy hinting hinting=on --timeslice=2\n"
		"policy plain essa=off\n"
		"target t1 metric=throughput policy=hinting vs=none min=0.98\n"
		"target t2 metric=io_per_reclaimed variant=2x policy=hinting max=0.1\n"
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
	tap_ok(s.title && !strcmp(s.title, "Two policies, two ratios"), "title");
	tap_eq(s.repeat, 3, "repeat");
	tap_eq(s.sample_ms, 500, "sample");
	tap_eq(s.npol, 3, "three policies");
	tap_ok(!strcmp(s.pol[1].name, "hinting") && s.pol[1].nset == 2 &&
	       !strcmp(s.pol[1].set[0].key, "hinting") && !strcmp(s.pol[1].set[0].val, "on") &&
	       !strcmp(s.pol[1].set[1].key, "timeslice") && !strcmp(s.pol[1].set[1].val, "2"),
	       "policy settings are run options with values (--key=value too)");
	tap_ok(s.pol[2].nset == 1 && !strcmp(s.pol[2].set[0].key, "no-essa") &&
	       !s.pol[2].set[0].val, "essa=off is the flag --no-essa");
	tap_eq(s.nvar, 2, "overcommit 1 2 makes two variants");
	tap_ok(!strcmp(s.var[0].name, "1x") && !strcmp(s.var[1].name, "2x"),
	       "named 1x and 2x");
	tap_eq(s.guest_total, 16 * MiB, "guest storage 4 x 2M + 8M");
	tap_ok(s.var[0].nset == 1 && !strcmp(s.var[0].set[0].val, "20M") &&
	       !strcmp(s.var[1].set[0].val, "12M"),
	       "storage = reserve + guest storage / ratio (%s, %s)",
	       s.var[0].nset ? s.var[0].set[0].val : "-", s.var[1].nset ? s.var[1].set[0].val : "-");
	tap_eq(s.ntgt, 2, "two targets");
	tap_ok(s.tgt[0].is_min && s.tgt[0].bound == 0.98 && !strcmp(s.tgt[0].vs, "none") &&
	       s.tgt[0].line == 10, "target fields and line");
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
	rc = scenario_parse_text(&s, P "variant big scale=4 timeslice=1\n", "s.bench", ".", err);
	tap_ok(rc == 0 && s.nvar == 1 && s.var[0].scale == 4 && s.var[0].nset == 1 &&
	       s.fleet.n == 8, "variant with scale=; no guests: the default fleet");
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
	bad("policy\n", "x.bench:1: policy: a name is missing (policy NAME OPTION...)",
	    "policy without a name");
	bad("policy a/b hinting=on\n", "x.bench:1: policy name 'a/b': 1 to 31 letters, digits, '_', '-', '.', '+'",
	    "policy name with a bad character");
	bad(P "\npolicy none hinting=on\n", "x.bench:3: duplicate policy 'none'",
	    "duplicate policy");
	bad("policy b balloon=on\n", "x.bench:1: policy b: unknown setting 'balloon' (a zcmm run option, see zcmm run --help)",
	    "unknown policy setting");
	bad("policy b results=x.tsv\n", "x.bench:1: policy b: 'results' is set by zcmm bench itself, not by a policy",
	    "a setting the harness owns");
	bad("policy b storage\n", "x.bench:1: policy b: 'storage' needs a value (storage=VALUE)",
	    "a setting without its value");
	bad("policy b no-essa=1\n", "x.bench:1: policy b: 'no-essa' takes no value",
	    "a flag with a value");
	bad("policy b hinting=on hinting=off\n", "x.bench:1: policy b: 'hinting' given twice",
	    "a setting twice");
	bad("policy b essa=maybe\n", "x.bench:1: policy b: essa=maybe: expected on or off",
	    "essa= not on/off");
	bad("policy b =on\n", "x.bench:1: policy b: '=on': expected KEY=VALUE", "empty key");
	bad(P "variant v scale=0\n", "x.bench:2: variant v: scale=0: expected 1 to 1000 (every guest line's count times this)",
	    "variant scale=0");
	bad("policy b scale=2\n", "x.bench:1: policy b: unknown setting 'scale' (a zcmm run option, see zcmm run --help)",
	    "scale= is for variants only");
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
	bad(P "name a/b\n", "x.bench:2: name 'a/b': 1 to 31 letters, digits, '_', '-', '.', '+'", "bad name");
	bad(P "target\n", "x.bench:2: target: a name is missing (target NAME metric=M ... min=X|max=X)",
	    "target without a name");
	bad(P "target t metric=speed min=1\n", "x.bench:2: target t: unknown metric 'speed' (see docs/bench.md)",
	    "target with an unknown metric");
	bad(P "target t metric=work colour=red\n", "x.bench:2: target t: unknown key 'colour' (metric, policy, variant, vs, vs-variant, min, max)",
	    "target with an unknown key");
	bad(P "target t metric=work min=1 max=2\n", "x.bench:2: target t: give one of min= and max=",
	    "target with min and max");
	bad(P "target t metric=work\n", "x.bench:2: target t: min= or max= is missing", "target without a bound");
	bad(P "target t min=1\n", "x.bench:2: target t: metric= is missing", "target without a metric");
	bad(P "target t metric=work min=lots\n", "x.bench:2: target t: min=lots: not a number", "target bound not a number");
	bad(P "target t metric=work policy\n", "x.bench:2: target t: 'policy': expected KEY=VALUE", "target word without =");
	bad(P "target t metric=work min=1\ntarget t metric=work min=2\n", "x.bench:3: duplicate target 't'", "duplicate target");
	bad(P "target t metric=work policy=ghost min=1\n", "x.bench:2: target t: no policy 'ghost' in this scenario",
	    "target naming a policy that is not there");
	bad(P "target t metric=work vs-variant=9x min=1\n", "x.bench:2: target t: no variant '9x' in this scenario",
	    "target naming a variant that is not there");
	bad("guest a mem=1M\n", "x.bench: no 'policy' line: a scenario runs at least one policy (policy NAME OPTION...)",
	    "no policy at all");
	bad("guest a hinting=on\n" P, "x.bench:1: hinting= on a guest line would override the policies' hinting setting: leave it to the policies",
	    "hinting= per guest while a policy sets hinting");
}

static void real_check(void)
{
	char err[ZERR_MAX];

	bad("policy b hinting=maybe\n", "x.bench:1: policy b: --hinting maybe: expected on or off",
	    "values checked by zcmm run's own option parser");
	bad("\nvariant v storage=3K\npolicy b\n", "x.bench:2: variant v: --storage 3K: not a multiple of 1 MiB",
	    "variant values too");
	tap_ok(parse("policy b hinting=on timeslice=0.5 paging-volumes=2\n", err) == 0,
	       "good values pass the real check (%s)", err);
}

int main(void)
{
	good();
	errors();
	real_check();
	return tap_done();
}
