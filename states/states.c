/* states.c - what a page state is: the eight valid (usage, content) pairs,
 * their names, their order in reports and their one-byte encoding, which
 * is also the low byte of the value ESSA returns in r1. */
#include "states/states.h"

struct page_state states_make(enum page_usage u, enum page_content c)
{
	struct page_state st = { .usage = u, .content = c, .nodat = false };

	return st;
}

/* After IPL or a clear reset all of a guest's storage reads as zeros and
 * the guest has said nothing yet: stable, logically zero (KVM likewise
 * resets its page-state extension to stable). */
struct page_state states_initial(void)
{
	return states_make(PAGE_USAGE_STABLE, PAGE_CONTENT_ZERO);
}

/* The 12 pairs minus Up, Vp, Pp, Pz. Those four cannot arise: an unused
 * or volatile frame is dropped, never written out; a P page is either
 * discarded (clean, to Vz) or preserved as stable (dirty, to Sp); and a
 * P page without a frame is always recorded as Vz. No-DAT qualifies a
 * stable page only. */
bool states_valid(struct page_state st)
{
	if (st.nodat && st.usage != PAGE_USAGE_STABLE)
		return false;
	switch (st.usage) {
	case PAGE_USAGE_STABLE:
		return st.content == PAGE_CONTENT_RESIDENT ||
		       st.content == PAGE_CONTENT_PRESERVED ||
		       st.content == PAGE_CONTENT_ZERO;
	case PAGE_USAGE_UNUSED:
	case PAGE_USAGE_VOLATILE:
		return st.content == PAGE_CONTENT_RESIDENT ||
		       st.content == PAGE_CONTENT_ZERO;
	case PAGE_USAGE_POT_VOLATILE:
		return st.content == PAGE_CONTENT_RESIDENT;
	}
	return false;
}

bool states_equal(struct page_state a, struct page_state b)
{
	return a.usage == b.usage && a.content == b.content &&
	       a.nodat == b.nodat;
}

int states_index(struct page_state st)
{
	if (!states_valid(st))
		return -1;
	switch (st.usage) {
	case PAGE_USAGE_STABLE:
		return st.content == PAGE_CONTENT_RESIDENT ? 0 :
		       st.content == PAGE_CONTENT_PRESERVED ? 1 : 2;
	case PAGE_USAGE_UNUSED:
		return st.content == PAGE_CONTENT_RESIDENT ? 3 : 4;
	case PAGE_USAGE_VOLATILE:
		return st.content == PAGE_CONTENT_RESIDENT ? 5 : 6;
	case PAGE_USAGE_POT_VOLATILE:
		return 7;
	}
	return -1;
}

struct page_state states_by_index(int i)
{
	static const struct { uint8_t u, c; } order[STATES_NVALID] = {
		{ PAGE_USAGE_STABLE, PAGE_CONTENT_RESIDENT },
		{ PAGE_USAGE_STABLE, PAGE_CONTENT_PRESERVED },
		{ PAGE_USAGE_STABLE, PAGE_CONTENT_ZERO },
		{ PAGE_USAGE_UNUSED, PAGE_CONTENT_RESIDENT },
		{ PAGE_USAGE_UNUSED, PAGE_CONTENT_ZERO },
		{ PAGE_USAGE_VOLATILE, PAGE_CONTENT_RESIDENT },
		{ PAGE_USAGE_VOLATILE, PAGE_CONTENT_ZERO },
		{ PAGE_USAGE_POT_VOLATILE, PAGE_CONTENT_RESIDENT },
	};

	if (i < 0 || i >= STATES_NVALID)
		i = 0;
	return states_make((enum page_usage)order[i].u,
			   (enum page_content)order[i].c);
}

const char *states_name(struct page_state st)
{
	/* [usage][content], content code 1 is never used */
	static const char *const names[4][4] = {
		{ "Sr", "S?", "Sp", "Sz" },
		{ "Ur", "U?", "Up", "Uz" },
		{ "Pr", "P?", "Pp", "Pz" },
		{ "Vr", "V?", "Vp", "Vz" },
	};

	if ((unsigned)st.usage > 3 || (unsigned)st.content > 3)
		return "??";
	return names[st.usage][st.content];
}

uint8_t states_encode(struct page_state st)
{
	return (uint8_t)(((unsigned)st.usage << ESSA_R1_USAGE_SHIFT) |
			 (unsigned)st.content |
			 (st.nodat ? ESSA_R1_NODAT : 0));
}

bool states_decode(uint64_t r1, struct page_state *st)
{
	struct page_state s;

	if (r1 & ESSA_R1_EXCEPTION)
		return false;
	if ((r1 & ESSA_R1_CONTENT_MASK) == 1)
		return false;
	s.usage = (enum page_usage)((r1 & ESSA_R1_USAGE_MASK) >>
				    ESSA_R1_USAGE_SHIFT);
	s.content = (enum page_content)(r1 & ESSA_R1_CONTENT_MASK);
	s.nodat = (r1 & ESSA_R1_NODAT) != 0;
	if (!states_valid(s))
		return false;
	*st = s;
	return true;
}
