/* t_states_host.c - the host's transitions (discard, page-out, page-in,
 * zero fill) and the meaning of a guest access, for all 12 (usage,
 * content) pairs x dirty, against a literal table written from the
 * architecture's description of the states (see t_states.c). */
#include <string.h>

#include "states/states.h"
#include "tests/tap.h"

/* Host-op cells: "Uz0" = done, new state Uz, change bit afterwards 0;
 * "ref" = refused (state and bit unchanged); "bad" = invalid input.
 * Access cells: nrm (normal), pin (page in, then Sr), zfl (zero fill, then
 * Sr), dsc (discard fault 0x1A), adr (addressing exception 0x05), bad. */
struct hrow {
	const char *state;
	int dirty;
	const char *op[STATES_HOST_NOPS]; /* discard page-out page-in zero-fill */
	const char *access;
};

static const struct hrow host_table[] = {
	{ "Sr", 0, { "ref", "Sp0", "ref", "ref" }, "nrm" },
	{ "Sr", 1, { "ref", "Sp1", "ref", "ref" }, "nrm" },
	{ "Sp", 0, { "ref", "ref", "Sr0", "ref" }, "pin" },
	{ "Sp", 1, { "ref", "ref", "Sr1", "ref" }, "pin" },
	{ "Sz", 0, { "ref", "ref", "ref", "Sr0" }, "zfl" },
	{ "Sz", 1, { "ref", "ref", "ref", "Sr0" }, "zfl" },
	{ "Ur", 0, { "Uz0", "ref", "ref", "ref" }, "adr" },
	{ "Ur", 1, { "Uz0", "ref", "ref", "ref" }, "adr" },
	{ "Up", 0, { "bad", "bad", "bad", "bad" }, "bad" },
	{ "Up", 1, { "bad", "bad", "bad", "bad" }, "bad" },
	{ "Uz", 0, { "ref", "ref", "ref", "ref" }, "adr" },
	{ "Uz", 1, { "ref", "ref", "ref", "ref" }, "adr" },
	{ "Vr", 0, { "Vz0", "ref", "ref", "ref" }, "nrm" },
	{ "Vr", 1, { "Vz0", "ref", "ref", "ref" }, "nrm" },
	{ "Vp", 0, { "bad", "bad", "bad", "bad" }, "bad" },
	{ "Vp", 1, { "bad", "bad", "bad", "bad" }, "bad" },
	{ "Vz", 0, { "ref", "ref", "ref", "ref" }, "dsc" },
	{ "Vz", 1, { "ref", "ref", "ref", "ref" }, "dsc" },
	{ "Pr", 0, { "Vz0", "ref", "ref", "ref" }, "nrm" },
	{ "Pr", 1, { "ref", "Sp1", "ref", "ref" }, "nrm" },
	{ "Pp", 0, { "bad", "bad", "bad", "bad" }, "bad" },
	{ "Pp", 1, { "bad", "bad", "bad", "bad" }, "bad" },
	{ "Pz", 0, { "bad", "bad", "bad", "bad" }, "bad" },
	{ "Pz", 1, { "bad", "bad", "bad", "bad" }, "bad" },
};

static struct page_state parse_state(const char *s)
{
	struct page_state st;

	st.usage = s[0] == 'S' ? PAGE_USAGE_STABLE :
		   s[0] == 'U' ? PAGE_USAGE_UNUSED :
		   s[0] == 'V' ? PAGE_USAGE_VOLATILE : PAGE_USAGE_POT_VOLATILE;
	st.content = s[1] == 'r' ? PAGE_CONTENT_RESIDENT :
		     s[1] == 'p' ? PAGE_CONTENT_PRESERVED : PAGE_CONTENT_ZERO;
	st.nodat = false;
	return st;
}

