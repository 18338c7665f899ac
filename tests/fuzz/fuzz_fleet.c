/* fuzz_fleet.c - the fleet file parser (tools/fleet.c) and, for what it
 * accepts, the boot block written from it (tools/bootblk.c): no crash, no
 * leak, no undefined behaviour; an accepted fleet's boot block holds its
 * guests' names and sizes. */
#include "tests/fuzz/fuzz.h"
#include "tools/bootblk.h"
#include "tools/fleet.h"
#include "tools/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct guest_defaults d;
	struct fleet f;
	struct boot_plan p;
	char err[ZERR_MAX], *text = fuzz_text(data, size);

	guest_defaults_init(&d);
	fleet_init(&f);
	/* image= paths are read from a directory that does not exist */
	if (fleet_parse_text(&f, &d, text, "fuzz.conf", "/nonexistent", err) == 0 &&
	    f.n && boot_plan_make(&p, &f, "/proc/self/exe", err) == 0) {
		size_t len = boot_encoded_size(p.boot.nguests);
		uint8_t *bin = malloc(len);

		if (!bin || boot_encode(&p.boot, p.desc, &p.mem_hdr, p.mem, p.boot.nguests, bin) != len)
			abort();
		for (unsigned i = 0; i < f.n; i++) {
			const uint8_t *g = bin + sizeof(struct zcmm_boot) +
					   i * sizeof(struct zcmm_guest_desc);

			if (memcmp(g, f.g[i].name, sizeof f.g[i].name))
				abort();        /* the name is the descriptor's first field */
		}
		free(bin);
		boot_plan_free(&p);
	}
	fleet_free(&f);
	free(text);
	return 0;
}
