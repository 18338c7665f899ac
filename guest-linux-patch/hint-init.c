/* hint-init.c - /init of the guest page hinting test (static, s390x Linux):
 * reads zcmm's base disk (/dev/zcmmblk0) through the page cache in rounds,
 * by mmap and by read(), and checks every block against the pattern the
 * CLI wrote there (lib/pattern.c: block b holds the pattern of the base
 * disk's id with page b). Between rounds the host may drop the volatile
 * cache pages: the mapped ones come back through discard faults, the others
 * through the read path's make-stable. Prints the page-state counters of
 * /proc/vmstat, then powers off; a bad block exits instead (the kernel
 * panics: the guest fails). Its work units are the blocks checked, told to
 * the host every WORK_EVERY blocks as a "zcmm-work N" console line.
 * Kernel parameters: hint_rounds=N (default 6); hint_swap=MIB, then swap
 * MIB of anonymous memory through the private disk (default 0: none). */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/swap.h>
#include <unistd.h>
#include <linux/fs.h>
#include "lib/pattern.h"
#include "zcmm/vdisk.h"

#define BLOCK VDISK_BLOCK_SIZE
#define WORK_EVERY 256          /* blocks (1 MiB) between work reports */

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
		if (!strncmp(line, "pgstates_", 9) ||
		    !strncmp(line, "pswp", 4))
			printf("hint: %s", line);
	if (f)
		fclose(f);
	f = fopen("/proc/sys/vm/cmm_pages", "r");
	if (f && fgets(line, sizeof(line), f))
		printf("hint: cmm_pages %s", line);
	if (f)
		fclose(f);
}

/* The value of word w of anonymous page p: no two words alike. */
static uint64_t anon_word(uint64_t p, uint64_t w)
{
	return (p << 16 | w) * 0x9e3779b97f4a7c15ULL + 0x5a5a;
}

/* hint_swap=MIB: swap on the private disk (/dev/zcmmblk1, a swap header
 * written here as mkswap would), then fill MIB of anonymous memory and
 * check it three times: more than the guest's memory, so its pages go
 * through the swap cache (potentially volatile) and come back. */
static int swap_phase(long mib)
{
	static char hdr[BLOCK];
	uint64_t size = 0, pages = (uint64_t)mib << 8, p, w, bad = 0;
	uint32_t info[3];
	uint64_t *mem;
	int fd = open("/dev/zcmmblk1", O_RDWR), pass;

	if (fd < 0 || ioctl(fd, BLKGETSIZE64, &size) || size < 16 * BLOCK) {
		printf("hint: no /dev/zcmmblk1 for swap\n");
		return 2;
	}
	/* union swap_header: version 1, last page, no bad pages */
	info[0] = 1;
	info[1] = (uint32_t)(size / BLOCK - 1);
	info[2] = 0;
	memcpy(hdr + 1024, info, sizeof(info));
	memcpy(hdr + BLOCK - 10, "SWAPSPACE2", 10);
	if (pwrite(fd, hdr, BLOCK, 0) != BLOCK || fsync(fd) ||
	    swapon("/dev/zcmmblk1", 0)) {
		printf("hint: swapon /dev/zcmmblk1 failed\n");
		return 2;
	}
	close(fd);
	mem = mmap(0, pages * BLOCK, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED) {
		printf("hint: mmap of %ld MiB failed\n", mib);
		return 2;
	}
	for (p = 0; p < pages; p++)
		for (w = 0; w < BLOCK / 8; w++)
			mem[p * (BLOCK / 8) + w] = anon_word(p, w);
	for (pass = 0; pass < 3; pass++) {
		for (p = 0; p < pages; p++)
			for (w = 0; w < BLOCK / 8; w++)
				bad += mem[p * (BLOCK / 8) + w] != anon_word(p, w);
		printf("hint: swap pass %d: %llu pages checked, %llu bad words\n",
		       pass, (unsigned long long)pages,
		       (unsigned long long)bad);
		if (bad)
			return 1;
	}
	munmap(mem, pages * BLOCK);
	return swapoff("/dev/zcmmblk1") ? 2 : 0;
}

int main(void)
{
	static uint64_t buf[BLOCK / 8];
	long rounds, r;
	uint64_t size = 0, blocks, b, bad = 0, done = 0;
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
			if (!bad && (++done % WORK_EVERY == 0 ||
				     b == blocks - 1))
				printf("zcmm-work %llu\n",
				       (unsigned long long)done);
		}
		printf("hint: round %ld: %llu blocks checked, %llu bad\n", r,
		       (unsigned long long)blocks, (unsigned long long)bad);
		if (bad)
			return 1;
		sleep(1);
	}
	r = param("hint_swap", 0);
	if (r > 0 && swap_phase(r))
		return 4;
	vmstat();
	printf("hint: status 0\n");
	reboot(RB_POWER_OFF);
	return 0;
}
