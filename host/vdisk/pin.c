/* pin.c - the pages a block I/O call uses, resident as the guest's own
 * touch would make them (a page-in or a frame wait blocks the guest and
 * the DIAG runs again), checked all together; double paging is counted
 * here, where a write's buffer is found paged out. */
#include "host/gmap.h"
#include "host/intercept.h"
#include "host/memlayout.h"
#include "host/fault.h"
#include "host/page.h"
#include "host/pager/pager.h"
#include "host/share/share.h"
#include "host/vdisk/vdisk.h"
#include "zcmm/vdisk.h"

/* The page holding guest address addr resident, as the guest's own touch
 * would make it: 0 and *frame; -1 when the guest now waits (a page-in, a
 * free frame, or its discard-fault handler) and runs the DIAG again; or
 * a program interruption code. */
int vdisk_resident(struct guest *g, uint64_t addr, uint64_t *frame)
{
	int pgm;

	if (addr >= g->mem_bytes)
		return PGM_ADDRESSING;
	*frame = page_fault_in(g, addr >> PAGE_SHIFT, &pgm);
	if (*frame)
		return 0;
	if (pgm == PGM_BLOCKED || pgm == PGM_DISCARD_FAULT) {
		icpt_nullify(g);   /* nullified: it will be retried */
		if (pgm == PGM_DISCARD_FAULT)
			guest_program_interrupt(g, pgm, g->icpt_ilen,
						addr & ~0xfffUL);
		return -1;
	}
	return pgm ? pgm : PGM_NO_FRAME;
}

/* The same for a page the host will write into (a read's buffer, the
 * lists it writes statuses back to): a shared page gets its own frame
 * first (copy-on-write), before it is pinned. */
static int vdisk_writable(struct guest *g, uint64_t addr, uint64_t *frame)
{
	int pgm = vdisk_resident(g, addr, frame);

	if (pgm)
		return pgm;
	switch (share_before_write(g, addr >> PAGE_SHIFT, 0)) {
	case 0:
		*frame = page_pte(g, addr >> PAGE_SHIFT) & PTE_ORIGIN;
		return 0;
	case PGM_BLOCKED:
		icpt_nullify(g);   /* it waits for a frame, then runs again */
		return -1;
	default:
		pgm = vdisk_retry_for_frame(g);
		return pgm ? pgm : -1;
	}
}

/* No frame now: if page-outs will free some, wait and run the DIAG again. */
int vdisk_retry_for_frame(struct guest *g)
{
	if (!pager_pending())
		return PGM_NO_FRAME;
	icpt_nullify(g);
	guest_block_io(g, GUEST_WAIT_FRAME);
	return 0;
}

/* Every page the call uses resident at once: the buffers, the list and
 * the parameter list (written back at completion). Making one resident
 * may page out another (the guest is not held yet), so check them all
 * after, and again. A write of a page the host has paged out is double
 * paging: it must be read back before it can go to the guest's disk. */
int vdisk_pin_all(struct guest *g, struct bio *b, uint64_t *frames)
{
	uint64_t f, last = b->list + b->n * sizeof(b->e[0]) - 1;
	int pgm;

	for (int round = 0; round < 8; round++) {
		unsigned i, moved = 0;

		if ((pgm = vdisk_writable(g, b->biopl, &f)) ||
		    (pgm = vdisk_writable(g, b->list, &f)) ||
		    (pgm = vdisk_writable(g, last, &f)))
			return pgm;
		for (i = 0; i < b->n; i++) {
			uint64_t p = b->e[i].buf >> PAGE_SHIFT;

			if (b->e[i].status != VDISK_ST_OK)
				continue;
			/* counted when its page-in starts: a DIAG run again
			   (the page arriving, or another page's frame) or a
			   later round finds it in flight or resident */
			if (b->e[i].type == VDISK_WRITE &&
			    page_state(g, p).content == PAGE_CONTENT_PRESERVED &&
			    (page_pte(g, p) & PTE_SW_SLOT))
				g->st.double_paging++;
			if ((pgm = b->e[i].type == VDISK_READ ?
				    vdisk_writable(g, b->e[i].buf, &frames[i]) :
				    vdisk_resident(g, b->e[i].buf, &frames[i])))
				return pgm;
		}
		for (i = 0; i < b->n; i++)
			moved += b->e[i].status == VDISK_ST_OK &&
				 (page_pte(g, b->e[i].buf >> PAGE_SHIFT) &
				  ~PTE_PROTECT) != frames[i];
		moved += !!(page_pte(g, b->biopl >> PAGE_SHIFT) & PTE_INVALID);
		moved += !!(page_pte(g, b->list >> PAGE_SHIFT) & PTE_INVALID);
		moved += !!(page_pte(g, last >> PAGE_SHIFT) & PTE_INVALID);
		if (!moved)
			return 0;   /* the caller holds them (io_inflight) now */
	}
	pgm = vdisk_retry_for_frame(g);
	return pgm ? pgm : -1;
}

