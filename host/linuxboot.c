/* linuxboot.c - a Linux guest is loaded the way an IPL from a .ins file
 * loads Linux on s390 (Linux arch/s390/boot/head.S, asm/setup.h): the
 * kernel's raw image at absolute 0, the initrd near the top of storage,
 * its address and size and the command line in the image's parameter
 * area, and the guest starts at the image's normal entry (0x10000) in
 * 31-bit mode with DAT off, as the IPL PSW's target would leave it. */
#include "host/boot.h"
#include "host/guest.h"
#include "host/lowcore.h"
#include "host/memlayout.h"
#include "host/fault.h"
#include "host/page.h"

#define STARTUP_NORMAL   0x10000UL /* STARTUP_NORMAL_OFFSET */
#define PARM_INITRD      0x10408UL /* initrd_start (u64)       */
#define PARM_INITRD_SIZE 0x10410UL /* initrd_size (u64)        */
#define PARM_CMDLINE_MAX 0x10430UL /* max_command_line_size    */
#define PARM_CMDLINE     0x10480UL /* command_line[]           */
#define CMDLINE_LEGACY   896       /* if the image names no size */
#define MiB              (1UL << 20)

static int in_images(uint64_t addr, uint64_t size)
{
	return addr >= ZCMM_IMAGES_ADDR && addr + size <= boot->images_end &&
	       addr + size >= addr;
}

const char *linux_load(struct guest *g)
{
	const struct zcmm_guest_desc *d = g->desc;
	uint64_t iaddr = d->arg[ZCMM_ARG_INITRD_ADDR];
	uint64_t isize = d->arg[ZCMM_ARG_INITRD_SIZE];
	uint64_t caddr = d->arg[ZCMM_ARG_CMDLINE_ADDR];
	uint64_t csize = d->arg[ZCMM_ARG_CMDLINE_SIZE];
	uint64_t cmax = 0, at = 0, zero = 0;
	int pgm;

	if (d->image_size <= PARM_CMDLINE || d->image_size > g->mem_bytes)
		return "Linux kernel image too small or larger than storage";
	if ((isize && !in_images(iaddr, isize)) ||
	    (csize && !in_images(caddr, csize)))
		return "Linux initrd or command line outside the loaded images";
	if (gmem_write(g, 0, (const void *)d->image_addr, d->image_size))
		return "no host storage for the kernel";
	if (isize) {
		/* at the top, 1 MiB aligned, clear of the kernel image and
		   of the first 8 MiB where it decompresses */
		at = (g->mem_bytes - isize) & ~(MiB - 1);
		if (isize > g->mem_bytes || at < 8 * MiB ||
		    at < d->image_size)
			return "Linux initrd does not fit above the kernel";
		if (gmem_write(g, at, (const void *)iaddr, isize))
			return "no host storage for the initrd";
	}
	gmem_write(g, PARM_INITRD, isize ? &at : &zero, 8);
	gmem_write(g, PARM_INITRD_SIZE, &isize, 8);
	gmem_read(g, PARM_CMDLINE_MAX, &cmax, 8);
	if (!cmax)
		cmax = CMDLINE_LEGACY;
	if (csize) {
		char nul = 0;

		if (csize >= cmax)
			return "Linux command line longer than the kernel takes";
		gmem_write(g, PARM_CMDLINE, (const void *)caddr, csize);
		gmem_write(g, PARM_CMDLINE + csize, &nul, 1);
	}
	if (!page_frame(g, 0, &pgm) || !page_frame(g, 1, &pgm) ||
	    !page_frame(g, STARTUP_NORMAL >> PAGE_SHIFT, &pgm))
		return "no host storage for the lowcore";
	g->sd.psw_mask = PSW_BA;
	g->sd.psw_addr = STARTUP_NORMAL;
	return 0;
}
