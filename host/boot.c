/* boot.c - checks the boot block the CLI loaded at ZCMM_BOOT_ADDR
 * (include/zcmm/boot.h) before anything trusts it: every field with the
 * portable checker (lib/bootcheck.c), then what only the machine knows. */
#include "host/boot.h"
#include "host/memlayout.h"
#include "host/param.h"
#include "host/probe.h"
#include "host/trap.h"
#include "lib/bootcheck.h"

const struct zcmm_boot *const boot = (const void *)ZCMM_BOOT_ADDR;
const struct zcmm_guest_desc *const boot_guests =
	(const void *)(ZCMM_BOOT_ADDR + sizeof(struct zcmm_boot));

_Static_assert(WSS_SAMPLE_MAX >= BOOT_WSS_SAMPLE_MAX,
	       "the sampler holds what the boot block may ask");

extern char __host_end[];

void boot_check(void)
{
	char why[200];
	uint8_t v;

	if ((uint64_t)__host_end > HOST_IMAGE_END)
		panic("host image ends at %p, past 0x%lx", __host_end,
		      HOST_IMAGE_END);
	if (boot_block_check((const uint8_t *)ZCMM_BOOT_ADDR, ZCMM_BOOT_MAX,
			     why, sizeof why))
		panic("boot block at 0x%lx: %s", (unsigned long)ZCMM_BOOT_ADDR,
		      why);
	/* the storage it names must be there (Hercules's MAINSIZE) */
	if (probe_read(boot->storage_size - 1, &v))
		panic("boot block names 0x%lx bytes of storage, the machine "
		      "has less", boot->storage_size);
}
