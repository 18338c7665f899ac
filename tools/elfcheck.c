/* elfcheck.c - checks that a guest image is a big-endian ELF64 s390x
 * executable, so a wrong file is a clear CLI error and not a guest that
 * dies somewhere inside the emulated machine. */
#include "tools/elfcheck.h"
#include "tools/util.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define EM_S390_ 22
#define ET_EXEC_ 2

int elf_check_header(const uint8_t *h, size_t len, char *err)
{
	if (len < 4 || memcmp(h, "\177ELF", 4) != 0) {
		zerr_set(err, "not an ELF file");
		return -1;
	}
	if (len < 64) {
		zerr_set(err, "truncated ELF header");
		return -1;
	}
	if (h[4] != 2) {
		zerr_set(err, "a %s ELF file, need ELF64 (s390x)",
			 h[4] == 1 ? "32-bit" : "bad-class");
		return -1;
	}
	if (h[5] != 2) {
		zerr_set(err, "a little-endian ELF file, need big-endian s390x");
		return -1;
	}
	if (get_be16(h + 18) != EM_S390_) {
		zerr_set(err, "ELF machine %u, need s390x (EM_S390 = 22)",
			 get_be16(h + 18));
		return -1;
	}
	if (get_be16(h + 16) != ET_EXEC_) {
		zerr_set(err, "ELF type %u, need an executable (ET_EXEC)",
			 get_be16(h + 16));
		return -1;
	}
	return 0;
}

int elf_check_file(const char *path, char *err)
{
	uint8_t h[64];
	char why[ZERR_MAX];
	size_t n;
	FILE *fp = fopen(path, "rb");

	if (!fp) {
		zerr_set(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	n = fread(h, 1, sizeof h, fp);
	fclose(fp);
	if (elf_check_header(h, n, why) < 0) {
		zerr_set(err, "%s: %s", path, why);
		return -1;
	}
	return 0;
}
