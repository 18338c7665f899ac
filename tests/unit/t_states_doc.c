/* t_states_doc.c - states/README.md against the code: the embedded table
 * and diagram must equal what states_render_table/_dot produce now, and
 * the walked sequences ("life of a file page", "life of an anonymous
 * page") are replayed step by step through the state machine.
 * Run from the repository root (as `make check` does), or pass the README
 * path as the argument. `--table` / `--dot` print the renderers' output,
 * to regenerate the README until `zcmm states` does it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "states/states.h"
#include "tests/tap.h"

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	if (buf)
		buf[n] = 0;
	fclose(f);
	return buf;
}

/* The text between "<!-- BEGIN name -->\n" and "<!-- END name -->", with a
 * ``` fence around it removed. Returns a malloc'd copy or NULL. */
static char *section(const char *doc, const char *name)
{
	char begin[128], end[128];
	const char *b, *e;
	char *out;
	size_t n;

	snprintf(begin, sizeof begin, "<!-- BEGIN %s -->\n", name);
	snprintf(end, sizeof end, "<!-- END %s -->", name);
	b = strstr(doc, begin);
	if (!b)
		return NULL;
	b += strlen(begin);
	e = strstr(b, end);
	if (!e)
		return NULL;
	if (!strncmp(b, "```", 3)) {
		b = strchr(b, '\n') + 1;
		while (e > b && e[-1] != '`')
			e--;
		while (e > b && e[-1] != '\n')
			e--;
	}
	n = (size_t)(e - b);
	out = malloc(n + 1);
	memcpy(out, b, n);
	out[n] = 0;
	return out;
}

static char *render(size_t (*fn)(char *, size_t))
{
	size_t n = fn(NULL, 0);
	char *buf = malloc(n + 1);

	fn(buf, n + 1);
	return buf;
}

static void compare(const char *doc, const char *name,
		    size_t (*fn)(char *, size_t))
{
	char *want = render(fn);
	char *got = section(doc, name);
	int line = 1;
	size_t i = 0;

	if (!tap_ok(got != NULL, "README has the %s section", name)) {
		free(want);
		return;
	}
	while (got[i] && got[i] == want[i]) {
		if (got[i] == '\n')
			line++;
		i++;
	}
	if (!tap_ok(got[i] == want[i], "README's %s matches the code", name))
		tap_diag("first difference at line %d of the section; "
			 "regenerate with build/tests/t_states_doc --%s",
			 line, strstr(name, "dot") ? "dot" : "table");
	free(want);
	free(got);
}

/* The renderers honour their buffer contract: size query, truncation with
 * a terminating NUL, nothing written beyond len. */
static void buffer_contract(void)
{
	size_t n = states_render_table(NULL, 0);
	char small[17];
	char *full = render(states_render_table);

	tap_ok(n > 1000, "table renders to %zu bytes", n);
	tap_eq(strlen(full), n, "full table is n bytes plus NUL");
	memset(small, 'X', sizeof small);
	tap_eq(states_render_table(small, 16), n, "truncated call returns n");
	tap_ok(small[15] == 0 && small[16] == 'X' && !strncmp(small, full, 15),
	       "truncated to 15 bytes and a NUL, nothing beyond");
	small[0] = 'X';
	tap_eq(states_render_dot(small, 1), states_render_dot(NULL, 0),
	       "len 1: size returned");
	tap_ok(small[0] == 0, "len 1: only the NUL");
	free(full);
}

/* --- replaying a walked sequence -------------------------------------- */

static char *trim(char *s)
{
	char *e;

	while (*s == ' ')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\n'))
		*--e = 0;
	return s;
}

static bool parse_state(const char *s, struct page_state *st)
{
	for (int i = 0; i < STATES_NVALID; i++) {
		struct page_state c = states_by_index(i);
		const char *n = states_name(c);

		if (strncmp(s, n, 2))
			continue;
		c.nodat = !strcmp(s + 2, "+nodat");
		if (s[2] && !c.nodat)
			return false;
		*st = c;
		return true;
	}
	return false;
}

