/* fba.c - FBA DASD channel programs as Hercules's fbadasd.c accepts them
 * (DEFINE EXTENT + LOCATE + READ/WRITE; SENSE; SENSE ID; READ DEVICE
 * CHARACTERISTICS) and finding the volumes at boot: enumerate, enable,
 * SENSE ID every subchannel, RDC the FBA ones for their block count. */
#include "host/console.h"
#include "host/io/fba.h"
#include "host/memlayout.h"
#include "host/timer.h"
#include "host/trap.h"

#define FBA_WRITE        0x41
#define FBA_READ         0x42
#define FBA_LOCATE       0x43
#define FBA_DEFINE_EXT   0x63
#define FBA_RDC          0x64
#define CMD_SENSE        0x04
#define CMD_SENSE_ID     0xe4
#define DE_MASK_WRITE    0x00 /* file mask: writes ok, no format writes */
#define DE_MASK_READ     0x40 /* file mask: inhibit all writes          */
#define LOC_WRITE        0x01 /* locate operation byte                  */
#define LOC_READ         0x06

struct io_dev io_devs[IO_MAX_DEVS];
unsigned io_ndevs;

static void put16(uint8_t *p, uint32_t v) { p[0] = v >> 8; p[1] = v; }
static void put32(uint8_t *p, uint32_t v) { put16(p, v >> 16); put16(p + 2, v); }
static uint32_t get16(const uint8_t *p) { return (uint32_t)p[0] << 8 | p[1]; }
static uint32_t get32(const uint8_t *p) { return get16(p) << 16 | get16(p + 2); }

static void ccw(struct ccw1 *c, uint8_t cmd, uint8_t flags, uint16_t count,
		const void *data)
{
	c->cmd = cmd;
	c->flags = flags;
	c->count = count;
	c->cda = (uint32_t)(uint64_t)data; /* host image: below 2 GiB */
}

static void orb_for(struct io_dev *d)
{
	d->orb = (struct orb){ 0 };
	d->orb.intparm = (uint32_t)(uint64_t)d;
	d->orb.flag5 = ORB5_F | ORB5_H;   /* format-1 CCWs, format-2 IDAWs */
	d->orb.lpm = 0xff;
	d->orb.cpa = (uint32_t)(uint64_t)d->ccw;
}

/* The data goes through format-2 (64-bit) IDAWs, so a buffer may sit
 * anywhere in storage, even above 2 GiB: the first IDAW is the buffer,
 * every later one starts a 4 KiB block (PoP 15, "Indirect Data
 * Addressing"). The extent is exactly the request's blocks, so the
 * device itself rejects anything outside the volume. */
void fba_build(struct io_dev *d, struct io_req *r)
{
	int wr = r->op == IO_WRITE;
	uint64_t a = r->buf, end = r->buf + (uint64_t)r->count * FBA_BLOCK_SIZE;
	unsigned n = 0;

	orb_for(d);
	if (r->op == IO_SENSE_ID || r->op == IO_RDC) {
		ccw(&d->ccw[0], r->op == IO_RDC ? FBA_RDC : CMD_SENSE_ID,
		    CCW_SLI, sizeof(d->data), d->data);
		return;
	}
	d->extent[0] = wr ? DE_MASK_WRITE : DE_MASK_READ;
	d->extent[1] = 0;
	put16(d->extent + 2, FBA_BLOCK_SIZE);
	put32(d->extent + 4, r->block);      /* extent origin on the volume */
	put32(d->extent + 8, 0);             /* first block of the extent   */
	put32(d->extent + 12, r->count - 1); /* last block of the extent    */
	d->locate[0] = wr ? LOC_WRITE : LOC_READ;
	d->locate[1] = 0;
	put16(d->locate + 2, r->count);
	put32(d->locate + 4, 0);             /* relative to the extent      */
	d->idaw[n++] = a;
	for (a = (a & ~0xfffUL) + 0x1000; a < end; a += 0x1000)
		d->idaw[n++] = a;
	if (io_fault_due(d))   /* outside the extent: the device rejects it */
		put32(d->locate + 4, r->count);
	ccw(&d->ccw[0], FBA_DEFINE_EXT, CCW_CC, 16, d->extent);
	ccw(&d->ccw[1], FBA_LOCATE, CCW_CC, 8, d->locate);
	ccw(&d->ccw[2], wr ? FBA_WRITE : FBA_READ, CCW_IDA,
	    (uint16_t)(r->count * FBA_BLOCK_SIZE), d->idaw);
}

