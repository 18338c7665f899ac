/* host.c - the host's side of the page-state machine: which frames reclaim
 * may drop without I/O, which it must write out, how a page comes back, and
 * what a guest access means in each state. The pager decides *when*; these
 * decide *whether* and *into what*, by the rules essa.c uses. */
#include "states/states.h"

static struct states_host_result verdict(enum states_verdict v,
					 struct page_state st, bool dirty)
{
	struct states_host_result r;

	r.verdict = v;
	r.state = st;
	r.dirty = dirty;
	return r;
}

static struct page_state with_content(struct page_state st,
				      enum page_content c)
{
	st.content = c;
	return st;
}

/* Drop a resident frame with no I/O. Allowed where the guest said the
 * content is not needed (Ur -> Uz), may be discarded (Vr -> Vz), or may be
 * discarded while unchanged (clean Pr -> Vz: Pz does not exist). Refused
 * for Sr and dirty Pr, which must be paged out, and for pages that have no
 * frame to drop. */
struct states_host_result states_host_discard(struct page_state st, bool dirty)
{
	if (!states_valid(st))
		return verdict(STATES_BAD, st, dirty);
	if (st.content != PAGE_CONTENT_RESIDENT)
		return verdict(STATES_REFUSED, st, dirty);
	switch (st.usage) {
	case PAGE_USAGE_UNUSED:
	case PAGE_USAGE_VOLATILE:
		return verdict(STATES_DONE, with_content(st, PAGE_CONTENT_ZERO),
			       false);
	case PAGE_USAGE_POT_VOLATILE:
		if (dirty)
			break;
		st.usage = PAGE_USAGE_VOLATILE;
		return verdict(STATES_DONE, with_content(st, PAGE_CONTENT_ZERO),
			       false);
	case PAGE_USAGE_STABLE:
		break;
	}
	return verdict(STATES_REFUSED, st, dirty);
}

/* Write a resident frame to the paging device and free it. Only pages
 * whose content must survive are written: Sr (clean or not) and dirty Pr,
 * which becomes Sp because a preserved P page does not exist. The change
 * bit goes with the copy (the result's .dirty): it is the guest's change
 * bit, which a later ESSA "set potentially volatile" on the Sp page needs.
 * Ur, Vr and clean Pr are refused: discard them instead, no I/O. */
struct states_host_result states_host_page_out(struct page_state st, bool dirty)
{
	if (!states_valid(st))
		return verdict(STATES_BAD, st, dirty);
	if (st.content != PAGE_CONTENT_RESIDENT)
		return verdict(STATES_REFUSED, st, dirty);
	if (st.usage == PAGE_USAGE_STABLE ||
	    (st.usage == PAGE_USAGE_POT_VOLATILE && dirty)) {
		st.usage = PAGE_USAGE_STABLE;
		return verdict(STATES_DONE,
			       with_content(st, PAGE_CONTENT_PRESERVED), dirty);
	}
	return verdict(STATES_REFUSED, st, dirty);
}

/* Read a preserved page back into a frame: Sp -> Sr. The saved change bit
 * is restored into the new frame's storage key (the result's .dirty). */
struct states_host_result states_host_page_in(struct page_state st, bool dirty)
{
	if (!states_valid(st))
		return verdict(STATES_BAD, st, dirty);
	if (st.content != PAGE_CONTENT_PRESERVED)
		return verdict(STATES_REFUSED, st, dirty);
	return verdict(STATES_DONE, with_content(st, PAGE_CONTENT_RESIDENT),
		       dirty);
}

/* First touch of a stable, logically zero page: Sz -> Sr with a zeroed
 * frame whose change bit is clear. Uz and Vz are never zero filled: an
 * access to them is an addressing exception or a discard fault. */
struct states_host_result states_host_zero_fill(struct page_state st, bool dirty)
{
	if (!states_valid(st))
		return verdict(STATES_BAD, st, dirty);
	if (st.usage != PAGE_USAGE_STABLE || st.content != PAGE_CONTENT_ZERO)
		return verdict(STATES_REFUSED, st, dirty);
	return verdict(STATES_DONE, with_content(st, PAGE_CONTENT_RESIDENT),
		       false);
}

struct states_host_result states_host_apply(enum states_host_op op,
					    struct page_state st, bool dirty)
{
	switch (op) {
	case STATES_HOST_DISCARD:
		return states_host_discard(st, dirty);
	case STATES_HOST_PAGE_OUT:
		return states_host_page_out(st, dirty);
	case STATES_HOST_PAGE_IN:
		return states_host_page_in(st, dirty);
	case STATES_HOST_ZERO_FILL:
		return states_host_zero_fill(st, dirty);
	}
	return verdict(STATES_BAD, st, dirty);
}

static struct states_access_result access_result(enum states_access_kind k,
						 struct page_state st,
						 uint8_t pgm)
{
	struct states_access_result r;

	r.kind = k;
	r.state = st;
	r.pgm = pgm;
	return r;
}

/* A guest access in each state. Unused pages give an addressing exception
 * whatever their content: the guest said it holds no storage there, so
 * touching it is the guest's bug (the host only sees it if the page
 * faults, which a still-mapped Ur frame does not). A discarded page (Vz)
 * gives a discard fault, program code 0x1A with the page's absolute
 * address as the translation-exception identification, and stays Vz
 * until the guest sets a new usage. */
struct states_access_result states_access(struct page_state st)
{
	if (!states_valid(st))
		return access_result(STATES_ACCESS_BAD, st, 0);
	if (st.usage == PAGE_USAGE_UNUSED)
		return access_result(STATES_ACCESS_ADDRESSING, st,
				     STATES_PGM_ADDRESSING);
	switch (st.content) {
	case PAGE_CONTENT_RESIDENT:
		return access_result(STATES_ACCESS_NORMAL, st, 0);
	case PAGE_CONTENT_PRESERVED:
		return access_result(STATES_ACCESS_PAGE_IN,
				     with_content(st, PAGE_CONTENT_RESIDENT), 0);
	case PAGE_CONTENT_ZERO:
		break;
	}
	if (st.usage == PAGE_USAGE_STABLE)
		return access_result(STATES_ACCESS_ZERO_FILL,
				     with_content(st, PAGE_CONTENT_RESIDENT), 0);
	return access_result(STATES_ACCESS_DISCARD, st,
			     STATES_PGM_DISCARD_FAULT);
}

const char *states_host_op_name(enum states_host_op op)
{
	static const char *const names[STATES_HOST_NOPS] = {
		"discard", "page-out", "page-in", "zero-fill",
	};

	return (unsigned)op < STATES_HOST_NOPS ? names[op] : "?";
}

const char *states_verdict_name(enum states_verdict v)
{
	static const char *const names[3] = { "done", "refused", "bad state" };

	return (unsigned)v < 3 ? names[v] : "?";
}

const char *states_access_name(enum states_access_kind k)
{
	static const char *const names[STATES_ACCESS_NKINDS] = {
		"normal", "page in", "zero fill", "discard fault",
		"addressing exception", "bad state",
	};

	return (unsigned)k < STATES_ACCESS_NKINDS ? names[k] : "?";
}
