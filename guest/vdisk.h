/* vdisk.h - the guest's disks through the block I/O hypercall (DIAG
 * 0x410, docs/guest-abi.md): disk 0 the shared read-only base disk with
 * the files, disk 1 the guest's private area (its swap). */
#ifndef GUEST_VDISK_H
#define GUEST_VDISK_H

#include <stdint.h>
#include "include/zcmm/vdisk.h"

struct vdisk_gstats {
	uint64_t reads, writes;      /* blocks                             */
	uint64_t calls, errors;      /* hypercalls, entries that failed    */
	uint64_t read_tod, write_tod;/* TOD units spent in read / write calls */
	uint64_t max_tod;            /* the longest call                   */
};
extern struct vdisk_gstats vdisk_gstats;

/* The raw hypercall: returns the return code (VDISK_RC_*). */
uint64_t vdisk_call(struct vdisk_biopl *pl, uint64_t fn);
/* Size of a disk in 4 KiB blocks (0: no such disk), and its flags. */
uint64_t vdisk_blocks(unsigned disk, uint16_t *flags);
/* n blocks, entry i: block[i] <-> page buf[i]; returns the return code,
 * the entries' statuses in st[] (may be 0). Blocks the guest until done. */
uint64_t vdisk_rw(unsigned disk, int type, unsigned n, const uint32_t *block,
		  const uint64_t *buf, uint8_t *st);
/* One block; panics on any error (the kernel's own reads and writes). */
void vdisk_read1(unsigned disk, uint32_t block, uint64_t buf);
void vdisk_write1(unsigned disk, uint32_t block, uint64_t buf);
/* The counters as one console line (nothing if no disk was used). */
void vdisk_summary(void);

#endif
