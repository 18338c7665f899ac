/* param.h - every tunable of the host in one place. */
#ifndef ZCMM_PARAM_H
#define ZCMM_PARAM_H

#include "zcmm/boot.h"

#define HOST_STACK_SIZE   (64 * 1024)  /* the host's one kernel stack   */
#define TRAP_STACK_SIZE   (16 * 1024)  /* each interruption's stack     */
#define CONSOLE_LINE_MAX  230          /* payload bytes per console line */
#define TIMESLICE_US_DEF  5000         /* guest time slice if unset     */
#define WAIT_NEVER_S      86400        /* a guest wait not over within
					  this can never end: stopped  */
#define PROGRESS_MS_DEF   0            /* no progress lines if unset    */
#define GUEST_MEM_MAX     ZCMM_GUEST_MEM_MAX /* zcmm/boot.h: 1 GiB       */
#define FRAMES_LOW_WATER  64           /* below this, reclaim ...       */
#define FRAMES_HIGH_WATER 256          /* ... until this many are free  */
#define FRAMES_RESERVE    16           /* a guest's fault that would take
					  the free frames below this runs
					  reclaim at once: the host's own
					  frames (page-ins, block I/O)     */
#define RECLAIM_BATCH     32           /* pages taken from one guest before
					  the victim is chosen again       */
#define PAGER_MAX_SLOTS   (256 * 1024) /* 1 GiB of paging space         */
#define IO_RETRIES        3            /* a failed I/O is started again */
#define IO_OFFLINE_ERRORS 4            /* requests failed in a row (after
					  retries): the volume goes offline */
#define PAGER_MAX_INFLIGHT 64          /* page-outs/-ins under way      */
/* working-set sampling and the balloon policy (docs/balloon.md) */
#define WSS_SAMPLE_DEF    64           /* pages sampled a guest a period */
#define WSS_SAMPLE_MAX    64           /* the most (struct balloon_guest) */
#define WSS_PERIOD_MS_DEF 250          /* sampling period, host TOD      */
#define WSS_FAST_SHIFT    1            /* fast average: 1/2 a period     */
#define WSS_SLOW_SHIFT    2            /* slow average: 1/4 a period     */
#define WSS_BLOCKED_PCT   25           /* blocked on host I/O this much of
					  a period: the estimate may not fall */
#define BALLOON_SLACK_PCT 25           /* room above the estimate ...    */
#define BALLOON_SLACK_MIN 16           /* ... at least this many pages   */
#define BALLOON_HOLD      4            /* periods a guest's own deflation
					  (it was short) holds its target */
#define BALLOON_DEADBAND  4            /* smaller target moves: jump     */
#define BALLOON_SAMPLE_GUESTS 8        /* per-guest samples up to this   */

/* content sharing (docs/sharing.md) */
#define SHARE_INDEX_ENTRIES 16384      /* shared and hint entries, 32 B each */
#define SHARE_INDEX_BUCKETS 8192       /* a power of two                */
#define SHARE_BURST_US    100000       /* rate buckets hold 0.1 s of pages */
#define SHARE_REFS_MAX    60000        /* mappings per frame (16-bit refs) */

#endif
