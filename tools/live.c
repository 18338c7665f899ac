/* live.c - `zcmm run --live`: an ncurses view of the running fleet, drawn
 * from the host's gsample and hsample records (ZCMM_BOOT_LIVE): a row per
 * guest with a bar of its pages by state, its frames and rates, under a
 * header of the host's free frames, reclaim and paging I/O. */
#include "tools/live.h"
#include "tools/util.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NSTATES 8
static const char *const st_name[NSTATES] = {
	"Sr", "Sp", "Sz", "Ur", "Uz", "Vr", "Vz", "Pr",
};
/* The bar's character of each state (readable without colour too) and
 * its colour: the bench plots' (benchplot.c), as 0xRRGGBB. */
static const char st_char[NSTATES] = { 'S', 'o', 'z', '-', '.', 'V', 'v', 'P' };
static const unsigned st_rgb[NSTATES] = {
	0x1f77b4, 0xd62728, 0x7f7f7f, 0xc7c7c7, 0xf0f0f0, 0x98df8a, 0x9467bd, 0xffbb78,
};
static const short st_basic[NSTATES] = {
	COLOR_BLUE, COLOR_RED, COLOR_BLACK, COLOR_WHITE, COLOR_WHITE,
	COLOR_GREEN, COLOR_MAGENTA, COLOR_YELLOW,
};

struct lguest {
	char name[16];
	uint64_t st[NSTATES], frames, work, dfaults, pageins;
	double work_s, dfaults_s, pageins_s;    /* per second */
	uint64_t t_ms;
	int run, seen;
};

