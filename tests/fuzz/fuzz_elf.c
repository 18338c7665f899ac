/* fuzz_elf.c - the guest image readers: the host's ELF parser (lib/elf.c,
 * which loads every guest image) and the CLI's header check
 * (tools/elfcheck.c). No crash, no read past the input; an accepted
 * image's segments lie inside the file and inside guest storage. */
#include "tests/fuzz/fuzz.h"
#include "lib/elf.h"
#include "tools/elfcheck.h"
#include "tools/util.h"

#define FUZZ_GUEST_MEM (1ULL << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct elf_image im;
	char err[ZERR_MAX];
	/* a copy of exactly size bytes: ASan sees any read past it */
	uint8_t *file = malloc(size ? size : 1);

	if (!file)
		abort();
	memcpy(file, data, size);
	(void)elf_check_header(file, size, err);
	if (elf_parse(file, size, FUZZ_GUEST_MEM, &im) == NULL) {
		if (im.nsegments > ELF_MAX_SEGMENTS)
			abort();
		for (unsigned i = 0; i < im.nsegments; i++) {
			const struct elf_segment *s = &im.seg[i];

			if (s->filesz > s->memsz || s->offset > size ||
			    s->filesz > size - s->offset ||
			    s->paddr > FUZZ_GUEST_MEM || s->memsz > FUZZ_GUEST_MEM - s->paddr)
				abort();
		}
	}
	free(file);
	return 0;
}
