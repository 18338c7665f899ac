/* selftest_io.c - self-tests of the channel subsystem and the FBA driver
 * on the test volumes the CLI attaches in selftest mode (0200-0203):
 * pages in flight on every volume at once, read back, errors with sense
 * data, a subchannel that is not there, the counters, and timings. */
#include "host/boot.h"
#include "host/console.h"
#include "host/frame.h"
#include "host/io/fba.h"
#include "host/selftest.h"
#include "host/timer.h"
#include "lib/pattern.h"

#define VOLS  4            /* at most, of the paging volumes         */
#define PAGES 16           /* per volume, all in flight at once      */
#define TIMED 32           /* pages in the one-at-a-time timing      */
#define WAIT_US 10000000   /* 10 s: far above any I/O here           */

static struct io_dev *vol[VOLS];
static unsigned nvol, callbacks;
static struct io_req req[VOLS * PAGES];
static uint64_t buf[VOLS * PAGES];
static uint8_t big[IO_MAX_BLOCKS * FBA_BLOCK_SIZE + 2048] __attribute__((aligned(4096)));

static void counted(struct io_req *r) { callbacks++; }

static struct pattern_id id_of(unsigned v, unsigned p)
{
	return (struct pattern_id){ .seed = boot->seed, .guest = vol[v]->devnum,
				    .gen = 1, .page = p };
}

/* Submit one page per slot on every volume at once, wait for all;
 * the number that did not end IO_OK, and the elapsed microseconds. */
static unsigned batch(enum io_op op, uint64_t *us)
{
	uint64_t t0 = tod_now();
	unsigned bad = 0, n = nvol * PAGES;

	for (unsigned i = 0; i < n; i++) {
		struct io_dev *d = vol[i % nvol];
		uint32_t stride = d->blocks / PAGES & ~7u;

		req[i] = (struct io_req){ .dev = d, .op = op, .buf = buf[i],
			.count = FBA_PAGE_BLOCKS, .done = counted,
			.block = (i / nvol) * stride };
		io_submit(&req[i]);
	}
	io_wait_all(WAIT_US);
	*us = tod_to_us(tod_now() - t0);
	for (unsigned i = 0; i < n; i++)
		bad += req[i].status != IO_OK;
	return bad;
}

/* One request, waited for. */
static enum io_status one(struct io_dev *d, enum io_op op, uint32_t block,
			  uint32_t count, uint64_t addr, struct io_req *r)
{
	*r = (struct io_req){ .dev = d, .op = op, .block = block,
			      .count = count, .buf = addr, .done = counted };
	io_submit(r);
	io_wait_all(WAIT_US);
	return r->status;
}

static void timing(struct io_dev *d, enum io_op op, const char *what)
{
	struct io_req r;
	uint64_t t0 = tod_now();

	for (unsigned i = 0; i < TIMED; i++)
		one(d, op, i * FBA_PAGE_BLOCKS, FBA_PAGE_BLOCKS, buf[0], &r);
	kprintf("io: %s 4 KiB one at a time: %lu us per page\n", what,
		tod_to_us(tod_now() - t0) / TIMED);
}

static void errors(struct io_dev *d)
{
	static struct io_dev ghost;
	struct io_req r;
	struct schib s;
	uint64_t t0 = tod_now();
	unsigned n = 0;

	one(d, IO_READ, d->blocks - 4, FBA_PAGE_BLOCKS, buf[0], &r);
	check(r.status == IO_EUNITCHECK && r.nsense >= 24 &&
	      (r.sense[0] & 0x80) && tod_now() - t0 < 1000000 * TOD_PER_US,
	      "io: read past the end of a volume: unit check, command reject in the sense bytes",
	      "status %s, dstat %02x, %u sense bytes, sense0 %02x",
	      io_status_name(r.status), r.dstat, r.nsense, r.sense[0]);
	check(one(d, IO_READ, 0, FBA_PAGE_BLOCKS, buf[0], &r) == IO_OK,
	      "io: the volume works again after the unit check", "%s",
	      io_status_name(r.status));
	check(one(d, IO_READ, 0, 0, buf[0], &r) == IO_EINVAL &&
	      one(d, IO_WRITE, 0, 8, boot->storage_size - 512, &r) == IO_EINVAL,
	      "io: zero blocks or a buffer past storage: invalid, still completed",
	      "%s", io_status_name(r.status));
	while (css_stsch(SCHID(n), &s) != 3)
		n++;
	ghost = (struct io_dev){ .schid = SCHID(n), .online = 1, .blocks = 8 };
	check(one(&ghost, IO_READ, 0, 8, buf[0], &r) == IO_ENODEV &&
	      !ghost.online,
	      "io: a subchannel that is not there (cc 3): not operational",
	      "subchannel %u: %s", n, io_status_name(r.status));
}

