/* boot.h - the host's view of the boot block the CLI loaded. */
#ifndef ZCMM_HOST_BOOT_H
#define ZCMM_HOST_BOOT_H

#include "zcmm/boot.h"

extern const struct zcmm_boot *const boot;
extern const struct zcmm_guest_desc *const boot_guests;

/* The memory table after the guest table: its header, guest i's entry. */
static inline const struct zcmm_mem_header *boot_mem_header(void)
{
	return (const struct zcmm_mem_header *)(ZCMM_BOOT_ADDR +
		zcmm_mem_table_offset(boot->nguests));
}

static inline const struct zcmm_guest_mem *boot_guest_mem(unsigned i)
{
	return (const struct zcmm_guest_mem *)(boot_mem_header() + 1) + i;
}

/* Check magic, version and layout; panic with the reason if wrong. */
void boot_check(void);

#endif
