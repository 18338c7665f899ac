/* boot.c - validates the boot block the CLI loaded at ZCMM_BOOT_ADDR
 * (include/zcmm/boot.h), before anything trusts it. */
#include "host/boot.h"
#include "host/memlayout.h"
#include "host/trap.h"

const struct zcmm_boot *const boot = (const void *)ZCMM_BOOT_ADDR;
const struct zcmm_guest_desc *const boot_guests =
	(const void *)(ZCMM_BOOT_ADDR + sizeof(struct zcmm_boot));

extern char __host_end[];

void boot_check(void)
{
	if (boot->magic != ZCMM_BOOT_MAGIC)
		panic("no boot block at 0x%lx (magic %016lx): start the host "
		      "with 'zcmm run'", (unsigned long)ZCMM_BOOT_ADDR,
		      boot->magic);
	if (boot->version != ZCMM_BOOT_VERSION)
		panic("boot block version %u, this host reads %u",
		      boot->version, ZCMM_BOOT_VERSION);
	if ((uint64_t)__host_end > HOST_IMAGE_END)
		panic("host image ends at %p, past 0x%lx", __host_end,
		      HOST_IMAGE_END);
	if (boot->nguests > ZCMM_MAX_GUESTS)
		panic("boot block lists %u guests, at most %lu",
		      boot->nguests, (unsigned long)ZCMM_MAX_GUESTS);
	if (boot->images_end < ZCMM_IMAGES_ADDR ||
	    boot->images_end > boot->storage_size)
		panic("guest images end at 0x%lx, storage is 0x%lx",
		      boot->images_end, boot->storage_size);
}