void selftest_io(void)
{
	struct io_dev_stats before[VOLS];
	uint64_t us, flights, cb0, irq0 = css_stats.interrupts;
	unsigned bad = 0, nreq = 0;
	struct pattern_bad pb;
	struct io_req r;

	for (unsigned i = 0; i < io_ndevs && nvol < VOLS; i++)
		if (io_devs[i].online && DASD_IS_PAGING(io_devs[i].devnum))
			vol[nvol++] = &io_devs[i];
	if (!check(nvol > 0, "io: test volumes found",
		   "no FBA volume at %04x-%04x (zcmm run --paging-volumes N)",
		   DASD_PAGING_FIRST, DASD_PAGING_FIRST + DASD_PAGING_MAX - 1))
		return;
	for (unsigned v = 0; v < nvol; v++) {
		before[v] = vol[v]->st;
		bad += vol[v]->devtype != DASD_DEVTYPE ||
		       vol[v]->blocks < PAGES * 64;
	}
	check(!bad, "io: volumes identified by SENSE ID and RDC",
	      "%u with the wrong type or too small", bad);
	for (unsigned i = 0; i < nvol * PAGES; i++) {
		struct pattern_id id = id_of(i % nvol, i / nvol);

		buf[i] = frame_alloc();
		pattern_fill((void *)buf[i], &id);
	}
	io_stats.max_in_flight = 0;
	cb0 = callbacks;
	bad = batch(IO_WRITE, &us);
	flights = io_stats.max_in_flight;
	check(!bad && callbacks - cb0 == nvol * PAGES,
	      "io: pages written with many requests in flight",
	      "%u failed, %lu callbacks", bad, callbacks - cb0);
	check(flights >= nvol, "io: one channel program per volume at once",
	      "max in flight %lu, volumes %u", flights, nvol);
	kprintf("io: write %u pages on %u volumes at once: %lu us, %lu us per page, max in flight %lu\n",
		nvol * PAGES, nvol, us, us / (nvol * PAGES), flights);
	for (unsigned i = 0; i < nvol * PAGES; i++)
		frame_zero(buf[i]);
	bad = batch(IO_READ, &us);
	kprintf("io: read %u pages on %u volumes at once: %lu us, %lu us per page\n",
		nvol * PAGES, nvol, us, us / (nvol * PAGES));
	for (unsigned i = 0; i < nvol * PAGES; i++) {
		struct pattern_id id = id_of(i % nvol, i / nvol);

		bad += pattern_verify((void *)buf[i], &id, &pb) != 0;
	}
	check(!bad, "io: every page reads back as written", "%u bad pages", bad);
	nreq = 2 * PAGES;
	for (unsigned i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)(i * 7 + 3);
	bad = one(vol[0], IO_WRITE, 1001, IO_MAX_BLOCKS, (uint64_t)big + 512, &r) != IO_OK;
	bad += one(vol[0], IO_READ, 1001, IO_MAX_BLOCKS, (uint64_t)big + 1536, &r) != IO_OK;
	for (unsigned i = 0; !bad && i < IO_MAX_BLOCKS * FBA_BLOCK_SIZE; i++)
		bad += big[1536 + i] != (uint8_t)((512 + i) * 7 + 3);
	check(!bad, "io: 32 KiB at an odd address through IDAWs",
	      "%u bad (status %s)", bad, io_status_name(r.status));
	timing(vol[0], IO_WRITE, "write");
	timing(vol[0], IO_READ, "read");
	errors(vol[0]);
	nreq += 2 + 2 * TIMED + 4;      /* to vol[0]: errors() sent 4 */
	bad = 0;
	for (unsigned v = 0; v < nvol; v++) {
		const struct io_dev_stats *a = &vol[v]->st, *b = &before[v];
		uint64_t want = v ? 2 * PAGES : nreq;

		bad += a->requests - b->requests != want ||
		       a->errors - b->errors != (v ? 0 : 3) ||
		       a->blocks_written - b->blocks_written !=
			       PAGES * 8 + (v ? 0 : IO_MAX_BLOCKS + TIMED * 8) ||
		       a->blocks_read - b->blocks_read !=
			       PAGES * 8 + (v ? 0 : IO_MAX_BLOCKS + TIMED * 8 + 8);
		kprintf("io: dasd %04x requests %lu errors %lu unit checks %lu blocks read %lu written %lu max queued %lu busy %lu us\n",
			vol[v]->devnum, a->requests, a->errors, a->unit_checks,
			a->blocks_read, a->blocks_written, a->max_queued, a->busy_us);
	}
	check(!bad && io_pending() == 0 && io_stats.in_flight == 0 &&
	      css_stats.interrupts - irq0 >= nvol * 2 * PAGES,
	      "io: counters add up", "%u volumes off, pending %lu, in flight %lu, interrupts %lu",
	      bad, io_pending(), io_stats.in_flight, css_stats.interrupts - irq0);
	for (unsigned i = 0; i < nvol * PAGES; i++)
		frame_free(buf[i]);
}
