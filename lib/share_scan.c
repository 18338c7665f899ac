/* share_scan.c - see share_scan.h. Shared frames are tried before hints
 * (joining costs nothing new); a hint whose page changed is dropped when
 * found; a hint of the scanned page itself only says it is still there. */
#include "lib/share_scan.h"

static int equal(const struct share_ops *ops, void *ctx,
		 const struct share_entry *e, struct share_scan_counts *n)
{
	n->compares++;
	if (ops->same(ctx, e))
		return 1;
	n->not_equal++;
	return 0;
}

struct share_scan_result share_scan(struct share_index *x,
				    const struct share_ops *ops, void *ctx,
				    const struct share_scan_page *p,
				    struct share_scan_counts *n)
{
	struct share_entry *e, *next, *mine = 0;

	n->hashed++;
	if (!p->seen_before || p->key != p->prev_key)
		return (struct share_scan_result){ SHARE_UNSTABLE, 0 };
	if (p->key == p->zero_key) {
		n->compares++;
		if (ops->zero(ctx))
			return (struct share_scan_result){ SHARE_ZERO, 0 };
		n->not_equal++;
	}
	for (e = share_index_find(x, SHARE_SHARED, p->domain, p->key, 0); e;
	     e = share_index_find(x, SHARE_SHARED, p->domain, p->key, e))
		if (equal(ops, ctx, e, n)) {
			e->refs++;
			return (struct share_scan_result){ SHARE_JOIN, e };
		}
	for (e = share_index_find(x, SHARE_HINT, p->domain, p->key, 0); e;
	     e = next) {
		next = share_index_find(x, SHARE_HINT, p->domain, p->key, e);
		if (e->where == p->ref) {
			mine = e;
			continue;
		}
		if (ops->hint_key(ctx, e) != p->key) {
			n->stale_hints++;
			share_index_del(x, e);
			continue;
		}
		if (equal(ops, ctx, e, n)) {
			share_index_rekind(x, e, SHARE_SHARED);
			e->refs = 2;
			if (mine)
				share_index_del(x, mine);
			return (struct share_scan_result){ SHARE_PAIR, e };
		}
	}
	/* a full index drops an old hint for the new one (ESX replaces hint
	   entries too): hints of pages that never found a twin would
	   otherwise fill it for good */
	if (!mine && !(mine = share_index_add(x, SHARE_HINT, p->domain, p->key,
					      p->ref)) &&
	    share_index_evict_hint(x)) {
		n->hints_evicted++;
		mine = share_index_add(x, SHARE_HINT, p->domain, p->key, p->ref);
	}
	return (struct share_scan_result){ mine ? SHARE_HINTED : SHARE_FULL,
					   mine };
}

void share_scan_forget(struct share_index *x, uint32_t domain, uint64_t key,
		       uint64_t ref)
{
	struct share_entry *e;

	for (e = share_index_find(x, SHARE_HINT, domain, key, 0); e;
	     e = share_index_find(x, SHARE_HINT, domain, key, e))
		if (e->where == ref) {
			share_index_del(x, e);
			return;
		}
}
