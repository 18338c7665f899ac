/* ioq.c - asynchronous block I/O: per-volume queues, one channel program
 * per subchannel at a time, completion in the I/O interruption (status
 * only: the request moves to the done list), unit check -> SENSE, a
 * failed request started again up to IO_RETRIES times, a volume whose
 * requests keep failing taken offline, and io_reap() running the
 * callbacks in normal context. */
#include "host/boot.h"
#include "host/console.h"
#include "host/io/fba.h"
#include "host/memlayout.h"
#include "host/param.h"
#include "host/timer.h"
#include "zcmm/console.h"

struct io_stats io_stats;
static struct io_req *done_head, *done_tail;

static void finish(struct io_dev *d, struct io_req *r, enum io_status st)
{
	r->status = st;
	r->tod_done = tod_now();
	r->next = 0;
	if (d && st != IO_OK) {
		d->st.errors++;
		io_stats.failed++;
		/* a volume that fails request after request (each retried)
		   is broken: offline, the rest of its queue fails at once,
		   rather than thousands of doomed I/Os */
		if ((st == IO_EUNITCHECK || st == IO_ECHANNEL) && d->online &&
		    ++d->errors_row >= IO_OFFLINE_ERRORS) {
			d->online = 0;
			io_stats.offline++;
			kprintf("dasd %04x: %u requests in a row failed (last: "
				"%s, sense %02x): taken offline\n", d->devnum,
				d->errors_row, io_status_name(st),
				r->nsense ? r->sense[0] : 0);
		}
	} else if (d) {
		d->errors_row = 0;
		if (r->op == IO_READ)
			d->st.blocks_read += r->count;
		else if (r->op == IO_WRITE)
			d->st.blocks_written += r->count;
	}
	if (done_tail)
		done_tail->next = r;
	else
		done_head = r;
	done_tail = r;
}

/* Start the next queued request if the subchannel is idle; a volume
 * that is not operational fails everything queued on it. */
static void start(struct io_dev *d)
{
	static struct irb irb;

	while (d->head && !d->active) {
		struct io_req *r = d->head;
		int cc = 3;

		d->head = r->next;
		if (!d->head)
			d->tail = 0;
		if (d->online) {
			fba_build(d, r);
			cc = css_ssch(d->schid, &d->orb);
			if (cc == 1) {  /* stale status (e.g. unsolicited) */
				css_tsch(d->schid, &irb);
				cc = css_ssch(d->schid, &d->orb);
			}
		}
		if (cc == 0) {
			d->active = r;
			d->sensing = 0;
			d->tod_start = tod_now();
			if (++io_stats.in_flight > io_stats.max_in_flight)
				io_stats.max_in_flight = io_stats.in_flight;
			return;
		}
		if (cc == 3)
			d->online = 0;
		else
			r->dstat = DEV_BUSY;
		d->queued--;
		finish(d, r, cc == 3 ? IO_ENODEV : IO_ECHANNEL);
	}
}

static void complete(struct io_dev *d, enum io_status st)
{
	struct io_req *r = d->active;

	io_stats.in_flight--;
	d->st.busy_us += tod_to_us(tod_now() - d->tod_start);
	d->active = 0;
	/* a unit check or channel error may pass: start it again first */
	if ((st == IO_EUNITCHECK || st == IO_ECHANNEL) &&
	    r->tries < IO_RETRIES && d->online) {
		r->tries++;
		d->st.retries++;
		io_stats.retries++;
		r->next = d->head;
		d->head = r;
		if (!d->tail)
			d->tail = r;
		start(d);
		return;
	}
	d->queued--;
	finish(d, r, st);
	start(d);
}

