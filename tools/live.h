/* live.h - the live view of `zcmm run --live` (ncurses): guest rows with
 * their pages by state, from the host's gsample/hsample records. */
#ifndef ZCMM_TOOLS_LIVE_H
#define ZCMM_TOOLS_LIVE_H

#include <stdio.h>
#include "tools/fleet.h"

/* Takes over the terminal; 0, or -1 if it cannot. */
int live_start(const struct fleet *f, const char *title);
/* A record's payload (after "@result "): 1 if the view took it. */
int live_take(const char *rest);
/* The latest progress line, shown under the title. */
void live_progress(const char *line);
/* A line for to (stdout, stderr) while the view may have the terminal:
 * shown at the bottom, printed to to when the view ends (at once if it
 * is not up). zcmm's own warnings (zerr) come here while it is. */
void live_line(FILE *to, const char *line);
void live_draw(void);
/* Keys and resizes, at least a few times a second (q ends the view). */
void live_tick(void);
int live_on(void);
/* Gives the terminal back, then prints the lines it held. */
void live_end(void);

#endif
