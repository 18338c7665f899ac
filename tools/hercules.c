/* hercules.c - the run directory and Hercules: writes hercules.cnf (no
 * console devices, so no TCP port), hercules.rc and load.ins, copies the
 * binaries in, finds the data files and Hercules, starts Hercules in its
 * own process group with its output on a pipe, and stops it. */
#define _GNU_SOURCE
#include "tools/hercules.h"
#include "tools/child.h"
#include "tools/util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

const char *rundir_parent(void)
{
	const char *tmp = getenv("TMPDIR");

	return tmp && *tmp ? tmp : "/tmp";
}

char *rundir_make(char *err)
{
	const char *tmp = rundir_parent();
	char *tpl = path_join(tmp, "zcmm-run.XXXXXX");

	if (!mkdtemp(tpl)) {
		zerr_set(err, "cannot make a run directory in %s: %s", tmp,
			 strerror(errno));
		free(tpl);
		return NULL;
	}
	return tpl;
}

/* The guard: a child that outlives a zcmm killed by SIGKILL. It reads
 * Hercules's process id from the pipe; at end of file (zcmm gone, or the
 * run done) it kills that process group and removes the directory. */
static void guard_main(int rfd, const char *dir)
{
	pid_t herc = 0, v;
	ssize_t n;
	int nul = open("/dev/null", O_RDWR);

	/* hold nothing of zcmm's open: a pipe reader waits for our end */
	for (int fd = 0; fd < 1024; fd++)
		if (fd != rfd && fd != nul)
			close(fd);
	if (nul >= 0) {
		dup2(nul, 0);
		dup2(nul, 1);
		dup2(nul, 2);
	}
	signal(SIGINT, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	while ((n = read(rfd, &v, sizeof v)) != 0)
		if (n == (ssize_t)sizeof v)
			herc = v;
		else if (n < 0 && errno != EINTR)
			break;
	if (herc > 0)
		kill(-herc, SIGKILL);
	rundir_remove(dir);
	_exit(0);
}

int rundir_guard(const char *dir)
{
	int p[2];
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) < 0)
		return -1;
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		guard_main(p[0], dir);
	}
	close(p[0]);
	if (pid < 0) {
		close(p[1]);
		return -1;
	}
	return p[1];
}

void rundir_guard_herc(int guard, pid_t herc)
{
	if (guard >= 0 && write(guard, &herc, sizeof herc) < 0)
		return; /* the guard is gone: nothing to tell */
}

