/* share_index.h - the host's index of sharable frames (ESX's table of
 * shared and hint frames): entries found by kind, sharing domain and a
 * 64-bit key, chained in hash buckets, in caller-provided storage.
 *   SHARED  a frame several guest pages map copy-on-write (key: content)
 *   HINT    one guest page seen once with that content (key: content)
 *   BLOCK   a frame holding a base-disk block (key: device and block)
 * Equal keys do not mean equal contents: the caller compares. Portable. */
#ifndef ZCMM_SHARE_INDEX_H
#define ZCMM_SHARE_INDEX_H

#include <stdint.h>

enum share_kind { SHARE_FREE = 0, SHARE_SHARED, SHARE_HINT, SHARE_BLOCK };

#define SHARE_NIL 0xffffffffu

struct share_entry {
	uint64_t key;      /* content key, or SHARE_BLOCK_KEY(dev, block)  */
	uint64_t where;    /* SHARED, BLOCK: the frame; HINT: SHARE_REF()  */
	uint32_t domain;   /* the sharing domain                           */
	uint32_t refs;     /* SHARED, BLOCK: guest pages mapping the frame */
	uint32_t next;     /* next entry in the bucket (or the free list)  */
	uint16_t kind;     /* enum share_kind                              */
	uint16_t flags;    /* the host's own                               */
};
_Static_assert(sizeof(struct share_entry) == 32, "share_entry size");

/* A guest page as a hint's where: guest index and page number. */
#define SHARE_REF(guest, page) ((uint64_t)(guest) << 32 | (uint32_t)(page))
#define SHARE_REF_GUEST(w) ((uint32_t)((w) >> 32))
#define SHARE_REF_PAGE(w)  ((uint32_t)(w))
/* A base-disk block's key: device number and block number. */
#define SHARE_BLOCK_KEY(dev, block) ((uint64_t)(dev) << 48 | (block))

struct share_index {
	struct share_entry *e;  /* nentries entries                        */
	uint32_t *bucket;       /* nbuckets (a power of two) chain heads   */
	uint32_t nentries, nbuckets;
	uint32_t free;          /* free list head                          */
	uint32_t used[4];       /* entries in use by kind                  */
	uint32_t hand;          /* where the next hint eviction looks      */
};

void share_index_init(struct share_index *x, struct share_entry *e,
		      uint32_t nentries, uint32_t *bucket, uint32_t nbuckets);
/* The first entry after prev (NULL: from the start) of this kind, domain
 * and key; NULL when there is none. */
struct share_entry *share_index_find(struct share_index *x,
				     enum share_kind kind, uint32_t domain,
				     uint64_t key, struct share_entry *prev);
/* A new entry (refs 0), or NULL when the index is full. */
struct share_entry *share_index_add(struct share_index *x,
				    enum share_kind kind, uint32_t domain,
				    uint64_t key, uint64_t where);
void share_index_del(struct share_index *x, struct share_entry *e);
/* Full of hints: drop one (the next from a rotating hand) so a newer
 * page can be hinted; 1 if one was dropped. Shared and block entries
 * stay. */
int share_index_evict_hint(struct share_index *x);
/* Change an entry's kind (a hint becomes a shared frame). */
void share_index_rekind(struct share_index *x, struct share_entry *e,
			enum share_kind kind);

#endif
