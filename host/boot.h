/* boot.h - the host's view of the boot block the CLI loaded. */
#ifndef ZCMM_HOST_BOOT_H
#define ZCMM_HOST_BOOT_H

#include "zcmm/boot.h"

extern const struct zcmm_boot *const boot;
extern const struct zcmm_guest_desc *const boot_guests;

/* Check magic, version and layout; panic with the reason if wrong. */
void boot_check(void);

#endif
