/* statescmd.c - `zcmm states [--dot|--table]`: prints the page-state
 * machine as a table or a Graphviz diagram, rendered by states/ from the
 * same code the host runs. */
#include "tools/statescmd.h"
#include "tools/util.h"
#include "states/states.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_states(int argc, char **argv)
{
	size_t (*render)(char *, size_t) = states_render_table;
	size_t len;
	char *buf;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--dot"))
			render = states_render_dot;
		else if (!strcmp(argv[i], "--table"))
			render = states_render_table;
		else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			puts("usage: zcmm states [--table|--dot]\n"
			     "Print the page-state machine: a table of the ESSA and host\n"
			     "transitions (default), or a Graphviz diagram (--dot; draw it\n"
			     "with: zcmm states --dot | dot -Tsvg > states.svg).");
			return 0;
		} else {
			zerr("states: unknown option '%s' (see zcmm states --help)", argv[i]);
			return ZX_USAGE;
		}
	}
	len = render(NULL, 0);
	buf = xmalloc(len + 1);
	render(buf, len + 1);
	fwrite(buf, 1, len, stdout);
	free(buf);
	return 0;
}
