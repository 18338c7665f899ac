/* elf.h - reading a guest image: an ELF64 big-endian s390x executable.
 * Portable (explicit byte order), so the CLI and the host share it and it
 * is tested natively. */
#ifndef ZCMM_ELF_H
#define ZCMM_ELF_H

#include <stddef.h>
#include <stdint.h>

#define ELF_MAX_SEGMENTS 16

struct elf_segment {
	uint64_t paddr;  /* where it goes in guest absolute storage */
	uint64_t offset; /* where its bytes are in the file         */
	uint64_t filesz; /* bytes to copy                           */
	uint64_t memsz;  /* bytes it occupies (the rest is zero)    */
};

struct elf_image {
	uint64_t entry;
	unsigned nsegments;
	struct elf_segment seg[ELF_MAX_SEGMENTS];
};

/* Parse and check an image that must fit in mem_bytes of guest storage
 * above the lowcore. Returns NULL on success, else the reason. */
const char *elf_parse(const uint8_t *file, size_t len, uint64_t mem_bytes,
		      struct elf_image *out);

#endif
