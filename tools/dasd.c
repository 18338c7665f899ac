/* dasd.c - the run's FBA volumes: planning them (paging volumes at
 * 0x0200..., sized from the fleet or by --paging-size), creating the
 * images with dasdinit in the run directory, and their hercules.cnf
 * lines. The host finds them by device number (docs/dasd.md). */
#define _GNU_SOURCE
#include "tools/dasd.h"
#include "tools/child.h"
#include "tools/util.h"

#include "lib/pattern.h"

#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

/* Every guest's storage once over, plus 1/8, split over n volumes,
 * rounded up to 1 MiB, at least 4 MiB each. */
static uint64_t paging_size(const struct fleet *f, unsigned n)
{
	uint64_t total = 0, each;

	for (unsigned i = 0; i < f->n; i++)
		total += f->g[i].mem;
	total += total / 8;
	each = round_up((total + n - 1) / (n ? n : 1), MiB);
	return each < 4 * MiB ? 4 * MiB : each;
}

static void add_vol(struct dasd_plan *p, uint16_t devnum, uint64_t bytes,
		    const char *prefix)
{
	struct dasd_vol *v = &p->v[p->n++];

	v->devnum = devnum;
	v->bytes = bytes;
	snprintf(v->file, sizeof v->file, "%s%04x.fba", prefix, devnum);
}

int dasd_plan_paging(struct dasd_plan *p, unsigned n, uint64_t size,
		     const struct fleet *f, char *err)
{
	memset(p, 0, sizeof *p);
	p->base = -1;
	if (n > DASD_MAX_VOLS)
		return zerr_set(err, "--paging-volumes %u: at most %d", n, DASD_MAX_VOLS);
	if (!size)
		size = paging_size(f, n);
	if (size < DASD_MIN_SIZE || size > DASD_MAX_SIZE || size % 4096)
		return zerr_set(err, "--paging-size %llu: expected a multiple of 4 KiB from 1 MiB to 1 TiB",
				(unsigned long long)size);
	for (unsigned i = 0; i < n; i++)
		add_vol(p, (uint16_t)(DASD_PAGING_FIRST + i), size, "page");
	return 0;
}

static int uses_disks(uint32_t wl)
{
	return wl == ZCMM_WL_FILESERVE || wl == ZCMM_WL_ANON ||
	       wl == ZCMM_WL_DISKTEST;
}

int dasd_plan_guest_disks(struct dasd_plan *p, const struct fleet *f,
			  char *err)
{
	uint64_t base = VDISK_BASE_MIN, used = 0;
	unsigned i, nvol = 0, need = 0;

	for (i = 0; i < f->n; i++)
		need |= uses_disks(f->g[i].workload);
	if (!need)
		return 0;
	for (i = 0; i < f->n; i++) {
		const uint64_t *a = f->g[i].arg;
		uint64_t files = a[ZCMM_ARG_FILES] ? a[ZCMM_ARG_FILES]
						   : VDISK_DEF_FILES;
		uint64_t pages = a[ZCMM_ARG_FPAGES] ? a[ZCMM_ARG_FPAGES]
						    : VDISK_DEF_FILE_PAGES;

		if (f->g[i].workload == ZCMM_WL_FILESERVE &&
		    files * pages * VDISK_BLOCK_SIZE > base)
			base = files * pages * VDISK_BLOCK_SIZE;
	}
	base = round_up(base, MiB);
	if (base > DASD_MAX_SIZE)
		return zerr_set(err, "the fileserve files need a base disk of %llu MiB, more than the 1 TiB a volume holds",
				(unsigned long long)(base >> 20));
	p->base = (int)p->n;
	add_vol(p, DASD_GUEST_BASE, base, "base");
	/* the private areas, packed in fleet order as the host expects */
	for (i = 0; i <= f->n; i++) {
		uint64_t r = i < f->n ? VDISK_PRIVATE_PER_MEM * f->g[i].mem : 0;

		if (i < f->n && (!used || used + r <= VDISK_PRIVATE_VOL_MAX)) {
			used += r;
			continue;
		}
		if (nvol == VDISK_PRIVATE_VOLS)
			return zerr_set(err, "the guests' private disks need more than %d volumes of %llu MiB",
					VDISK_PRIVATE_VOLS,
					(unsigned long long)(VDISK_PRIVATE_VOL_MAX >> 20));
		add_vol(p, (uint16_t)(DASD_PRIVATE_FIRST + nvol++), used, "priv");
		used = r;
	}
	return 0;
}

int dasd_fill_base(const struct dasd_plan *p, const char *dir, char *err)
{
	uint64_t buf[PATTERN_WORDS], b = 0, blocks;
	char *path;
	FILE *fp;
	int rc;

	if (p->base < 0)
		return 0;
	path = path_join(dir, p->v[p->base].file);
	blocks = p->v[p->base].bytes / VDISK_BLOCK_SIZE;
	for (fp = fopen(path, "r+b"); fp && b < blocks; b++) {
		struct pattern_id id = { VDISK_BASE_SEED, VDISK_BASE_GUEST, 0, b };

		pattern_fill(buf, &id);
		for (unsigned w = 0; w < PATTERN_WORDS; w++)
			buf[w] = htobe64(buf[w]);
		if (fwrite(buf, sizeof buf, 1, fp) != 1)
			break;
	}
	rc = fp && b == blocks ? 0 : -1;
	if (fp && fclose(fp) != 0)
		rc = -1;
	if (rc)
		zerr_set(err, "cannot write the base disk %s: %s", path,
			 strerror(errno));
	free(path);
	return rc;
}

