/* report.c - share-based allocation's settings and @result records. */
#include "host/admit.h"
#include "host/alloc/alloc.h"
#include "host/boot.h"
#include "host/console.h"
#include "host/guest.h"
#include "host/memlayout.h"
#include "host/param.h"
#include "lib/fmt.h"
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
	const struct alloc_count *c = alloc_count(g);
	struct alloc_halt_count h;

	kprintf(ZCMM_REC_RESULT "%s id=%s shares=%lu reserve_pages=%lu "
		"limit_pages=%lu host_frames=%lu admit_host_frames=%lu\n",
		kind, id, a->shares, a->reserve, a->limit, g->host_frames,
		g->admit_host_frames);
	kprintf(ZCMM_REC_RESULT "%s id=%s taken_discard=%lu taken_pageout=%lu "
		"taken_limit=%lu over_limit=%lu taken_balloon=%lu victim=%lu "
		"active_pct=%lu rho_q16=%lu\n", kind, id, c->taken_discard,
		c->taken_pageout, c->taken_limit, c->over_limit,
		g->st.released_frames, c->victim,
		(uint64_t)share_active_q16(alloc_active(g), g->st.frames) * 100 >> 16,
		share_rho_q16(a->shares, g->st.frames, alloc_active(g),
			      (unsigned)boot_mem_header()->idle_tax_pct));
	alloc_halt_counts(g, &h);
	kprintf(ZCMM_REC_RESULT "%s id=%s halted=%d resumed=%d "
		"halt_pageouts=%lu halt_discards=%lu halt_kept=%lu\n", kind,
		id, h.halted, h.resumed, h.pageouts, h.discards, h.kept);
}

void alloc_total(void)
{
	kprintf(ZCMM_REC_RESULT "total id=all idle_tax_pct=%lu "
		"admit_frames=%lu admit_slots=%lu admit_miscount=%lu\n",
		(uint64_t)boot_mem_header()->idle_tax_pct, admit_total.frames, admit_total.slots,
		admit_miscount);
	kprintf(ZCMM_REC_RESULT "total id=all unservable=%s halted=%lu "
		"resumed=%lu halt_pageouts=%lu\n", (boot_mem_header()->flags &
		ZCMM_MEM_HALT_UNSERVABLE) ? "halt" : "stop", alloc_halted,
		alloc_resumed, alloc_halt_pageouts);
}

void alloc_sample(struct guest **guests, unsigned n, uint64_t ms)
{
	unsigned tax = (unsigned)boot_mem_header()->idle_tax_pct;
	char id[32];

	if (n > BALLOON_SAMPLE_GUESTS)
		return;
	for (unsigned i = 0; i < n; i++) {
		struct guest *g = guests[i];
		uint64_t act = alloc_active(g), f = g->st.frames;

		fmt_snprintf(id, sizeof(id), "t%lu.g%u", ms, i);
		kprintf(ZCMM_REC_RESULT "asample id=%s t_ms=%lu guest=%u "
			"running=%d frames=%lu active=%lu rho_q16=%lu "
			"taken=%lu work=%lu\n", id, ms, i,
			g->state != GUEST_STOPPED, f, act < f ? act : f,
			share_rho_q16(g->al.shares, f, act, tax),
			alloc_count(g)->taken_discard + alloc_count(g)->taken_pageout, g->st.work);
	}
}
