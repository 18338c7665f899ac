/* dasd.c - the run's FBA volumes: planning them (paging volumes at
 * 0x0200..., sized from the fleet or by --paging-size), creating the
 * images with dasdinit in the run directory, and their hercules.cnf
 * lines. The host finds them by device number (docs/dasd.md). */
#define _GNU_SOURCE
#include "tools/dasd.h"
#include "tools/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

uint64_t dasd_paging_size(const struct fleet *f, unsigned n)
{
	uint64_t total = 0, each;

	for (unsigned i = 0; i < f->n; i++)
		total += f->g[i].mem;
	total += total / 8;
	each = round_up((total + n - 1) / (n ? n : 1), MiB);
	return each < 4 * MiB ? 4 * MiB : each;
}

int dasd_plan_paging(struct dasd_plan *p, unsigned n, uint64_t size,
		     const struct fleet *f, char *err)
{
	memset(p, 0, sizeof *p);
	if (n > DASD_MAX_VOLS) {
		zerr_set(err, "--paging-volumes %u: at most %d", n, DASD_MAX_VOLS);
		return -1;
	}
	if (!size)
		size = dasd_paging_size(f, n);
	if (size < DASD_MIN_SIZE || size > DASD_MAX_SIZE || size % 4096) {
		zerr_set(err, "--paging-size %llu: expected a multiple of 4 KiB from 1 MiB to 1 TiB",
			 (unsigned long long)size);
		return -1;
	}
	for (unsigned i = 0; i < n; i++) {
		p->v[i].devnum = (uint16_t)(DASD_PAGING_FIRST + i);
		p->v[i].bytes = size;
		snprintf(p->v[i].file, sizeof p->v[i].file, "page%04x.fba",
			 p->v[i].devnum);
	}
	p->n = n;
	return 0;
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
	char blocks[32], type[8];
	int st;
	pid_t pid;

	snprintf(blocks, sizeof blocks, "%llu",
		 (unsigned long long)(v->bytes / 512));
	snprintf(type, sizeof type, "%04x", DASD_DEVTYPE);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int nul = open("/dev/null", O_RDONLY);

		if (chdir(dir) < 0 || nul < 0 || dup2(nul, 0) < 0 ||
		    dup2(log, 1) < 0 || dup2(log, 2) < 0)
			_exit(126);
		/* -lfs: files of 2 GiB and more; -r: no VOL1 label */
		if (v->bytes >= (2ULL << 30))
			execlp(prog, "dasdinit", "-lfs", "-r", v->file, type,
			       blocks, (char *)NULL);
		else
			execlp(prog, "dasdinit", "-r", v->file, type, blocks,
			       (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &st, 0) < 0)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
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
	if (log < 0) {
		zerr_set(err, "cannot write %s: %s", logp, strerror(errno));
		rc = -1;
	}
	for (unsigned i = 0; !rc && i < p->n; i++) {
		int st = run_dasdinit(prog, dir, log, &p->v[i]);
		char sz[32];

		if (st == 0)
			continue;
		fmt_size(p->v[i].bytes, sz, sizeof sz);
		if (st == 127)
			zerr_set(err, "cannot run %s to make DASD images (install the Debian package hercules, or set ZCMM_DASDINIT)", prog);
		else
			zerr_set(err, "%s failed (status %d) making %s (%s, device %04x); its output is in %s",
				 prog, st, p->v[i].file, sz, p->v[i].devnum, logp);
		rc = -1;
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
