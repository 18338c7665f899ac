/* t_states.c - every (usage, content, dirty, operation) cell of ESSA, the
 * encodings and the invalid inputs, checked against a literal table.
 * The table was written from the architecture's description of the page
 * states (the 2007 guest-page-hinting design by M. Schwidefsky, Linux's
 * arch/s390 ESSA encodings) and zcmm's DESIGN.md, not from states/. */
#include <string.h>

#include "states/states.h"
#include "tests/tap.h"

static const enum page_usage usages[4] = {
	PAGE_USAGE_STABLE, PAGE_USAGE_UNUSED,
	PAGE_USAGE_VOLATILE, PAGE_USAGE_POT_VOLATILE,
};
static const enum page_content contents[3] = {
	PAGE_CONTENT_RESIDENT, PAGE_CONTENT_PRESERVED, PAGE_CONTENT_ZERO,
};

/* Cell legend, four characters: usage, content, no-DAT ('n' or '.'),
 * outcome: '-' nothing, 'c' nothing but reset the change bit,
 * 'd' drop the preserved copy, 'f' give it a frame,
 * 'x' specification exception (state and r1 untouched),
 * '!' bad input state (r1 = 0x10, state untouched). */
struct row {
	const char *state;
	int dirty;
	unsigned r1;                 /* r1 for every op that writes it */
	const char *cell[ESSA_NOPS]; /* ops 0..7 with facility 147 */
};

#define BAD(s, d) { s, d, 0x10, { s ".!", s ".!", s ".!", s ".!", \
				 s ".!", s ".!", s ".!", s ".!" } }

/*        state dirty r1     0 extract 1 stable 2 unused 3 volat. 4 pot.v. 5 st+res 6 st-if-r 7 nodat */
static const struct row essa_table[] = {
	{ "Sr", 0, 0x00, { "Sr.-", "Sr.-", "Ur.-", "Vr.-", "Pr.c", "Sr.-", "Sr.-", "Srn-" } },
	{ "Sr", 1, 0x00, { "Sr.-", "Sr.-", "Ur.-", "Vr.-", "Pr.c", "Sr.-", "Sr.-", "Srn-" } },
	{ "Sp", 0, 0x02, { "Sp.-", "Sp.-", "Uz.d", "Vz.d", "Vz.d", "Sr.f", "Sp.-", "Spn-" } },
	{ "Sp", 1, 0x02, { "Sp.-", "Sp.-", "Uz.d", "Vz.d", "Sp.-", "Sr.f", "Sp.-", "Spn-" } },
	{ "Sz", 0, 0x03, { "Sz.-", "Sz.-", "Uz.-", "Vz.-", "Vz.-", "Sr.f", "Sz.-", "Szn-" } },
	{ "Sz", 1, 0x03, { "Sz.-", "Sz.-", "Uz.-", "Vz.-", "Vz.-", "Sr.f", "Sz.-", "Szn-" } },
	{ "Ur", 0, 0x04, { "Ur.-", "Sr.-", "Ur.-", "Vr.-", "Pr.c", "Sr.-", "Sr.-", "Srn-" } },
	{ "Ur", 1, 0x04, { "Ur.-", "Sr.-", "Ur.-", "Vr.-", "Pr.c", "Sr.-", "Sr.-", "Srn-" } },
	BAD("Up", 0),
	BAD("Up", 1),
	{ "Uz", 0, 0x07, { "Uz.-", "Sz.-", "Uz.-", "Vz.-", "Vz.-", "Sr.f", "Uz.-", "Szn-" } },
	{ "Uz", 1, 0x07, { "Uz.-", "Sz.-", "Uz.-", "Vz.-", "Vz.-", "Sr.f", "Uz.-", "Szn-" } },
	{ "Vr", 0, 0x0c, { "Vr.-", "Sr.-", "Ur.-", "Vr.-", "Pr.c", "Sr.-", "Sr.-", "Srn-" } },
	{ "Vr", 1, 0x0c, { "Vr.-", "Sr.-", "Ur.-", "Vr.-", "Pr.c", "Sr.-", "Sr.-", "Srn-" } },
	BAD("Vp", 0),
	BAD("Vp", 1),
	{ "Vz", 0, 0x0f, { "Vz.-", "Sz.-", "Uz.-", "Vz.-", "Vz.-", "Sr.f", "Vz.-", "Szn-" } },
	{ "Vz", 1, 0x0f, { "Vz.-", "Sz.-", "Uz.-", "Vz.-", "Vz.-", "Sr.f", "Vz.-", "Szn-" } },
	{ "Pr", 0, 0x08, { "Pr.-", "Sr.-", "Ur.-", "Vr.-", "Pr.c", "Sr.-", "Sr.-", "Srn-" } },
	{ "Pr", 1, 0x08, { "Pr.-", "Sr.-", "Ur.-", "Vr.-", "Pr.c", "Sr.-", "Sr.-", "Srn-" } },
	BAD("Pp", 0),
	BAD("Pp", 1),
	BAD("Pz", 0),
	BAD("Pz", 1),
};

