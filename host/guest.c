/* guest.c - making and unmaking a guest: its frame, its storage slot,
 * its image loaded per the guest ABI (docs/guest-abi.md), its initial
 * state descriptor; and the host's copies to and from guest storage. */
#include "host/console.h"
#include "host/frame.h"
#include "host/gmap.h"
#include "host/guest.h"
#include "host/pgm.h"
#include "host/fault.h"
#include "host/page.h"
#include "host/share/share.h"
#include "host/lowcore.h"
#include "host/memlayout.h"
#include "host/boot.h"
#include "host/param.h"
#include "host/timer.h"
#include "lib/elf.h"


void *memcpy(void *d, const void *s, unsigned long n);

static int copy(struct guest *g, uint64_t gaddr, void *buf, uint64_t len,
		int to_guest)
{
	uint8_t *b = buf;

	if (gaddr > g->mem_bytes || len > g->mem_bytes - gaddr)
		return PGM_ADDRESSING;
	while (len) {
		uint64_t off = gaddr & (PAGE_SIZE - 1);
		uint64_t n = PAGE_SIZE - off < len ? PAGE_SIZE - off : len;
		int pgm;
		uint64_t f = page_frame(g, gaddr >> PAGE_SHIFT, &pgm);

		if (!f) {
			/* a discard fault names the page (the handler that
			   returns it has the instruction nullified) */
			if (pgm == PGM_DISCARD_FAULT)
				g->teid = gaddr & ~(PAGE_SIZE - 1);
			return pgm;
		}
		if (to_guest &&
		    (pgm = share_before_write(g, gaddr >> PAGE_SHIFT, 1)))
			return pgm;
		if (to_guest)
			f = page_pte(g, gaddr >> PAGE_SHIFT) & PTE_ORIGIN;
		if (to_guest)
			memcpy((void *)(f + off), b, n);
		else
			memcpy(b, (void *)(f + off), n);
		gaddr += n;
		b += n;
		len -= n;
	}
	return 0;
}

int gmem_read(struct guest *g, uint64_t gaddr, void *buf, uint64_t len)
{
	return copy(g, gaddr, buf, len, 0);
}

int gmem_write(struct guest *g, uint64_t gaddr, const void *buf, uint64_t len)
{
	return copy(g, gaddr, (void *)buf, len, 1);
}

void guest_block_io(struct guest *g, uint64_t page)
{
	g->state = GUEST_WAITING_IO;
	g->wait_page = page;
	g->blocked_tod = tod_now();
}

void guest_wake_io(struct guest *g)
{
	if (g->state != GUEST_WAITING_IO)
		return;
	g->state = GUEST_RUNNABLE;
	g->st.io_wait_us += tod_to_us(tod_now() - g->blocked_tod);
}

void guest_stop(struct guest *g, int status, const char *reason)
{
	g->state = GUEST_STOPPED;
	g->exit_status = status;
	g->stop_reason = reason;
	if (reason)
		kprintf("guest %s stopped: %s\n", g->name, reason);
}

static const char *load_image(struct guest *g)
{
	const struct zcmm_guest_desc *d = g->desc;
	const uint8_t *file = (const uint8_t *)d->image_addr;
	struct elf_image img;
	const char *err;
	int pgm;

	if (d->image_addr < ZCMM_IMAGES_ADDR || d->image_size == 0 ||
	    d->image_addr + d->image_size > boot->images_end)
		return "image outside the loaded images";
	if (d->flags & ZCMM_GUEST_LINUX)
		return linux_load(g);
	err = elf_parse(file, d->image_size, g->mem_bytes, &img);
	if (err)
		return err;
	for (unsigned i = 0; i < img.nsegments; i++)
		if (gmem_write(g, img.seg[i].paddr, file + img.seg[i].offset,
			       img.seg[i].filesz))
			return "no host storage for the image";
	/* the lowcore pages must be resident before the first SIE (a
	   missing prefix page is a validity interception), and so must
	   the first instruction (Hercules mishandles a fault on it) */
	if (!page_frame(g, 0, &pgm) || !page_frame(g, 1, &pgm) ||
	    !page_frame(g, img.entry >> PAGE_SHIFT, &pgm))
		return "no host storage for the lowcore";
	g->sd.psw_mask = PSW_64BIT;
	g->sd.psw_addr = img.entry;
	return 0;
}

/* Page-state bytes past what fits beside struct guest: a frame listing
 * frames of 4096 bytes each. 0, or -1 (what was taken is given back). */
