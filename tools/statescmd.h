/* statescmd.h - `zcmm states`: the page-state machine as text. */
#ifndef ZCMM_TOOLS_STATESCMD_H
#define ZCMM_TOOLS_STATESCMD_H

int cmd_states(int argc, char **argv);

#endif
