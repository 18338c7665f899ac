/* guest.h - one guest: its SIE state descriptor, registers, place in
 * host storage, scheduling state and counters. One frame holds it all. */
#ifndef ZCMM_GUEST_H
#define ZCMM_GUEST_H

#include <stdint.h>

#include "host/alloc/alloc.h"
#include "host/balloon/balloon.h"
#include "host/param.h"
#include "host/sie.h"
#include "zcmm/admit.h"
#include "zcmm/boot.h"

enum guest_state {
	GUEST_RUNNABLE,
	GUEST_WAITING,  /* enabled wait until wake_tod            */
	GUEST_WAITING_IO, /* blocked until host I/O for it is done: a
			     page-in, or its disk I/O (io_inflight > 0) */
	GUEST_STOPPED,  /* exited, or stopped by the host          */
};

/* Exit statuses the host gives a guest it stopped. */
#define GUEST_STATUS_KILLED 0x200 /* the host stopped it (reason set)   */
#define GUEST_STATUS_WAIT   0x100 /* disabled wait: + low byte of IA    */
#define GUEST_STATUS_LIMIT  0x300 /* still running at the run's end     */
#define GUEST_STATUS_HALTED 0x400 /* halted, pushed out (unservable halt) */

struct guest_stats {
	uint64_t work;           /* work units the guest reported        */
	uint64_t touched;        /* pages given a frame on first touch   */
	uint64_t frames;         /* frames it holds now                  */
	uint64_t frames_peak;
	uint64_t host_faults;    /* host translation faults in SIE       */
	uint64_t sie_entries;
	uint64_t diag;           /* hypercalls                           */
	uint64_t pgm_reflected;  /* program interruptions it was given   */
	uint64_t icpt[ICPT_CODES / 4]; /* interceptions by code / 4     */
	uint64_t essa[8];        /* ESSA operations by request code      */
	uint64_t discards[4];    /* frames dropped without I/O, by usage */
	uint64_t discard_faults; /* touches of discarded pages           */
	uint64_t released;       /* pages given back by DIAG 0x10        */
	uint64_t pageouts;       /* its pages the host wrote to a slot   */
	uint64_t pageins;        /* its pages the host read back         */
	uint64_t io_wait_us;     /* time it spent blocked on host I/O    */
	uint64_t disk_reads;     /* its disk blocks read (DIAG 0x410)    */
	uint64_t disk_writes;    /* its disk blocks written              */
	uint64_t double_paging;  /* disk writes of pages the host had
				    paged out: paged in first          */
	uint64_t released_frames;/* of released pages, frames freed      */
	uint64_t balloon_inflated; /* balloon growth the guest reported  */
	uint64_t balloon_deflated; /* balloon shrinkage it reported      */
	uint64_t balloon_refused;  /* reports: target below its floor    */
	uint64_t balloon_short;    /* reports: deflated for its own need */
	uint64_t wss_sampled;    /* its pages put in samples             */
	uint64_t wss_touched;    /* of them touched within their period  */
	uint64_t share_merged;   /* its pages merged into shared frames  */
	uint64_t zero_merged;    /* ... of them into the zero frame      */
	uint64_t cow_breaks;     /* its stores into shared frames        */
	uint64_t scan_hashed;    /* its pages the sharing scanner keyed  */
	uint64_t disk_shared;    /* base-disk reads served by mapping    */
	uint64_t ext_injected;   /* external interruptions the host made */
	uint64_t sclp_calls;     /* SERVC requests                       */
	uint64_t sigp;           /* SIGP orders                          */
};

struct guest {
	struct sie_block sd;     /* 0x000: must be 512-aligned           */
	uint64_t gprs[16];       /* guest r0-r13 while it is not running */
	uint32_t ars[16];        /* +128 access registers, +192 floating- */
	uint64_t fprs[16];       /* point registers, +320 FPC: SIE leaves */
	uint32_t fpc;            /* the guest's in the CPU; sie_entry.S  */
	uint32_t pad_fpc;        /* keeps them per guest (Linux: a0/a1 */
				 /* thread pointer, user FP)           */
	unsigned index;
	char name[17];
	enum guest_state state;
	int exit_status;
	const char *stop_reason; /* why the host stopped it, or 0        */
	uint64_t mso;            /* host virtual address of its 0        */
	uint64_t mem_bytes, npages;
	uint64_t wake_tod;       /* GUEST_WAITING: when to run it again  */
	int yielded;             /* it gave up the rest of its slice     */
	int icpt_ilen;           /* the intercepted instruction's length
				    as its PSW counts it (an EXECUTE's) */
	uint64_t wait_page;      /* GUEST_WAITING_IO: the page it needs, or
				    GUEST_WAIT_FRAME for any free frame  */
	uint64_t blocked_tod;    /* when it started waiting on I/O       */
	uint64_t reclaim_hand;   /* the reclaim clock's hand: next page  */
	unsigned io_inflight;    /* host I/Os under way into its storage
				    (the pages they use are pinned)     */
	void *vdisk_bio;         /* its disk call's frame (host/vdisk/)  */
	const struct zcmm_guest_desc *desc;
	struct guest_stats st;
	struct balloon_guest bl; /* host/balloon/: estimate, target, size */
	struct alloc_guest al;   /* host/alloc/: shares, reserve, limit   */
	uint64_t host_frames;    /* frames its host structures took      */
	uint64_t admit_host_frames; /* ... as admission counted them     */
	uint64_t teid;           /* TEID of the program interruption an
				    instruction handler returns         */
	uint8_t ext_pending;     /* host-made external interruptions     */
	uint32_t ext_service_parm; /* the service signal's parameter     */
	uint64_t sclp_receive_mask, sclp_send_mask; /* the guest's SCLP
				    event masks (sclp.c)                */
	uint8_t sclp_vt220_seen; /* it wrote VT220 text: line mode is a copy */
	uint16_t con_len;        /* SCLP console: a partial line ...     */
	char con_buf[CONSOLE_LINE_MAX + 1]; /* ... (sclpcon.c)           */
	uint8_t **pstate_dir;    /* per page: states_encode() of its state,
				    in frames of 4096 listed in this frame;
				    0: in pstate_small (small guests)   */
	uint8_t pstate_small[];  /* the rest of the frame, for small guests */
};