/* The same walk for stable pages that carry no-DAT on input. */
static const struct row nodat_table[] = {
	{ "Sr", 0, 0x20, { "Srn-", "Sr.-", "Ur.-", "Vr.-", "Pr.c", "Sr.-", "Sr.-", "Srn-" } },
	{ "Sr", 1, 0x20, { "Srn-", "Sr.-", "Ur.-", "Vr.-", "Pr.c", "Sr.-", "Sr.-", "Srn-" } },
	{ "Sp", 0, 0x22, { "Spn-", "Sp.-", "Uz.d", "Vz.d", "Vz.d", "Sr.f", "Spn-", "Spn-" } },
	{ "Sp", 1, 0x22, { "Spn-", "Sp.-", "Uz.d", "Vz.d", "Spn-", "Sr.f", "Spn-", "Spn-" } },
	{ "Sz", 0, 0x23, { "Szn-", "Sz.-", "Uz.-", "Vz.-", "Vz.-", "Sr.f", "Szn-", "Szn-" } },
	{ "Sz", 1, 0x23, { "Szn-", "Sz.-", "Uz.-", "Vz.-", "Vz.-", "Sr.f", "Szn-", "Szn-" } },
};

static enum page_usage usage_of(char c)
{
	switch (c) {
	case 'S': return PAGE_USAGE_STABLE;
	case 'U': return PAGE_USAGE_UNUSED;
	case 'V': return PAGE_USAGE_VOLATILE;
	case 'P': return PAGE_USAGE_POT_VOLATILE;
	}
	tap_diag("bad usage letter %c in the test table", c);
	return PAGE_USAGE_STABLE;
}

static enum page_content content_of(char c)
{
	switch (c) {
	case 'r': return PAGE_CONTENT_RESIDENT;
	case 'p': return PAGE_CONTENT_PRESERVED;
	case 'z': return PAGE_CONTENT_ZERO;
	}
	tap_diag("bad content letter %c in the test table", c);
	return PAGE_CONTENT_RESIDENT;
}

static struct page_state parse_state(const char *s, bool nodat)
{
	struct page_state st;

	st.usage = usage_of(s[0]);
	st.content = content_of(s[1]);
	st.nodat = nodat;
	return st;
}

static const struct row *find_row(const struct row *t, size_t n,
				  struct page_state in, bool dirty)
{
	char name[3] = { 0 };

	name[0] = "SUPV"[in.usage];
	name[1] = "r?pz"[in.content];
	for (size_t i = 0; i < n; i++)
		if (!strcmp(t[i].state, name) && t[i].dirty == dirty)
			return &t[i];
	return NULL;
}

/* Check one cell: the state afterwards, the action, r1, the program code
 * and the change-bit reset, all at once. */
static void check_cell(const struct row *r, struct page_state in, bool dirty,
		       unsigned op, bool fac, const char *cell)
{
	struct essa_result res = essa_apply(in, dirty, op, fac);
	struct page_state want = parse_state(cell, cell[2] == 'n');
	char oc = cell[3];
	enum essa_action act = oc == 'd' ? ESSA_ACT_DROP :
			       oc == 'f' ? ESSA_ACT_FRAME :
			       oc == 'x' ? ESSA_ACT_EXCEPTION :
			       oc == '!' ? ESSA_ACT_BAD_STATE : ESSA_ACT_NONE;
	uint64_t r1 = oc == 'x' ? 0 : r->r1;
	unsigned pgm = oc == 'x' ? STATES_PGM_SPECIFICATION : 0;
	bool ok;

	if (oc == 'x' || oc == '!')
		want = in;
	ok = res.action == act && states_equal(res.state, want) &&
	     res.r1 == r1 && res.pgm == pgm &&
	     res.reset_change == (oc == 'c');
	tap_ok(ok, "%s%s dirty=%d op %u%s -> %s", states_name(in),
	       in.nodat ? "+nodat" : "", dirty, op, fac ? "" : " (no 147)",
	       oc == 'x' ? "spec exception" : cell);
	if (!ok)
		tap_diag("got %s%s action %s r1 0x%llx pgm 0x%x reset %d",
			 states_name(res.state), res.state.nodat ? "n" : "",
			 essa_action_name(res.action),
			 (unsigned long long)res.r1, res.pgm, res.reset_change);
}

