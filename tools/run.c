/* run.c - `zcmm run`: turns the options and the fleet into a run
 * directory (hercules.cnf, hercules.rc, load.ins, boot.bin, binaries),
 * starts Hercules, streams it, and ends with the host's exit status, the
 * result tables and the clear error lines of a run that went wrong. */
#include "tools/run.h"
#include "lib/bootcheck.h"
#include "tools/share.h"
#include "tools/admission.h"
#include "tools/bootblk.h"
#include "tools/dasd.h"
#include "tools/elfcheck.h"
#include "tools/hercules.h"
#include "tools/opts.h"
#include "tools/util.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

static void on_signal(int sig)
{
	zcmm_stop_signal = sig;
}

static void catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;      /* no SA_RESTART: poll() returns */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* The fleet: the file (if any), then the command line over it. */
static void make_fleet(struct fleet *f, const struct run_opts *o)
{
	char err[ZERR_MAX];

	fleet_init(f);
	if (o->fleet_file && fleet_parse_file(f, &o->gd, o->fleet_file, err) < 0)
		zdie(ZX_USAGE, "%s", err);
	if (o->guests_set && fleet_add(f, &o->gd, "g", o->guests, "--guests", err) < 0)
		zdie(ZX_USAGE, "%s", err);
	/* the other host modes run no guests unless given some */
	if (f->n == 0 && (o->boot.mode == ZCMM_MODE_FLEET || o->gd.g.image) &&
	    fleet_add_default(f, &o->gd, err) < 0)
		zdie(ZX_USAGE, "%s", err);
	opts_merge(run_options, o, f, fleet_setting_keys);
	if (o->fs.storage_set)
		snprintf(f->storage_where, sizeof f->storage_where, "--");
	fleet_seal(f, f->seed);
}

static char *need_file(const char *dir, const char *name)
{
	char *p = path_join(dir, name);

	if (access(p, R_OK) < 0)
		zdie(ZX_USAGE, "missing data file %s: %s (build it with make, or set ZCMM_DATADIR)",
		     p, strerror(errno));
	return p;
}

static int uses_default_image(const struct fleet *f)
{
	for (unsigned i = 0; i < f->n; i++)
		if (!f->g[i].image)
			return 1;
	return 0;
}

static void describe(char *buf, size_t len, const struct fleet *f,
		     uint32_t mode, uint64_t storage)
{
	char sz[32];

	fmt_size(storage, sz, sizeof sz);
	if (mode == ZCMM_MODE_FLEET)
		snprintf(buf, len, "fleet of %u guest%s, %s, %u cpu%s", f->n,
			 f->n == 1 ? "" : "s", sz, f->cpus, f->cpus == 1 ? "" : "s");
	else
		snprintf(buf, len, "host mode %s, %s, %u cpu%s", mode_names[mode],
			 sz, f->cpus, f->cpus == 1 ? "" : "s");
}

/* boot.bin's bytes: the block, its tables, the sharing table. */
static uint8_t *boot_bytes(const struct boot_plan *p, size_t *len)
{
	size_t blen = boot_encoded_size(p->boot.nguests);
	uint8_t *bin;

	*len = blen + share_table_size(p->ndomains);
	bin = xmalloc(*len);
	boot_encode(&p->boot, p->desc, &p->mem_hdr, p->mem, p->boot.nguests, bin);
	share_table_encode(bin + blen, p->ndomains, p->secret, p->scan_rate,
			   p->scan_total);
	return bin;
}

/* Writes everything Hercules needs into dir. */
static void fill_rundir(const char *dir, const char *data,
			const struct boot_plan *p)
{
	char err[ZERR_MAX], *psw = path_join(data, "ipl-psw.bin");
	char *host = path_join(data, "zcmm-host.bin");
	size_t len;
	uint8_t *bin = boot_bytes(p, &len);
	int bad = copy_file(psw, dir, "ipl-psw.bin", err) ||
		  copy_file(host, dir, "zcmm-host.bin", err);

	for (unsigned i = 0; !bad && i < p->nimg; i++)
		bad = p->img[i].path
		      ? copy_file(p->img[i].path, dir, p->img[i].file, err)
		      : write_file(dir, p->img[i].file, p->img[i].data,
				   p->img[i].size, err);
	bad = bad || write_file(dir, "boot.bin", bin, len, err);
	free(psw);
	free(host);
	free(bin);
	if (bad) {
		rundir_remove(dir);
		zdie(ZX_USAGE, "%s", err);
	}
}