/* $ZCMM_DASDINIT, else dasdinit beside Hercules, else on PATH. */
static char *dasdinit_path(const char *herc)
{
	const char *env = getenv("ZCMM_DASDINIT");
	char *dir, *p;

	if (env && *env)
		return xstrdup(env);
	if (herc && strchr(herc, '/')) {
		dir = path_dir(herc);
		p = path_join(dir, "dasdinit");
		free(dir);
		if (access(p, X_OK) == 0)
			return p;
		free(p);
	}
	return xstrdup("dasdinit");
}

/* One dasdinit run, stdin from /dev/null (it never prompts then),
 * stdout and stderr appended to log. Its exit status, or -1. */
static int run_dasdinit(const char *prog, const char *dir, int log,
			const struct dasd_vol *v)
{
	char blocks[32], type[8], err[ZERR_MAX], file[40];
	char *argv[] = { "dasdinit", "-lfs", "-r", file, type, blocks, NULL };
	struct child_io io = { .prog = prog, .dir = dir, .out_fd = log };
	pid_t pid;

	snprintf(file, sizeof file, "%s", v->file);
	snprintf(blocks, sizeof blocks, "%llu",
		 (unsigned long long)(v->bytes / 512));
	snprintf(type, sizeof type, "%04x", DASD_DEVTYPE);
	/* -lfs: files of 2 GiB and more; -r: no VOL1 label */
	if (v->bytes < (2ULL << 30))
		memmove(&argv[1], &argv[2], 5 * sizeof *argv);
	if ((pid = child_start(argv, &io, err)) < 0)
		return 127;
	return child_wait(pid);
}

int dasd_space_check(const struct dasd_plan *p, const char *dir,
		     uint64_t other, char *err)
{
	struct statvfs fs;
	uint64_t need = other, avail;
	char a[32], b[32], c[32];

	for (unsigned i = 0; i < p->n; i++)
		need += p->v[i].bytes;
	if (statvfs(dir, &fs) < 0)
		return zerr_set(err, "%s (where run directories go): %s", dir, strerror(errno));
	avail = (uint64_t)fs.f_bavail * fs.f_frsize;
	if (need + need / 32 <= avail)      /* a little room for logs */
		return 0;
	snprintf(a, sizeof a, "%.1f GiB", need / (double)(1ULL << 30));
	snprintf(b, sizeof b, "%.1f GiB", avail / (double)(1ULL << 30));
	fmt_size(p->n ? p->v[0].bytes : 0, c, sizeof c);
	return zerr_set(err, "the run needs %s in %s (%u DASD volume%s, the first of %s, and the images) but its file system has %s free: use smaller guests, --paging-size, or TMPDIR on a larger file system",
			a, dir, p->n, p->n == 1 ? "" : "s", c, b);
}

/* The last non-empty line of dasdinit's log, for the error line. */
static void last_line(const char *log, char *buf, size_t cap)
{
	char err[ZERR_MAX], *t = read_text_file(log, err), *p;
	size_t n = t ? strlen(t) : 0;

	while (n && strchr("\r\n ", t[n - 1]))
		t[--n] = 0;
	p = t ? strrchr(t, '\n') : NULL;
	snprintf(buf, cap, "%.150s", p ? p + 1 : t ? t : "");
	free(t);
}

int dasd_create(const struct dasd_plan *p, const char *dir,
		const char *herc, char *err)
{
	char *prog, *logp;
	int log, rc = 0;

	if (!p->n)
		return 0;
	prog = dasdinit_path(herc);
	logp = path_join(dir, "dasdinit.log");
	log = open(logp, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (log < 0)
		rc = zerr_set(err, "cannot write %s: %s", logp, strerror(errno));
	for (unsigned i = 0; !rc && i < p->n; i++) {
		int st = run_dasdinit(prog, dir, log, &p->v[i]);
		char sz[32], said[200];

		if (st == 0)
			continue;
		fmt_size(p->v[i].bytes, sz, sizeof sz);
		last_line(logp, said, sizeof said);
		if (st == 127)
			rc = zerr_set(err, "cannot run %s to make DASD images (install the Debian package hercules, or set ZCMM_DASDINIT)", prog);
		else
			rc = zerr_set(err, "%s failed (status %d) making %s (%s, device %04x): %s",
				      prog, st, p->v[i].file, sz, p->v[i].devnum,
				      *said ? said : "it printed nothing");
	}
	if (log >= 0)
		close(log);
	free(prog);
	free(logp);
	return rc;
}

char *dasd_cnf_append(char *cnf, const struct dasd_plan *p)
{
	size_t len = strlen(cnf), cap = len + 128 + (size_t)p->n * 96;
	char *t = xrealloc(cnf, cap);
	int n = (int)len;

	if (p->n)
		n += snprintf(t + n, cap - (size_t)n,
			      "# DASD (docs/dasd.md): FBA volumes made by dasdinit\n");
	for (unsigned i = 0; i < p->n; i++)
		n += snprintf(t + n, cap - (size_t)n, "%04X      %04x %s\n",
			      p->v[i].devnum, DASD_DEVTYPE, p->v[i].file);
	return t;
}
