/* report.c - share-based allocation's settings and @result records. */
#include "host/admit.h"
#include "host/alloc/alloc.h"
#include "host/boot.h"
#include "host/console.h"
#include "host/guest.h"
#include "host/memlayout.h"
#include "lib/share_math.h"
#include "zcmm/console.h"

void alloc_guest_init(struct guest *g, const struct zcmm_guest_mem *m)
{
	struct alloc_guest *a = &g->al;

	a->shares = m->shares ? m->shares : SHARES_DEF;
	a->reserve = (m->reserve_bytes + PAGE_SIZE - 1) >> PAGE_SHIFT;
	a->limit = m->limit_bytes >> PAGE_SHIFT;
}

void alloc_result(const char *kind, const char *id, struct guest *g)
{
	const struct alloc_guest *a = &g->al;

	kprintf(ZCMM_REC_RESULT "%s id=%s shares=%lu reserve_pages=%lu "
		"limit_pages=%lu host_frames=%lu admit_host_frames=%lu\n",
		kind, id, a->shares, a->reserve, a->limit, g->host_frames,
		g->admit_host_frames);
}

void alloc_total(void)
{
	kprintf(ZCMM_REC_RESULT "total id=all idle_tax_pct=%lu "
		"admit_frames=%lu admit_slots=%lu admit_miscount=%lu\n",
		(uint64_t)boot_mem_header()->idle_tax_pct, admit_total.frames, admit_total.slots,
		admit_miscount);
}
