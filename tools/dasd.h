/* dasd.h - the run's DASD volumes: which FBA images a run gets (device
 * numbers in host/io/devnum.h, docs/dasd.md), making them with Hercules's
 * dasdinit in the run directory, and their hercules.cnf lines. */
#ifndef ZCMM_TOOLS_DASD_H
#define ZCMM_TOOLS_DASD_H

#include <stdint.h>
#include "tools/fleet.h"
#include "host/io/devnum.h"
#include "zcmm/vdisk.h"

#define DASD_MAX_VOLS     DASD_PAGING_MAX
#define DASD_SELFTEST_VOLS 4
#define DASD_SELFTEST_SIZE (8 * MiB)
#define DASD_MIN_SIZE      (1 * MiB)
#define DASD_MAX_SIZE      (1ULL << 40)  /* Hercules: < 2^31 blocks */

struct dasd_vol {
	uint16_t devnum;
	uint64_t bytes;             /* multiple of 4 KiB                  */
	char file[32];              /* in the run directory               */
};

struct dasd_plan {
	unsigned n;
	struct dasd_vol v[DASD_MAX_VOLS + 1 + VDISK_PRIVATE_VOLS];
	int base;                   /* index of the base disk in v[], or -1 */
};

/* The paging volumes: n (0..DASD_MAX_VOLS) of size bytes each at
 * DASD_PAGING_FIRST...; size 0 = sized from the fleet
 * (dasd_paging_size()). 0, or -1 with err. */
int dasd_plan_paging(struct dasd_plan *p, unsigned n, uint64_t size,
		     const struct fleet *f, char *err);

/* Guest disks (docs/vdisk.md), appended to p when a guest's workload
 * uses them (fileserve, anon, disktest): the base disk at 0100, sized
 * for the largest fileserve file set, and the private volumes at 0300+
 * holding VDISK_PRIVATE_PER_MEM x each guest's storage. 0, or -1. */
int dasd_plan_guest_disks(struct dasd_plan *p, const struct fleet *f,
			  char *err);
/* After dasd_create(): the base disk's known content, block b holding
 * pattern (VDISK_BASE_SEED, VDISK_BASE_GUEST, gen 0, page b), big-endian. */
int dasd_fill_base(const struct dasd_plan *p, const char *dir, char *err);

/* Runs `dasdinit -r FILE 9336 BLOCKS` per volume in dir, its output in
 * dir/dasdinit.log; dasdinit is $ZCMM_DASDINIT, else next to herc (the
 * Hercules program, may be NULL), else on PATH. 0, or -1 with err. */
int dasd_create(const struct dasd_plan *p, const char *dir,
		const char *herc, char *err);

/* Room for the planned volumes plus other bytes (the images) in dir's
 * file system (dasdinit writes every byte)? 0, or -1 with err. */
int dasd_space_check(const struct dasd_plan *p, const char *dir,
		     uint64_t other, char *err);

/* cnf with the volumes' device lines appended (cnf is realloc'd). */
char *dasd_cnf_append(char *cnf, const struct dasd_plan *p);

#endif