void rundir_remove(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	while (d && (e = readdir(d))) {
		char *p;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		p = path_join(dir, e->d_name);
		unlink(p);
		free(p);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

int write_file(const char *dir, const char *name, const void *buf,
	       size_t len, char *err)
{
	char *p = path_join(dir, name);
	FILE *fp = fopen(p, "wb");
	int rc = fp && fwrite(buf, 1, len, fp) == len ? 0 : -1;

	if (fp && fclose(fp) != 0)
		rc = -1;
	if (rc)
		zerr_set(err, "cannot write %s: %s", p, strerror(errno));
	free(p);
	return rc;
}

int copy_file(const char *src, const char *dir, const char *name, char *err)
{
	char *dst = path_join(dir, name), buf[65536];
	FILE *in = fopen(src, "rb"), *out = in ? fopen(dst, "wb") : NULL;
	const char *bad = !in ? src : !out ? dst : NULL;  /* the failed file */
	size_t n;
	int e;

	while (!bad && (n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			bad = dst;
	if (!bad && ferror(in))
		bad = src;
	if (out && fclose(out) != 0 && !bad)
		bad = dst;
	e = errno;
	if (in)
		fclose(in);
	if (bad)
		zerr_set(err, "cannot %s %s: %s", bad == src ? "read" : "write",
			 bad, strerror(e));
	free(dst);
	return bad ? -1 : 0;
}

char *herc_cnf_text(uint64_t storage, unsigned cpus)
{
	return strf("# hercules.cnf - written by zcmm run\n"
		    "ARCHMODE  z/Arch\n"
		    "MAINSIZE  %llu\n"
		    "XPNDSIZE  0\n"
		    "NUMCPU    %u\n"
		    "MAXCPU    %u\n"
		    "CPUSERIAL 000001\n"
		    "CPUMODEL  2817\n"
		    "DIAG8CMD  ENABLE\n"
		    "SHCMDOPT  DISABLE\n"
		    "PANRATE   SLOW\n"
		    "# Hercules needs one device: an empty card reader. No console\n"
		    "# or 3270 device and no HTTPPORT, so no TCP port is opened.\n"
		    "000C      3505\n",
		    (unsigned long long)(storage / MiB), cpus, cpus);
}

char *herc_rc_text(void)
{
	/* pgmtrace -1 silences code 1 (operation exception, i.e. ESSA under
	 * SIE); ostailor quiet silences the trace of every other program
	 * interruption (host page faults in SIE are 0x10/0x11). */
	return xstrdup("ostailor quiet\n"
		       "pgmtrace -1\n"
		       "ipl load.ins\n");
}

char *herc_ins_text(const struct boot_plan *p)
{
	size_t cap = 256 + (size_t)p->nimg * 64;
	char *t = xmalloc(cap);
	int n;

	n = snprintf(t, cap,
		     "* load.ins - written by zcmm run\n"
		     "ipl-psw.bin 0x%llx\n"
		     "zcmm-host.bin 0x%llx\n"
		     "boot.bin 0x%llx\n",
		     (unsigned long long)HERC_PSW_ADDR,
		     (unsigned long long)HERC_HOST_ADDR,
		     (unsigned long long)ZCMM_BOOT_ADDR);
	for (unsigned i = 0; i < p->nimg; i++)
		n += snprintf(t + n, cap - (size_t)n, "%s 0x%llx\n",
			      p->img[i].file,
			      (unsigned long long)p->img[i].addr);
	return t;
}

char *datadir_find(void)
{
	const char *env = getenv("ZCMM_DATADIR");
	char exe[4096], *slash;
	ssize_t n;

	if (env && *env)
		return xstrdup(env);
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return xstrdup("/usr/local/share/zcmm");
	exe[n] = 0;
	for (int up = 0; up < 2 && (slash = strrchr(exe, '/')); up++)
		*slash = 0;             /* .../bin/zcmm, then .../bin */
	return strf("%s/share/zcmm", exe);
}

static int is_exec(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISREG(st.st_mode) && access(p, X_OK) == 0;
}

char *herc_find(const char *opt, char *err)
{
	const char *h = opt, *from = "--hercules", *dir;

	if (!h || !*h) {
		h = getenv("ZCMM_HERCULES");
		from = "ZCMM_HERCULES";
	}
	if (!h || !*h) {
		h = "hercules";
		from = NULL;
	}
	if (strchr(h, '/')) {
		if (is_exec(h))
			return xstrdup(h);
		zerr_set(err, "Hercules not found: %s (%s) is not an executable file",
			 h, from ? from : "path");
		return NULL;
	}
	dir = getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin";
	for (size_t len;; dir += len + 1) {
		char *p = xmalloc((len = strcspn(dir, ":")) + strlen(h) + 3);

		sprintf(p, "%.*s/%s", len ? (int)len : 1, len ? dir : ".", h);
		if (is_exec(p))
			return p;
		free(p);
		if (!dir[len])
			break;
	}
	zerr_set(err, "Hercules not found: no '%s' on PATH%s (install the Debian package hercules, or use --hercules PATH)",
		 h, from ? " (from ZCMM_HERCULES)" : "");
	return NULL;
}

pid_t herc_start(const char *herc, const char *dir, int *fd, char *err)
{
	/* glibc's fatal messages to stderr (our pipe), not /dev/tty */
	static char *const env[] = { "HERCULES_RC=hercules.rc",
				     "LIBC_FATAL_STDERR_=1", NULL };
	static char *const argv[] = { "hercules", "-d", "-f", "hercules.cnf", NULL };
	struct child_io io = { .prog = herc, .what = "Hercules", .dir = dir,
			       .out_fd = -1, .pipe_rd = fd, .newpg = 1, .env = env };

	return child_start(argv, &io, err);
}

/* Has pid ended? Checked without reaping it, so that its process group
 * id cannot be reused while we may still signal the group. */
static int ended(pid_t pid)
{
	siginfo_t si;

	memset(&si, 0, sizeof si);
	if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) < 0)
		return errno == ECHILD;
	return si.si_pid == pid;
}

static int wait_ended(pid_t pid, int ms)
{
	long end = now_ms() + ms;

	while (!ended(pid)) {
		if (now_ms() >= end)
			return 0;
		usleep(10000);
	}
	return 1;
}

int herc_wait(pid_t pid, int ms, int *st)
{
	if (!wait_ended(pid, ms))
		return 0;
	kill(-pid, SIGKILL);    /* stragglers of the group, if any */
	waitpid(pid, st, 0);
	return 1;
}

void herc_kill(pid_t pid, int grace_ms)
{
	int st;

	kill(-pid, SIGTERM);
	wait_ended(pid, grace_ms);
	kill(-pid, SIGKILL);    /* the leader is not reaped yet: pgid valid */
	waitpid(pid, &st, 0);
}
