/* statescmd.c - `zcmm states [--dot|--table]`: prints the page-state
 * machine as a table or a Graphviz diagram, rendered by states/ from the
 * same code the host runs. Its options are a table (tools/opts.h). */
#include "tools/statescmd.h"
#include "tools/opts.h"
#include "tools/util.h"
#include "states/states.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

struct states_opts {
	int table, dot;
};

static const struct opt states_opts_table[] = {
	{ .name = "table", .kind = OPT_FLAG, .off = offsetof(struct states_opts, table),
	  .help = "Markdown tables of the ESSA and host transitions\n(the default)" },
	{ .name = "dot", .kind = OPT_FLAG, .off = offsetof(struct states_opts, dot),
	  .help = "a Graphviz diagram (zcmm states --dot | dot -Tsvg >\nstates.svg)" },
	OPT_END,
};

int cmd_states(int argc, char **argv)
{
	struct states_opts o = { 0 };
	char err[ZERR_MAX], *pos[1];
	size_t len;
	char *buf;
	int npos;

	switch (opts_parse(states_opts_table, &o, argc, argv, pos, 0, &npos, NULL, err)) {
	case 1:
		puts("usage: zcmm states [--table|--dot]\n"
		     "Print the page-state machine, rendered from the code the host runs.\n");
		opts_help(states_opts_table, stdout);
		return 0;
	case -1:
		zdie(ZX_USAGE, "%s", err);
	}
	if (o.table && o.dot)
		zdie(ZX_USAGE, "states: --table and --dot exclude each other");
	len = (o.dot ? states_render_dot : states_render_table)(NULL, 0);
	buf = xmalloc(len + 1);
	(o.dot ? states_render_dot : states_render_table)(buf, len + 1);
	fwrite(buf, 1, len, stdout);
	free(buf);
	return 0;
}
