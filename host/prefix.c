/* prefix.c - SET PREFIX (SPX, B210) and STORE PREFIX (STPX, B211), PoP
 * ch. 3 "Prefixing" and ch. 10: the guest moves its lowcore. SIE reads
 * the prefix area at every entry and a missing page there is a validity
 * interception, so the two pages are kept resident and pinned (never
 * paged out, discarded or sampled) while they are the prefix. Pages 0-1
 * are kept resident by the host anyway. */
#include "host/gaccess.h"
#include "host/intercept.h"
#include "host/lowcore.h"
#include "host/memlayout.h"
#include "host/fault.h"
#include "host/page.h"

#define PREFIX_MASK 0x7fffe000UL /* bits 1-18 of the operand word */

static void unpin_prefix(struct guest *g, uint64_t px)
{
	for (uint64_t p = px >> PAGE_SHIFT; px && p < (px >> PAGE_SHIFT) + 2; p++)
		if (page_pinned(g, p))
			page_unpin(g, p);
}

int handle_spx(struct guest *g)
{
	uint64_t addr = ginsn_s_addr(g), px;
	uint32_t word;
	int pgm;

	if (g->sd.psw_mask & PSW_PROBLEM)
		return PGM_PRIVILEGED;
	if (addr & 3)
		return PGM_SPECIFICATION;
	pgm = glog_read(g, addr, &word, sizeof(word), &g->teid);
	if (pgm)
		return pgm;
	px = word & PREFIX_MASK;
	if (px + PREFIX_SIZE > g->mem_bytes)
		return PGM_ADDRESSING;
	if (px && (!page_frame(g, px >> PAGE_SHIFT, &pgm) ||
		   !page_frame(g, (px >> PAGE_SHIFT) + 1, &pgm)))
		return pgm ? pgm : PGM_NO_FRAME;
	unpin_prefix(g, g->sd.prefix);
	if (px) {
		page_pin(g, px >> PAGE_SHIFT);
		page_pin(g, (px >> PAGE_SHIFT) + 1);
	}
	g->sd.prefix = (uint32_t)px;
	return 0;
}

int handle_stpx(struct guest *g)
{
	uint64_t addr = ginsn_s_addr(g);
	uint32_t word = g->sd.prefix;

	if (g->sd.psw_mask & PSW_PROBLEM)
		return PGM_PRIVILEGED;
	if (addr & 3)
		return PGM_SPECIFICATION;
	return glog_write(g, addr, &word, sizeof(word), &g->teid);
}

void prefix_release(struct guest *g)
{
	unpin_prefix(g, g->sd.prefix);
	g->sd.prefix = 0;
}

int guest_prefix_page(const struct guest *g, uint64_t p)
{
	uint64_t first = g->sd.prefix >> PAGE_SHIFT;

	return p < 2 || (p >= first && p < first + 2);
}
