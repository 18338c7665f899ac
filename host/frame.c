/* frame.c - the frame allocator. Free frames are chained through their
 * own first doubleword, so the allocator costs no storage of its own. */
#include "host/frame.h"
#include "host/memlayout.h"
#include "host/trap.h"

uint64_t frames_total, frames_free;

static uint64_t free_head;
static uint64_t pool_start, pool_end;

void frames_init(uint64_t start, uint64_t end)
{
	pool_start = (start + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	pool_end = end & ~(PAGE_SIZE - 1);
	/* push from the top so the lowest frames come out first */
	for (uint64_t f = pool_end; f > pool_start; ) {
		f -= PAGE_SIZE;
		frame_free(f);
		frames_total++;
	}
}

uint64_t frame_alloc(void)
{
	uint64_t f = free_head, next;

	if (!f)
		return 0;
	next = *(uint64_t *)f;
	/* a free frame nobody may write: if its link is not a pool frame,
	   something wrote to it after it was freed */
	if (next && (next < pool_start || next >= pool_end || (next & 0xfff)))
		panic("free frame 0x%lx was written after it was freed "
		      "(link 0x%lx)", f, next);
	free_head = next;
	frames_free--;
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
	if (frame < pool_start || frame >= pool_end || (frame & 0xfff))
		panic("frame_free: 0x%lx is not a pool frame", frame);
	*(uint64_t *)frame = free_head;
	free_head = frame;
	frames_free++;
}