static struct {
	int on;
	unsigned n;
	struct lguest *g;
	unsigned *order;
	char title[160], progress[160], text[160];
	uint64_t free, discarded, pageouts, released, io, t_ms;
	double discarded_s, pageouts_s, released_s;
	int colors;
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

static double rate(uint64_t now, uint64_t before, uint64_t dt_ms)
{
	return dt_ms && now >= before ? (now - before) * 1000.0 / dt_ms : 0;
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

int live_start(const struct fleet *f, const char *title)
{
	L.n = f->n;
	L.g = xmalloc((f->n + 1) * sizeof *L.g);
	L.order = xmalloc((f->n + 1) * sizeof *L.order);
	memset(L.g, 0, (f->n + 1) * sizeof *L.g);
	for (unsigned i = 0; i < f->n; i++) {
		memcpy(L.g[i].name, f->g[i].name, sizeof L.g[i].name);
		L.order[i] = i;
	}
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
		if (g->seen && t > g->t_ms) {
			g->work_s = rate(val(rest, "work"), g->work, t - g->t_ms);
			g->dfaults_s = rate(val(rest, "dfaults"), g->dfaults, t - g->t_ms);
			g->pageins_s = rate(val(rest, "pageins"), g->pageins, t - g->t_ms);
		}
		for (int k = 0; k < NSTATES; k++)
			g->st[k] = val(rest, st_name[k]);
		g->frames = val(rest, "frames");
		g->work = val(rest, "work");
		g->dfaults = val(rest, "dfaults");
		g->pageins = val(rest, "pageins");
		g->run = (int)val(rest, "run");
		g->t_ms = t;
		g->seen = 1;
		return 1;
	}
	if (!strncmp(rest, "hsample ", 8)) {
		if (L.t_ms && t > L.t_ms) {
			L.discarded_s = rate(val(rest, "discarded"), L.discarded, t - L.t_ms);
			L.pageouts_s = rate(val(rest, "pageouts"), L.pageouts, t - L.t_ms);
			L.released_s = rate(val(rest, "released"), L.released, t - L.t_ms);
		}
		L.free = val(rest, "frames_free");
		L.discarded = val(rest, "discarded");
		L.pageouts = val(rest, "pageouts");
		L.released = val(rest, "released");
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

void live_text(const char *who, const char *line)
{
	snprintf(L.text, sizeof L.text, "%s: %s", who, line);
	live_draw();
}

static int busier(const void *a, const void *b)
{
	const struct lguest *x = &L.g[*(const unsigned *)a], *y = &L.g[*(const unsigned *)b];
	double bx = x->work_s + x->dfaults_s + x->pageins_s,
	       by = y->work_s + y->dfaults_s + y->pageins_s;

	if (bx != by)
		return bx < by ? 1 : -1;
	return x->frames < y->frames ? 1 : x->frames > y->frames ? -1 : 0;
}

/* One guest's pages by state as a bar of width w. */
static void bar(const struct lguest *g, int w)
{
	uint64_t total = 0, acc = 0;
	int drawn = 0;

	for (int k = 0; k < NSTATES; k++)
		total += g->st[k];
	for (int k = 0; k < NSTATES && total; k++) {
		int upto;

		acc += g->st[k];
		upto = (int)((acc * (uint64_t)w + total / 2) / total);
		if (L.colors)
			attron(COLOR_PAIR(k + 1));
		for (; drawn < upto; drawn++)
			addch((chtype)st_char[k]);
		if (L.colors)
			attroff(COLOR_PAIR(k + 1));
	}
	for (; drawn < w; drawn++)
		addch(' ');
}

void live_draw(void)
{
	int rows, cols, w, fit;
	unsigned shown;

	if (!L.on)
		return;
	getmaxyx(stdscr, rows, cols);
	erase();
	mvprintw(0, 0, "%.*s", cols, L.title);
	mvprintw(1, 0, "%.*s", cols, L.progress);
	mvprintw(2, 0, "host: %llu frames free | reclaim/s: discard %.0f, page-out %.0f, balloon %.0f | paging I/O in flight %llu",
		 (unsigned long long)L.free, L.discarded_s, L.pageouts_s,
		 L.released_s, (unsigned long long)L.io);
	move(3, 0);
	for (int k = 0; k < NSTATES; k++) {
		if (L.colors)
			attron(COLOR_PAIR(k + 1));
		printw("%c", st_char[k]);
		if (L.colors)
			attroff(COLOR_PAIR(k + 1));
		printw("=%s ", st_name[k]);
	}
	printw("  q: close this view (the run goes on), Ctrl-C: stop the run");
	w = cols - 16 - 4 * 10;
	if (w < 8)
		w = 8;
	mvprintw(4, 0, "%-15s %-*s %9s %9s %9s %9s", "guest", w, "pages by state",
		 "frames", "work/s", "dfault/s", "pagein/s");
	mvprintw(rows - 1, 0, "%.*s", cols, L.text);
	fit = rows - 6;
	shown = L.n;
	if (fit < (int)L.n) {       /* the busiest first */
		qsort(L.order, L.n, sizeof *L.order, busier);
		shown = fit > 0 ? (unsigned)fit : 0;
	} else {
		for (unsigned i = 0; i < L.n; i++)
			L.order[i] = i;
	}
	for (unsigned r = 0; r < shown; r++) {
		const struct lguest *g = &L.g[L.order[r]];

		mvprintw(5 + (int)r, 0, "%-15.15s ", g->name);
		bar(g, w);
		printw(" %9llu %9.0f %9.0f %9.0f%s", (unsigned long long)g->frames,
		       g->work_s, g->dfaults_s, g->pageins_s,
		       g->seen && !g->run ? " done" : "");
	}
	refresh();
}

int live_tick(void)
{
	int ch, redraw = 0;

	if (!L.on)
		return 0;
	while ((ch = getch()) != ERR) {
		if (ch == 'q' || ch == 'Q') {
			live_end();
			return 1;
		}
		if (ch == KEY_RESIZE || ch == 12 /* ^L */)
			redraw = 1;
	}
	if (redraw)
		live_draw();
	return 0;
}

int live_on(void)
{
	return L.on;
}

void live_end(void)
{
	if (L.on)
		endwin();
	L.on = 0;
}