/* The DASD volumes (docs/dasd.md): selftest gets four small test
 * volumes, a fleet run four paging volumes sized from the fleet, unless
 * told otherwise. Planned before any file is made, so a plan the file
 * system cannot hold is refused up front (dasdinit writes every byte). */
static void plan_dasd(struct dasd_plan *dp, const struct run_opts *o,
		      const struct fleet *f, uint64_t other_bytes)
{
	char err[ZERR_MAX];
	int sel = o->boot.mode == ZCMM_MODE_SELFTEST;
	unsigned n = o->paging_volumes_set ? o->paging_volumes
		   : sel ? DASD_SELFTEST_VOLS
		   : o->boot.mode == ZCMM_MODE_FLEET ? RUN_FLEET_PAGING_VOLS : 0;
	uint64_t size = o->paging_size ? o->paging_size
				       : sel ? DASD_SELFTEST_SIZE : 0;

	if (dasd_plan_paging(dp, n, size, f, err) < 0 ||
	    dasd_plan_guest_disks(dp, f, err) < 0 ||
	    dasd_space_check(dp, rundir_parent(), other_bytes, err) < 0)
		zdie(ZX_USAGE, "%s", err);
}

/* Makes the planned images in dir; on failure the directory goes (or
 * stays with --keep, and the error says where). */
static void make_dasd(const struct dasd_plan *dp, const char *dir,
		      const struct run_opts *o, const char *herc)
{
	char err[ZERR_MAX];

	if (dasd_create(dp, dir, herc, err) < 0 ||
	    dasd_fill_base(dp, dir, err) < 0) {
		if (o->keep)
			zdie(ZX_USAGE, "%s (run directory kept: %s)", err, dir);
		rundir_remove(dir);
		zdie(ZX_USAGE, "%s", err);
	}
}

