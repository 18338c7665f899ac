/* balloon.h - the guest's balloon driver (docs/balloon.md): it inflates by
 * taking pages from the allocator and giving them to the host (DIAG 0x10,
 * as Linux's cmm driver), deflates by handing them back to the allocator,
 * and follows the target the host returns from DIAG 0x40C. */
#ifndef GUEST_BALLOON_H
#define GUEST_BALLOON_H

#include <stdint.h>

#define BALLOON_FLOOR_MIN   32 /* pages the guest always keeps, or ...  */
#define BALLOON_FLOOR_DIV   8  /* ... 1/8 of its pool if that is more  */
#define BALLOON_RESERVE     8  /* free pages inflation leaves alone     */
#define BALLOON_BATCH       64 /* pages inflated at most per poll       */
#define BALLOON_SHORT_BATCH 16 /* pages given back when it runs out     */

/* DIAG 0x418 R3 bits 0-31 of the report: why the size is what it is. */
enum balloon_why {
	BALLOON_WHY_MOVING = 0,  /* still on its way to the target         */
	BALLOON_WHY_AT = 1,      /* at the target                          */
	BALLOON_WHY_REFUSED = 2, /* the target would cross the floor       */
	BALLOON_WHY_SHORT = 3,   /* the guest took pages back: it ran out  */
};

struct balloon_info {
	uint32_t size;        /* pages in the balloon now                 */
	uint32_t max;         /* the most it holds: pool - floor          */
	uint32_t floor;       /* pages the guest keeps whatever the target */
	uint32_t target;      /* the host's last target                   */
	uint32_t peak;        /* the largest size                         */
	uint64_t inflated, deflated; /* pages in and out                  */
	uint64_t releases;    /* DIAG 0x10 calls                          */
	uint64_t shorts;      /* times it deflated because it ran out     */
	uint64_t refused;     /* targets it refused (below the floor)     */
	uint64_t polls;       /* targets read                             */
};
extern struct balloon_info balloon_info;

/* After alloc_init(): the floor and the most the balloon may hold. */
void balloon_init(void);
/* Reports work units (DIAG 0x40C) and follows the target it returns. */
void balloon_work(uint64_t units);
/* The guest is out of pages: give some back and retry the allocation of
 * n pages (contiguous if n > 1); 0 if the balloon had nothing to give. */
uint64_t balloon_alloc_retry(uint32_t n);
/* Deflates completely and frees its table (before the leak check). */
void balloon_fini(void);

#endif
