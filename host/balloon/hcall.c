/* hcall.c - the balloon channel (docs/guest-abi.md): the target goes to
 * the guest as R3 of its report-work call (DIAG 0x40C, made all the time)
 * and of DIAG 0x418, by which the guest reports its balloon: R1 = pages
 * in it, R3 = reason << 32 | the most it will hold. Pages themselves go
 * with DIAG 0x10 (diag.c) and come back by a touch. */
#include "host/balloon/balloon.h"
#include "host/boot.h"
#include "host/guest.h"
#include "host/intercept.h"

uint64_t balloon_target(struct guest *g)
{
	if (!balloon_enabled())
		return 0;
	if (boot->flags & ZCMM_BOOT_BALLOON_FIXED)
		return g->bl.target = policy_fixed_target();
	return g->bl.target;
}

/* 0x418: R1 = balloon pages, R3 = reason << 32 | max pages; R3 out:
 * the target. Sizes above the guest's storage: specification. */
int hcall_balloon(struct guest *g, int r1, int r3)
{
	struct balloon_guest *b = &g->bl;
	uint64_t size = guest_gpr(g, r1), arg = guest_gpr(g, r3);
	uint32_t reason = (uint32_t)(arg >> 32);
	uint64_t max = arg & 0xffffffffUL;

	if (size > g->npages || max > g->npages || reason > BALLOON_SHORT)
		return PGM_SPECIFICATION;
	if (size > b->size)
		g->st.balloon_inflated += size - b->size;
	else
		g->st.balloon_deflated += b->size - size;
	if (reason == BALLOON_REFUSED && b->reason != BALLOON_REFUSED)
		g->st.balloon_refused++;
	if (reason == BALLOON_SHORT) {
		g->st.balloon_short++;
		b->hold = BALLOON_HOLD;
		if (!(boot->flags & ZCMM_BOOT_BALLOON_FIXED) && b->target > size)
			b->target = size;
	}
	b->size = size;
	b->max = max;
	b->reason = reason;
	guest_set_gpr(g, r3, balloon_target(g));
	return 0;
}
