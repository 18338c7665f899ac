/* admission.c - the CLI's half of admission control: the same count as
 * the host's (lib/admit.c), with the frames and paging slots the host
 * will find, which the CLI knows because it lays out the storage and
 * makes the paging volumes. */
#include "tools/admission.h"
#include "tools/util.h"
#include "host/param.h"
#include "lib/admit.h"
#include "zcmm/admit.h"

#include <stdlib.h>
#include <string.h>

uint64_t admission_free_frames(const struct boot_plan *p)
{
	uint64_t start = round_up(p->boot.images_end, ZCMM_FRAME_BYTES);
	uint64_t end = p->boot.storage_size & ~(ZCMM_FRAME_BYTES - 1);
	uint64_t n = end > start ? (end - start) / ZCMM_FRAME_BYTES : 0;
	uint64_t table = (n * ZCMM_FRAME_DESC_BYTES + ZCMM_FRAME_BYTES - 1) /
			 ZCMM_FRAME_BYTES;

	return n - table;           /* host/frame.c: the table comes first */
}

uint64_t admission_free_slots(const struct dasd_plan *d)
{
	uint64_t per_vol = UINT64_MAX, n = 0;

	for (unsigned i = 0; i < d->n; i++) {
		if (!DASD_IS_PAGING(d->v[i].devnum))
			continue;
		if (d->v[i].bytes / ZCMM_FRAME_BYTES < per_vol)
			per_vol = d->v[i].bytes / ZCMM_FRAME_BYTES;
		n++;
	}
	if (!n)
		return 0;
	if (per_vol * n > PAGER_MAX_SLOTS)
		per_vol = PAGER_MAX_SLOTS / n;
	return per_vol * n;
}

int admission_check(const struct boot_plan *p, const struct dasd_plan *d,
		    char *err)
{
	unsigned n = p->boot.nguests;
	struct admit_guest *g = xmalloc((n + 1) * sizeof *g);
	char (*names)[17] = xcalloc(n + 1, sizeof *names);
	struct admit_total t;
	int bad;

	for (unsigned i = 0; i < n; i++) {
		memcpy(names[i], p->desc[i].name, 16);
		g[i].name = names[i];
		g[i].mem_bytes = p->desc[i].mem_bytes;
		g[i].reserve_bytes = p->mem[i].reserve_bytes;
	}
	bad = admit_fleet(g, n, d->base >= 0, admission_free_frames(p),
			  admission_free_slots(d), &t, err, ZERR_MAX);
	free(names);
	free(g);
	return bad < 0 ? 0 : -1;
}
