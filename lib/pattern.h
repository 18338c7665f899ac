/* pattern.h - the self-checking content of a guest page: every 64-bit word
 * is derived from (seed, guest index, page number, generation, word offset),
 * so a flipped word, a stale generation, another page's or another guest's
 * content are all told apart. Portable: native tests and the s390x guest. */
#ifndef ZCMM_PATTERN_H
#define ZCMM_PATTERN_H

#include <stdint.h>
#include <stddef.h>

#define PATTERN_PAGE_BYTES 4096u
#define PATTERN_WORDS      (PATTERN_PAGE_BYTES / 8u)

/* Who wrote a page and when. */
struct pattern_id {
	uint64_t seed;  /* the guest's seed (zcmm_guest_desc.seed)        */
	uint32_t guest; /* the guest's index in the fleet                  */
	uint32_t gen;   /* generation: bumped each time the page is rewritten */
	uint64_t page;  /* page number (guest absolute address >> 12)      */
};

/* What a failed verification found. */
struct pattern_bad {
	uint32_t word;     /* offset (in 8-byte words) of the first bad word */
	uint32_t nbad;     /* how many words of the page are wrong          */
	uint64_t expected; /* the first bad word: what should be there      */
	uint64_t found;    /*                     and what is               */
};

/* The page's first word; word i is base + i * PATTERN_STEP. */
#define PATTERN_STEP 0x9e3779b97f4a7c15ULL
uint64_t pattern_base(const struct pattern_id *id);

/* Fill a 4 KiB, 8-aligned page with id's pattern. */
void pattern_fill(void *page, const struct pattern_id *id);
/* Check every word of the page: 0 when all match, else -1 and *bad. */
int pattern_verify(const void *page, const struct pattern_id *id,
		   struct pattern_bad *bad);

#endif