/* One row: | # | actor | step | C | before | after | r1 | outcome | why | */
static void replay_row(const char *seq, char *line, struct page_state *prev,
		       bool *have_prev)
{
	char *cell[10];
	int n = 0;
	struct page_state before, after, got;
	char outcome[64];
	const char *step;
	bool dirty, ok;
	long r1 = -1, want_r1 = -1;

	for (char *p = strtok(line, "|"); p && n < 10; p = strtok(NULL, "|"))
		cell[n++] = trim(p);
	if (n < 8) {
		tap_ok(0, "%s: malformed row", seq);
		return;
	}
	step = cell[2];
	dirty = !strcmp(cell[3], "1");
	if (!parse_state(cell[4], &before) || !parse_state(cell[5], &after)) {
		tap_ok(0, "%s step %s: unknown state %s or %s", seq, cell[0],
		       cell[4], cell[5]);
		return;
	}
	if (strcmp(cell[6], "-"))
		want_r1 = strtol(cell[6], NULL, 16);

	if (!strncmp(step, "essa ", 5)) {
		struct essa_result r = essa_apply(before, dirty,
						  (unsigned)atoi(step + 5), true);

		got = r.state;
		r1 = r.action == ESSA_ACT_EXCEPTION ? -1 : (long)r.r1;
		snprintf(outcome, sizeof outcome, "%s%s",
			 essa_action_name(r.action),
			 r.reset_change ? ", reset C" : "");
	} else if (!strcmp(step, "access")) {
		struct states_access_result r = states_access(before);

		got = r.state;
		if (r.pgm)
			snprintf(outcome, sizeof outcome, "%s 0x%02x",
				 states_access_name(r.kind), r.pgm);
		else
			snprintf(outcome, sizeof outcome, "%s",
				 states_access_name(r.kind));
	} else {
		int op = -1;
		struct states_host_result r;

		for (int i = 0; i < STATES_HOST_NOPS; i++)
			if (!strcmp(step, states_host_op_name((enum states_host_op)i)))
				op = i;
		if (!tap_ok(op >= 0, "%s step %s: known step '%s'", seq, cell[0], step))
			return;
		r = states_host_apply((enum states_host_op)op, before, dirty);
		got = r.state;
		snprintf(outcome, sizeof outcome, "%s",
			 states_verdict_name(r.verdict));
	}
	ok = states_equal(got, after) && r1 == want_r1 &&
	     !strcmp(outcome, cell[7]) &&
	     (!*have_prev || states_equal(*prev, before));
	tap_ok(ok, "%s step %s: %s %s on %s -> %s (%s)", seq, cell[0], cell[1],
	       step, cell[4], cell[5], cell[7]);
	if (!ok)
		tap_diag("got %s%s r1 %ld outcome '%s'%s", states_name(got),
			 got.nodat ? "+nodat" : "", r1, outcome,
			 *have_prev && !states_equal(*prev, before) ?
			 "; 'before' is not the previous step's 'after'" : "");
	*prev = after;
	*have_prev = true;
}

static void replay(const char *doc, const char *name, int min_steps)
{
	char *text = section(doc, name);
	struct page_state prev;
	bool have_prev = false;
	int steps = 0;

	if (!tap_ok(text != NULL, "README has the %s sequence", name))
		return;
	for (char *line = text, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		/* data rows start with "| <digit>" */
		if (line[0] != '|' || line[1] != ' ' || line[2] < '0' || line[2] > '9')
			continue;
		replay_row(name, line, &prev, &have_prev);
		steps++;
	}
	tap_ok(steps >= min_steps, "%s has %d steps", name, steps);
	free(text);
}

int main(int argc, char **argv)
{
	const char *path = "states/README.md";
	char *doc;

	if (argc > 1 && !strcmp(argv[1], "--table")) {
		char *t = render(states_render_table);

		fputs(t, stdout);
		free(t);
		return 0;
	}
	if (argc > 1 && !strcmp(argv[1], "--dot")) {
		char *t = render(states_render_dot);

		fputs(t, stdout);
		free(t);
		return 0;
	}
	if (argc > 1)
		path = argv[1];

	buffer_contract();
	doc = slurp(path);
	if (!tap_ok(doc != NULL, "read %s (run from the repository root)", path))
		return tap_done();
	compare(doc, "states_render_table", states_render_table);
	compare(doc, "states_render_dot", states_render_dot);
	replay(doc, "life-of-a-file-page", 10);
	replay(doc, "life-of-an-anonymous-page", 10);
	free(doc);
	return tap_done();
}
