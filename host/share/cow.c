/* cow.c - copy-on-write: a shared frame is mapped write-protected in
 * every guest page that uses it; the first store gives the storing guest
 * a private copy (PoP "DAT protection": the store is suppressed, so the
 * guest simply executes it again on its own frame). The last user of a
 * frame gets write access without a copy. */
#include "host/reclaim.h"
#include "host/frame.h"
#include "host/intercept.h"
#include "host/memlayout.h"
#include "host/page.h"
#include "host/pager/pager.h"
#include "host/lowcore.h"
#include "host/share/cpacf.h"
#include "host/share/internal.h"
#include "host/share/share.h"


struct share_stats share_stats;

/* Interception code 8 (program interruption): Hercules 3.13 reports a
 * guest store into a page its host PTE protects as the guest's own
 * protection exception, intercepted, with the guest address in the
 * TEID of the state descriptor's copy of the lowcore (ip[] starts at
 * lowcore 0x80). Protection suppresses the instruction: the PSW is past
 * it, so back it up by the ILC and run it again on the guest's own copy.
 * Any other program interruption goes to the guest as the machine
 * presented it (reflect.c). */
/* A guest running with DAT on (Linux): the TEID holds the virtual
 * address of its store, which the host does not translate, so the store
 * may have hit any of its shared pages. It gets its own copy of all of
 * them (the scanner leaves a DAT-on guest alone from then on). The number
 * of pages left shared, or -1 if a break must wait for a frame. */
static long unshare_all(struct guest *g)
{
	long left = 0;

	for (uint64_t p = 0; p < g->npages; p++) {
		if (!page_protected(g, p))
			continue;
		switch (share_cow_break(g, p, 0)) {
		case 0:
			break;
		case PGM_BLOCKED:
			return -1;
		default:
			left++;
		}
	}
	return left;
}

int share_protection_intercept(struct guest *g)
{
	const uint8_t *ip = g->sd.ip;
	uint16_t code = (uint16_t)(ip[0x0e] << 8 | ip[0x0f]);
	unsigned ilen = ((ip[0x0d] >> 1) & 3) * 2;
	uint64_t teid = 0, p;
	int rc;

	for (int i = 0; i < 8; i++)
		teid = teid << 8 | ip[0x28 + i];
	p = (teid & ~0xfffUL) >> PAGE_SHIFT;
	if ((code & 0x7f) == PGM_PROTECTION && (g->sd.psw_mask & PSW_DAT)) {
		long left = g->st.cow_breaks;

		g->sd.psw_addr -= ilen;  /* run it again, our protection gone */
		if (unshare_all(g) < 0)
			return 0;        /* it waits for frames, then retries */
		if (g->st.cow_breaks != (uint64_t)left)
			return 0;
		g->sd.psw_addr += ilen;  /* nothing of ours: its own */
		return handle_program_interruption(g);
	}
	if ((code & 0x7f) != PGM_PROTECTION || p >= g->npages ||
	    !page_protected(g, p))
		return handle_program_interruption(g); /* the guest's own */
	g->sd.psw_addr -= ilen;
	rc = share_cow_break(g, p, 0);
	return rc == PGM_BLOCKED ? 0 : rc;
}

/* The reclaim clock met a shared (or write-protected) page: a frame
 * several pages map is kept while any maps it (docs/sharing.md), but this
 * guest's mapping goes if its state says the content is not needed (ESSA
 * unused, volatile): 1 if that freed the frame. A protected frame with
 * one user left (the last of a shared frame, a base-disk block nobody
 * else read) leaves the index and becomes an ordinary page the clock may
 * page out; a zero frame is kept. */
static int reclaim_shared(struct guest *g, uint64_t p, uint64_t frame)
{
	if (page_discard(g, p))
		return frame_desc(frame)->kind == FRAME_FREE;
	if (frame_desc(frame)->refs != 1 || share_keep_frame(frame))
		return 0;
	share_forget_frame(frame);
	page_unprotect(g, p);
	return RECLAIM_PLAIN;
}

void share_reclaim_hook(void)
{
	reclaim_set_shared(reclaim_shared);
}

int share_cow_break(struct guest *g, uint64_t p, int how)
{
	int blocking = how & SHARE_COW_BLOCKING;

	uint64_t old = page_pte(g, p) & PTE_ORIGIN, f;

	if (!page_protected(g, p))
		return 0;                /* another fault got here first */
	if (frame_desc(old)->refs == 1 && !share_keep_frame(old)) {
		share_forget_frame(old); /* private again: out of the index */
		page_unprotect(g, p);
		g->st.cow_breaks++;
		share_stats.cow_last++;
		share_stats.cow_host += !!(how & SHARE_COW_HOST);
		return 0;
	}
	reclaim_make_room();
	f = frame_alloc();
	while (!f && blocking && pager_pending()) {
		pager_quiesce();
		f = frame_alloc();
	}
	if (!f) {
		if (blocking || !pager_pending())
			return PGM_NO_FRAME;
		guest_block_io(g, GUEST_WAIT_FRAME);
		return PGM_BLOCKED;
	}
	cpacf_page_copy((void *)f, (void *)old);
	page_unmap(g, p);
	page_map(g, p, f);
	if (!frame_desc(old)->refs && !share_keep_frame(old))
		frame_free(old);
	g->st.cow_breaks++;
	share_stats.cow_breaks++;
	share_stats.cow_host += !!(how & SHARE_COW_HOST);
	return 0;
}
