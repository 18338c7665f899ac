/* render.c - the transition table (Markdown) and the state diagram
 * (Graphviz dot) of states/README.md, computed by running essa_apply() and
 * the host operations over every valid state, so the documentation cannot
 * drift from the code. Freestanding: writes into a caller's buffer. */
#include "states/states.h"

/* snprintf-like sink: counts everything, stores what fits. */
struct sink {
	char *buf;
	size_t len;
	size_t pos;
};

static void put(struct sink *s, const char *str)
{
	for (; *str; str++, s->pos++)
		if (s->buf && s->pos + 1 < s->len)
			s->buf[s->pos] = *str;
}

static void put_hex2(struct sink *s, unsigned v)
{
	char h[5] = { '0', 'x', "0123456789abcdef"[(v >> 4) & 15],
		      "0123456789abcdef"[v & 15], 0 };

	put(s, h);
}

static void put_digit(struct sink *s, unsigned v)
{
	char d[2] = { (char)('0' + v % 10), 0 };

	put(s, d);
}

static size_t finish(struct sink *s)
{
	if (s->buf && s->len > 0)
		s->buf[s->pos < s->len ? s->pos : s->len - 1] = 0;
	return s->pos;
}

/* --- the table ---------------------------------------------------------- */

static void put_essa_cell(struct sink *s, struct page_state st, bool dirty,
			  unsigned op)
{
	struct essa_result r = essa_apply(st, dirty, op, true);

	if (r.action == ESSA_ACT_EXCEPTION || r.action == ESSA_ACT_BAD_STATE) {
		put(s, essa_action_name(r.action));
		return;
	}
	put(s, states_name(r.state));
	if (r.state.nodat)
		put(s, "+nodat");
	if (r.action != ESSA_ACT_NONE) {
		put(s, ", ");
		put(s, essa_action_name(r.action));
	}
	if (r.reset_change)
		put(s, ", reset C");
}

static void put_host_cell(struct sink *s, struct page_state st, bool dirty,
			  unsigned op)
{
	struct states_host_result r = states_host_apply((enum states_host_op)op,
							st, dirty);

	if (r.verdict != STATES_DONE) {
		put(s, r.verdict == STATES_REFUSED ? "-" : "bad state");
		return;
	}
	put(s, states_name(r.state));
	if (r.state.content != PAGE_CONTENT_ZERO)
		put(s, r.dirty ? " C=1" : " C=0");
}

static void put_access_cell(struct sink *s, struct page_state st)
{
	struct states_access_result r = states_access(st);

	put(s, states_access_name(r.kind));
	if (r.pgm) {
		put(s, " ");
		put_hex2(s, r.pgm);
	} else if (!states_equal(r.state, st)) {
		put(s, ", ");
		put(s, states_name(r.state));
	}
}

/* Does the change bit make a difference to any cell of this row? */
static bool essa_depends_on_dirty(struct page_state st)
{
	for (unsigned op = 0; op < ESSA_NOPS; op++) {
		struct essa_result a = essa_apply(st, false, op, true);
		struct essa_result b = essa_apply(st, true, op, true);

		if (a.action != b.action || !states_equal(a.state, b.state) ||
		    a.r1 != b.r1 || a.reset_change != b.reset_change)
			return true;
	}
	return false;
}

static bool host_depends_on_dirty(struct page_state st)
{
	for (unsigned op = 0; op < STATES_HOST_NOPS; op++) {
		struct states_host_result a =
			states_host_apply((enum states_host_op)op, st, false);
		struct states_host_result b =
			states_host_apply((enum states_host_op)op, st, true);

		if (a.verdict != b.verdict || !states_equal(a.state, b.state) ||
		    (a.verdict == STATES_DONE && a.dirty != b.dirty))
			return true;
	}
	return false;
}

static void put_dirty_col(struct sink *s, bool split, bool dirty)
{
	put(s, !split ? " | any | " : dirty ? " | 1 | " : " | 0 | ");
}

