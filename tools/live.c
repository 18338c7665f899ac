/* live.c - `zcmm run --live`: an ncurses view of the running fleet, drawn
 * from the host's gsample and hsample records (ZCMM_BOOT_LIVE): a row per
 * guest with a bar of its pages by state, its frames and rates, under a
 * header of the host's free frames, reclaim by mechanism and paging I/O.
 * While it has the terminal, every other line waits for its end. */
#include "tools/live.h"
#include "tools/util.h"
#include "states/states.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NSTATES STATES_NVALID  /* Sr Sp Sz Ur Uz Vr Vz Pr */
#define st_name(k) states_name(states_by_index(k))
/* The bar's character of each state (readable without colour too) and
 * its colour: the bench plots' (bench/plots.gp), as 0xRRGGBB. */
static const char st_char[NSTATES] = { 'S', 'o', 'z', '-', '.', 'V', 'v', 'P' };
static const unsigned st_rgb[NSTATES] = {
	0x1f77b4, 0xd62728, 0x7f7f7f, 0xc7c7c7, 0xf0f0f0, 0x98df8a, 0x9467bd, 0xffbb78,
};
static const short st_basic[NSTATES] = {
	COLOR_BLUE, COLOR_RED, COLOR_BLACK, COLOR_WHITE, COLOR_WHITE,
	COLOR_GREEN, COLOR_MAGENTA, COLOR_YELLOW,
};

/* The counters of a gsample drawn as rates, and every way the host gets
 * a frame back (hsample, host/fleet.c): a discard without I/O by the
 * page's usage, a page-out, the balloon, a sharing merge. */
enum { G_WORK, G_DFAULTS, G_PAGEINS, NG };
static const char *const g_key[NG] = { "work", "dfaults", "pageins" };
#define NMECH 6
static const char *const mech_key[NMECH] = {
	"discard_u", "discard_v", "discard_p", "pageouts", "released", "merged",
};
static const char *const mech_label[NMECH] = {
	"discard unused", "discard volatile", "discard clean pot-volatile",
	"page-out", "balloon", "sharing merge",
};

struct lguest {
	char name[16];
	uint64_t st[NSTATES], frames, c[NG], t_ms;
	double rate[NG];        /* per second */
	int run, seen;
};

/* Lines that would tear the screen, printed when it ends. */
struct held {
	FILE *to;
	char *line;
};
#define HELD_MAX 10000

static struct {
	int on, colors;
	unsigned n, nheld, dropped;
	struct lguest *g;
	unsigned *order;
	struct held *held;
	char title[160], progress[160], text[160];
	uint64_t free, io, mech[NMECH], t_ms;
	double mech_s[NMECH];
} L;

/* The value of key= in a record's words, or 0. */
static uint64_t val(const char *rest, const char *key)
{
	size_t k = strlen(key);

	for (const char *p = rest; (p = strstr(p, key)); p += k)
		if ((p == rest || p[-1] == ' ') && p[k] == '=')
			return strtoull(p + k + 1, NULL, 10);
	return 0;
}

/* Counters now (key[i]= in rest) and their rates since the last sample. */
static void sample(const char *rest, const char *const *key, unsigned n,
		   uint64_t *c, double *rate, uint64_t dt_ms)
{
	for (unsigned i = 0; i < n; i++) {
		uint64_t v = val(rest, key[i]);

		if (dt_ms)
			rate[i] = v >= c[i] ? (v - c[i]) * 1000.0 / dt_ms : 0;
		c[i] = v;
	}
}

