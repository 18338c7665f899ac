/* fleet.c - the fleet file parser and the fleet's guest list: settings
 * (storage, cpus, timeslice, seed, timeout), guest lines with their keys,
 * names, duplicates and limits. Every error names file:line and why. */
#define _GNU_SOURCE /* tdestroy */
#include "tools/fleet.h"
#include "lib/prng.h"
#include "lib/share_math.h"
#include "tools/elfcheck.h"
#include "tools/opts.h"
#include "tools/util.h"

#include <stddef.h>
#include <sys/stat.h>
#include <errno.h>
#include <search.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const workload_names[] = {
	[ZCMM_WL_NONE] = "none",     [ZCMM_WL_IDLE] = "idle",
	[ZCMM_WL_CHURN] = "churn",   [ZCMM_WL_PHASES] = "phases",
	[ZCMM_WL_RANDOM] = "random", [ZCMM_WL_FILESERVE] = "fileserve",
	[ZCMM_WL_ANON] = "anon",     [ZCMM_WL_DISKTEST] = "disktest", NULL,
};
uint64_t fleet_guest_seed(uint64_t run_seed, unsigned index)
{
	uint64_t x = run_seed, y;

	y = prng_splitmix64(&x) + index;
	return prng_splitmix64(&y);
}

void guest_defaults_init(struct guest_defaults *d)
{
	memset(d, 0, sizeof *d);
	d->g.mem = MiB;
	d->g.workload = ZCMM_WL_RANDOM;
	d->g.flags = ZCMM_GUEST_HINTING;
}

void fleet_init(struct fleet *f)
{
	memset(f, 0, sizeof *f);
	f->cpus = 1;
	f->timeslice_us = 5000;
	f->seed = 1;
	f->timeout_ms = 600000;
	f->scan_rate = SHARE_RATE_DEF;
	f->scan_total = SHARE_TOTAL_DEF;
	f->idle_tax = IDLE_TAX_DEF;
}

void fleet_free(struct fleet *f)
{
	for (unsigned i = 0; i < f->n; i++) {
		free(f->g[i].image);
		free(f->g[i].initrd);
		free(f->g[i].cmdline);
	}
	free(f->g);
	tdestroy(f->names, free);
	memset(f, 0, sizeof *f);
}

/* --- names --------------------------------------------------------- */

static int name_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void push_guest(struct fleet *f, const struct fleet_guest *g)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 16;
		f->g = xrealloc(f->g, f->cap * sizeof *f->g);
	}
	f->g[f->n++] = *g;
	tsearch(xstrdup(g->name), &f->names, name_cmp);
}

/* A reserve and a limit within the guest's storage (docs/shares.md). */
static int mem_settings_bad(const struct fleet_guest *g, const char *where,
			    char *err)
{
	char a[32], b[32];
	int over = g->reserve > g->mem;    /* else the limit is wrong */
	const char *why = over ? "reserve=%s: larger than the guest's storage (%s)"
			: g->limit && g->limit >= g->mem ? "limit=%s: a limit must be below the guest's storage (%s)"
			: g->limit && g->limit < g->reserve ? "limit=%s: below the guest's reserve (%s)"
			: NULL;

	if (!why)
		return 0;
	fmt_size(over ? g->reserve : g->limit, a, sizeof a);
	fmt_size(!over && g->limit < g->mem ? g->reserve : g->mem, b, sizeof b);
	snprintf(err, ZERR_MAX, "%s: ", where);
	snprintf(err + strlen(err), ZERR_MAX - strlen(err), why, a, b);
	return -1;
}

/* The name of copy i of count (count 0: the name alone), in nm[64]. */
static const char *guest_name(char *nm, const char *name, unsigned count,
			      unsigned i)
{
	if (count)
		snprintf(nm, 64, "%s%u", name, i);
	else
		snprintf(nm, 64, "%s", name);
	return nm;
}

/* Adds count copies of g (count 0: one, named as is). */
static int add_guests(struct fleet *f, const struct fleet_guest *g,
		      const char *name, unsigned count, const char *where,
		      char *err)
{
	char nm[64], from[32];
	unsigned k = count ? count : 1;

	if (!name_ok(name, "_-.+"))
		return zerr_set(err, "%s: guest name '%s': use letters, digits, '_', '-', '.', '+'",
				where, name);
	if (mem_settings_bad(g, where, err))
		return -1;
	if ((uint64_t)f->n + k > ZCMM_MAX_GUESTS)
		return zerr_set(err, "%s: too many guests (%llu > %llu)", where,
				(unsigned long long)f->n + k,
				(unsigned long long)ZCMM_MAX_GUESTS);
	snprintf(from, sizeof from, count ? " (from count=%u)" : "", count);
	if (strlen(guest_name(nm, name, count, k - 1)) > FLEET_NAME_MAX)
		return zerr_set(err, "%s: guest name '%s'%s is longer than %d characters",
				where, nm, from, FLEET_NAME_MAX);
	for (unsigned i = 0; i < k; i++) {
		struct fleet_guest c = *g;

		if (tfind(guest_name(nm, name, count, i), &f->names, name_cmp))
			return zerr_set(err, "%s: duplicate guest name '%s'", where, nm);
		memset(c.name, 0, sizeof c.name);
		memcpy(c.name, nm, strlen(nm));
		c.image = g->image ? xstrdup(g->image) : NULL;
		c.initrd = g->initrd ? xstrdup(g->initrd) : NULL;
		c.cmdline = g->cmdline ? xstrdup(g->cmdline) : NULL;
		push_guest(f, &c);
	}
	return 0;
}

