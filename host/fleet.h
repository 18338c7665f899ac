/* fleet.h - running the guest table from the boot block. */
#ifndef ZCMM_FLEET_H
#define ZCMM_FLEET_H

/* Create every guest, run them to the end, print the results; returns
 * the host's exit status (0: every guest exited 0, nothing leaked). */
int fleet_run(void);

#endif
