/* bootblk.c - builds the boot block: lays the distinct guest images out
 * from ZCMM_IMAGES_ADDR (64 KiB aligned), fills the guest table, and
 * encodes both field by field in big-endian order (never the native struct). */
#include "tools/bootblk.h"
#include "tools/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void boot_plan_free(struct boot_plan *p)
{
	for (unsigned i = 0; i < p->nimg; i++) {
		free(p->img[i].path);
		free(p->img[i].file);
		free(p->img[i].data);
	}
	free(p->img);
	free(p->desc);
	free(p->secret);
	free(p->mem);
	memset(p, 0, sizeof *p);
}

/* A new image of size bytes named base<i>.ext, 64 KiB aligned after *next. */
static struct boot_image *place(struct boot_plan *p, const char *ext,
				uint64_t size, uint64_t *next)
{
	struct boot_image *im = &p->img[p->nimg];
	char file[32];

	snprintf(file, sizeof file, "image%u.%s", p->nimg++, ext);
	im->file = xstrdup(file);
	im->addr = round_up(*next, BOOT_IMAGE_ALIGN);
	im->size = size;
	*next = im->addr + size;
	return im;
}

/* Index of the image for path, adding it if new. Two names for one file
 * (a symlink, ./x and x) are one image: compared by device and inode. */
