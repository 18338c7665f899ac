/* fuzz_fleet.c - the fleet file parser (tools/fleet.c) and, for what it
 * accepts, the boot block written from it (tools/bootblk.c): no crash, no
 * leak, no undefined behaviour; an accepted fleet's boot block holds its
 * guests' names and sizes and passes the host's check (lib/bootcheck.c). */
#include "tests/fuzz/fuzz.h"
#include <stdio.h>
#include "lib/bootcheck.h"
#include "tools/bootblk.h"
#include "tools/fleet.h"
#include "tools/share.h"
#include "tools/util.h"

/* The block as zcmm run fills it from the fleet (tools/run.c). Machine
 * settings the host would refuse (a time slice of days, storage below
 * the images) the CLI refuses before it writes: not asked here. */
static void host_accepts(struct boot_plan *p, const struct fleet *f)
{
	size_t blen = boot_encoded_size(p->boot.nguests);
	size_t len = blen + share_table_size(p->ndomains);
	uint8_t *bin = malloc(len);
	char why[200];

	p->boot.flags = p->ndomains ? ZCMM_BOOT_SHARING : 0;
	p->boot.timeslice_us = f->timeslice_us;
	p->boot.duration_ms = f->duration_ms;
	p->boot.seed = f->seed;
	p->mem_hdr.idle_tax_pct = f->idle_tax;
	p->mem_hdr.flags = f->unservable ? ZCMM_MEM_HALT_UNSERVABLE : 0;
	p->boot.storage_size = f->storage_set ? f->storage : boot_auto_storage(p);
	if (!bin)
		abort();
	boot_encode(&p->boot, p->desc, &p->mem_hdr, p->mem, p->boot.nguests, bin);
	share_table_encode(bin + blen, p->ndomains, p->secret, p->scan_rate,
			   p->scan_total);
	if (p->boot.storage_size >= p->boot.images_end &&
	    p->boot.storage_size <= BOOT_STORAGE_MAX &&
	    f->timeslice_us <= BOOT_TIME_MS_MAX && f->duration_ms <= BOOT_TIME_MS_MAX &&
	    boot_block_check(bin, len, why, sizeof why) < 0) {
		fprintf(stderr, "the host refuses an accepted fleet's block: %s\n", why);
		abort();
	}
	free(bin);
}

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
		host_accepts(&p, &f);
		boot_plan_free(&p);
	}
	fleet_free(&f);
	free(text);
	return 0;
}
