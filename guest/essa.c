/* essa.c - the ESSA probe (one extract with the program-check handler in
 * probe mode: an operation exception 0x0001 means no facility, hinting
 * off), the stable-on-allocate / unused-on-free hints and the volatile
 * states of the caches. With hinting off every call does nothing. */
#include "guest/essa.h"
#include "guest/trap.h"
#include "guest/console.h"

struct essa_info essa_info;

void essa_probe(int want_hints)
{
	uint64_t state = ~0ULL, page = (uint64_t)&essa_info & ~0xfffULL;

	trap_probe_begin();
	asm volatile("larl	%%r1,0f\n\t"
		     "stg	%%r1,%[resume]\n\t"
		     ".insn	rrf,0xb9ab0000,%[state],%[page],0,0\n"
		     "0:"
		     : [state] "+d"(state), [resume] "=Q"(trap_probe.resume)
		     : [page] "d"(page)
		     : "r1", "memory", "cc");
	essa_info.probe_code = trap_probe_end();
	essa_info.probe_state = state;
	essa_info.available = essa_info.probe_code == 0;
	if (essa_info.available)
		essa_info.ops[ESSA_GET_STATE]++;
	essa_info.hinting = essa_info.available && want_hints;
	printf("essa: %s (probe code 0x%04x, state 0x%02lx), hinting %s\n",
	       essa_info.available ? "available" : "not available",
	       essa_info.probe_code, (unsigned long)(state & 0xff),
	       essa_info.hinting ? "on" : "off");
}

void essa_set_stable(uint64_t page_addr)
{
	uint64_t state;

	if (!essa_info.hinting)
		return;
	ESSA(state, page_addr, ESSA_SET_STABLE);
	essa_info.ops[ESSA_SET_STABLE]++;
	(void)state;
}

void essa_set_unused(uint64_t page_addr)
{
	uint64_t state;

	if (!essa_info.hinting)
		return;
	ESSA(state, page_addr, ESSA_SET_UNUSED);
	essa_info.ops[ESSA_SET_UNUSED]++;
	(void)state;
}

static uint64_t essa_op(uint64_t page_addr, int op)
{
	uint64_t state = ESSA_NO_STATE;

	if (!essa_info.hinting)
		return state;
	switch (op) {
	case ESSA_GET_STATE:    ESSA(state, page_addr, ESSA_GET_STATE); break;
	case ESSA_SET_STABLE:   ESSA(state, page_addr, ESSA_SET_STABLE); break;
	case ESSA_SET_VOLATILE: ESSA(state, page_addr, ESSA_SET_VOLATILE); break;
	case ESSA_SET_POTVOL:   ESSA(state, page_addr, ESSA_SET_POTVOL); break;
	}
	essa_info.ops[op]++;
	return state & 0xff;
}

void essa_set_volatile(uint64_t page_addr)
{
	essa_op(page_addr, ESSA_SET_VOLATILE);
}

void essa_set_potvol(uint64_t page_addr)
{
	essa_op(page_addr, ESSA_SET_POTVOL);
}

uint64_t essa_make_stable(uint64_t page_addr)
{
	return essa_op(page_addr, ESSA_SET_STABLE);
}

uint64_t essa_extract(uint64_t page_addr)
{
	return essa_op(page_addr, ESSA_GET_STATE);
}