/* 4 x 3 x 2 x 8 = 192 cells with facility 147 offered. */
static void walk_all_cells(void)
{
	int n = 0;

	for (int u = 0; u < 4; u++)
		for (int c = 0; c < 3; c++)
			for (int d = 0; d < 2; d++) {
				struct page_state in = states_make(usages[u], contents[c]);
				const struct row *r = find_row(essa_table,
					sizeof essa_table / sizeof *essa_table, in, d);

				if (!tap_ok(r != NULL, "table has a row for %s dirty=%d",
					    states_name(in), d))
					continue;
				for (unsigned op = 0; op < ESSA_NOPS; op++, n++)
					check_cell(r, in, d, op, true, r->cell[op]);
			}
	tap_eq(n, 192, "walked every (usage, content, dirty, op) cell");
}

/* Without facility 147, code 7 is a specification exception in every
 * state (the instruction is checked before the page); 0-6 are unchanged. */
static void walk_no_facility(void)
{
	for (size_t i = 0; i < sizeof essa_table / sizeof *essa_table; i++) {
		const struct row *r = &essa_table[i];
		struct page_state in = parse_state(r->state, false);

		for (unsigned op = 0; op < ESSA_NOPS; op++)
			check_cell(r, in, r->dirty, op, false,
				   op == ESSA_SET_STABLE_NODAT ? "Sr.x" : r->cell[op]);
	}
}

/* The m3 field has four bits: 8-15 are a specification exception, whether
 * or not the page state is valid and whatever the facility. */
static void invalid_codes(void)
{
	for (size_t i = 0; i < sizeof essa_table / sizeof *essa_table; i++) {
		const struct row *r = &essa_table[i];
		struct page_state in = parse_state(r->state, false);

		for (unsigned op = 8; op < 16; op++)
			check_cell(r, in, r->dirty, op, op & 1, "Sr.x");
	}
	/* out of the 4-bit range too */
	struct essa_result res = essa_apply(states_initial(), false, 0x100, true);
	tap_eq(res.action, ESSA_ACT_EXCEPTION, "orc 0x100 is an exception");
	tap_eq(res.pgm, STATES_PGM_SPECIFICATION, "orc 0x100: specification");
}

static void walk_nodat(void)
{
	for (size_t i = 0; i < sizeof nodat_table / sizeof *nodat_table; i++) {
		const struct row *r = &nodat_table[i];
		struct page_state in = parse_state(r->state, true);

		for (unsigned op = 0; op < ESSA_NOPS; op++)
			check_cell(r, in, r->dirty, op, true, r->cell[op]);
	}
	/* no-DAT on anything but stable is a corrupt state */
	for (int u = 1; u < 4; u++)
		for (int c = 0; c < 3; c++) {
			struct page_state in = states_make(usages[u], contents[c]);
			struct essa_result res;

			in.nodat = true;
			res = essa_apply(in, false, ESSA_EXTRACT, true);
			tap_ok(res.action == ESSA_ACT_BAD_STATE && res.r1 == 0x10 &&
			       states_equal(res.state, in),
			       "%s+nodat is a bad state", states_name(in));
		}
}

/* Out-of-range enum values are bad states, not crashes. */
static void garbage_states(void)
{
	struct page_state in = { (enum page_usage)7, PAGE_CONTENT_RESIDENT, false };
	struct essa_result res = essa_apply(in, false, ESSA_SET_STABLE, true);

	tap_eq(res.action, ESSA_ACT_BAD_STATE, "usage 7 is a bad state");
	tap_eq(res.r1, 0x10, "usage 7: r1 exception indication");
	in = states_make(PAGE_USAGE_STABLE, (enum page_content)1);
	res = essa_apply(in, false, ESSA_EXTRACT, true);
	tap_eq(res.action, ESSA_ACT_BAD_STATE, "content code 1 is a bad state");
	in = states_make(PAGE_USAGE_STABLE, (enum page_content)9);
	tap_ok(!strcmp(states_name(in), "??"), "name of content 9 is ??");
	tap_eq(states_index(in), -1, "index of content 9 is -1");
}

