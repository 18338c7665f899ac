/* params.h - the guest's parameter block (struct zcmm_guest_desc), read
 * once at boot with the read-parameters hypercall (DIAG 0x408). */
#ifndef GUEST_PARAMS_H
#define GUEST_PARAMS_H

#include <stdint.h>
#include "include/zcmm/boot.h"

extern struct zcmm_guest_desc guest_desc;

/* mem_bytes and index are what the host passed in r2 and r3; they win
 * over the block's copies if the two disagree. */
void params_read(uint64_t mem_bytes, uint32_t index);

#endif
