/* frame.c - the frame allocator and the frame table. Free frames are
 * chained through their own first doubleword; the table (16 bytes a
 * frame) sits in the pool's first frames; rmap entries for frames mapped
 * more than once are carved from host frames as they are needed. */
#include "host/frame.h"
#include "host/memlayout.h"
#include "host/trap.h"

uint64_t frame_first, frames_total, frames_free;
struct frame_desc *frame_table;

static uint64_t free_head, pool_end, table_frames, rmap_frames;
static struct frame_rmap *rmap_free;

struct frame_desc *frame_desc(uint64_t frame)
{
	if (frame < frame_first || frame >= pool_end || (frame & 0xfff))
		panic("frame 0x%lx is not a pool frame", frame);
	return &frame_table[(frame - frame_first) >> PAGE_SHIFT];
}

void frames_init(uint64_t start, uint64_t end)
{
	uint64_t first = (start + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1), n;

	pool_end = end & ~(PAGE_SIZE - 1);
	n = (pool_end - first) >> PAGE_SHIFT;
	table_frames = (n * FRAME_DESC_BYTES + PAGE_SIZE - 1) >> PAGE_SHIFT;
	frame_table = (struct frame_desc *)first;
	frame_first = first + (table_frames << PAGE_SHIFT);
	frames_total = (pool_end - frame_first) >> PAGE_SHIFT;
	for (uint64_t i = 0; i < table_frames; i++)
		frame_zero(first + (i << PAGE_SHIFT));
	/* push from the top so the lowest frames come out first */
	for (uint64_t i = frames_total; i-- > 0; ) {
		frame_table[i].kind = FRAME_HOST;
		frame_free(frame_nth(i));
	}
}

uint64_t frame_alloc(void)
{
	uint64_t f = free_head, next;
	struct frame_desc *d;

	if (!f)
		return 0;
	next = *(uint64_t *)f;
	d = frame_desc(f);
	/* a free frame nobody may write: if its link is not a pool frame,
	   something wrote to it after it was freed */
	if (d->kind != FRAME_FREE ||
	    (next && (next < frame_first || next >= pool_end || (next & 0xfff))))
		panic("free frame 0x%lx was written after it was freed "
		      "(link 0x%lx, kind %u)", f, next, d->kind);
	free_head = next;
	frames_free--;
	d->kind = FRAME_HOST;
	return f;
}

void frame_zero(uint64_t frame)
{
	for (int i = 0; i < 16; i++, frame += 256)
		asm volatile("xc 0(256,%0),0(%0)" : : "a"(frame) : "memory");
}

uint64_t frame_alloc_zero(void)
{
	uint64_t f = frame_alloc();

	if (f)
		frame_zero(f);
	return f;
}

void frame_free(uint64_t frame)
{
	struct frame_desc *d = frame_desc(frame);

	if (d->kind != FRAME_HOST || d->refs || d->pins)
		panic("frame_free: 0x%lx is %s (kind %u, %u mappings, %u pins)",
		      frame, d->kind == FRAME_FREE ? "free already" : "in use",
		      d->kind, d->refs, d->pins);
	*d = (struct frame_desc){ .kind = FRAME_FREE };
	*(uint64_t *)frame = free_head;
	free_head = frame;
	frames_free++;
}

static struct frame_rmap *rmap_at(uint32_t link)
{
	return (struct frame_rmap *)((uint64_t)link << 4);
}

static uint32_t rmap_link(struct frame_rmap *e)
{
	return (uint32_t)((uint64_t)e >> 4);
}

static struct frame_rmap *rmap_get(void)
{
	struct frame_rmap *e;

	if (!rmap_free) {
		uint64_t f = frame_alloc_zero();
		struct frame_rmap *a = (struct frame_rmap *)f;

		if (!f)
			panic("frame table: no frame for rmap entries");
		rmap_frames++;
		for (unsigned i = 0; i < PAGE_SIZE / sizeof(*a); i++) {
			a[i].next = rmap_link(rmap_free);
			rmap_free = &a[i];
		}
	}
	e = rmap_free;
	rmap_free = e->next ? rmap_at(e->next) : 0;
	return e;
}

static void rmap_put(struct frame_rmap *e)
{
	e->next = rmap_free ? rmap_link(rmap_free) : 0;
	rmap_free = e;
}

void frame_rmap_add(uint64_t frame, unsigned guest, uint64_t page)
{
	struct frame_desc *d = frame_desc(frame);

	if (d->kind == FRAME_FREE || (d->kind == FRAME_HOST && d->refs))
		panic("frame 0x%lx: mapping a frame of kind %u", frame, d->kind);
	if (!d->refs) {
		d->guest = (uint16_t)guest;
		d->page = (uint32_t)page;
		d->kind = FRAME_GUEST;
	} else {
		struct frame_rmap *e = rmap_get();

		e->guest = (uint16_t)guest;
		e->page = (uint32_t)page;
		e->next = d->more;
		d->more = rmap_link(e);
		d->kind = FRAME_SHARED;
	}
	d->refs++;
}

unsigned frame_rmap_del(uint64_t frame, unsigned guest, uint64_t page)
{
	struct frame_desc *d = frame_desc(frame);
	uint32_t *link = &d->more;

	if (!d->refs)
		panic("frame 0x%lx: unmapping guest %u page %lu, not mapped",
		      frame, guest, page);
	if (d->guest == guest && d->page == page) {
		/* the first entry moves into the descriptor */
		if (d->more) {
			struct frame_rmap *e = rmap_at(d->more);

			d->guest = e->guest;
			d->page = e->page;
			d->more = e->next;
			rmap_put(e);
		}
	} else {
		while (*link && !(rmap_at(*link)->guest == guest &&
				  rmap_at(*link)->page == page))
			link = &rmap_at(*link)->next;
		if (!*link)
			panic("frame 0x%lx: guest %u page %lu does not map it",
			      frame, guest, page);
		struct frame_rmap *e = rmap_at(*link);

		*link = e->next;
		rmap_put(e);
	}
	d->refs--;
	d->kind = d->refs > 1 ? FRAME_SHARED : d->refs ? FRAME_GUEST : FRAME_HOST;
	return d->refs;
}

void frame_rmap_each(uint64_t frame,
		     void (*fn)(unsigned guest, uint64_t page, void *ctx),
		     void *ctx)
{
	struct frame_desc *d = frame_desc(frame);

	if (!d->refs)
		return;
	fn(d->guest, d->page, ctx);
	for (uint32_t l = d->more; l; l = rmap_at(l)->next)
		fn(rmap_at(l)->guest, rmap_at(l)->page, ctx);
}

void frame_pin(uint64_t frame)
{
	struct frame_desc *d = frame_desc(frame);

	if (d->kind == FRAME_FREE || d->pins == 0xff)
		panic("frame 0x%lx: pinning (kind %u, %u pins)", frame,
		      d->kind, d->pins);
	d->pins++;
}

void frame_unpin(uint64_t frame)
{
	struct frame_desc *d = frame_desc(frame);

	if (!d->pins)
		panic("frame 0x%lx: unpinning an unpinned frame", frame);
	d->pins--;
}

uint64_t frame_table_frames(void)
{
	return table_frames + rmap_frames;
}

uint64_t frames_of_kind(enum frame_kind kind)
{
	uint64_t n = 0;

	for (uint64_t i = 0; i < frames_total; i++)
		n += frame_table[i].kind == kind;
	return n;
}