/* xterm's 6x6x6 colour cube entry nearest to rgb. */
static short cube(unsigned rgb)
{
	static const int lv[6] = { 0, 95, 135, 175, 215, 255 };
	int c[3] = { (rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255 }, i[3];

	for (int k = 0; k < 3; k++) {
		i[k] = 0;
		for (int j = 1; j < 6; j++)
			if (abs(lv[j] - c[k]) < abs(lv[i[k]] - c[k]))
				i[k] = j;
	}
	return (short)(16 + 36 * i[0] + 6 * i[1] + i[2]);
}

static void warn_line(const char *line)
{
	live_line(stderr, line);
}

int live_start(const struct fleet *f, const char *title)
{
	L.n = f->n;
	L.g = xcalloc(f->n + 1, sizeof *L.g);
	L.order = xcalloc(f->n + 1, sizeof *L.order);
	for (unsigned i = 0; i < f->n; i++)
		memcpy(L.g[i].name, f->g[i].name, sizeof L.g[i].name);
	snprintf(L.title, sizeof L.title, "%s", title);
	if (!initscr())
		return -1;
	cbreak();
	noecho();
	nodelay(stdscr, TRUE);
	keypad(stdscr, TRUE);
	curs_set(0);
	if (has_colors() && start_color() == OK) {
		use_default_colors();
		for (int k = 0; k < NSTATES; k++)
			init_pair((short)(k + 1), COLOR_BLACK,
				  COLORS >= 256 ? cube(st_rgb[k]) : st_basic[k]);
		L.colors = 1;
	}
	L.on = 1;
	zerr_to = warn_line;    /* zcmm's own warnings too */
	atexit(live_end);       /* a zdie() gives the terminal back too */
	live_draw();
	return 0;
}

int live_take(const char *rest)
{
	uint64_t t = val(rest, "t_ms");

	if (!strncmp(rest, "gsample ", 8)) {
		uint64_t i = val(rest, "guest");
		struct lguest *g;

		if (i >= L.n)
			return 1;
		g = &L.g[i];
		sample(rest, g_key, NG, g->c, g->rate,
		       g->seen && t > g->t_ms ? t - g->t_ms : 0);
		for (int k = 0; k < NSTATES; k++)
			g->st[k] = val(rest, st_name(k));
		g->frames = val(rest, "frames");
		g->run = (int)val(rest, "run");
		g->t_ms = t;
		g->seen = 1;
		return 1;
	}
	if (!strncmp(rest, "hsample ", 8)) {
		sample(rest, mech_key, NMECH, L.mech, L.mech_s,
		       L.t_ms && t > L.t_ms ? t - L.t_ms : 0);
		L.free = val(rest, "frames_free");
		L.io = val(rest, "io");
		L.t_ms = t;
		live_draw();    /* the last record of a period */
		return 1;
	}
	return 0;
}

void live_progress(const char *line)
{
	snprintf(L.progress, sizeof L.progress, "%s", line);
}

void live_line(FILE *to, const char *line)
{
	if (!L.on) {
		fprintf(to, "%s\n", line);
		fflush(to);
		return;
	}
	if (L.nheld == HELD_MAX) {
		L.dropped++;
	} else {
		if (!L.held)
			L.held = xmalloc(HELD_MAX * sizeof *L.held);
		L.held[L.nheld].to = to;
		L.held[L.nheld++].line = xstrdup(line);
	}
	snprintf(L.text, sizeof L.text, "%s", line);
	live_draw();
}

static double busy(const struct lguest *g)
{
	return g->rate[G_WORK] + g->rate[G_DFAULTS] + g->rate[G_PAGEINS];
}

static int busier(const void *a, const void *b)
{
	const struct lguest *x = &L.g[*(const unsigned *)a], *y = &L.g[*(const unsigned *)b];

	if (busy(x) != busy(y))
		return busy(x) < busy(y) ? 1 : -1;
	return x->frames < y->frames ? 1 : x->frames > y->frames ? -1 : 0;
}

/* A state's character in its colour (if the terminal has colours). */
static void state_ch(int k)
{
	addch((chtype)st_char[k] | (L.colors ? COLOR_PAIR(k + 1) : 0));
}

/* One guest's pages by state as a bar of width w. */
static void bar(const struct lguest *g, int w)
{
	uint64_t total = 0, acc = 0;
	int drawn = 0;

	for (int k = 0; k < NSTATES; k++)
		total += g->st[k];
	for (int k = 0; k < NSTATES && total; k++) {
		acc += g->st[k];
		for (; drawn < (int)((acc * (uint64_t)w + total / 2) / total); drawn++)
			state_ch(k);
	}
	for (; drawn < w; drawn++)
		addch(' ');
}

/* "text" at the cursor, on the next line (indented) when it would not
 * fit the width any more. */
static void item(const char *text, int cols)
{
	int y, x;

	getyx(stdscr, y, x);
	if (x > 2 && x + (int)strlen(text) > cols)
		move(y + 1, 2);
	printw("%.*s", cols - 2, text);
}

void live_draw(void)
{
	int rows, cols, w, top, fit;
	unsigned shown;
	char buf[64];

	if (!L.on)
		return;
	getmaxyx(stdscr, rows, cols);
	erase();
	mvprintw(0, 0, "%.*s", cols, L.title);
	mvprintw(1, 0, "%.*s", cols, L.progress);
	mvprintw(2, 0, "host: %llu frames free | paging I/O in flight %llu",
		 (unsigned long long)L.free, (unsigned long long)L.io);
	mvprintw(3, 0, "reclaim/s:");
	for (int m = 0; m < NMECH; m++) {
		snprintf(buf, sizeof buf, " %s %.0f%s", mech_label[m], L.mech_s[m],
			 m + 1 < NMECH ? "," : "");
		item(buf, cols);
	}
	move(getcury(stdscr) + 1, 0);
	for (int k = 0; k < NSTATES; k++) {
		state_ch(k);
		printw("=%s ", st_name(k));
	}
	printw("  q: close this view (the run goes on), Ctrl-C: stop the run");
	top = getcury(stdscr) + 1;
	w = cols - 16 - 4 * 10;
	if (w < 8)
		w = 8;
	mvprintw(top, 0, "%-15s %-*s %9s %9s %9s %9s", "guest", w, "pages by state",
		 "frames", "work/s", "dfault/s", "pagein/s");
	mvprintw(rows - 1, 0, "%.*s", cols, L.text);
	fit = rows - top - 2;
	shown = L.n;
	for (unsigned i = 0; i < L.n; i++)
		L.order[i] = i;
	if (fit < (int)L.n) {       /* the busiest first */
		qsort(L.order, L.n, sizeof *L.order, busier);
		shown = fit > 0 ? (unsigned)fit : 0;
	}
	for (unsigned r = 0; r < shown; r++) {
		const struct lguest *g = &L.g[L.order[r]];

		mvprintw(top + 1 + (int)r, 0, "%-15.15s ", g->name);
		bar(g, w);
		printw(" %9llu %9.0f %9.0f %9.0f%s", (unsigned long long)g->frames,
		       g->rate[G_WORK], g->rate[G_DFAULTS], g->rate[G_PAGEINS],
		       g->seen && !g->run ? " done" : "");
	}
	refresh();
}

void live_tick(void)
{
	int ch, redraw = 0;

	while (L.on && (ch = getch()) != ERR) {
		if (ch == 'q' || ch == 'Q')
			live_end();
		else if (ch == KEY_RESIZE || ch == 12 /* ^L */)
			redraw = 1;
	}
	if (redraw)
		live_draw();
}

int live_on(void)
{
	return L.on;
}

void live_end(void)
{
	if (!L.on)
		return;
	endwin();
	L.on = 0;
	zerr_to = NULL;
	fflush(stdout);
	for (unsigned i = 0; i < L.nheld; i++) {
		fprintf(L.held[i].to, "%s\n", L.held[i].line);
		fflush(L.held[i].to);
		free(L.held[i].line);
	}
	if (L.dropped)
		printf("(%u more lines not kept while the view was up; --log FILE has Hercules's output)\n",
		       L.dropped);
	fflush(stdout);
	L.nheld = L.dropped = 0;
}