static void check_host(const struct hrow *r, enum states_host_op op,
		       bool nodat)
{
	struct page_state in = parse_state(r->state);
	const char *cell = r->op[op];
	struct states_host_result res;
	enum states_verdict v;
	struct page_state want = in;
	bool want_dirty = r->dirty;
	bool ok;

	in.nodat = nodat;
	res = states_host_apply(op, in, r->dirty);
	if (!strcmp(cell, "ref")) {
		v = STATES_REFUSED;
		want = in;
	} else if (!strcmp(cell, "bad")) {
		v = STATES_BAD;
		want = in;
	} else {
		v = STATES_DONE;
		want = parse_state(cell);
		/* no-DAT stays with a stable page through page-out/in */
		want.nodat = nodat && want.usage == PAGE_USAGE_STABLE;
		want_dirty = cell[2] == '1';
	}
	ok = res.verdict == v && states_equal(res.state, want) &&
	     res.dirty == want_dirty;
	tap_ok(ok, "host %s on %s%s dirty=%d -> %s", states_host_op_name(op),
	       r->state, nodat ? "+nodat" : "", r->dirty, cell);
	if (!ok)
		tap_diag("got %s %s%s dirty %d", states_verdict_name(res.verdict),
			 states_name(res.state), res.state.nodat ? "+nodat" : "",
			 res.dirty);
}

static void check_access(const struct hrow *r)
{
	struct page_state in = parse_state(r->state);
	struct states_access_result res = states_access(in);
	const char *a = r->access;
	enum states_access_kind k = STATES_ACCESS_BAD;
	struct page_state want = in;
	unsigned pgm = 0;

	if (!strcmp(a, "nrm")) {
		k = STATES_ACCESS_NORMAL;
	} else if (!strcmp(a, "pin")) {
		k = STATES_ACCESS_PAGE_IN;
		want = parse_state("Sr");
	} else if (!strcmp(a, "zfl")) {
		k = STATES_ACCESS_ZERO_FILL;
		want = parse_state("Sr");
	} else if (!strcmp(a, "dsc")) {
		k = STATES_ACCESS_DISCARD;
		pgm = 0x1a;
	} else if (!strcmp(a, "adr")) {
		k = STATES_ACCESS_ADDRESSING;
		pgm = 0x05;
	}
	tap_ok(res.kind == k && states_equal(res.state, want) && res.pgm == pgm,
	       "access to %s dirty=%d -> %s", r->state, r->dirty, a);
	if (!(res.kind == k && states_equal(res.state, want) && res.pgm == pgm))
		tap_diag("got %s, %s, pgm 0x%x", states_access_name(res.kind),
			 states_name(res.state), res.pgm);
}

int main(void)
{
	size_t n = sizeof host_table / sizeof *host_table;
	int cells = 0;

	tap_eq(n, 24, "host table covers 4 x 3 x 2");
	for (size_t i = 0; i < n; i++) {
		for (int op = 0; op < STATES_HOST_NOPS; op++, cells++)
			check_host(&host_table[i], (enum states_host_op)op, false);
		check_access(&host_table[i]);
		cells++;
	}
	tap_eq(cells, 120, "walked every host cell");

	/* no-DAT stable pages keep the flag through page-out and page-in */
	for (size_t i = 0; i < n; i++)
		if (host_table[i].state[0] == 'S')
			for (int op = 0; op < STATES_HOST_NOPS; op++)
				check_host(&host_table[i], (enum states_host_op)op,
					   true);

	/* no-DAT on a non-stable page is a bad state for the host too */
	{
		struct page_state st = parse_state("Vr");
		struct states_host_result r;

		st.nodat = true;
		r = states_host_discard(st, false);
		tap_eq(r.verdict, STATES_BAD, "Vr+nodat: discard says bad");
		tap_eq(states_access(st).kind, STATES_ACCESS_BAD,
		       "Vr+nodat: access says bad");
	}
	/* an unknown host op */
	tap_eq(states_host_apply((enum states_host_op)9, parse_state("Sr"), 0).verdict,
	       STATES_BAD, "unknown host op is bad");
	tap_ok(!strcmp(states_host_op_name(STATES_HOST_ZERO_FILL), "zero-fill"),
	       "host op names");
	tap_ok(!strcmp(states_access_name(STATES_ACCESS_DISCARD), "discard fault"),
	       "access names");
	return tap_done();
}
