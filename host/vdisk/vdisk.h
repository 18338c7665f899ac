/* vdisk.h - guest disks: each guest's base disk (volume 0x0100, shared,
 * read-only) and private area (a region of a volume at 0x0300+), served
 * through the block I/O hypercall DIAG 0x410 (docs/vdisk.md). */
#ifndef ZCMM_VDISK_HOST_H
#define ZCMM_VDISK_HOST_H

#include <stdint.h>

#include "host/guest.h"
#include "host/io/fba.h"
#include "host/memlayout.h"
#include "zcmm/vdisk.h"

/* A guest disk: 4 KiB blocks [first, first + blocks) of a volume. */
struct vdisk_area {
	struct io_dev *dev;      /* 0: no such disk on this run            */
	uint64_t first, blocks;  /* in 4 KiB blocks                        */
	int readonly;
};

struct vdisk_stats {
	uint64_t calls, requests;    /* DIAG 0x410 I/O calls, block entries */
	uint64_t errors;             /* entries that failed                  */
	uint64_t private_guests;     /* guests that got a private area       */
};
extern struct vdisk_stats vdisk_stats;

/* Find the base and private volumes and say what they hold. */
void vdisk_init(void);
/* Has this run guest disks at all (then any guest may make a call)? */
int vdisk_any(void);
/* Disk `disk` (VDISK_BASE, VDISK_PRIVATE) of guest g; 0 if none. */
int vdisk_area(struct guest *g, unsigned disk, struct vdisk_area *a);
/* DIAG 0x410: R1 = parameter list, R3 = function in, return code out. */
int vdisk_hcall(struct guest *g, int r1, int r3);

/* Inside: one call under way, in the guest's call frame (blockio.c). */
struct bio {
	struct guest *g;
	uint64_t biopl, list;
	int r3;                      /* the register for the return code */
	unsigned n, go, left;        /* entries, of which sent, not back */
	int busy;                    /* requests are out                 */
	uint32_t mapped;             /* entries served by mapping a frame
					the host holds (host/share/disk.c) */
	uint32_t entered;            /* reads entered for others to share */
	struct vdisk_bioe e[VDISK_MAX_ENTRIES];
	struct io_req req[VDISK_MAX_ENTRIES];
};
_Static_assert(sizeof(struct bio) <= PAGE_SIZE, "a call fits a frame");

/* pin.c: addr's page resident: 0 and *frame, -1 when the guest now waits
 * and will run the DIAG again, or a program interruption code. */
int vdisk_resident(struct guest *g, uint64_t addr, uint64_t *frame);
/* Every page of call b resident at once (frames[] of the buffers); as
 * vdisk_resident. */
int vdisk_pin_all(struct guest *g, struct bio *b, uint64_t *frames);
/* No frame now: wait for page-outs and retry (0), or PGM_NO_FRAME. */
int vdisk_retry_for_frame(struct guest *g);

/* Before guests are torn down: wait for their disk I/O to finish, free
 * their call frames. */
void vdisk_drain(struct guest **guests, unsigned n);

#endif