/* Interruption context (css.c called TSCH already): record, move on. */
void io_irq(uint32_t schid, uint32_t intparm, const struct irb *irb)
{
	struct io_dev *d = (struct io_dev *)(uint64_t)intparm;
	struct io_req *r;
	uint8_t sc, ds, cs;

	if (d < io_devs || d >= io_devs + io_ndevs || d->schid != schid ||
	    !(r = d->active)) {
		io_stats.unsolicited++;
		return;
	}
	if (!irb) {                      /* TSCH cc 3: the device is gone */
		d->online = 0;
		complete(d, IO_ENODEV);
		return;
	}
	sc = irb->scsw.stctl;
	ds = irb->scsw.dstat;
	cs = irb->scsw.cstat;
	if (!(sc & SCSW_SC_PEND) || !(sc & (SCSW_SC_PRI | SCSW_SC_ALERT)))
		return;                  /* intermediate status: not done */
	if (d->sensing) {
		if (!cs && !(ds & DEV_UC)) {
			r->nsense = (uint8_t)(sizeof(d->data) - irb->scsw.count);
			for (unsigned i = 0; i < r->nsense; i++)
				r->sense[i] = d->data[i];
		}
		complete(d, IO_EUNITCHECK);
		return;
	}
	r->dstat = ds;
	r->cstat = cs;
	if (!cs && (ds & ~DEV_SM) == (DEV_CE | DEV_DE)) {
		complete(d, IO_OK);
	} else if (ds & DEV_UC) {
		d->st.unit_checks++;
		d->sensing = 1;
		fba_build_sense(d);
		if (css_ssch(d->schid, &d->orb) != 0)
			complete(d, IO_EUNITCHECK);  /* with nsense 0 */
	} else {
		complete(d, IO_ECHANNEL);
	}
}

int io_submit(struct io_req *r)
{
	struct io_dev *d = r->dev;
	uint64_t len = (uint64_t)r->count * FBA_BLOCK_SIZE;

	r->status = IO_PENDING;
	r->next = 0;
	r->dstat = r->cstat = r->nsense = r->tries = 0;
	r->tod_submit = tod_now();
	io_stats.submitted++;
	if (d)
		d->st.requests++;
	if (!d || !d->online) {
		finish(d, r, IO_ENODEV);
		return IO_ENODEV;
	}
	if ((r->op == IO_READ || r->op == IO_WRITE) &&
	    (r->count == 0 || r->count > IO_MAX_BLOCKS ||
	     r->buf < LOWCORE_SIZE || r->buf + len > boot->storage_size)) {
		finish(d, r, IO_EINVAL);
		return IO_EINVAL;
	}
	if (d->tail)
		d->tail->next = r;
	else
		d->head = r;
	d->tail = r;
	if (++d->queued > d->st.max_queued)
		d->st.max_queued = d->queued;
	start(d);
	return 0;
}

unsigned io_reap(void)
{
	struct io_req *r = done_head, *next;
	unsigned n = 0;

	done_head = done_tail = 0;  /* the host runs disabled: no race */
	for (; r; r = next, n++) {
		next = r->next;
		r->next = 0;
		io_stats.completed++;
		if (r->done)
			r->done(r);
	}
	return n;
}

uint64_t io_pending(void)
{
	return io_stats.submitted - io_stats.completed;
}

void io_wait(uint64_t timeout_us)
{
	asm volatile("" : : : "memory");
	if (done_head || !io_pending())
		return;
	timer_wait_until(tod_now() + timeout_us * TOD_PER_US);
}

int io_wait_all(uint64_t timeout_us)
{
	uint64_t end = tod_now() + timeout_us * TOD_PER_US;

	io_reap();
	while (io_pending()) {
		uint64_t now = tod_now();

		if (now >= end)
			return -1;
		io_wait(tod_to_us(end - now) + 1);
		io_reap();
	}
	return 0;
}

const char *io_status_name(enum io_status s)
{
	static const char *const names[] = {
		"ok", "pending", "unit check", "channel error",
		"not operational", "invalid request", "timeout",
	};

	return s <= IO_ETIMEOUT ? names[s] : "?";
}

void io_result(void)
{
	kprintf(ZCMM_REC_RESULT "total id=all io_retries=%lu io_failed=%lu "
		"io_offline=%lu io_injected=%lu\n", io_stats.retries,
		io_stats.failed, io_stats.offline, io_stats.injected);
}
