/* fuzz_scenario.c - the scenario parser of zcmm bench (tools/benchscn.c,
 * with the fleet parser and zcmm run's option parser under it): no crash,
 * no leak, no undefined behaviour on any text. */
#include "tests/fuzz/fuzz.h"
#include "tools/bench.h"
#include "tools/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scenario s;
	char err[ZERR_MAX], *text = fuzz_text(data, size);

	scenario_init(&s);
	if (scenario_parse_text(&s, text, "fuzz.bench", "/nonexistent", err) < 0 &&
	    !err[0])
		abort();                /* a refusal always says why */
	scenario_free(&s);
	free(text);
	return 0;
}
