/* selftest_frame.c - self-tests of the frame table: kinds through a
 * frame's life, the reverse map with several mappings (sharing), pins,
 * and the accounting of free frames. */
#include "host/frame.h"
#include "host/memlayout.h"
#include "host/selftest.h"

struct seen {
	unsigned n;
	uint64_t sum;
};

static void count(unsigned guest, uint64_t page, void *ctx)
{
	struct seen *s = ctx;

	s->n++;
	s->sum += guest * 1000 + page;
}

void selftest_frame(void)
{
	uint64_t free0 = frames_free, table0 = frame_table_frames();
	uint64_t f = frame_alloc();
	struct frame_desc *d = frame_desc(f);
	struct seen s = { 0 };

	check(f && d->kind == FRAME_HOST && !d->refs && !d->pins &&
	      frames_free == free0 - 1, "frame_alloc: a host frame",
	      "kind %u refs %u pins %u free %lu->%lu", d->kind, d->refs,
	      d->pins, free0, frames_free);
	check(frame_table_frames() * PAGE_SIZE >= frames_total * FRAME_DESC_BYTES,
	      "the frame table covers every pool frame",
	      "%lu table frames for %lu frames", frame_table_frames(),
	      frames_total);
	frame_rmap_add(f, 3, 77);
	check(d->kind == FRAME_GUEST && d->refs == 1 && d->guest == 3 &&
	      d->page == 77, "one mapping: FRAME_GUEST, rmap in the descriptor",
	      "kind %u refs %u guest %u page %u", d->kind, d->refs, d->guest,
	      d->page);
	frame_rmap_add(f, 5, 12);
	frame_rmap_add(f, 7, 9);
	frame_rmap_each(f, count, &s);
	check(d->kind == FRAME_SHARED && d->refs == 3 && s.n == 3 &&
	      s.sum == 3077 + 5012 + 7009, "three mappings: FRAME_SHARED, "
	      "the rmap walk finds each", "kind %u refs %u walked %u sum %lu",
	      d->kind, d->refs, s.n, s.sum);
	/* the descriptor's own entry goes first: a chained one moves in */
	check(frame_rmap_del(f, 3, 77) == 2 && d->kind == FRAME_SHARED,
	      "unmapping the first mapping keeps the others",
	      "refs %u kind %u", d->refs, d->kind);
	s = (struct seen){ 0 };
	frame_rmap_each(f, count, &s);
	check(s.n == 2 && s.sum == 5012 + 7009, "the rmap after removal",
	      "walked %u sum %lu", s.n, s.sum);
	check(frame_rmap_del(f, 7, 9) == 1 && d->kind == FRAME_GUEST &&
	      d->guest == 5 && d->page == 12, "back to one mapping",
	      "refs %u kind %u guest %u page %u", d->refs, d->kind, d->guest,
	      d->page);
	frame_pin(f);
	frame_pin(f);
	check(frame_pinned(f) && d->pins == 2, "pins count", "pins %u",
	      d->pins);
	frame_unpin(f);
	frame_unpin(f);
	check(frame_rmap_del(f, 5, 12) == 0 && d->kind == FRAME_HOST &&
	      !frame_pinned(f), "no mapping, no pin: a host frame again",
	      "refs %u kind %u pins %u", d->refs, d->kind, d->pins);
	frame_free(f);
	/* a frame of rmap entries stays with the table once carved */
	free0 -= frame_table_frames() - table0;
	check(d->kind == FRAME_FREE && frames_free == free0,
	      "frame_free: free again, counted", "kind %u free %lu want %lu",
	      d->kind, frames_free, free0);
}
