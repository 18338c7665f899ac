/* fleet.c - the fleet file parser and the fleet's guest list: settings
 * (storage, cpus, timeslice, seed, timeout), guest lines with their keys,
 * names, duplicates and limits. Every error names file:line and why. */
#include "tools/fleet.h"
#include "tools/elfcheck.h"
#include "tools/util.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const wl_names[] = {
	[ZCMM_WL_NONE] = "none",     [ZCMM_WL_IDLE] = "idle",
	[ZCMM_WL_CHURN] = "churn",   [ZCMM_WL_PHASES] = "phases",
	[ZCMM_WL_RANDOM] = "random", [ZCMM_WL_FILESERVE] = "fileserve",
	[ZCMM_WL_ANON] = "anon",     [ZCMM_WL_DISKTEST] = "disktest",
};

int workload_parse(const char *s, uint32_t *out)
{
	for (uint32_t i = 0; i < sizeof wl_names / sizeof wl_names[0]; i++)
		if (!strcmp(s, wl_names[i])) {
			*out = i;
			return 0;
		}
	return -1;
}

const char *workload_name(uint32_t w)
{
	return w < sizeof wl_names / sizeof wl_names[0] ? wl_names[w] : "?";
}

uint64_t fleet_guest_seed(uint64_t run_seed, unsigned index)
{
	return mix64(mix64(run_seed) + index);
}

void guest_defaults_init(struct guest_defaults *d)
{
	memset(d, 0, sizeof *d);
	d->mem = MiB;
	d->workload = ZCMM_WL_RANDOM;
	d->hinting = 1;
}

void fleet_init(struct fleet *f)
{
	memset(f, 0, sizeof *f);
	f->cpus = 1;
	f->timeslice_us = 5000;
	f->seed = 1;
	f->timeout_ms = 600000;
}

void fleet_free(struct fleet *f)
{
	for (unsigned i = 0; i < f->n; i++)
		free(f->g[i].image);
	free(f->g);
	free(f->hash);
	memset(f, 0, sizeof *f);
}

/* --- names --------------------------------------------------------- */

static unsigned name_hash(const char *s)
{
	unsigned h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static void hash_grow(struct fleet *f)
{
	unsigned ncap = f->hcap ? f->hcap * 2 : 64;
	unsigned *nh = xmalloc(ncap * sizeof *nh);

	memset(nh, 0, ncap * sizeof *nh);
	for (unsigned i = 0; i < f->n; i++) {
		unsigned h = name_hash(f->g[i].name) & (ncap - 1);

		while (nh[h])
			h = (h + 1) & (ncap - 1);
		nh[h] = i + 1;
	}
	free(f->hash);
	f->hash = nh;
	f->hcap = ncap;
}

static int name_taken(const struct fleet *f, const char *name)
{
	if (!f->hcap)
		return 0;
	for (unsigned h = name_hash(name) & (f->hcap - 1); f->hash[h];
	     h = (h + 1) & (f->hcap - 1))
		if (!strcmp(f->g[f->hash[h] - 1].name, name))
			return 1;
	return 0;
}

static int name_ok(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("_-.+", *s))
			return 0;
	return 1;
}

static void push_guest(struct fleet *f, const struct fleet_guest *g)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 16;
		f->g = xrealloc(f->g, f->cap * sizeof *f->g);
	}
	f->g[f->n++] = *g;
	if ((f->n + 1) * 2 > f->hcap)
		hash_grow(f);
	else {
		unsigned h = name_hash(g->name) & (f->hcap - 1);

		while (f->hash[h])
			h = (h + 1) & (f->hcap - 1);
		f->hash[h] = f->n;
	}
}

/* Adds count copies of g (count 0: one, named as is). */
static int add_guests(struct fleet *f, const struct fleet_guest *g,
		      const char *name, unsigned count, const char *where,
		      char *err)
{
	char nm[64];
	unsigned k = count ? count : 1;

	if (!name_ok(name)) {
		zerr_set(err, "%s: guest name '%s': use letters, digits, '_', '-', '.', '+'",
			 where, name);
		return -1;
	}
	if ((uint64_t)f->n + k > ZCMM_MAX_GUESTS) {
		zerr_set(err, "%s: too many guests (%llu > %llu)", where,
			 (unsigned long long)f->n + k,
			 (unsigned long long)ZCMM_MAX_GUESTS);
		return -1;
	}
	if (count) {
		snprintf(nm, sizeof nm, "%s%u", name, count - 1);
		if (strlen(nm) > FLEET_NAME_MAX) {
			zerr_set(err, "%s: guest name '%s' (from count=%u) is longer than %d characters",
				 where, nm, count, FLEET_NAME_MAX);
			return -1;
		}
	} else if (strlen(name) > FLEET_NAME_MAX) {
		zerr_set(err, "%s: guest name '%s' is longer than %d characters",
			 where, name, FLEET_NAME_MAX);
		return -1;
	}
	for (unsigned i = 0; i < k; i++) {
		struct fleet_guest c = *g;

		if (count)
			snprintf(nm, sizeof nm, "%s%u", name, i);
		else
			snprintf(nm, sizeof nm, "%s", name);
		if (name_taken(f, nm)) {
			zerr_set(err, "%s: duplicate guest name '%s'", where, nm);
			return -1;
		}
		memset(c.name, 0, sizeof c.name);
		memcpy(c.name, nm, strlen(nm));
		c.image = g->image ? xstrdup(g->image) : NULL;
		push_guest(f, &c);
	}
	return 0;
}