static void guest_from_defaults(struct fleet_guest *g,
				const struct guest_defaults *d)
{
	*g = d->g;
	if (!d->workload_set && d->g.image)
		g->workload = ZCMM_WL_NONE;
}

int fleet_add(struct fleet *f, const struct guest_defaults *d,
	      const char *name, unsigned count, const char *where, char *err)
{
	struct fleet_guest g;

	guest_from_defaults(&g, d);
	return add_guests(f, &g, name, count, where, err);
}

int fleet_add_default(struct fleet *f, const struct guest_defaults *d,
		      char *err)
{
	static const uint32_t mix[] = { ZCMM_WL_IDLE, ZCMM_WL_CHURN,
					ZCMM_WL_PHASES, ZCMM_WL_RANDOM };
	struct fleet_guest g;

	if (d->workload_set || d->g.image)
		return fleet_add(f, d, "g", 8, "default fleet", err);
	for (unsigned i = 0; i < 4; i++) {
		guest_from_defaults(&g, d);
		g.workload = mix[i];
		if (add_guests(f, &g, workload_names[mix[i]], 2, "default fleet", err))
			return -1;
	}
	return 0;
}

void fleet_seal(struct fleet *f, uint64_t run_seed)
{
	for (unsigned i = 0; i < f->n; i++)
		if (!f->g[i].seed_set)
			f->g[i].seed = fleet_guest_seed(run_seed, i);
}

/* --- lines --------------------------------------------------------- */

#define MAX_WORDS 32

/* A guest line while it is read: the guest (its image, initrd and
 * cmdline malloc'd) and the keys that are not guest fields. */
struct guest_line {
	struct fleet_guest g;
	uint64_t count;
	int count_set, workload_set;
	const char *basedir;
};

/* *path = the file v names (relative to the fleet file), if a regular
 * file of more than min bytes. */
static int key_file(struct guest_line *l, char **path, const char *v,
		    long long min, char *why)
{
	struct stat st;

	free(*path);
	*path = path_join(l->basedir, v);
	if (stat(*path, &st) < 0)
		return zerr_set(why, "%s", strerror(errno));
	if (!S_ISREG(st.st_mode))
		return zerr_set(why, "not a regular file");
	if (st.st_size <= min)
		return zerr_set(why, min ? "too small for an s390 Linux kernel image"
					 : "an empty file");
	return 0;
}

static int key_image(void *obj, const char *v, void *ctx, char *why)
{
	struct guest_line *l = obj;

	free(l->g.image);
	l->g.image = path_join(l->basedir, v);
	l->g.flags &= ~ZCMM_GUEST_LINUX;
	return elf_check_file(l->g.image, why);
}

/* kernel=PATH: a Linux guest (docs/linux.md); the file must be an s390
 * kernel image: its normal entry (0x10000) and parameter area inside. */
static int key_kernel(void *obj, const char *v, void *ctx, char *why)
{
	struct guest_line *l = obj;

	l->g.flags |= ZCMM_GUEST_LINUX;
	return key_file(l, &l->g.image, v, 0x10480, why);
}

static int key_initrd(void *obj, const char *v, void *ctx, char *why)
{
	struct guest_line *l = obj;

	return key_file(l, &l->g.initrd, v, 0, why);
}

static int key_cmdline(void *obj, const char *v, void *ctx, char *why)
{
	struct guest_line *l = obj;

	if (strlen(v) > 895)
		return zerr_set(why, "longer than a kernel command line (895)");
	free(l->g.cmdline);
	l->g.cmdline = xstrdup(v);
	return 0;
}

static int key_share(void *obj, const char *v, void *ctx, char *why)
{
	return share_parse(v, &((struct guest_line *)obj)->g.share, why);
}

#define GL(f) offsetof(struct guest_line, f)
#define GA(i) offsetof(struct guest_line, g.arg[i])