/* It ended and will never run again (a halted guest runs again: its
 * storage comes back); its storage serves nobody. */
static inline int guest_ended(const struct guest *g)
{
	return g->state == GUEST_STOPPED &&
	       g->exit_status != GUEST_STATUS_HALTED;
}

/* Page p's state byte (states_encode()). */
static inline uint8_t *guest_pstate(struct guest *g, uint64_t p)
{
	return g->pstate_dir ? &g->pstate_dir[p >> 12][p & 0xfff]
			     : &g->pstate_small[p];
}

/* the pages whose states live beside struct guest in its frame (larger
   guests get frames for them): admission counts with the same number */
_Static_assert(__builtin_offsetof(struct guest, ars) -
	       __builtin_offsetof(struct guest, gprs) == 128, "ars");
_Static_assert(__builtin_offsetof(struct guest, fprs) -
	       __builtin_offsetof(struct guest, gprs) == 192, "fprs");
_Static_assert(__builtin_offsetof(struct guest, fpc) -
	       __builtin_offsetof(struct guest, gprs) == 320, "fpc");

#define GUEST_PSTATE_SMALL ZCMM_GUEST_FRAME_STATES
_Static_assert(sizeof(struct guest) + GUEST_PSTATE_SMALL <= 4096,
	       "a guest and its page states for 2048 pages fit in a frame");
_Static_assert(GUEST_MEM_MAX / 4096 <= 512 * ZCMM_STATES_PER_FRAME,
	       "the page states of the largest guest: 512 frames of 4096, "
	       "listed in one frame");

#define GUEST_WAIT_FRAME (~0UL)

/* Block the guest until guest_wake_io(); the time is counted. */
void guest_block_io(struct guest *g, uint64_t page);
void guest_wake_io(struct guest *g);

/* Make a guest from its description: storage, image, initial PSW. On a
 * bad description or image it comes back stopped, with the reason. */
struct guest *guest_create(const struct zcmm_guest_desc *d, unsigned index);
/* The same for a guest made of raw code (the host's self-tests): the
 * code goes to GUEST_CODE_ADDR, where the guest starts. */
#define GUEST_CODE_ADDR 0x10000UL
struct guest *guest_create_code(const struct zcmm_guest_desc *d,
				const void *code, uint64_t len);
void guest_destroy(struct guest *g);
void guest_stop(struct guest *g, int status, const char *reason);

/* Load a Linux guest's kernel, initrd and command line (linuxboot.c);
 * 0 or the reason it cannot be. */
const char *linux_load(struct guest *g);

/* Guest storage, as the host reads and writes it (guest real = absolute
 * with prefix 0). Both return 0 or a program interruption code. */
int gmem_read(struct guest *g, uint64_t gaddr, void *buf, uint64_t len);
int gmem_write(struct guest *g, uint64_t gaddr, const void *buf, uint64_t len);

/* The condition code in the guest PSW (bits 18-19). */
static inline void guest_set_cc(struct guest *g, int cc)
{
	g->sd.psw_mask = (g->sd.psw_mask & ~(3UL << 44)) | (uint64_t)cc << 44;
}

/* Let go of the pages SPX pinned (the guest is being torn down). */
void prefix_release(struct guest *g);
/* Is p one of the guest's prefix pages, or page 0-1 (prefix.c)? */
int guest_prefix_page(const struct guest *g, uint64_t p);
/* SCLP console text to the guest's tagged lines (sclpcon.c) */
void sclp_console_vt220(struct guest *g, const uint8_t *text, unsigned len);
void sclp_console_mdb(struct guest *g, const uint8_t *mdb, unsigned len);
void sclp_console_end(struct guest *g);

/* Guest registers: r0-r13 in gprs, r14 and r15 in the descriptor. */
static inline uint64_t guest_gpr(struct guest *g, int r)
{
	return r < 14 ? g->gprs[r] : r == 14 ? g->sd.gr14 : g->sd.gr15;
}

static inline void guest_set_gpr(struct guest *g, int r, uint64_t v)
{
	if (r < 14)
		g->gprs[r] = v;
	else if (r == 14)
		g->sd.gr14 = v;
	else
		g->sd.gr15 = v;
}

#endif
