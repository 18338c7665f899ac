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
	const char *why = len < 4 || memcmp(h, "\177ELF", 4) ? "not an ELF file"
		: len < 64 ? "truncated ELF header"
		: h[4] == 1 ? "a 32-bit ELF file, need ELF64 (s390x)"
		: h[4] != 2 ? "a bad-class ELF file, need ELF64 (s390x)"
		: h[5] != 2 ? "a little-endian ELF file, need big-endian s390x"
		: NULL;

	if (why)
		return zerr_set(err, "%s", why);
	if (get_be16(h + 18) != EM_S390_)
		return zerr_set(err, "ELF machine %u, need s390x (EM_S390 = 22)",
				get_be16(h + 18));
	if (get_be16(h + 16) != ET_EXEC_)
		return zerr_set(err, "ELF type %u, need an executable (ET_EXEC)",
				get_be16(h + 16));
	return 0;
}

int elf_check_file(const char *path, char *err)
{
	uint8_t h[64];
	char why[ZERR_MAX];
	size_t n;
	FILE *fp = fopen(path, "rb");

	if (!fp)
		return zerr_set(err, "%s: %s", path, strerror(errno));
	n = fread(h, 1, sizeof h, fp);
	fclose(fp);
	if (elf_check_header(h, n, why) < 0)
		return zerr_set(err, "%s: %s", path, why);
	return 0;
}
