/* admission.h - `zcmm run` refuses, before Hercules starts, a fleet the
 * host would not admit (admission.c). */
#ifndef ZCMM_TOOLS_ADMISSION_H
#define ZCMM_TOOLS_ADMISSION_H

#include <stdint.h>
#include "tools/bootblk.h"
#include "tools/dasd.h"

/* The frames the host will have when it admits: the storage above the
 * guest images (host/main.c's frames_init), less the frame table. */
uint64_t admission_free_frames(const struct boot_plan *p);
/* The paging slots the planned paging volumes give (host/pager/slots.c). */
uint64_t admission_free_slots(const struct dasd_plan *d);
/* 0 when the fleet fits, else -1 with the host's own line in err. */
int admission_check(const struct boot_plan *p, const struct dasd_plan *d,
		    char *err);

#endif