/* The keys of a guest line (docs/fleet-config.md): one entry each. */
const struct opt fleet_guest_keys[] = {
	{ .name = "count", .meta = "N", .kind = OPT_U64, .off = GL(count), .set_off = GL(count_set), .min = 1, .max = ZCMM_MAX_GUESTS},
	{ .name = "mem", .meta = "SIZE", .kind = OPT_SIZE, .off = GL(g.mem), .max = FLEET_MAX_MEM, .unit = MiB},
	{ .name = "workload", .meta = "W", .kind = OPT_ENUM, .off = GL(g.workload), .set_off = GL(workload_set),
	  .names = workload_names, .expect = "unknown workload (" WORKLOAD_LIST ")" },
	{ .name = "image", .meta = "ELF", .kind = OPT_FN, .off = GL(g.image), .fn = key_image },
	{ .name = "kernel", .meta = "IMAGE", .kind = OPT_FN, .off = GL(g.image), .fn = key_kernel },
	{ .name = "initrd", .meta = "FILE", .kind = OPT_FN, .off = GL(g.initrd), .fn = key_initrd },
	{ .name = "cmdline", .meta = "\"TEXT\"", .kind = OPT_FN, .off = GL(g.cmdline), .fn = key_cmdline },
	{ .name = "seed", .meta = "N", .kind = OPT_U64, .off = GL(g.seed), .set_off = GL(g.seed_set)},
	{ .name = "hinting", .meta = "on|off", .kind = OPT_BIT, .off = GL(g.flags), .unit = ZCMM_GUEST_HINTING },
	{ .name = "ws", .meta = "PAGES", .kind = OPT_U64, .off = GA(ZCMM_ARG_WS)},
	{ .name = "iters", .meta = "N", .kind = OPT_U64, .off = GA(ZCMM_ARG_ITERS)},
	{ .name = "phases", .meta = "N", .kind = OPT_U64, .off = GA(ZCMM_ARG_PHASES)},
	{ .name = "ms", .meta = "N", .kind = OPT_U64, .off = GA(ZCMM_ARG_MS)},
	{ .name = "min", .meta = "PAGES", .kind = OPT_U64, .off = GA(ZCMM_ARG_MIN)},
	{ .name = "files", .meta = "N", .kind = OPT_U64, .off = GA(ZCMM_ARG_FILES)},
	{ .name = "file_pages", .meta = "N", .kind = OPT_U64, .off = GA(ZCMM_ARG_FPAGES)},
	{ .name = "skew", .meta = "PCT", .kind = OPT_U64, .off = GA(ZCMM_ARG_SKEW)},
	{ .name = "same_content", .meta = "on|off", .kind = OPT_BIT, .off = GL(g.flags), .unit = ZCMM_GUEST_SAME_CONTENT },
	{ .name = "share", .meta = "NAME|private|off", .kind = OPT_FN, .off = GL(g.share), .fn = key_share },
	{ .name = "shares", .meta = "N", .kind = OPT_UINT, .off = GL(g.shares), .min = 1, .max = SHARES_MAX},
	{ .name = "reserve", .meta = "SIZE", .kind = OPT_SIZE, .off = GL(g.reserve), .max = FLEET_MAX_MEM, .unit = 4096},
	{ .name = "limit", .meta = "SIZE", .kind = OPT_SIZE, .off = GL(g.limit), .min = FLEET_MIN_LIMIT, .max = FLEET_MAX_MEM, .unit = 4096},
	OPT_END,
};

#define FS(f) offsetof(struct fleet, f)

const char *const unservable_names[] = { "stop", "halt", NULL };

/* The machine settings, one a line: "storage 64M". */
const struct opt fleet_setting_keys[] = {
	{ .name = "storage", .meta = "SIZE", .kind = OPT_SIZE, .off = FS(storage), .set_off = FS(storage_set), .unit = MiB },
	{ .name = "cpus", .meta = "N", .kind = OPT_UINT, .off = FS(cpus), .set_off = FS(cpus_set), .min = 1, .max = 1,
	  .expect = "the host runs on one CPU: 1 is the only value" },
	{ .name = "timeslice", .meta = "MS", .kind = OPT_MSUS, .off = FS(timeslice_us), .set_off = FS(timeslice_set), .min = 1},
	{ .name = "seed", .meta = "N", .kind = OPT_U64, .off = FS(seed), .set_off = FS(seed_set)},
	{ .name = "duration", .meta = "SEC", .kind = OPT_SECS, .off = FS(duration_ms), .set_off = FS(duration_set)},
	{ .name = "timeout", .meta = "SEC", .kind = OPT_SECS, .off = FS(timeout_ms), .set_off = FS(timeout_set), .min = 1},
	{ .name = "scan_rate", .meta = "N", .kind = OPT_U64, .off = FS(scan_rate), .set_off = FS(scan_rate_set), .max = 1000000},
	{ .name = "scan_total", .meta = "N", .kind = OPT_U64, .off = FS(scan_total), .set_off = FS(scan_total_set), .max = 1000000},
	{ .name = "idle-tax", .meta = "PCT", .kind = OPT_UINT, .off = FS(idle_tax), .set_off = FS(idle_tax_set), .max = IDLE_TAX_MAX},
	{ .name = "unservable", .meta = "stop|halt", .kind = OPT_ENUM, .off = FS(unservable), .set_off = FS(unservable_set),
	  .names = unservable_names, .expect = "expected stop or halt" },
	OPT_END,
};

