/* vdisk.h - guest disks: the block I/O hypercall's parameter list and
 * entries (DIAG 0x410, docs/guest-abi.md), the base disk's known content
 * and the private areas' layout (docs/vdisk.md). Shared by the host, the
 * guest kernel and the CLI; big-endian on the wire, plain constants. */
#ifndef ZCMM_VDISK_H
#define ZCMM_VDISK_H

#include <stdint.h>

#define VDISK_DIAG        0x0410 /* block I/O, modelled on z/VM DIAG 0x250 */
#define VDISK_BLOCK_SIZE  4096   /* a guest block: one page, 8 FBA blocks  */

/* Disks a guest sees. */
#define VDISK_BASE        0      /* shared, read-only: the files        */
#define VDISK_PRIVATE     1      /* the guest's own area: its swap      */

/* Functions (R3 in). */
#define VDISK_FN_QUERY    0      /* fill blocks and flags, no I/O       */
#define VDISK_FN_IO       1      /* run the entries, block until done   */

/* Return codes (R3 out) and the condition code that goes with them. */
#define VDISK_RC_OK       0      /* cc 0: every entry done              */
#define VDISK_RC_ENTRY    4      /* cc 1: entry `done` failed, see status */
#define VDISK_RC_NODISK   8      /* cc 3: no such disk on this run      */

#define VDISK_MAX_ENTRIES 16

/* The block I/O parameter list: 32 bytes, 8-aligned. */
struct vdisk_biopl {
	uint16_t disk;           /* 0x00 VDISK_BASE or VDISK_PRIVATE       */
	uint16_t flags;          /* 0x02 out: VDISK_F_*                    */
	uint32_t count;          /* 0x04 entries, 1..VDISK_MAX_ENTRIES     */
	uint64_t list;           /* 0x08 address of the entries, 16-aligned */
	uint64_t blocks;         /* 0x10 out: disk size in 4 KiB blocks    */
	uint32_t done;           /* 0x18 out: entries completed without error */
	uint32_t reserved;       /* 0x1c must be 0                         */
};
#define VDISK_F_READONLY  0x0001

/* One block entry: 16 bytes. */
struct vdisk_bioe {
	uint8_t  type;           /* 0x00 VDISK_READ or VDISK_WRITE         */
	uint8_t  status;         /* 0x01 out: VDISK_ST_*                   */
	uint16_t reserved;       /* 0x02 must be 0                         */
	uint32_t block;          /* 0x04 4 KiB block number on the disk    */
	uint64_t buf;            /* 0x08 page-aligned guest address        */
};
#define VDISK_READ        1
#define VDISK_WRITE       2

#define VDISK_ST_OK       0
#define VDISK_ST_RANGE    1      /* block beyond the end of the disk    */
#define VDISK_ST_READONLY 2      /* write to the read-only base disk    */
#define VDISK_ST_DEVICE   3      /* the host's volume failed (I/O error) */
#define VDISK_ST_NOTDONE  4      /* an earlier entry failed             */

_Static_assert(sizeof(struct vdisk_biopl) == 32, "biopl size");
_Static_assert(sizeof(struct vdisk_bioe) == 16, "bioe size");

/* The base disk's content: block b holds pattern_fill() of this id with
 * page = b (lib/pattern.h), so a guest verifies every block it reads.
 * A file of the fileserve workload is a run of blocks: file f of n pages
 * is blocks f*n .. f*n+n-1. */
#define VDISK_BASE_SEED   0x62617365646973ULL /* "basedis" */
#define VDISK_BASE_GUEST  0xba5eu
#define VDISK_BASE_MIN    (4u << 20)  /* the base disk is at least 4 MiB */

/* Private areas: each guest of the fleet, in fleet order, gets
 * VDISK_PRIVATE_PER_MEM x its storage; regions are packed onto the
 * private volumes from DASD_PRIVATE_FIRST up, a new volume when the next
 * region does not fit (the CLI sizes each volume to what it holds, at
 * most VDISK_PRIVATE_VOL_MAX unless one region is larger). */
#define VDISK_PRIVATE_PER_MEM 2
#define VDISK_PRIVATE_VOL_MAX (512ULL << 20)
#define VDISK_PRIVATE_VOLS    16

/* fileserve defaults (the CLI sizes the base disk with them). */
#define VDISK_DEF_FILES       64
#define VDISK_DEF_FILE_PAGES  8

#endif
