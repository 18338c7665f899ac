/* emulate.c - ESSA, EXTRACT AND SET STORAGE ATTRIBUTES (opcode B9AB, RRF
 * format: essa r1,r2,m3). Hercules lacks it, so it reaches us as an
 * operation-exception interception; the semantics are the states module's,
 * this file only decodes, checks and carries out what it decides. */
#include "host/balloon/balloon.h"
#include "host/boot.h"
#include "host/gmap.h"
#include "host/intercept.h"
#include "host/lowcore.h"
#include "host/memlayout.h"
#include "host/fault.h"
#include "host/page.h"
#include "host/pager/pager.h"
#include "host/trap.h"

int handle_essa(struct guest *g)
{
	unsigned m3 = g->sd.ipb >> 28;
	int r1 = (g->sd.ipb >> 20) & 0xf, r2 = (g->sd.ipb >> 16) & 0xf;
	uint64_t addr = guest_gpr(g, r2) & ~(PAGE_SIZE - 1), p, frame = 0;
	uint64_t pte;
	struct essa_result res;
	int pgm;

	/* privilege check: facility off, problem state */
	if (boot->flags & ZCMM_BOOT_NO_ESSA)
		return PGM_OPERATION;
	if (g->sd.psw_mask & PSW_PROBLEM)
		return PGM_PRIVILEGED;
	/* operand: a guest absolute page (prefix 0: real = absolute) */
	if (addr >= g->mem_bytes)
		return PGM_ADDRESSING;
	p = addr >> PAGE_SHIFT;
	wss_unsample(g, p);     /* a working-set sample: resident      */
	if (page_pte(g, p) & PTE_SW_OUT) /* on its way out: still resident */
		pager_rescue(g, p);
	pte = page_pte(g, p);
	if (!(pte & PTE_INVALID))
		frame = pte & PTE_ORIGIN;
	/* the states module decides */
	/* dirty: the frame's change bit, or the one saved with the slot */
	/* set potentially volatile forgets earlier stores: a resident
	   frame's change bit is reset below, so the change bit saved with
	   a page on a slot must not count either (or the same stores
	   would keep a paged-out page and not a resident one) */
	res = essa_apply(page_state(g, p),
			 frame ? page_dirty(frame)
			       : m3 != ESSA_SET_POT_VOLATILE &&
				 (pte & PTE_SW_DIRTY),
			 m3, 0);
	switch (res.action) {
	case ESSA_ACT_EXCEPTION:
		return res.pgm;
	case ESSA_ACT_BAD_STATE:
		panic("guest %s page %lu: bad state byte 0x%02x", g->name, p,
		      *guest_pstate(g, p));
	case ESSA_ACT_FRAME:
		/* stable now, then served like a first touch (which gives a
		   logically zero page its zeroed frame and makes it Sr) */
		page_set_state(g, p, states_make(PAGE_USAGE_STABLE,
						 page_state(g, p).content));
		if (!page_frame(g, p, &pgm))
			return pgm;
		res.state = page_state(g, p);
		break;
	case ESSA_ACT_DROP:   /* a preserved copy nobody needs */
		pager_forget(g, p);
		break;
	case ESSA_ACT_NONE:
		break;
	}
	if (res.reset_change && frame)
		frame_set_key(frame, frame_key(frame) & ~0x02);
	page_set_state(g, p, res.state);
	/* result: the state before, in the low byte of r1 */
	guest_set_gpr(g, r1, (guest_gpr(g, r1) & ~0xffUL) | (res.r1 & 0xff));
	g->st.essa[m3 & 7]++;
	return 0;
}
