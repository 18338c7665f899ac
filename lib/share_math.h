/* share_math.h - the arithmetic of share-based allocation with an idle-
 * memory tax (Waldspurger, "Memory Resource Management in VMware ESX
 * Server", 2002), portable and in integers (the host has no floating
 * point): a guest's shares-per-page ratio rho, the victim a reclaim takes
 * from, and the storage each guest is entitled to when the host is short.
 *
 * rho = S / (P * (f + k * (1 - f))), k = 1 / (1 - tau): S shares, P frames
 * held, f the active fraction, tau the tax rate. With A = f * P active
 * pages, P * (f + k(1 - f)) = A + k (P - A): an idle page costs k active
 * ones (k = 4 at the default tau of 75%). */
#ifndef ZCMM_SHARE_MATH_H
#define ZCMM_SHARE_MATH_H

#include <stdint.h>

#define SHARES_DEF     1000u      /* a guest's shares unless it says   */
#define SHARES_MAX     1000000u   /* keeps S * 100 * 2^16 in 64 bits   */
#define IDLE_TAX_DEF   75u        /* percent, as ESX                   */
#define IDLE_TAX_MAX   99u        /* 100% would make k infinite        */
#define SHARE_ONE      65536u     /* fixed point: 1.0 in Q16           */

/* What the allocator knows of one guest. Pages throughout. */
struct share_acct {
	uint64_t shares;          /* S, 1 .. SHARES_MAX                    */
	uint64_t frames;          /* P: frames it holds now                */
	uint64_t active;          /* pages in use, the sampler's estimate  */
	uint64_t reserve;         /* never reclaimed below this            */
	uint64_t limit;           /* never holds more; 0: its size         */
	uint64_t npages;          /* its storage                           */
	int eligible;             /* running: may give and be given        */
};

/* The active fraction f = A / P in Q16 (1.0 when A >= P or P = 0). */
uint32_t share_active_q16(uint64_t active, uint64_t frames);

/* rho in Q16 shares per page; UINT64_MAX for a guest holding nothing
 * (it has nothing to give). tax_pct 0 .. IDLE_TAX_MAX. */
uint64_t share_rho_q16(uint64_t shares, uint64_t frames, uint64_t active,
		       unsigned tax_pct);

/* Is a's rho below b's, exactly (cross-multiplied, no rounding)? */
int share_rho_less(const struct share_acct *a, const struct share_acct *b,
		   unsigned tax_pct);

/* The guest to take a frame from, or -1 when none may give one:
 * first a guest above its limit (the furthest above), else the lowest
 * rho among guests above their reserve. Ties go to the guest holding
 * more frames, then to the lower index, so the choice is deterministic. */
int share_victim(const struct share_acct *g, unsigned n, unsigned tax_pct);

/* The frames each guest is entitled to when room frames are shared:
 * the allocation where every guest not held by its reserve or limit has
 * the same rho (the state repeated reclaim from the lowest rho tends to),
 * each between its reserve and min(limit, size). alloc[i] = 0 for guests
 * not eligible. The sum never exceeds room unless the reserves do.
 * Returns the sum. Balloon targets are npages - alloc. */
uint64_t share_alloc(const struct share_acct *g, unsigned n,
		     unsigned tax_pct, uint64_t room, uint64_t *alloc);

/* The frames a guest of P frames and A active pages holds at
 * "effective pages" E = A + k (P - A): the inverse of the cost. */
uint64_t share_frames_at(uint64_t eff, uint64_t active, unsigned tax_pct);

#endif