static int guest_line(struct fleet *f, const struct guest_defaults *d,
		      char **w, int nw, const char *basedir, const char *where,
		      char *err)
{
	struct guest_line l;
	char seen[sizeof fleet_guest_keys / sizeof fleet_guest_keys[0]] = { 0 }, why[ZERR_MAX];
	int rc = -1;

	if (nw < 2)
		return zerr_set(err, "%s: guest: a name is missing", where);
	if (strchr(w[1], '='))
		return zerr_set(err, "%s: guest: a name is missing before '%s'", where, w[1]);
	memset(&l, 0, sizeof l);
	guest_from_defaults(&l.g, d);
	l.g.image = d->g.image ? xstrdup(d->g.image) : NULL;
	l.basedir = basedir;
	for (int i = 2; i < nw; i++) {
		char *eq = strchr(w[i], '=');
		const struct opt *k = NULL;
		int twice = 0;

		if (eq && eq != w[i]) {
			*eq = 0;
			k = opt_find(fleet_guest_keys, w[i]);
			twice = k && seen[k - fleet_guest_keys]++;
		}
		if (!k || twice || !eq[1]) {
			zerr_set(err, !eq || eq == w[i] ? "%s: '%s': expected key=value"
				 : !k ? "%s: unknown key '%s'"
				 : twice ? "%s: key '%s' given twice"
				 : "%s: %s=: the value is missing", where, w[i]);
			goto out;
		}
		if (opt_apply(k, &l, eq + 1, NULL, why) < 0) {
			zerr_set(err, "%s: %s=%s: %s", where, w[i], eq + 1, why);
			goto out;
		}
	}
	if (l.g.image && !l.workload_set && !d->workload_set)
		l.g.workload = ZCMM_WL_NONE;
	if ((l.g.initrd || l.g.cmdline) && !(l.g.flags & ZCMM_GUEST_LINUX)) {
		zerr_set(err, "%s: initrd= and cmdline= need kernel=", where);
		goto out;
	}
	rc = add_guests(f, &l.g, w[1], (unsigned)l.count, where, err);
out:
	free(l.g.image);
	free(l.g.initrd);
	free(l.g.cmdline);
	return rc;
}

int fleet_parse_line(struct fleet *f, const struct guest_defaults *d,
		     const char *line, const char *basedir, const char *where,
		     char *err)
{
	char buf[4096], *w[MAX_WORDS], why[ZERR_MAX];
	const struct opt *k;
	int nw;

	nw = config_words(line, buf, sizeof buf, w, MAX_WORDS, where, err);
	if (nw <= 0)
		return nw;
	if (!strcmp(w[0], "guest"))
		return guest_line(f, d, w, nw, basedir, where, err);
	if (!(k = opt_find(fleet_setting_keys, w[0]))) {
		zerr_set(err, "%s: unknown setting '%s' (", where, w[0]);
		for (k = fleet_setting_keys; k->name; k++)
			snprintf(err + strlen(err), ZERR_MAX - strlen(err), "%s, ", k->name);
		snprintf(err + strlen(err), ZERR_MAX - strlen(err), "guest)");
		return -1;
	}
	if (nw != 2)
		return zerr_set(err, "%s: %s: expected one value", where, w[0]);
	if (opt_apply(k, f, w[1], NULL, why) < 0)
		return zerr_set(err, "%s: %s %s: %s", where, w[0], w[1], why);
	if (k->off == FS(storage))      /* checked later against the images */
		snprintf(f->storage_where, sizeof f->storage_where, "%s: ", where);
	return 0;
}

int fleet_parse_text(struct fleet *f, const struct guest_defaults *d,
		     const char *text, const char *name, const char *basedir,
		     char *err)
{
	char where[300];
	unsigned lineno = 0;

	while (*text) {
		char *line = next_line(&text);
		int rc;

		snprintf(where, sizeof where, "%s:%u", name, ++lineno);
		rc = fleet_parse_line(f, d, line, basedir, where, err);
		free(line);
		if (rc)
			return -1;
	}
	return 0;
}

int fleet_parse_file(struct fleet *f, const struct guest_defaults *d,
		     const char *path, char *err)
{
	char *text = read_text_file(path, err), *dir;
	int rc;

	if (!text)
		return -1;
	dir = path_dir(path);
	rc = fleet_parse_text(f, d, text, path, dir, err);
	free(dir);
	free(text);
	return rc;
}
