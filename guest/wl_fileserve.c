/* wl_fileserve.c - the file-serving workload, as a web server: ZCMM_ARG_
 * FILES files (default 64) of ZCMM_ARG_FPAGES pages (default 8) on the
 * base disk, ZCMM_ARG_ITERS requests (default 256), ZCMM_ARG_SKEW % of
 * them (default 80) for the hottest 20% of the files. A request reads the
 * whole file through the page cache and verifies every page; one request
 * in 16 pins each page stable while serving it, the others read the
 * volatile page as it is; a miss reads the rest of the file with it.
 * Work unit: one page served. */
#include "guest/workload.h"
#include "guest/params.h"
#include "guest/alloc.h"
#include "guest/console.h"
#include "guest/hcall.h"
#include "guest/pcache.h"
#include "guest/vdisk.h"

#define PCACHE_RESERVE 8    /* free pages left for everything else */

static uint32_t pick_file(uint32_t files, uint32_t skew)
{
	uint32_t hot = files / 5 ? files / 5 : 1;

	if (hot == files || prng_below(&work.rng, 100) < skew)
		return prng_below(&work.rng, hot);
	return hot + prng_below(&work.rng, files - hot);
}

int wl_fileserve(void)
{
	uint32_t files = (uint32_t)wl_arg(ZCMM_ARG_FILES, VDISK_DEF_FILES);
	uint32_t fpages = (uint32_t)wl_arg(ZCMM_ARG_FPAGES, VDISK_DEF_FILE_PAGES);
	uint32_t skew = (uint32_t)wl_arg(ZCMM_ARG_SKEW, 80);
	uint64_t requests = wl_arg(ZCMM_ARG_ITERS, 256), r, blocks;
	uint32_t cache, f, k;

	blocks = vdisk_blocks(VDISK_BASE, 0);
	if ((uint64_t)files * fpages > blocks)
		panic(GS_PARAMS, "fileserve: %u files of %u pages need %lu "
		      "blocks, the base disk has %lu", files, fpages,
		      (unsigned long)files * fpages, (unsigned long)blocks);
	if (skew > 100)
		skew = 100;
	cache = alloc_stats.nfree > 2 * PCACHE_RESERVE
		? alloc_stats.nfree - 2 * PCACHE_RESERVE : 1;
	pcache_init(cache);
	printf("fileserve: %u files x %u pages (%lu KiB) through a cache of "
	       "up to %u pages, %lu requests, %u%% to the hot 20%%\n", files,
	       fpages, (unsigned long)files * fpages * 4, cache,
	       (unsigned long)requests, skew);
	for (r = 0; r < requests; r++) {
		/* a request pins its pages (stable while read) only now and then:
		   the discard-fault handler covers the rest, and every pin is
		   two ESSA interceptions */
		int pin = !(r & 15);

		f = pick_file(files, skew);
		for (k = 0; k < fpages; k++) {
			uint32_t block = f * fpages + k;
			uint64_t a = pcache_get(block, pin, fpages - 1 - k);

			wl_verify_block(a, block);
			if (pin)
				pcache_unpin(a);
			work_add(1);
		}
	}
	pcache_summary();
	pcache_fini();
	return 0;
}
