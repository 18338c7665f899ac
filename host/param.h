/* param.h - every tunable of the host in one place. */
#ifndef ZCMM_PARAM_H
#define ZCMM_PARAM_H

#define HOST_STACK_SIZE   (64 * 1024)  /* the host's one kernel stack   */
#define TRAP_STACK_SIZE   (16 * 1024)  /* each interruption's stack     */
#define CONSOLE_LINE_MAX  230          /* payload bytes per console line */
#define TIMESLICE_US_DEF  5000         /* guest time slice if unset     */
#define PROGRESS_MS_DEF   0            /* no progress lines if unset    */
#define GUEST_MEM_MAX     (16UL << 20) /* page states fit in one frame  */
#define FRAMES_LOW_WATER  64           /* below this, reclaim ...       */
#define FRAMES_HIGH_WATER 256          /* ... until this many are free  */
#define PAGER_MAX_SLOTS   (256 * 1024) /* 1 GiB of paging space         */
#define PAGER_MAX_INFLIGHT 64          /* page-outs/-ins under way      */

#endif