size_t states_render_table(char *buf, size_t len)
{
	struct sink s = { buf, len, 0 };

	put(&s, "ESSA: the state afterwards and what the host must do "
		"(r1 always gets the state before; facility 147 offered).\n\n");
	put(&s, "| state | C | r1 |");
	for (unsigned op = 0; op < ESSA_NOPS; op++) {
		put(&s, " ");
		put_digit(&s, op);
		put(&s, " ");
		put(&s, essa_op_name(op));
		put(&s, " |");
	}
	put(&s, "\n|---|---|---|");
	for (unsigned op = 0; op < ESSA_NOPS; op++)
		put(&s, "---|");
	put(&s, "\n");
	for (int i = 0; i < STATES_NVALID; i++) {
		struct page_state st = states_by_index(i);
		bool split = essa_depends_on_dirty(st);

		for (int d = 0; d <= (int)split; d++) {
			put(&s, "| ");
			put(&s, states_name(st));
			put_dirty_col(&s, split, d);
			put_hex2(&s, (unsigned)essa_apply(st, d, 0, true).r1);
			for (unsigned op = 0; op < ESSA_NOPS; op++) {
				put(&s, " | ");
				put_essa_cell(&s, st, d, op);
			}
			put(&s, " |\n");
		}
	}

	put(&s, "\nHost operations (\"-\": refused, state unchanged; C: the "
		"change bit kept with the page) and guest accesses.\n\n");
	put(&s, "| state | C |");
	for (unsigned op = 0; op < STATES_HOST_NOPS; op++) {
		put(&s, " ");
		put(&s, states_host_op_name((enum states_host_op)op));
		put(&s, " |");
	}
	put(&s, " guest access |\n|---|---|");
	for (unsigned op = 0; op <= STATES_HOST_NOPS; op++)
		put(&s, "---|");
	put(&s, "\n");
	for (int i = 0; i < STATES_NVALID; i++) {
		struct page_state st = states_by_index(i);
		bool split = host_depends_on_dirty(st);

		for (int d = 0; d <= (int)split; d++) {
			put(&s, "| ");
			put(&s, states_name(st));
			put_dirty_col(&s, split, d);
			for (unsigned op = 0; op < STATES_HOST_NOPS; op++) {
				put_host_cell(&s, st, d, op);
				put(&s, " | ");
			}
			put_access_cell(&s, st);
			put(&s, " |\n");
		}
	}
	return finish(&s);
}

/* --- the diagram -------------------------------------------------------- */

/* Label tokens of the guest's ESSA edge from -> to: the op codes that
 * take it, qualified by the change bit when only one value does. */
static bool essa_edge_label(struct sink *s, struct page_state from,
			    struct page_state to)
{
	bool any = false;

	for (unsigned op = 1; op < ESSA_NOPS; op++) {
		bool hit[2];
		enum essa_action act = ESSA_ACT_NONE;

		for (int d = 0; d < 2; d++) {
			struct essa_result r = essa_apply(from, d, op, true);

			hit[d] = r.state.usage == to.usage &&
				 r.state.content == to.content;
			if (hit[d])
				act = r.action;
		}
		if (!hit[0] && !hit[1])
			continue;
		if (s) {
			put(s, any ? ", " : "");
			put_digit(s, op);
			if (hit[0] != hit[1])
				put(s, hit[1] ? " dirty" : " clean");
			if (act == ESSA_ACT_DROP || act == ESSA_ACT_FRAME) {
				put(s, " ");
				put(s, essa_action_name(act));
			}
		}
		any = true;
	}
	return any;
}

static bool host_edge_label(struct sink *s, struct page_state from,
			    struct page_state to)
{
	bool any = false;

	for (unsigned op = 0; op < STATES_HOST_NOPS; op++) {
		bool hit[2];

		for (int d = 0; d < 2; d++) {
			struct states_host_result r =
				states_host_apply((enum states_host_op)op, from, d);

			hit[d] = r.verdict == STATES_DONE &&
				 r.state.usage == to.usage &&
				 r.state.content == to.content;
		}
		if (!hit[0] && !hit[1])
			continue;
		if (s) {
			put(s, any ? ", " : "");
			put(s, states_host_op_name((enum states_host_op)op));
			if (hit[0] != hit[1])
				put(s, hit[1] ? " dirty" : " clean");
		}
		any = true;
	}
	return any;
}

static void put_edge(struct sink *s, struct page_state from,
		     struct page_state to, bool host)
{
	put(s, "  ");
	put(s, states_name(from));
	put(s, " -> ");
	put(s, states_name(to));
	put(s, " [label=\"");
	if (host)
		host_edge_label(s, from, to);
	else
		essa_edge_label(s, from, to);
	put(s, host ? "\", style=dashed];\n" : "\"];\n");
}

size_t states_render_dot(char *buf, size_t len)
{
	struct sink s = { buf, len, 0 };

	put(&s, "digraph zcmm_page_states {\n"
		"  // solid: guest ESSA op codes; dashed: host operations;\n"
		"  // self-loops (no change) are left out\n"
		"  rankdir=LR;\n"
		"  node [shape=circle];\n");
	put(&s, "  { rank=same;");
	for (int i = 0; i < STATES_NVALID; i++) {
		struct page_state st = states_by_index(i);

		if (st.content == PAGE_CONTENT_RESIDENT) {
			put(&s, " ");
			put(&s, states_name(st));
		}
	}
	put(&s, "; }\n  { rank=same;");
	for (int i = 0; i < STATES_NVALID; i++) {
		struct page_state st = states_by_index(i);

		if (st.content != PAGE_CONTENT_RESIDENT) {
			put(&s, " ");
			put(&s, states_name(st));
		}
	}
	put(&s, "; }\n");
	for (int i = 0; i < STATES_NVALID; i++) {
		struct page_state from = states_by_index(i);

		for (int j = 0; j < STATES_NVALID; j++) {
			struct page_state to = states_by_index(j);

			if (i == j)
				continue;
			if (essa_edge_label(NULL, from, to))
				put_edge(&s, from, to, false);
			if (host_edge_label(NULL, from, to))
				put_edge(&s, from, to, true);
		}
	}
	put(&s, "}\n");
	return finish(&s);
}
