/* share_index.c - see share_index.h. Chained hashing over an array: the
 * bucket is the key mixed with the domain, so the entries of different
 * domains with equal keys land apart; deletion unlinks from the chain. */
#include "lib/prng.h"
#include "lib/share_index.h"

static uint32_t bucket_of(const struct share_index *x, uint32_t domain,
			  uint64_t key)
{
	return (uint32_t)prng_mix64(key ^ (uint64_t)domain << 40) &
	       (x->nbuckets - 1);
}

void share_index_init(struct share_index *x, struct share_entry *e,
		      uint32_t nentries, uint32_t *bucket, uint32_t nbuckets)
{
	x->e = e;
	x->bucket = bucket;
	x->nentries = nentries;
	x->nbuckets = nbuckets;
	for (uint32_t i = 0; i < nbuckets; i++)
		bucket[i] = SHARE_NIL;
	for (uint32_t i = 0; i < nentries; i++) {
		e[i] = (struct share_entry){ .kind = SHARE_FREE };
		e[i].next = i + 1 < nentries ? i + 1 : SHARE_NIL;
	}
	x->free = nentries ? 0 : SHARE_NIL;
	x->hand = 0;
	for (int k = 0; k < 4; k++)
		x->used[k] = 0;
}

struct share_entry *share_index_find(struct share_index *x,
				     enum share_kind kind, uint32_t domain,
				     uint64_t key, struct share_entry *prev)
{
	uint32_t i = prev ? prev->next : x->bucket[bucket_of(x, domain, key)];

	for (; i != SHARE_NIL; i = x->e[i].next) {
		struct share_entry *e = &x->e[i];

		if (e->kind == kind && e->domain == domain && e->key == key)
			return e;
	}
	return 0;
}

struct share_entry *share_index_add(struct share_index *x,
				    enum share_kind kind, uint32_t domain,
				    uint64_t key, uint64_t where)
{
	uint32_t i = x->free, b = bucket_of(x, domain, key);
	struct share_entry *e;

	if (i == SHARE_NIL || kind == SHARE_FREE)
		return 0;
	e = &x->e[i];
	x->free = e->next;
	*e = (struct share_entry){ .key = key, .where = where,
				   .domain = domain, .kind = (uint16_t)kind,
				   .next = x->bucket[b] };
	x->bucket[b] = i;
	x->used[kind]++;
	return e;
}

void share_index_del(struct share_index *x, struct share_entry *e)
{
	uint32_t i = (uint32_t)(e - x->e);
	uint32_t *link = &x->bucket[bucket_of(x, e->domain, e->key)];

	if (e->kind == SHARE_FREE)
		return;
	while (*link != SHARE_NIL && *link != i)
		link = &x->e[*link].next;
	if (*link == i)
		*link = e->next;
	x->used[e->kind]--;
	*e = (struct share_entry){ .kind = SHARE_FREE, .next = x->free };
	x->free = i;
}

int share_index_evict_hint(struct share_index *x)
{
	for (uint32_t n = 0; n < x->nentries; n++) {
		struct share_entry *e = &x->e[x->hand];

		x->hand = x->hand + 1 < x->nentries ? x->hand + 1 : 0;
		if (e->kind == SHARE_HINT) {
			share_index_del(x, e);
			return 1;
		}
	}
	return 0;
}

void share_index_rekind(struct share_index *x, struct share_entry *e,
			enum share_kind kind)
{
	if (e->kind == SHARE_FREE || kind == SHARE_FREE)
		return;
	x->used[e->kind]--;
	e->kind = (uint16_t)kind;
	x->used[kind]++;
}
