/* blockio.c - DIAG 0x410, block I/O for guests (docs/guest-abi.md): the
 * parameter list and its entries are checked, the pages made resident
 * (pin.c) and held (io_inflight), one FBA request per entry goes to the
 * volume, and the guest waits until the last one completes. */
#include "host/console.h"
#include "host/frame.h"
#include "host/reclaim.h"
#include "host/intercept.h"
#include "host/page.h"
#include "host/memlayout.h"
#include "host/share/share.h"
#include "host/vdisk/vdisk.h"
#include "zcmm/vdisk.h"

#define PSW_CC_SHIFT 44             /* PSW bits 18-19                    */
#define VDISK_WAIT   (~1UL)         /* wait_page: "its disk I/O"         */

static void set_result(struct guest *g, int r3, uint64_t rc)
{
	uint64_t cc = rc == VDISK_RC_OK ? 0 : rc == VDISK_RC_ENTRY ? 1 : 3;

	guest_set_gpr(g, r3, rc);
	g->sd.psw_mask = (g->sd.psw_mask & ~(3UL << PSW_CC_SHIFT)) |
			 cc << PSW_CC_SHIFT;
}

/* Statuses and `done` back into the guest's list; the result. */
static void finish(struct bio *b, int r3)
{
	struct guest *g = b->g;
	uint32_t ok = 0;

	for (unsigned i = 0; i < b->n; i++) {
		ok += b->e[i].status == VDISK_ST_OK;
		vdisk_stats.errors += b->e[i].status != VDISK_ST_OK;
		gmem_write(g, b->list + i * sizeof(b->e[i]) + 1,
			   &b->e[i].status, 1);
	}
	gmem_write(g, b->biopl + 0x18, &ok, sizeof(ok));
	set_result(g, r3, ok == b->n ? VDISK_RC_OK : VDISK_RC_ENTRY);
}

/* Pin (or unpin) every page the call uses while its I/O runs: the
 * parameter list, the entry list and the buffers of the entries that go. */
static void pin_call(struct guest *g, struct bio *b,
		     void (*fn)(struct guest *, uint64_t))
{
	uint64_t last = b->list + b->n * sizeof(b->e[0]) - 1;

	fn(g, b->biopl >> PAGE_SHIFT);
	fn(g, b->list >> PAGE_SHIFT);
	if ((last >> PAGE_SHIFT) != (b->list >> PAGE_SHIFT))
		fn(g, last >> PAGE_SHIFT);
	for (unsigned i = 0; i < b->n; i++)
		if (b->e[i].status == VDISK_ST_OK)
			fn(g, b->e[i].buf >> PAGE_SHIFT);
}

static void io_done(struct io_req *r)
{
	struct bio *b = r->ctx;
	struct guest *g = b->g;
	unsigned i = (unsigned)(r - b->req);

	if (b->entered & (1u << i)) /* before the unpin: still held */
		share_disk_done(g, b->e[i].buf >> PAGE_SHIFT, r->dev->devnum,
				r->block / FBA_PAGE_BLOCKS, r->buf,
				r->status == IO_OK);
	if (r->status != IO_OK)
		kprintf("vdisk: guest %s block %u: %s (sense %02x)\n", g->name,
			b->e[i].block, io_status_name(r->status),
			r->nsense ? r->sense[0] : 0);
	if (--b->left)
		return;
	/* unpin what was pinned (the entries sent, status OK) before a
	   failed one's status changes, else its page stays pinned */
	pin_call(g, b, page_unpin);
	for (i = 0; i < b->n; i++)
		if (b->e[i].status == VDISK_ST_OK && b->req[i].status != IO_OK)
			b->e[i].status = VDISK_ST_DEVICE;
	if (g->state != GUEST_STOPPED)
		finish(b, b->r3);
	g->io_inflight -= b->go;
	b->busy = 0;
	guest_wake_io(g);
}

/* The guest's call frame, made on its first call and kept until the end
 * (vdisk_drain), so a call under memory pressure needs no new frame. */
static struct bio *get_bio(struct guest *g)
{
	if (!g->vdisk_bio) {
		reclaim_make_room();
		g->vdisk_bio = (void *)frame_alloc();
	}
	return g->vdisk_bio;
}

static int check_entry(struct guest *g, const struct vdisk_area *a,
		       struct vdisk_bioe *e)
{
	if ((e->type != VDISK_READ && e->type != VDISK_WRITE) ||
	    e->reserved || (e->buf & (PAGE_SIZE - 1)))
		return PGM_SPECIFICATION;
	if (e->buf >= g->mem_bytes)
		return PGM_ADDRESSING;
	if (e->block >= a->blocks)
		e->status = VDISK_ST_RANGE;
	else if (e->type == VDISK_WRITE && a->readonly)
		e->status = VDISK_ST_READONLY;
	else
		e->status = VDISK_ST_OK;
	return 0;
}

/* Do two reads of the list land in one page? Then they are read as they
 * come, none shared: the frame would hold one block and be entered for
 * both, and mapping one block there would free the frame the other is
 * read into. */
static int reads_alias(const struct bio *b)
{
	for (unsigned i = 0; i < b->n; i++)
		for (unsigned k = 0; k < i; k++)
			if (b->e[i].type == VDISK_READ && b->e[k].type == VDISK_READ &&
			    (b->e[i].buf >> PAGE_SHIFT) == (b->e[k].buf >> PAGE_SHIFT))
				return 1;
	return 0;
}

