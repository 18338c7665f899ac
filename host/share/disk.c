/* disk.c - Disco-style sharing of disk reads: the host remembers which
 * frame holds a block of the read-only base disk (an index entry of kind
 * BLOCK, per sharing domain); a later read of that block into a page of
 * a guest in the same domain maps the frame copy-on-write instead of
 * reading the disk again: no I/O, no copy. A read under way is entered at
 * once, so a second reader of the block waits for it rather than reading
 * too. The frame is dropped when its last user lets go. */
#include "host/frame.h"
#include "host/page.h"
#include "host/share/internal.h"
#include "host/share/share.h"

#define BLOCK_READING 0x0001   /* entry flag: its read is under way */

static struct share_entry *find(struct guest *g, uint16_t dev, uint64_t block)
{
	uint32_t dom = share_domain_now(g);

	return dom ? share_index_find(&share_idx, SHARE_BLOCK, dom,
				      SHARE_BLOCK_KEY(dev, block), 0) : 0;
}

int share_disk_lookup(struct guest *g, uint16_t dev, uint64_t block,
		      uint64_t *frame)
{
	struct share_entry *e = find(g, dev, block);

	if (!e)
		return SHARE_DISK_NONE;
	if (e->flags & BLOCK_READING)
		return SHARE_DISK_READING;
	*frame = e->where;
	return SHARE_DISK_HELD;
}

void share_disk_map(struct guest *g, uint64_t p, uint64_t frame)
{
	uint64_t old = page_unmap(g, p);

	page_map_protected(g, p, frame);
	if (!frame_desc(old)->refs)
		frame_free(old);
	g->st.disk_shared++;
	share_stats.disk_shared++;
}

int share_disk_start(struct guest *g, uint16_t dev, uint64_t block,
		     uint64_t frame)
{
	uint32_t dom = share_domain_now(g);
	struct share_entry *e;

	if (!dom || find(g, dev, block))
		return 0;
	e = share_index_add(&share_idx, SHARE_BLOCK, dom,
			    SHARE_BLOCK_KEY(dev, block), frame);
	if (!e)
		return 0;
	e->flags = BLOCK_READING;
	return 1;
}

void share_disk_done(struct guest *g, uint64_t p, uint16_t dev,
		     uint64_t block, uint64_t frame, int ok)
{
	struct share_entry *e = find(g, dev, block);

	if (!e || !(e->flags & BLOCK_READING) || e->where != frame)
		return;
	/* the frame holds the block only if the read worked and the guest
	   page still maps it: then every later reader may map it too */
	if (!ok || g->state == GUEST_STOPPED ||
	    (page_pte(g, p) & (PTE_INVALID | PTE_ORIGIN)) != frame) {
		share_index_del(&share_idx, e);
		return;
	}
	e->flags = 0;
	frame_desc(frame)->flags = (uint16_t)(e - share_idx.e + 1);
	page_protect(g, p);
}
