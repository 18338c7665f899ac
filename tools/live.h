/* live.h - the live view of `zcmm run --live` (ncurses): guest rows with
 * their pages by state, from the host's gsample/hsample records. */
#ifndef ZCMM_TOOLS_LIVE_H
#define ZCMM_TOOLS_LIVE_H

#include "tools/fleet.h"

/* Takes over the terminal; 0, or -1 if it cannot. */
int live_start(const struct fleet *f, const char *title);
/* A record's payload (after "@result "): 1 if the view took it. */
int live_take(const char *rest);
/* The latest progress line, shown under the title. */
void live_progress(const char *line);
/* A host text line or a Hercules alert (who: "host", "hercules"): the
 * latest is shown at the bottom. */
void live_text(const char *who, const char *line);
void live_draw(void);
/* Keys and resizes, at least a few times a second: 1 when the view was
 * closed by its quit key. */
int live_tick(void);
int live_on(void);
/* Gives the terminal back. */
void live_end(void);

#endif