/* After a unit check the device holds sense bytes until the next
 * command: fetch them with SENSE (24 bytes for FBA; SLI for the rest). */
void fba_build_sense(struct io_dev *d)
{
	orb_for(d);
	ccw(&d->ccw[0], CMD_SENSE, CCW_SLI, sizeof(d->data), d->data);
}

struct io_dev *io_dev_by_devnum(uint16_t devnum)
{
	for (unsigned i = 0; i < io_ndevs; i++)
		if (io_devs[i].devnum == devnum && io_devs[i].online)
			return &io_devs[i];
	return 0;
}

static void found(uint32_t schid, const struct schib *s)
{
	struct io_dev *d;

	/* only zcmm's own volumes (docs/dasd.md): the card reader that
	   every Hercules configuration needs is left alone */
	if (io_ndevs == IO_MAX_DEVS || !DASD_IS_ZCMM(s->pmcw.devnum))
		return;
	d = &io_devs[io_ndevs++];
	d->schid = schid;
	d->devnum = s->pmcw.devnum;
	d->online = css_enable(schid, (uint32_t)(uint64_t)d) == 0;
}

static int is_fba(uint16_t type)
{
	return type == 0x9336 || type == 0x3370 || type == 0x0671 ||
	       type == 0x3310 || type == 0x9332 || type == 0x9335 ||
	       type == 0x9313;
}

/* One identification command on every online subchannel, one device
 * after the other: Hercules 3.13 starts a thread for a device's first
 * I/O, and many first I/Os at once can crash it ("double free"). */
static void identify(enum io_op op)
{
	static struct io_req reqs[IO_MAX_DEVS];

	for (unsigned i = 0; i < io_ndevs; i++) {
		reqs[i] = (struct io_req){ .dev = &io_devs[i], .op = op };
		if (!io_devs[i].online)
			continue;
		io_submit(&reqs[i]);
		if (io_wait_all(2000000) < 0)
			panic("io: identification (op %d) timed out", op);
	}
	for (unsigned i = 0; i < io_ndevs; i++) {
		struct io_dev *d = &io_devs[i];
		const uint8_t *p = d->data;

		if (!d->online)
			continue;
		if (reqs[i].status != IO_OK) {
			d->online = 0;
		} else if (op == IO_SENSE_ID) {
			d->cutype = (uint16_t)get16(p + 1);
			d->devtype = (uint16_t)get16(p + 4);
			d->model = p[6];
			d->online = p[0] == 0xff && is_fba(d->devtype);
		} else {
			d->blocks = get32(p + 14);  /* blocks under movable heads */
			d->online = get16(p + 4) == FBA_BLOCK_SIZE && d->blocks;
		}
		if (!d->online)
			css_disable(d->schid);
	}
}

void io_init(void)
{
	extern char __host_end[];

	if ((uint64_t)__host_end >= 0x80000000UL)
		panic("io: channel programs must lie below 2 GiB");
	css_init(io_irq);
	css_enumerate(found);
	identify(IO_SENSE_ID);
	identify(IO_RDC);
	for (unsigned i = 0; i < io_ndevs; i++) {
		struct io_dev *d = &io_devs[i];

		if (d->online)
			kprintf("dasd %04x: %04x model %02x on subchannel %04x, "
				"%u blocks (%u MiB)\n", d->devnum, d->devtype,
				d->model, SCHID_NUM(d->schid), d->blocks,
				d->blocks >> 11);
	}
}