/* How Hercules ended, from its wait status (-1: unknown). */
static const char *herc_status(int st, char *buf, size_t len)
{
	if (st == -1)
		snprintf(buf, len, "status unknown");
	else if (WIFEXITED(st))
		snprintf(buf, len, "exit status %d", WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		snprintf(buf, len, "killed by signal %d, %s", WTERMSIG(st),
			 strsignal(WTERMSIG(st)));
	else
		snprintf(buf, len, "wait status 0x%x", st);
	return buf;
}

static void write_text(const char *dir, const char *name, char *text)
{
	char err[ZERR_MAX];

	if (write_file(dir, name, text, strlen(text), err) < 0) {
		rundir_remove(dir);
		zdie(ZX_USAGE, "%s", err);
	}
	free(text);
}

/* Did Hercules itself crash (its bug, not the host's)? It ended by a
 * signal, or printed glibc's fatal message, before the host's @exit. A
 * timeout, an interruption, a disabled wait, a host panic (@exit 70) or a
 * normal exit are not crashes. */
static int herc_crashed(const struct stream_result *r, int st)
{
	if (r->exit_seen || r->timed_out || r->interrupted || r->disabled_wait)
		return 0;
	return (st != -1 && WIFSIGNALED(st)) || r->glibc_abort;
}

/* Did Hercules end by itself after the host began but before its @exit?
 * The host always prints @exit before it quits Hercules, so the end of
 * the run was lost on Hercules's side (its logger can drop the last lines
 * at shutdown under load): worth a run from scratch like a crash. */
static int herc_ended_early(const struct stream_result *r, int st)
{
	return !r->exit_seen && !r->timed_out && !r->interrupted &&
	       !r->disabled_wait && r->first_host_ms >= 0 &&
	       st != -1 && WIFEXITED(st);
}

/* What went wrong, for "...; running it again" and the final error. */
static const char *crash_text(const struct stream_result *r, int st,
			      char *buf, size_t len)
{
	if (st != -1 && WIFSIGNALED(st))
		snprintf(buf, len, "Hercules crashed (killed by signal %d)", WTERMSIG(st));
	else if (r->glibc_abort)
		snprintf(buf, len, "Hercules crashed ('%s')", r->abort_line);
	else
		snprintf(buf, len, "Hercules ended (exit status %d) before the host's @exit",
			 WEXITSTATUS(st));
	return buf;
}

/* Did the host report every guest and the totals (all it prints before
 * its @exit)? */
static int reported_all(const struct recset *rs, unsigned nguests)
{
	unsigned n = 0;

	for (unsigned i = 0; i < rs->n; i++)
		n += !strcmp(rs->r[i].kind, "guest");
	return nguests && n == nguests && recset_find(rs, "total", "all");
}

/* The guard of the current run directory (rundir_guard), or -1. */
static int guard = -1;

/* The live view: asked for, or a terminal with room for the fleet (a
 * row each under a header of up to 7 lines, a message line below). */
static int want_live(const struct run_opts *o, const struct fleet *f)
{
	struct winsize ws;

	if (o->live)
		return 1;
	if (o->no_live || o->quiet || o->boot.mode != ZCMM_MODE_FLEET || !f->n ||
	    !isatty(0) || !isatty(1) || ioctl(1, TIOCGWINSZ, &ws) < 0)
		return 0;
	return f->n + 8 <= ws.ws_row && ws.ws_col >= 60;
}

static int live;                /* this run draws the live view */
static char title[220];

/* One start of Hercules in a fresh run directory: writes the directory,
 * streams Hercules, reaps it. *dirp gets the directory (malloc'd), *st
 * Hercules's wait status (-1: unknown). 0, or 1 for --dry-run. */
static int attempt(const struct run_opts *o, const struct fleet *f,
		   const struct boot_plan *p, const struct dasd_plan *dp,
		   const char *data,
		   const char *herc, FILE *log, struct stream_result *r,
		   char **dirp, int *st)
{
	char err[ZERR_MAX], *dir;
	int fd, ended;
	pid_t pid;

	if (!(dir = rundir_make(err)))
		zdie(ZX_USAGE, "%s", err);
	*dirp = dir;
	if (guard >= 0)
		close(guard);   /* the last attempt's directory is gone */
	guard = o->keep || o->dry_run ? -1 : rundir_guard(dir);
	fill_rundir(dir, data, p);
	make_dasd(dp, dir, o, herc);
	write_text(dir, "hercules.cnf",
		   dasd_cnf_append(herc_cnf_text(p->boot.storage_size, f->cpus), dp));
	write_text(dir, "hercules.rc", herc_rc_text());
	write_text(dir, "load.ins", herc_ins_text(p));
	if (o->dry_run)
		return 1;

	if ((pid = herc_start(herc, dir, &fd, err)) < 0) {
		if (!o->keep)
			rundir_remove(dir);
		zdie(ZX_HERCULES, "%s", err);
	}
	rundir_guard_herc(guard, pid);
	stream_run(&(struct stream_cfg){
		.fd = fd, .log = log, .verbose = o->verbose, .quiet = o->quiet,
		.tty = isatty(1), .timeout_ms = (long)f->timeout_ms,
		.linger_ms = 5000, .live = live, .fleet = f, .title = title,
		.nguests = p->boot.nguests }, r);
	close(fd);
	/* Hercules quits by itself after the host's @exit (unless it
	 * lingered) or when the machine stopped; else it is stopped */
	ended = r->exit_seen ? !r->lingered
		: !r->timed_out && !r->interrupted && !r->disabled_wait;
	*st = -1;
	if (!ended || !herc_wait(pid, r->exit_seen ? 5000 : 2000, st)) {
		herc_kill(pid, 1000);
		*st = -1;
	}
	rundir_guard_herc(guard, 0);    /* reaped: its id may be reused */
	return 0;
}

int cmd_run(int argc, char **argv)
{
	struct run_opts o;
	struct fleet f;
	struct boot_plan p;
	struct stream_result r;
	struct dasd_plan dp;
	char err[ZERR_MAX], what[200], hs[64], *herc = NULL, *data, *guest_elf = NULL;
	char *dir = NULL;
	FILE *log = NULL, *res = NULL;
	int st, status;
	unsigned tries = 0;

	switch (run_parse_opts(&o, argc, argv, err)) {
	case 1:
		run_usage(stdout);
		return 0;
	case -1:
		zdie(ZX_USAGE, "%s", err);
	}
	make_fleet(&f, &o);
	if (!o.dry_run && !(herc = herc_find(o.hercules, err)))
		zdie(ZX_HERCULES, "%s", err);
	data = datadir_find();
	free(need_file(data, "ipl-psw.bin"));
	free(need_file(data, "zcmm-host.bin"));
	if (uses_default_image(&f)) {
		guest_elf = need_file(data, "zcmm-guest.elf");
		if (elf_check_file(guest_elf, err) < 0)
			zdie(ZX_USAGE, "guest kernel %s", err);
	}
	if (boot_plan_make(&p, &f, guest_elf, err) < 0)
		zdie(ZX_USAGE, "%s", err);
	live = want_live(&o, &f);
	p.boot.mode = o.boot.mode;
	p.boot.flags = o.boot.flags | (p.ndomains ? ZCMM_BOOT_SHARING : 0) |
		       (live ? ZCMM_BOOT_LIVE : 0);
	memcpy(p.boot.reserved, o.boot.reserved, sizeof p.boot.reserved);
	p.boot.policy = o.policy;
	p.boot.timeslice_us = f.timeslice_us;
	p.boot.progress_ms = o.boot.progress_ms;
	p.boot.seed = f.seed;
	p.boot.duration_ms = f.duration_ms;
	p.mem_hdr.idle_tax_pct = f.idle_tax;
	p.mem_hdr.flags = f.unservable ? ZCMM_MEM_HALT_UNSERVABLE : 0;
	p.boot.storage_size = f.storage_set ? f.storage : boot_auto_storage(&p);
	if (p.boot.storage_size < p.boot.images_end) {
		char a[32], b[32];

		zdie(ZX_USAGE, "%sstorage %s is too small: the guest images end at %s",
		     f.storage_where, fmt_size(p.boot.storage_size, a, sizeof a),
		     fmt_size(p.boot.images_end, b, sizeof b));
	}
	{       /* the host's own check (lib/bootcheck.c), before any file */
		size_t blen;
		uint8_t *bin = boot_bytes(&p, &blen);
		char why[200];

		if (boot_block_check(bin, blen, why, sizeof why) < 0)
			zdie(ZX_USAGE, "the host would refuse this run: boot "
			     "block: %s", why);
		free(bin);
	}
	plan_dasd(&dp, &o, &f, p.boot.images_end);
	if (o.boot.mode == ZCMM_MODE_FLEET && !o.test_host_admission &&
	    admission_check(&p, &dp, err) < 0)
		zdie(ZX_USAGE, "%s", err);    /* the host would refuse it */
	if (o.log && !(log = fopen(o.log, "wb")))
		zdie(ZX_USAGE, "--log %s: %s", o.log, strerror(errno));
	if (o.results && !(res = fopen(o.results, "w")))
		zdie(ZX_USAGE, "--results %s: %s", o.results, strerror(errno));
	describe(what, sizeof what, &f, o.boot.mode, p.boot.storage_size);
	snprintf(title, sizeof title, "zcmm run: %s", what);
	if (!o.dry_run)
		catch_signals();

	/* Hercules 3.13 sometimes crashes by itself: run the whole job
	 * again from scratch, in a fresh run directory, up to --retries
	 * times. Only the attempt that finished gives the results. */
	for (;;) {
		char why[200];

		tries++;
		if (attempt(&o, &f, &p, &dp, data, herc, log, &r, &dir, &st)) {
			printf("%s\n", dir);
			status = 0;
			goto out;
		}
		if (!(herc_crashed(&r, st) || herc_ended_early(&r, st)) ||
		    tries > o.retries)
			break;
		crash_text(&r, st, why, sizeof why);
		zerr("%s; running it again (attempt %u of %u)", why, tries + 1,
		     o.retries + 1);
		if (log) {
			fprintf(log, "\n*** zcmm: %s; attempt %u of %u follows ***\n",
				why, tries + 1, o.retries + 1);
			fflush(log);
		}
		if (o.keep)
			zerr("run directory of the crashed attempt kept: %s", dir);
		else
			rundir_remove(dir);
		free(dir);
		dir = NULL;
		recset_free(&r.recs);   /* a crashed attempt's records count for nothing */
	}
	if (log)
		fclose(log);

	if (r.recs.n) {
		fputc('\n', stdout);
		recset_print(&r.recs, stdout);
		fflush(stdout);
		if (res && recset_write_tsv(&r.recs, res) < 0)
			zerr("--results %s: %s", o.results, strerror(errno));
	}
	if (res)
		fclose(res);

	if (r.interrupted) {
		zerr("interrupted (signal %d) after %ld.%ld s (running: %s)",
		     (int)zcmm_stop_signal, r.elapsed_ms / 1000, r.elapsed_ms / 100 % 10, what);
		status = ZX_SIGNAL;
	} else if (r.timed_out) {
		zerr("timeout: the host did not finish within %.10g s (running: %s, run dir %s%s)",
		     f.timeout_ms / 1000.0, what, dir, o.keep ? ", kept" : ", removed");
		status = ZX_TIMEOUT;
	} else if (!r.exit_seen) {
		if (herc_crashed(&r, st) && tries > 1)
			zerr("%s on every one of %u attempts (running: %s; --retries N allows more)",
			     crash_text(&r, st, hs, sizeof hs), tries, what);
		else if (herc_crashed(&r, st))
			zerr("%s (running: %s; --retries N runs it again)",
			     crash_text(&r, st, hs, sizeof hs), what);
		else if (r.disabled_wait)
			zerr("the host stopped in a disabled wait state without an @exit line (running: %s)", what);
		else if (r.first_host_ms < 0)
			zerr("Hercules ended (%s) without any line from the host (running: %s; --verbose or --log FILE show Hercules's output)",
			     herc_status(st, hs, sizeof hs), what);
		else if (reported_all(&r.recs, f.n))
			zerr("Hercules ended (%s) before the host's @exit line, after the host had reported all %u guests and the totals: the results above are complete, the host's own exit status is unknown",
			     herc_status(st, hs, sizeof hs), f.n);
		else
			zerr("Hercules ended (%s) without an @exit line from the host (last host line: '%s')",
			     herc_status(st, hs, sizeof hs), r.last_host);
		status = ZX_HERCULES;
	} else {
		status = r.exit_status;
	}
	if (r.seq.gaps || r.seq.disorder)
		zerr("error: %lu host line(s) lost in %lu gap(s)%s (first: expected zcmm:%06u, got zcmm:%06u)",
		     r.seq.lost, r.seq.gaps,
		     r.seq.disorder ? ", some out of order" : "",
		     r.seq.first_want, r.seq.first_got);
	if (r.rejected)
		zerr("error: %lu host record(s) rejected, the first %s",
		     r.rejected, r.rejected_line);
	if ((r.seq.gaps || r.seq.disorder || r.rejected) && status == 0)
		status = ZX_PROTOCOL;
	if (o.verbose && r.first_host_ms >= 0)
		zerr("first host line after %ld ms, run took %ld ms",
		     r.first_host_ms, r.elapsed_ms);
	if (tries > 1 && (r.exit_seen || o.verbose))
		zerr("Hercules ran %u times; the results are from the last run", tries);
	if (o.keep)
		zerr("run directory kept: %s", dir);
	else
		rundir_remove(dir);
	recset_free(&r.recs);
out:
	boot_plan_free(&p);
	fleet_free(&f);
	free(dir);
	free(herc);
	free(data);
	free(guest_elf);
	return status;
}