static void pstate_free(struct guest *g)
{
	if (!g->pstate_dir)
		return;
	for (uint64_t i = 0; i < 512 && g->pstate_dir[i]; i++)
		frame_free((uint64_t)g->pstate_dir[i]);
	frame_free((uint64_t)g->pstate_dir);
	g->pstate_dir = 0;
}

static int pstate_alloc(struct guest *g)
{
	if (g->npages <= GUEST_PSTATE_SMALL)
		return 0;
	g->pstate_dir = (uint8_t **)frame_alloc_zero();
	if (!g->pstate_dir)
		return -1;
	for (uint64_t i = 0; i < (g->npages + 4095) / 4096; i++)
		if (!(g->pstate_dir[i] = (uint8_t *)frame_alloc())) {
			pstate_free(g);
			return -1;
		}
	return 0;
}

/* A guest's frame, storage slot, page states and state descriptor;
 * *err says why not, and the guest then comes back stopped. */
static struct guest *guest_alloc(const struct zcmm_guest_desc *d,
				 unsigned index, const char **err)
{
	struct guest *g = (struct guest *)frame_alloc_zero();

	if (!g)
		return 0;
	g->index = index;
	g->desc = d;
	for (int i = 0; i < 16 && d->name[i]; i++)
		g->name[i] = d->name[i];
	g->mem_bytes = d->mem_bytes;
	g->npages = d->mem_bytes >> PAGE_SHIFT;
	g->state = GUEST_RUNNABLE;
	if (!d->mem_bytes || (d->mem_bytes & (SEGMENT_SIZE - 1)))
		*err = "storage size is not a positive multiple of 1 MiB";
	else if (d->mem_bytes > GUEST_MEM_MAX)
		*err = "storage larger than the host supports (GUEST_MEM_MAX)";
	else if (pstate_alloc(g))
		*err = "no host storage for the guest's page states";
	else if (gmap_create(g))
		*err = "no host storage for the guest's tables";
	else
		page_states_init(g);

	g->sd.mx = SIE_MX_ZARCH;
	g->sd.prefix = 0;
	g->sd.mso = g->mso;
	g->sd.mse = g->mso + g->mem_bytes - 1;
	g->sd.cputimer = 0x7fffffffffffffffUL;
	g->sd.clockcomp = ~0UL;
	g->sd.ic[0] = SIE_IC0_OPEREX | SIE_IC0_STFL;
	g->sd.ic[2] = SIE_IC2_ISKE | SIE_IC2_SSKE | SIE_IC2_RRBE;
	g->sd.ec[0] = SIE_EC0_EXTA;
	/* the guest's own protection exceptions (Linux takes one on every
	   copy-on-write and first store to a clean page) go straight to it;
	   but Hercules then hands it a host protection exception too, so a
	   guest whose pages may be shared (copy-on-write in the host) keeps
	   them intercepted (code 8: share/cow.c, else reflect.c) */
	if (!d->share_domain)
		g->sd.ec[2] = SIE_EC2_PROTEX;
	g->sd.cr[0] = 0xe0;
	g->sd.cr[14] = 0xc2000000UL;
	g->sd.lhcpu = 0xffff;
	g->gprs[2] = g->mem_bytes;
	g->gprs[3] = index;
	return g;
}

struct guest *guest_create(const struct zcmm_guest_desc *d, unsigned index)
{
	const char *err = 0;
	uint64_t before = frames_free;
	struct guest *g = guest_alloc(d, index, &err);

	if (g)          /* its own frame, states, tables: admission's count */
		g->host_frames = before - frames_free;
	if (g && !err)
		err = load_image(g);
	if (g && err)
		guest_stop(g, GUEST_STATUS_KILLED, err);
	return g;
}

struct guest *guest_create_code(const struct zcmm_guest_desc *d,
				const void *code, uint64_t len)
{
	const char *err = 0;
	struct guest *g = guest_alloc(d, 0, &err);
	int pgm;

	if (g && !err && (gmem_write(g, GUEST_CODE_ADDR, code, len) ||
			  !page_frame(g, 0, &pgm) || !page_frame(g, 1, &pgm)))
		err = "no host storage for the guest";
	if (g && err)
		guest_stop(g, GUEST_STATUS_KILLED, err);
	else if (g) {
		g->sd.psw_mask = PSW_64BIT;
		g->sd.psw_addr = GUEST_CODE_ADDR;
	}
	return g;
}

void guest_destroy(struct guest *g)
{
	if (g->mso) {
		prefix_release(g);
		page_teardown(g);
		gmap_destroy(g);
	}
	pstate_free(g);
	frame_free((uint64_t)g);
}
