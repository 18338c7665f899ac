/* hint-init.c - /init of the guest page hinting test (static, s390x Linux):
 * reads zcmm's base disk (/dev/zcmmblk0) through the page cache in rounds,
 * by mmap and by read(), and checks every block against the pattern the
 * CLI wrote there (lib/pattern.c: block b holds the pattern of the base
 * disk's id with page b). Between rounds the host may drop the volatile
 * cache pages: the mapped ones come back through discard faults, the others
 * through the read path's make-stable. Prints the page-state counters of
 * /proc/vmstat, then powers off; a bad block exits instead (the kernel
 * panics: the guest fails). Kernel parameter hint_rounds=N (default 6). */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <unistd.h>
#include <linux/fs.h>
#include "lib/pattern.h"
#include "zcmm/vdisk.h"

#define BLOCK VDISK_BLOCK_SIZE

static void console(void)
{
	int fd;

	mount("devtmpfs", "/dev", "devtmpfs", 0, 0);
	mount("proc", "/proc", "proc", 0, 0);
	fd = open("/dev/console", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 1);
		dup2(fd, 2);
	}
	setvbuf(stdout, 0, _IOLBF, 0);
}

static long param(const char *name, long def)
{
	char buf[512], *p;
	size_t n = strlen(name);
	int fd = open("/proc/cmdline", O_RDONLY);
	ssize_t len = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	if (len <= 0)
		return def;
	buf[len] = 0;
	for (p = strstr(buf, name); p; p = strstr(p + 1, name))
		if ((p == buf || p[-1] == ' ') && p[n] == '=')
			return strtol(p + n + 1, 0, 10);
	return def;
}

static int check(const void *data, uint64_t block, const char *how)
{
	struct pattern_id id = { VDISK_BASE_SEED, VDISK_BASE_GUEST, 0, block };
	struct pattern_bad bad;

	if (!pattern_verify(data, &id, &bad))
		return 0;
	printf("hint: block %llu by %s: %u bad words, word %u is %016llx, "
	       "not %016llx\n", (unsigned long long)block, how, bad.nbad,
	       bad.word, (unsigned long long)bad.found,
	       (unsigned long long)bad.expected);
	return 1;
}

static void vmstat(void)
{
	char line[128];
	FILE *f = fopen("/proc/vmstat", "r");

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "pgstates_", 9))
			printf("hint: %s", line);
	if (f)
		fclose(f);
}

int main(void)
{
	static uint64_t buf[BLOCK / 8];
	long rounds, r;
	uint64_t size = 0, blocks, b, bad = 0;
	const char *map;
	int fd;

	console();
	rounds = param("hint_rounds", 6);
	fd = open("/dev/zcmmblk0", O_RDONLY);
	if (fd < 0 || ioctl(fd, BLKGETSIZE64, &size) || size < BLOCK) {
		printf("hint: no /dev/zcmmblk0\n");
		return 2;
	}
	blocks = size / BLOCK;
	map = mmap(0, size, PROT_READ, MAP_SHARED, fd, 0);
	if (map == MAP_FAILED) {
		printf("hint: mmap of %llu bytes failed\n",
		       (unsigned long long)size);
		return 2;
	}
	printf("hint: base disk %llu blocks, %ld rounds\n",
	       (unsigned long long)blocks, rounds);
	for (r = 0; r < rounds; r++) {
		/* odd rounds read(), even rounds the mapping */
		for (b = 0; b < blocks; b++) {
			if (r & 1) {
				if (pread(fd, buf, BLOCK, b * BLOCK) != BLOCK) {
					printf("hint: read of block %llu failed\n",
					       (unsigned long long)b);
					return 3;
				}
				bad += check(buf, b, "read");
			} else {
				bad += check(map + b * BLOCK, b, "mmap");
			}
		}
		printf("hint: round %ld: %llu blocks checked, %llu bad\n", r,
		       (unsigned long long)blocks, (unsigned long long)bad);
		if (bad)
			return 1;
		sleep(1);
	}
	vmstat();
	printf("hint: status 0\n");
	reboot(RB_POWER_OFF);
	return 0;
}
