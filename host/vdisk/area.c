/* area.c - where each guest's disks are: the base volume whole, and the
 * private region carved for it from the volumes at 0x0300+ by the rule
 * in include/zcmm/vdisk.h (the CLI sized the volumes by the same rule). */
#include "host/boot.h"
#include "host/console.h"
#include "host/frame.h"
#include "host/memlayout.h"
#include "host/vdisk/vdisk.h"
#include "zcmm/vdisk.h"

#define VOL_PAGES(d) ((uint64_t)(d)->blocks / FBA_PAGE_BLOCKS)

struct vdisk_stats vdisk_stats;
static struct io_dev *base, *priv[VDISK_PRIVATE_VOLS];
static unsigned npriv;

/* Private region of guest index i: walk the fleet in order, packing
 * regions onto the volumes; 0 when they ran out. */
static int private_area(unsigned index, struct vdisk_area *a)
{
	unsigned v = 0;
	uint64_t used = 0;

	for (unsigned i = 0; i <= index && v < npriv; i++) {
		uint64_t need = VDISK_PRIVATE_PER_MEM *
				(boot_guests[i].mem_bytes >> PAGE_SHIFT);

		while (v < npriv && used + need > VOL_PAGES(priv[v])) {
			v++;
			used = 0;
		}
		if (v == npriv)
			break;
		if (i == index) {
			a->dev = priv[v];
			a->first = used;
			a->blocks = need;
			a->readonly = 0;
			return 1;
		}
		used += need;
	}
	return 0;
}

int vdisk_area(struct guest *g, unsigned disk, struct vdisk_area *a)
{
	a->dev = 0;
	if (disk == VDISK_BASE && base) {
		a->dev = base;
		a->first = 0;
		a->blocks = VOL_PAGES(base);
		a->readonly = 1;
	} else if (disk == VDISK_PRIVATE) {
		private_area(g->index, a);
	}
	return a->dev != 0;
}

int vdisk_any(void)
{
	return base || npriv;
}

void vdisk_init(void)
{
	struct io_dev *d;
	struct vdisk_area a;
	uint64_t pages = 0;

	base = io_dev_by_devnum(DASD_GUEST_BASE);
	if (base && !base->online)
		base = 0;
	for (npriv = 0; npriv < VDISK_PRIVATE_VOLS; npriv++) {
		d = io_dev_by_devnum((uint16_t)(DASD_PRIVATE_FIRST + npriv));
		if (!d || !d->online)
			break;
		priv[npriv] = d;
		pages += VOL_PAGES(d);
	}
	if (!base && !npriv)
		return;
	for (unsigned i = 0; i < boot->nguests; i++)
		vdisk_stats.private_guests += private_area(i, &a);
	kprintf("vdisk: base disk %s, %lu blocks; %u private volumes, %lu "
		"blocks, areas for %lu of %u guests\n", base ? "0100" : "none",
		base ? VOL_PAGES(base) : 0, npriv, pages,
		vdisk_stats.private_guests, boot->nguests);
}

void vdisk_drain(struct guest **guests, unsigned n)
{
	if (io_wait_all(10 * 1000 * 1000)) {
		kprintf("vdisk: I/O still pending after 10 s\n");
		return;  /* leak the call frames rather than free busy ones */
	}
	for (unsigned i = 0; i < n; i++)
		if (guests[i]->vdisk_bio) {
			frame_free((uint64_t)guests[i]->vdisk_bio);
			guests[i]->vdisk_bio = 0;
		}
}