/* Encodings from DESIGN.md / Linux's asm/page-states.h. */
static void encodings(void)
{
	static const struct { const char *name; unsigned code; int index; } enc[] = {
		{ "Sr", 0x00, 0 }, { "Sp", 0x02, 1 }, { "Sz", 0x03, 2 },
		{ "Ur", 0x04, 3 }, { "Uz", 0x07, 4 }, { "Vr", 0x0c, 5 },
		{ "Vz", 0x0f, 6 }, { "Pr", 0x08, 7 },
	};
	static const char *const invalid[] = { "Up", "Vp", "Pp", "Pz" };

	tap_eq(ESSA_EXTRACT, 0, "op code extract");
	tap_eq(ESSA_SET_STABLE, 1, "op code set stable");
	tap_eq(ESSA_SET_UNUSED, 2, "op code set unused");
	tap_eq(ESSA_SET_VOLATILE, 3, "op code set volatile");
	tap_eq(ESSA_SET_POT_VOLATILE, 4, "op code set potentially volatile");
	tap_eq(ESSA_SET_STABLE_RESIDENT, 5, "op code set stable and make resident");
	tap_eq(ESSA_SET_STABLE_IF_RESIDENT, 6, "op code set stable if resident");
	tap_eq(ESSA_SET_STABLE_NODAT, 7, "op code set stable no-DAT");
	tap_eq(ESSA_R1_USAGE_MASK, 0x0c, "usage mask bits 60-61");
	tap_eq(ESSA_R1_CONTENT_MASK, 0x03, "content mask bits 62-63");
	tap_eq(ESSA_R1_NODAT, 0x20, "no-DAT bit");
	tap_eq(ESSA_R1_EXCEPTION, 0x10, "exception indication bit");

	for (size_t i = 0; i < sizeof enc / sizeof *enc; i++) {
		struct page_state st = parse_state(enc[i].name, false), back;

		tap_ok(states_valid(st), "%s is valid", enc[i].name);
		tap_eq(states_encode(st), enc[i].code, "%s encodes", enc[i].name);
		tap_eq(states_index(st), enc[i].index, "%s report index", enc[i].name);
		tap_ok(states_equal(states_by_index(enc[i].index), st),
		       "index %d is %s", enc[i].index, enc[i].name);
		tap_ok(!strcmp(states_name(st), enc[i].name), "name %s", enc[i].name);
		tap_ok(states_decode(enc[i].code, &back) && states_equal(back, st),
		       "0x%02x decodes to %s", enc[i].code, enc[i].name);
		tap_ok(!states_decode(enc[i].code | 0x10, &back),
		       "0x%02x with exception indication does not decode",
		       enc[i].code);
		st.nodat = true;
		if (enc[i].name[0] == 'S') {
			tap_eq(states_encode(st), enc[i].code | 0x20, "%s+nodat encodes",
			       enc[i].name);
			tap_ok(states_decode(enc[i].code | 0x20, &back) &&
			       states_equal(back, st), "%s+nodat decodes", enc[i].name);
		} else {
			tap_ok(!states_valid(st), "%s+nodat is invalid", enc[i].name);
			tap_ok(!states_decode(enc[i].code | 0x20, &back),
			       "0x%02x does not decode", enc[i].code | 0x20);
		}
	}
	for (size_t i = 0; i < 4; i++) {
		struct page_state st = parse_state(invalid[i], false), back;

		tap_ok(!states_valid(st), "%s is not valid", invalid[i]);
		tap_eq(states_index(st), -1, "%s has no report index", invalid[i]);
		tap_ok(!states_decode(states_encode(st), &back),
		       "%s's code does not decode", invalid[i]);
	}
	/* content code 1 is unassigned */
	{
		struct page_state back;

		for (unsigned u = 0; u < 4; u++)
			tap_ok(!states_decode((u << 2) | 1, &back),
			       "0x%02x (content 1) does not decode", (u << 2) | 1);
	}
	tap_ok(states_equal(states_initial(),
			    states_make(PAGE_USAGE_STABLE, PAGE_CONTENT_ZERO)),
	       "storage starts stable, logically zero");
	tap_ok(!strcmp(essa_op_name(ESSA_SET_POT_VOLATILE),
		       "set potentially volatile"), "op names");
	tap_ok(!strcmp(essa_op_name(12), "invalid"), "op name of 12");
}

int main(void)
{
	encodings();
	walk_all_cells();
	walk_no_facility();
	invalid_codes();
	walk_nodat();
	garbage_states();
	return tap_done();
}