/* Reads of the base disk (read-only, the same for every guest): a block
 * the host holds in a frame is mapped copy-on-write, no I/O; a block whose
 * read is under way makes the call wait and run again; the others are
 * entered, so the frames they land in serve the next readers. */
static int share_reads(struct guest *g, struct bio *b,
		       const struct vdisk_area *a, uint64_t *frames)
{
	uint64_t f;

	b->mapped = b->entered = 0;
	if (!a->readonly || !share_domain_now(g) || reads_alias(b))
		return 0;
	for (unsigned i = 0; i < b->n; i++) {
		uint64_t block = a->first + b->e[i].block;

		if (b->e[i].status != VDISK_ST_OK || b->e[i].type != VDISK_READ)
			continue;
		switch (share_disk_lookup(g, a->dev->devnum, block, &f)) {
		case SHARE_DISK_HELD:
			share_disk_map(g, b->e[i].buf >> PAGE_SHIFT, f);
			frames[i] = f;
			b->mapped |= 1u << i;
			break;
		case SHARE_DISK_READING:
			for (unsigned k = 0; k < i; k++)  /* not started */
				if (b->entered & (1u << k))
					share_disk_done(g, b->e[k].buf >> PAGE_SHIFT,
							a->dev->devnum,
							a->first + b->e[k].block,
							frames[k], 0);
			b->mapped = b->entered = 0;
			icpt_nullify(g);   /* the DIAG runs again later */
			g->yielded = 1;
			return -1;
		default:
			if (share_disk_start(g, a->dev->devnum, block, frames[i]))
				b->entered |= 1u << i;
		}
	}
	return 0;
}

static int do_io(struct guest *g, struct vdisk_biopl *pl, uint64_t addr,
		 const struct vdisk_area *a, int r3)
{
	struct bio *b;
	uint64_t frames[VDISK_MAX_ENTRIES];
	int pgm = 0;
	unsigned i, go = 0;

	if (pl->count < 1 || pl->count > VDISK_MAX_ENTRIES || (pl->list & 15))
		return PGM_SPECIFICATION;
	b = get_bio(g);
	if (!b)
		return vdisk_retry_for_frame(g);
	b->g = g;
	b->biopl = addr;
	b->list = pl->list;
	b->n = pl->count;
	if ((pgm = vdisk_resident(g, b->list, &frames[0])) ||
	    (pgm = vdisk_resident(g, b->list + b->n * sizeof(b->e[0]) - 1,
				  &frames[0])))
		return pgm < 0 ? 0 : pgm;
	pgm = gmem_read(g, pl->list, b->e, b->n * sizeof(b->e[0]));
	for (i = 0; !pgm && i < b->n; i++)
		pgm = check_entry(g, a, &b->e[i]);
	if (!pgm)
		pgm = vdisk_pin_all(g, b, frames);
	if (!pgm)
		pgm = share_reads(g, b, a, frames);
	if (pgm)
		return pgm < 0 ? 0 : pgm;
	vdisk_stats.calls++;
	b->r3 = r3;
	for (i = 0; i < b->n; i++) {
		struct io_req *r = &b->req[i];

		if (b->e[i].status != VDISK_ST_OK || (b->mapped & (1u << i)))
			continue;
		g->st.disk_reads += b->e[i].type == VDISK_READ;
		g->st.disk_writes += b->e[i].type == VDISK_WRITE;
		*r = (struct io_req){
			.dev = a->dev, .count = FBA_PAGE_BLOCKS,
			.block = (uint32_t)((a->first + b->e[i].block) *
					    FBA_PAGE_BLOCKS),
			.buf = frames[i], .done = io_done, .ctx = b,
			.op = b->e[i].type == VDISK_READ ? IO_READ : IO_WRITE,
		};
		go++;
	}
	b->left = b->go = go;
	vdisk_stats.requests += go;
	if (!go) {                        /* every entry failed its checks */
		finish(b, r3);
		return 0;
	}
	pin_call(g, b, page_pin);
	g->io_inflight += go;
	b->busy = 1;
	guest_block_io(g, VDISK_WAIT);
	for (i = 0; i < b->n; i++)
		if (b->e[i].status == VDISK_ST_OK && !(b->mapped & (1u << i)))
			io_submit(&b->req[i]);
	return 0;
}

int vdisk_hcall(struct guest *g, int r1, int r3)
{
	uint64_t addr = guest_gpr(g, r1), fn = guest_gpr(g, r3);
	struct vdisk_biopl pl;
	struct vdisk_area a;
	uint64_t frame;
	int pgm;

	if ((addr & 7) || fn > VDISK_FN_IO)
		return PGM_SPECIFICATION;
	pgm = vdisk_resident(g, addr, &frame);
	if (pgm)
		return pgm < 0 ? 0 : pgm;
	pgm = gmem_read(g, addr, &pl, sizeof(pl));
	if (pgm)
		return pgm;
	if (pl.reserved)
		return PGM_SPECIFICATION;
	if (!vdisk_area(g, pl.disk, &a)) {
		set_result(g, r3, VDISK_RC_NODISK);
		return 0;
	}
	if (fn == VDISK_FN_QUERY) {
		pl.blocks = a.blocks;
		pl.flags = a.readonly ? VDISK_F_READONLY : 0;
		pl.done = 0;
		pgm = gmem_write(g, addr, &pl, sizeof(pl));
		if (!pgm)
			set_result(g, r3, VDISK_RC_OK);
		return pgm;
	}
	return do_io(g, &pl, addr, &a, r3);
}
