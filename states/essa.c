/* essa.c - the guest's side of the page-state machine: what one ESSA
 * (Extract and Set Storage Attributes, B9AB) does to a page's state, what
 * it returns in r1 and what the host has to do about it. Pure: the host's
 * ESSA intercept and the guest kernel's own model both call essa_apply().
 *
 * Authority: ESSA belongs to the CMMA facility; the states and transitions
 * below follow the architecture as published with guest page hinting on
 * LKML by M. Schwidefsky (2006-2007), the encodings of Linux's
 * arch/s390/include/asm/page-states.h and the Principles of Operation's
 * program-interruption codes. Where KVM (arch/s390/kvm/priv.c,
 * mm/pgtable.c) implements less, zcmm follows the architecture;
 * states/README.md lists every such difference. */
#include "states/states.h"

static struct essa_result result(struct page_state st, uint64_t r1,
				 enum essa_action act)
{
	struct essa_result r;

	r.r1 = r1;
	r.state = st;
	r.action = act;
	r.reset_change = false;
	r.pgm = 0;
	return r;
}

/* The instruction is suppressed: nothing is stored, nothing changes. */
static struct essa_result exception(struct page_state st, uint8_t pgm)
{
	struct essa_result r = result(st, 0, ESSA_ACT_EXCEPTION);

	r.pgm = pgm;
	return r;
}

/* Usage becomes `u`. Only a non-stable usage needs anything more: a page
 * that no longer needs its content loses a preserved copy (Sp -> Uz/Vz,
 * the slot is freed without reading it back), and no-DAT is dropped
 * because it qualifies stable pages only. */
static struct essa_result set_usage(struct page_state old, uint64_t r1,
				    enum page_usage u)
{
	struct page_state st = old;
	enum essa_action act = ESSA_ACT_NONE;

	st.usage = u;
	st.nodat = false;
	if (u != PAGE_USAGE_STABLE && old.content == PAGE_CONTENT_PRESERVED) {
		st.content = PAGE_CONTENT_ZERO;
		act = ESSA_ACT_DROP;
	}
	return result(st, r1, act);
}

/* Set potentially volatile. A resident page becomes Pr, and the guest is
 * declaring its content clean right now (equal to its backing store), so
 * the frame's change bit is reset: from here on the change bit tells
 * whether the guest stored into it since (the host may discard Pr only if
 * not). A page without a frame cannot be Pp or Pz: a logically zero one
 * becomes Vz; a preserved one whose saved change bit is clear is
 * discarded (Vz, slot freed); one that was changed stays stable and
 * preserved, Sp, because its copy is the only up-to-date one. */
static struct essa_result set_pot_volatile(struct page_state old, bool dirty,
					   uint64_t r1)
{
	struct essa_result r;

	switch (old.content) {
	case PAGE_CONTENT_RESIDENT:
		r = set_usage(old, r1, PAGE_USAGE_POT_VOLATILE);
		r.reset_change = true;
		return r;
	case PAGE_CONTENT_ZERO:
		return set_usage(old, r1, PAGE_USAGE_VOLATILE);
	case PAGE_CONTENT_PRESERVED:
		break;
	}
	if (dirty)
		return result(old, r1, ESSA_ACT_NONE);
	return set_usage(old, r1, PAGE_USAGE_VOLATILE);
}

/* Set stable (codes 1, 5, 7). The content state is kept: a discarded page
 * (Vz) or an unused zero page (Uz) becomes Sz, a logically zero stable
 * page; r1 still shows the old state, which is how the guest learns that
 * the content it wanted back was discarded. With make_resident (code 5)
 * the page is resident afterwards: the host pages it in (Sp) or gives it
 * a zeroed frame (Sz, Uz, Vz) before the guest runs on. */
static struct essa_result set_stable(struct page_state old, uint64_t r1,
				     bool make_resident, bool nodat)
{
	struct essa_result r = set_usage(old, r1, PAGE_USAGE_STABLE);

	r.state.nodat = nodat;
	if (make_resident && old.content != PAGE_CONTENT_RESIDENT) {
		r.state.content = PAGE_CONTENT_RESIDENT;
		r.action = ESSA_ACT_FRAME;
	}
	return r;
}

struct essa_result essa_apply(struct page_state st, bool dirty,
			      unsigned int orc, bool nodat_facility)
{
	uint64_t r1;

	/* Specification exception: an unassigned operation request code, or
	 * code 7 when facility 147 is not installed for this guest. These
	 * are checked on the instruction, before the page is looked at. */
	if (orc >= ESSA_NOPS)
		return exception(st, STATES_PGM_SPECIFICATION);
	if (orc == ESSA_SET_STABLE_NODAT && !nodat_facility)
		return exception(st, STATES_PGM_SPECIFICATION);

	/* The host's own record is corrupt: report "state not available"
	 * with the exception indication alone, as KVM does when it cannot
	 * reach a page, and leave the record for the host to diagnose. */
	if (!states_valid(st))
		return result(st, ESSA_R1_EXCEPTION, ESSA_ACT_BAD_STATE);

	/* r1 always receives the state before the operation. */
	r1 = states_encode(st);

	switch ((enum essa_op)orc) {
	case ESSA_EXTRACT:
		return result(st, r1, ESSA_ACT_NONE);
	case ESSA_SET_STABLE:
		return set_stable(st, r1, false, false);
	case ESSA_SET_UNUSED:
		return set_usage(st, r1, PAGE_USAGE_UNUSED);
	case ESSA_SET_VOLATILE:
		return set_usage(st, r1, PAGE_USAGE_VOLATILE);
	case ESSA_SET_POT_VOLATILE:
		return set_pot_volatile(st, dirty, r1);
	case ESSA_SET_STABLE_RESIDENT:
		return set_stable(st, r1, true, false);
	case ESSA_SET_STABLE_IF_RESIDENT:
		/* Only a page that still has its frame is made stable; any
		 * other state is left exactly as it is, so a discarded page
		 * stays Vz and the guest sees Vz in r1 (the original
		 * "set stable if not discarded"). */
		if (st.content != PAGE_CONTENT_RESIDENT)
			return result(st, r1, ESSA_ACT_NONE);
		return set_stable(st, r1, false, false);
	case ESSA_SET_STABLE_NODAT:
		return set_stable(st, r1, false, true);
	}
	return exception(st, STATES_PGM_SPECIFICATION);
}

const char *essa_op_name(unsigned int orc)
{
	static const char *const names[ESSA_NOPS] = {
		"extract state",
		"set stable",
		"set unused",
		"set volatile",
		"set potentially volatile",
		"set stable and make resident",
		"set stable if resident",
		"set stable no-DAT",
	};

	return orc < ESSA_NOPS ? names[orc] : "invalid";
}

const char *essa_action_name(enum essa_action a)
{
	static const char *const names[ESSA_NACTIONS] = {
		"none", "drop", "frame", "exception", "bad state",
	};

	return (unsigned)a < ESSA_NACTIONS ? names[a] : "?";
}