static void guest_from_defaults(struct fleet_guest *g,
				const struct guest_defaults *d)
{
	memset(g, 0, sizeof *g);
	g->mem = d->mem;
	g->workload = d->workload_set ? d->workload :
		      d->image ? ZCMM_WL_NONE : ZCMM_WL_RANDOM;
	g->flags = d->hinting ? ZCMM_GUEST_HINTING : 0;
	memcpy(g->arg, d->arg, sizeof g->arg);
	g->image = d->image;
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

	if (d->workload_set || d->image)
		return fleet_add(f, d, "g", 8, "default fleet", err);
	for (unsigned i = 0; i < 4; i++) {
		guest_from_defaults(&g, d);
		g.workload = mix[i];
		if (add_guests(f, &g, wl_names[mix[i]], 2, "default fleet", err))
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


static int mem_value(const char *key, const char *v, uint64_t *out,
		     const char *where, char *err)
{
	uint64_t b;

	if (parse_size(v, &b) < 0) {
		zerr_set(err, "%s: %s=%s: not a size (use e.g. 1M, 64M, 1G)",
			 where, key, v);
		return -1;
	}
	if (b == 0 || b % MiB) {
		zerr_set(err, "%s: %s=%s: not a multiple of 1 MiB", where, key, v);
		return -1;
	}
	if (b > FLEET_MAX_MEM) {
		zerr_set(err, "%s: %s=%s: larger than 1 TiB", where, key, v);
		return -1;
	}
	*out = b;
	return 0;
}

static int num_value(const char *key, const char *v, uint64_t *out,
		     const char *where, char *err)
{
	if (parse_u64(v, out) < 0) {
		zerr_set(err, "%s: %s=%s: not a number", where, key, v);
		return -1;
	}
	return 0;
}

static const char *const guest_keys[] = {
	"count", "mem", "workload", "image", "ws", "iters", "phases", "ms",
	"min", "seed", "hinting", "files", "file_pages", "skew",
};
#define NKEYS (sizeof guest_keys / sizeof guest_keys[0])

static int guest_line(struct fleet *f, const struct guest_defaults *d,
		      char **w, int nw, const char *basedir, const char *where,
		      char *err)
{
	struct fleet_guest g;
	uint64_t count = 0, v;
	int seen[NKEYS] = { 0 }, rc;
	char *image = NULL;

	if (nw < 2) {
		zerr_set(err, "%s: guest: a name is missing", where);
		return -1;
	}
	if (strchr(w[1], '=')) {
		zerr_set(err, "%s: guest: a name is missing before '%s'", where, w[1]);
		return -1;
	}
	guest_from_defaults(&g, d);
	int workload_given = 0;
	for (int i = 2; i < nw; i++) {
		char *eq = strchr(w[i], '=');
		unsigned k;

		if (!eq || eq == w[i]) {
			zerr_set(err, "%s: '%s': expected key=value", where, w[i]);
			goto fail;
		}
		*eq = 0;
		const char *key = w[i], *val = eq + 1;
		for (k = 0; k < NKEYS && strcmp(key, guest_keys[k]); k++)
			;
		if (k == NKEYS) {
			zerr_set(err, "%s: unknown key '%s'", where, key);
			goto fail;
		}
		if (seen[k]++) {
			zerr_set(err, "%s: key '%s' given twice", where, key);
			goto fail;
		}
		if (!*val) {
			zerr_set(err, "%s: %s=: the value is missing", where, key);
			goto fail;
		}
		if (!strcmp(key, "count")) {
			if (num_value(key, val, &count, where, err))
				goto fail;
			if (count == 0) {
				zerr_set(err, "%s: count=%s: must be at least 1", where, val);
				goto fail;
			}
			if (count > ZCMM_MAX_GUESTS) {
				zerr_set(err, "%s: too many guests (count=%s > %llu)",
					 where, val, (unsigned long long)ZCMM_MAX_GUESTS);
				goto fail;
			}
		} else if (!strcmp(key, "mem")) {
			if (mem_value(key, val, &g.mem, where, err))
				goto fail;
		} else if (!strcmp(key, "workload")) {
			if (workload_parse(val, &g.workload) < 0) {
				zerr_set(err, "%s: workload=%s: unknown workload (idle, churn, phases, random, fileserve, anon, disktest, none)",
					 where, val);
				goto fail;
			}
			workload_given = 1;
		} else if (!strcmp(key, "image")) {
			char why[ZERR_MAX];

			free(image);
			image = path_join(basedir, val);
			if (elf_check_file(image, why) < 0) {
				zerr_set(err, "%s: image=%s: %s", where, val, why);
				goto fail;
			}
			g.image = image;
		} else if (!strcmp(key, "hinting")) {
			int on;

			if (parse_bool(val, &on) < 0) {
				zerr_set(err, "%s: hinting=%s: expected on or off", where, val);
				goto fail;
			}
			g.flags = on ? g.flags | ZCMM_GUEST_HINTING
				     : g.flags & ~ZCMM_GUEST_HINTING;
		} else {
			if (num_value(key, val, &v, where, err))
				goto fail;
			if (!strcmp(key, "seed")) {
				g.seed = v;
				g.seed_set = 1;
			} else if (!strcmp(key, "ws"))
				g.arg[ZCMM_ARG_WS] = v;
			else if (!strcmp(key, "iters"))
				g.arg[ZCMM_ARG_ITERS] = v;
			else if (!strcmp(key, "phases"))
				g.arg[ZCMM_ARG_PHASES] = v;
			else if (!strcmp(key, "ms"))
				g.arg[ZCMM_ARG_MS] = v;
			else if (!strcmp(key, "min"))
				g.arg[ZCMM_ARG_MIN] = v;
			else if (!strcmp(key, "files"))
				g.arg[ZCMM_ARG_FILES] = v;
			else if (!strcmp(key, "file_pages"))
				g.arg[ZCMM_ARG_FPAGES] = v;
			else if (!strcmp(key, "skew"))
				g.arg[ZCMM_ARG_SKEW] = v;
		}
	}
	if (image && !workload_given && !d->workload_set)
		g.workload = ZCMM_WL_NONE;
	rc = add_guests(f, &g, w[1], (unsigned)count, where, err);
	free(image);
	return rc;
fail:
	free(image);
	return -1;
}

static int one_value(char **w, int nw, const char *where, char *err)
{
	if (nw != 2) {
		zerr_set(err, "%s: %s: expected one value", where, w[0]);
		return -1;
	}
	return 0;
}

int fleet_parse_line(struct fleet *f, const struct guest_defaults *d,
		     const char *line, const char *basedir, const char *where,
		     char *err)
{
	char buf[4096], *w[MAX_WORDS];
	int nw;
	uint64_t v;

	nw = config_words(line, buf, sizeof buf, w, MAX_WORDS, where, err);
	if (nw <= 0)
		return nw;
	if (!strcmp(w[0], "guest"))
		return guest_line(f, d, w, nw, basedir, where, err);
	if (!strcmp(w[0], "storage")) {
		if (one_value(w, nw, where, err))
			return -1;
		if (parse_size(w[1], &v) < 0) {
			zerr_set(err, "%s: storage %s: not a size (use e.g. 64M, 1G)", where, w[1]);
			return -1;
		}
		if (v == 0 || v % MiB) {
			zerr_set(err, "%s: storage %s: not a multiple of 1 MiB", where, w[1]);
			return -1;
		}
		f->storage = v;
		f->storage_set = 1;
	} else if (!strcmp(w[0], "cpus")) {
		if (one_value(w, nw, where, err))
			return -1;
		if (parse_u64(w[1], &v) < 0 || v < 1 || v > FLEET_MAX_CPUS) {
			zerr_set(err, "%s: cpus %s: expected 1 to %d", where, w[1], FLEET_MAX_CPUS);
			return -1;
		}
		f->cpus = (unsigned)v;
		f->cpus_set = 1;
	} else if (!strcmp(w[0], "timeslice")) {
		if (one_value(w, nw, where, err))
			return -1;
		if (parse_ms_us(w[1], &v) < 0 || v == 0) {
			zerr_set(err, "%s: timeslice %s: expected milliseconds > 0 (e.g. 5, 0.5)",
				 where, w[1]);
			return -1;
		}
		f->timeslice_us = v;
		f->timeslice_set = 1;
	} else if (!strcmp(w[0], "seed")) {
		if (one_value(w, nw, where, err))
			return -1;
		if (parse_u64(w[1], &v) < 0) {
			zerr_set(err, "%s: seed %s: not a number", where, w[1]);
			return -1;
		}
		f->seed = v;
		f->seed_set = 1;
	} else if (!strcmp(w[0], "duration")) {
		if (one_value(w, nw, where, err))
			return -1;
		if (parse_ms_us(w[1], &v) < 0) {
			zerr_set(err, "%s: duration %s: expected seconds", where, w[1]);
			return -1;
		}
		f->duration_ms = v;
		f->duration_set = 1;
	} else if (!strcmp(w[0], "timeout")) {
		if (one_value(w, nw, where, err))
			return -1;
		if (parse_ms_us(w[1], &v) < 0 || v == 0) {
			zerr_set(err, "%s: timeout %s: expected seconds > 0", where, w[1]);
			return -1;
		}
		f->timeout_ms = v;      /* seconds with 3 decimals = ms */
		f->timeout_set = 1;
	} else {
		zerr_set(err, "%s: unknown setting '%s' (storage, cpus, timeslice, seed, duration, timeout, guest)",
			 where, w[0]);
		return -1;
	}
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
