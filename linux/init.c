/* init.c - /init of the Linux guests' initramfs (static, s390x): mounts
 * /dev and /proc, prints what the tests check (storage, command line),
 * allocates, fills, verifies and frees anonymous memory in rounds (so the
 * kernel allocates and frees pages: ESSA stable/unused under zcmm), then
 * powers off. A verification failure exits instead: the kernel panics and
 * the guest ends in a disabled wait, which zcmm reports as a failure.
 * Kernel parameters: init_rounds=N (default 4), init_pct=P (per cent of
 * MemAvailable used per round, default 50). */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

static void console(void)
{
	int fd;

	mount("devtmpfs", "/dev", "devtmpfs", 0, 0);
	fd = open("/dev/console", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	setvbuf(stdout, 0, _IOLBF, 0);
}

/* A /proc/meminfo field in kB, or -1. */
static long meminfo(const char *field)
{
	char line[128];
	size_t n = strlen(field);
	long v = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, field, n) && line[n] == ':') {
			v = strtol(line + n + 1, 0, 10);
			break;
		}
	fclose(f);
	return v;
}

static void print_cmdline(void)
{
	char buf[512];
	int fd = open("/proc/cmdline", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (n < 0)
		n = 0;
	buf[n] = 0;
	if (n && buf[n - 1] == '\n')
		buf[n - 1] = 0;
	printf("init: cmdline %s\n", buf);
	if (fd >= 0)
		close(fd);
}

/* One round: map, write a pattern that depends on the round and the
 * word's place, read it back, unmap (the pages go back to the kernel). */
static int round_ok(size_t bytes, unsigned round)
{
	uint64_t *p = mmap(0, bytes, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	size_t n = bytes / sizeof(*p), bad = 0;

	if (p == MAP_FAILED)
		return 0;
	for (size_t i = 0; i < n; i++)
		p[i] = (i * 0x9e3779b97f4a7c15ULL) ^ round;
	for (size_t i = 0; i < n; i++)
		bad += p[i] != ((i * 0x9e3779b97f4a7c15ULL) ^ round);
	munmap(p, bytes);
	return bad == 0;
}

static unsigned env_num(const char *name, unsigned def)
{
	const char *v = getenv(name);

	return v && *v ? (unsigned)strtoul(v, 0, 10) : def;
}

int main(void)
{
	unsigned rounds = env_num("init_rounds", 4), pct = env_num("init_pct", 50);
	long avail;
	size_t bytes;
	int status = 0;
	pid_t child;

	console();
	mount("proc", "/proc", "proc", 0, 0);
	printf("init: MemTotal=%ld kB MemFree=%ld kB\n", meminfo("MemTotal"),
	       meminfo("MemFree"));
	print_cmdline();
	avail = meminfo("MemAvailable");
	bytes = avail > 0 ? (size_t)avail * 1024 / 100 * pct : 1 << 20;
	bytes &= ~(size_t)4095;
	/* half the rounds in a child, so exit and fork free memory too */
	child = fork();
	for (unsigned r = 0; r < rounds / 2 + (child != 0) * (rounds & 1); r++)
		if (!round_ok(bytes / 2, r)) {
			printf("init: round %u of %zu bytes: wrong data\n", r,
			       bytes / 2);
			status = 1;
		}
	if (child == 0)
		_exit(status);
	if (child > 0) {
		int ws;

		if (waitpid(child, &ws, 0) != child || !WIFEXITED(ws) ||
		    WEXITSTATUS(ws))
			status = 1;
	}
	printf("init: memtest rounds=%u bytes=%zu %s\n", rounds, bytes / 2,
	       status ? "FAILED" : "ok");
	printf("init: MemFree=%ld kB after\n", meminfo("MemFree"));
	printf("init: status %d\n", status);
	fflush(stdout);
	/* the SCLP consoles write from a timer: let them empty first */
	tcdrain(STDOUT_FILENO);
	usleep(100000);
	sync();
	if (status)
		return status;  /* the kernel panics: a disabled wait */
	reboot(RB_POWER_OFF);
	return 2;
}
