/* admit.h - admission control in the host (admit.c). */
#ifndef ZCMM_HOST_ADMIT_H
#define ZCMM_HOST_ADMIT_H

#include <stdint.h>

#include "lib/admit.h"

/* Every guest of the boot block fits the free frames and paging slots
 * (lib/admit.c with the host's real counts): 1, else 0 after printing
 * the line that names the first guest that does not and the shortfall. */
int admit_fleet_check(void);

/* The frames g's host structures took when it was made (guest_create())
 * against what admission counted for them; a difference is counted in
 * admit_miscount and said. */
struct guest;
void admit_guest_check(struct guest *g);

extern struct admit_total admit_total;
extern uint64_t admit_miscount;

#endif
