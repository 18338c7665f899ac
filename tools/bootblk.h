/* bootblk.h - the boot block the host reads at ZCMM_BOOT_ADDR: where the
 * guest images go in storage, the guest table, and the big-endian bytes
 * of boot.bin (include/zcmm/boot.h is the contract). */
#ifndef ZCMM_TOOLS_BOOTBLK_H
#define ZCMM_TOOLS_BOOTBLK_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "zcmm/boot.h"
#include "tools/fleet.h"

#define BOOT_IMAGE_ALIGN 0x10000ULL    /* each image on a 64 KiB boundary */

struct boot_image {
	char *path;                 /* the source file, or NULL: ... */
	char *data;                 /* ... these bytes (a command line) */
	char *file;                 /* its name in the run directory */
	uint64_t addr, size;
	dev_t dev;                  /* the source file's identity (path) */
	ino_t ino;
};

struct boot_plan {
	struct zcmm_boot boot;          /* native byte order */
	struct zcmm_guest_desc *desc;   /* boot.nguests entries */
	struct zcmm_mem_header mem_hdr; /* the run's memory settings */
	struct zcmm_guest_mem *mem;     /* the guests' */
	struct boot_image *img;
	unsigned nimg;
	unsigned ndomains;              /* content-sharing domains */
	uint64_t (*secret)[2];          /* their secrets, ndomains */
	uint64_t scan_rate, scan_total; /* the scanner's rates */
};

/* Places each distinct image (a guest's image, else default_image) from
 * ZCMM_IMAGES_ADDR on and fills the guest table. 0 or -1 (err). */
int boot_plan_make(struct boot_plan *p, const struct fleet *f,
		   const char *default_image, char *err);
void boot_plan_free(struct boot_plan *p);

/* 16 MiB + images + guest storage, plus 10%, rounded up to 1 MiB. */
uint64_t boot_auto_storage(const struct boot_plan *p);

/* Bytes of boot.bin for n guests: the block, the guest table, the
 * memory settings table (the sharing table follows). */
size_t boot_encoded_size(unsigned n);
/* Writes boot.bin's bytes (big-endian, field by field) into out; mh and
 * m may be NULL (the memory table's header and every guest's settings 0:
 * the defaults, an idle tax of 0). */
size_t boot_encode(const struct zcmm_boot *b, const struct zcmm_guest_desc *g,
		   const struct zcmm_mem_header *mh,
		   const struct zcmm_guest_mem *m, unsigned n, uint8_t *out);

#endif
