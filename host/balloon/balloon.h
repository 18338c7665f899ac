/* balloon.h - the long-term half of collaborative memory management:
 * working-set estimates by sampling (wss.c), balloon targets from them
 * (policy.c), the guest's balloon channel (hcall.c) and its accounting
 * (report.c). docs/balloon.md has the whole picture. */
#ifndef ZCMM_BALLOON_H
#define ZCMM_BALLOON_H

#include <stdint.h>

#include "lib/balloon_math.h"

#include "host/param.h"

struct guest;

/* What the guest last said about its balloon (DIAG 0x418 R3 bits 0-31). */
enum balloon_reason {
	BALLOON_MOVING = 0,   /* on its way to the target                 */
	BALLOON_AT = 1,       /* at the target                            */
	BALLOON_REFUSED = 2,  /* the target would take it below its floor */
	BALLOON_SHORT = 3,    /* it deflated because it needed the memory */
};

/* Per guest, inside struct guest (host/guest.h). Pages throughout. */
struct balloon_guest {
	uint16_t sample[WSS_SAMPLE_MAX]; /* this period's sampled pages, in
				    strides of a large guest (wss.c) */
	uint64_t held;           /* bit i: sample[i] was resident and its
				    PTE is PTE_SW_SAMPLED, frame kept     */
	uint32_t nsample;        /* entries in sample[], 0: none under way */
	uint32_t touched;        /* of them touched this period            */
	struct wss_avg avg;      /* fast and slow averages of the raw one  */
	uint64_t estimate;       /* max(fast, slow): pages actively used   */
	uint64_t raw;            /* the last period's raw estimate         */
	uint64_t target;         /* balloon target given to the guest      */
	uint64_t size;           /* balloon size the guest reported        */
	uint64_t max;            /* the most it will hold (above its floor) */
	uint32_t reason;         /* enum balloon_reason, its last report   */
	uint32_t hold;           /* periods left of holding target <= size */
	uint64_t periods;        /* sampling periods completed             */
	uint64_t io_wait_mark;   /* its io_wait_us when the period began   */
	uint64_t start_tod;      /* when the period began                  */
	uint64_t blocked;        /* periods mostly blocked on host I/O     */
	uint64_t goal;           /* where the policy wants the target      */
	uint32_t settling;       /* periods since the goal moved, 0: settled */
};

/* The run's policy from the boot block; the guests to sample. */
void balloon_init(struct guest **guests, unsigned n);
/* The scheduler's periodic hook: ends and starts sampling periods, sets
 * targets. Cheap when no period is due. */
void balloon_tick(uint64_t now);
/* The guest touched a page in its sample (a host fault on a PTE marked
 * PTE_SW_SAMPLED): map the frame again, count it. Returns the frame. */
uint64_t wss_touch(struct guest *g, uint64_t p);
/* The same without counting, for the host's own paths (release,
 * teardown, ESSA): the page is mapped again if it was sampled. */
void wss_unsample(struct guest *g, uint64_t p);
/* DIAG 0x418 and the target for DIAG 0x40C's R3. */
int hcall_balloon(struct guest *g, int r1, int r3);
uint64_t balloon_target(struct guest *g);
/* @result lines: one per guest, the totals, the samples over time. */
void balloon_result(const char *kind, const char *id, struct guest *g);
struct guest_stats;
void balloon_total(const struct guest_stats *t, uint64_t wall_us);
/* Is sampling / ballooning on in this run? */
int balloon_enabled(void);
int wss_enabled(void);

/* wss.c <-> policy.c */
void wss_period_start(struct guest *g);
void wss_period_end(struct guest *g);
void policy_targets(struct guest **guests, unsigned n);
uint64_t policy_fixed_target(void);
void report_sample(struct guest **guests, unsigned n, uint64_t ms);

struct balloon_stats {
	uint64_t periods;        /* sampling periods run                   */
	uint64_t sampled;        /* pages put in samples                   */
	uint64_t cost_us;        /* host time in the sampler (measured)    */
	uint64_t sample_faults;  /* faults on sampled pages                */
	uint64_t fault_tod;      /* host TOD serving them (measured)       */
	uint64_t target_changes; /* targets moved by the policy            */
	uint64_t settled, settle_sum, settle_max; /* goal moves (by more than
				    a tenth) and the periods the target took
				    to reach them                          */
};
extern struct balloon_stats balloon_stats;

#endif