static int image_index(struct boot_plan *p, const char *path,
		       uint64_t *next, char *err)
{
	struct stat st;
	struct boot_image *im;

	if (stat(path, &st) < 0)
		return zerr_set(err, "guest image %s: %s", path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return zerr_set(err, "guest image %s: not a regular file", path);
	for (unsigned i = 0; i < p->nimg; i++)
		if (p->img[i].path && p->img[i].dev == st.st_dev &&
		    p->img[i].ino == st.st_ino)
			return (int)i;
	im = place(p, "elf", (uint64_t)st.st_size, next);
	im->path = xstrdup(path);
	im->dev = st.st_dev;
	im->ino = st.st_ino;
	return (int)p->nimg - 1;
}

/* Where a Linux guest's initrd and command line are (arg[]). */
static int linux_images(struct boot_plan *p, const struct fleet_guest *g,
			struct zcmm_guest_desc *d, uint64_t *next, char *err)
{
	int k;

	if (g->initrd) {
		if ((k = image_index(p, g->initrd, next, err)) < 0)
			return -1;
		d->arg[ZCMM_ARG_INITRD_ADDR] = p->img[k].addr;
		d->arg[ZCMM_ARG_INITRD_SIZE] = p->img[k].size;
	}
	if (g->cmdline && *g->cmdline) {    /* an image of its own, no NUL */
		struct boot_image *im = place(p, "txt", strlen(g->cmdline), next);

		im->data = xstrdup(g->cmdline);
		d->arg[ZCMM_ARG_CMDLINE_ADDR] = im->addr;
		d->arg[ZCMM_ARG_CMDLINE_SIZE] = im->size;
	}
	return 0;
}

int boot_plan_make(struct boot_plan *p, const struct fleet *f,
		   const char *default_image, char *err)
{
	uint64_t next = ZCMM_IMAGES_ADDR;
	uint32_t *dom = xcalloc(f->n + 1, sizeof *dom);
	int n = -1;

	memset(p, 0, sizeof *p);
	p->desc = xcalloc(f->n + 1, sizeof *p->desc);
	/* each guest: its image, and a Linux guest's initrd and cmdline */
	p->img = xcalloc(3 * f->n + 1, sizeof *p->img);
	p->mem = xcalloc(f->n + 1, sizeof *p->mem);
	for (unsigned i = 0; i < f->n; i++) {
		const struct fleet_guest *g = &f->g[i];
		struct zcmm_guest_desc *d = &p->desc[i];
		int k = image_index(p, g->image ? g->image : default_image,
				    &next, err);

		if (k < 0)
			goto out;
		memcpy(d->name, g->name, sizeof d->name);
		d->mem_bytes = g->mem;
		d->image_addr = p->img[k].addr;
		d->image_size = p->img[k].size;
		d->workload = g->workload;
		d->flags = g->flags;
		d->seed = g->seed;
		memcpy(d->arg, g->arg, sizeof d->arg);
		d->index = i;
		p->mem[i].shares = g->shares;
		p->mem[i].reserve_bytes = g->reserve;
		p->mem[i].limit_bytes = g->limit;
		if ((g->flags & ZCMM_GUEST_LINUX) &&
		    linux_images(p, g, d, &next, err) < 0)
			goto out;
	}
	if ((n = share_domains(f, dom, &p->secret, err)) < 0)
		goto out;
	for (unsigned i = 0; i < f->n; i++)
		p->desc[i].share_domain = dom[i];
	p->ndomains = (unsigned)n;
	if (boot_encoded_size(f->n) + share_table_size(p->ndomains) > ZCMM_BOOT_MAX) {
		n = zerr_set(err, "%u guests with %u sharing domains do not fit the "
			     "boot block's 1 MiB: give guests a common share=NAME "
			     "or share=off", f->n, p->ndomains);
		goto out;
	}
	p->scan_rate = f->scan_rate;
	p->scan_total = f->scan_total;
	p->boot.magic = ZCMM_BOOT_MAGIC;
	p->boot.version = ZCMM_BOOT_VERSION;
	p->boot.images_end = round_up(next, MiB);
	p->boot.nguests = f->n;
out:
	if (n < 0)
		boot_plan_free(p);
	free(dom);
	return n < 0 ? -1 : 0;
}

uint64_t boot_auto_storage(const struct boot_plan *p)
{
	uint64_t total = 16 * MiB + (p->boot.images_end - ZCMM_IMAGES_ADDR);

	for (unsigned i = 0; i < p->boot.nguests; i++)
		total += p->desc[i].mem_bytes;
	total += total / 10;
	return round_up(total, MiB);
}

size_t boot_encoded_size(unsigned n)
{
	return zcmm_share_table_offset((size_t)n);
}

size_t boot_encode(const struct zcmm_boot *b, const struct zcmm_guest_desc *g,
		   const struct zcmm_mem_header *mh,
		   const struct zcmm_guest_mem *m, unsigned n, uint8_t *out)
{
	size_t len = boot_encoded_size(n);

	memset(out, 0, len);
	put_be64(out + 0x00, b->magic);
	put_be32(out + 0x08, b->version);
	put_be32(out + 0x0c, b->mode);
	put_be64(out + 0x10, b->storage_size);
	put_be64(out + 0x18, b->images_end);
	put_be32(out + 0x20, b->nguests);
	put_be32(out + 0x24, b->flags);
	put_be64(out + 0x28, b->timeslice_us);
	put_be64(out + 0x30, b->progress_ms);
	put_be64(out + 0x38, b->seed);
	put_be64(out + 0x40, b->duration_ms);
	for (size_t i = 0; i < sizeof b->reserved / 8; i++)
		put_be64(out + 0x80 - sizeof b->reserved + 8 * i, b->reserved[i]);
	for (unsigned i = 0; i < n; i++) {
		uint8_t *o = out + sizeof(struct zcmm_boot) +
			     (size_t)i * sizeof(struct zcmm_guest_desc);

		memcpy(o + 0x00, g[i].name, 16);
		put_be64(o + 0x10, g[i].mem_bytes);
		put_be64(o + 0x18, g[i].image_addr);
		put_be64(o + 0x20, g[i].image_size);
		put_be32(o + 0x28, g[i].workload);
		put_be32(o + 0x2c, g[i].flags);
		put_be64(o + 0x30, g[i].seed);
		for (int k = 0; k < ZCMM_ARG_COUNT; k++)
			put_be64(o + 0x38 + 8 * k, g[i].arg[k]);
		put_be32(o + 0x78, g[i].index);
		put_be32(o + 0x7c, g[i].share_domain);
	}
	if (mh) {
		uint8_t *o = out + zcmm_mem_table_offset(n);

		put_be32(o + 0x00, mh->idle_tax_pct);
		put_be32(o + 0x04, mh->flags);
		for (int k = 0; k < 3; k++)
			put_be64(o + 0x08 + 8 * k, mh->reserved[k]);
	}
	for (unsigned i = 0; m && i < n; i++) {
		uint8_t *o = out + zcmm_mem_table_offset(n) +
			     sizeof(struct zcmm_mem_header) +
			     (size_t)i * sizeof(struct zcmm_guest_mem);

		put_be32(o + 0x00, m[i].shares);
		put_be32(o + 0x04, m[i].reserved_04);
		put_be64(o + 0x08, m[i].reserve_bytes);
		put_be64(o + 0x10, m[i].limit_bytes);
		put_be64(o + 0x18, m[i].reserved_18);
	}
	return len;
}
