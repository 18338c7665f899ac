/* elf.c - checks a guest ELF image and lists its loadable segments
 * (ELF-64 object file format; s390x psABI: big-endian, EM_S390). */
#include "lib/elf.h"

#define EM_S390   22
#define ET_EXEC   2
#define PT_LOAD   1
#define LOWCORE   0x2000

static uint64_t be(const uint8_t *p, int n)
{
	uint64_t v = 0;

	while (n--)
		v = v << 8 | *p++;
	return v;
}

const char *elf_parse(const uint8_t *f, size_t len, uint64_t mem_bytes,
		      struct elf_image *out)
{
	uint64_t phoff, phentsize, phnum;

	if (len < 64 || f[0] != 0x7f || f[1] != 'E' || f[2] != 'L' ||
	    f[3] != 'F')
		return "not an ELF file";
	if (f[4] != 2 || f[5] != 2)
		return "not a 64-bit big-endian ELF file";
	if (be(f + 16, 2) != ET_EXEC)
		return "not an executable (ET_EXEC) ELF file";
	if (be(f + 18, 2) != EM_S390)
		return "not an s390x (EM_S390) ELF file";
	out->entry = be(f + 24, 8);
	phoff = be(f + 32, 8);
	phentsize = be(f + 54, 2);
	phnum = be(f + 56, 2);
	if (phentsize < 56 || phoff > len || phnum > (len - phoff) / phentsize)
		return "program headers lie outside the file";
	out->nsegments = 0;
	for (uint64_t i = 0; i < phnum; i++) {
		const uint8_t *ph = f + phoff + i * phentsize;
		struct elf_segment s;

		if (be(ph, 4) != PT_LOAD)
			continue;
		s.offset = be(ph + 8, 8);
		s.paddr = be(ph + 24, 8);
		s.filesz = be(ph + 32, 8);
		s.memsz = be(ph + 40, 8);
		if (s.filesz > s.memsz || s.offset > len ||
		    s.filesz > len - s.offset)
			return "a segment lies outside the file";
		if (s.paddr < LOWCORE)
			return "a segment overlaps the guest's lowcore (below 0x2000)";
		if (s.paddr > mem_bytes || s.memsz > mem_bytes - s.paddr)
			return "a segment lies outside the guest's storage";
		if (out->nsegments == ELF_MAX_SEGMENTS)
			return "too many loadable segments";
		out->seg[out->nsegments++] = s;
	}
	if (!out->nsegments)
		return "no loadable segment";
	if (out->entry >= mem_bytes)
		return "entry point outside the guest's storage";
	return 0;
}
