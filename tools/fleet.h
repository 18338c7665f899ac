/* fleet.h - the fleet description: machine settings and the guest list,
 * read from a fleet file (docs/fleet-config.md) or made from the command
 * line's shorthands. Pure parsing: no I/O besides reading the file. */
#ifndef ZCMM_TOOLS_FLEET_H
#define ZCMM_TOOLS_FLEET_H

#include <stdint.h>
#include "zcmm/boot.h"
#include "tools/opts.h"
#include "tools/share.h"

#define FLEET_NAME_MAX 15          /* name[16] holds 15 chars + NUL */
#define FLEET_MAX_MEM  ZCMM_GUEST_MEM_MAX /* the host's limit */
#define FLEET_MIN_LIMIT (64 * 1024)     /* a limit below this starves */

struct fleet_guest {
	char name[16];
	uint64_t mem;                   /* bytes, multiple of 1 MiB */
	uint32_t workload;              /* enum zcmm_workload */
	uint32_t flags;                 /* ZCMM_GUEST_* */
	uint64_t seed;
	int seed_set;
	uint64_t arg[ZCMM_ARG_COUNT];
	char *image;                    /* NULL: the zcmm guest kernel */
	struct share_setting share;     /* its content-sharing domain */
	uint32_t shares;                /* 0: the default (docs/shares.md) */
	uint64_t reserve, limit;        /* bytes; limit 0: none */
	char *initrd;                   /* Linux guests (kernel=): its */
	char *cmdline;                  /* initrd, command line or NULL */
};

/* What each guest starts from before its own keys (--guest-mem, ...):
 * a guest without a name or seed; its image is not owned. */
struct guest_defaults {
	struct fleet_guest g;
	int workload_set;               /* else: random, or none with image */
};

struct fleet {
	uint64_t storage;    int storage_set;    /* bytes */
	char storage_where[96];  /* "file:line: " of the storage line, or "" */
	unsigned cpus;       int cpus_set;
	uint64_t timeslice_us; int timeslice_set;
	uint64_t seed;       int seed_set;
	uint64_t timeout_ms; int timeout_set;
	uint64_t duration_ms; int duration_set;  /* 0: run to the end */
	uint64_t scan_rate;  int scan_rate_set;  /* sharing scanner, pages/s */
	uint64_t scan_total; int scan_total_set; /* per guest and in all    */
	unsigned idle_tax;   int idle_tax_set;   /* percent, 0 .. 99 */
	uint32_t unservable; int unservable_set; /* 1: halt, 0: stop */
	struct fleet_guest *g;
	unsigned n, cap;
	void *names;                    /* tsearch(3) tree of the names */
};

void guest_defaults_init(struct guest_defaults *d);
void fleet_init(struct fleet *f);
void fleet_free(struct fleet *f);

/* One line of a fleet file, comments allowed. where: "file:line" for the
 * error text; basedir: where relative image= paths start. 0 or -1. */
int fleet_parse_line(struct fleet *f, const struct guest_defaults *d,
		     const char *line, const char *basedir, const char *where,
		     char *err);
/* A whole text; name is the file name used in errors. */
int fleet_parse_text(struct fleet *f, const struct guest_defaults *d,
		     const char *text, const char *name, const char *basedir,
		     char *err);
int fleet_parse_file(struct fleet *f, const struct guest_defaults *d,
		     const char *path, char *err);

/* The tables of a fleet file's settings and guest keys (tools/opts.h):
 * a new key is one entry there. */
extern const struct opt fleet_guest_keys[], fleet_setting_keys[];

/* count guests from the defaults: "name" if count is 0, else name0.. */
int fleet_add(struct fleet *f, const struct guest_defaults *d,
	      const char *name, unsigned count, const char *where, char *err);
/* The default fleet (8 guests; see docs/fleet-config.md). */
int fleet_add_default(struct fleet *f, const struct guest_defaults *d,
		      char *err);
/* Per-guest seeds from the run seed (where not given). */
void fleet_seal(struct fleet *f, uint64_t run_seed);

/* The workloads, as --help and error lines name them. */
#define WORKLOAD_LIST "idle|churn|phases|random|fileserve|anon|disktest|none"
extern const char *const workload_names[];  /* by enum zcmm_workload */
/* `unservable stop|halt` (docs/shares.md): 0 stop, 1 halt. */
extern const char *const unservable_names[];
/* Guest's seed from the run seed and its index. */
uint64_t fleet_guest_seed(uint64_t run_seed, unsigned index);

#endif
