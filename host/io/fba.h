/* fba.h - FBA DASD volumes (Hercules 9336) and asynchronous block I/O:
 * requests queue per volume, one channel program per subchannel at a
 * time, volumes run in parallel; completions are reaped in normal
 * context. Device numbers and roles: devnum.h and docs/dasd.md. */
#ifndef ZCMM_IO_FBA_H
#define ZCMM_IO_FBA_H

#include <stdint.h>

#include "host/io/css.h"
#include "host/io/devnum.h"

#define FBA_BLOCK_SIZE  512
#define FBA_PAGE_BLOCKS 8     /* one 4 KiB page                       */
#define IO_MAX_BLOCKS   64    /* per request: 32 KiB                  */
#define IO_MAX_DEVS     32
#define IO_SENSE_MAX    32

enum io_op { IO_READ, IO_WRITE, IO_SENSE_ID, IO_RDC };

enum io_status {
	IO_OK = 0,
	IO_PENDING,      /* queued or running                           */
	IO_EUNITCHECK,   /* the device said no: see sense[]             */
	IO_ECHANNEL,     /* channel/subchannel status (cstat), or odd dstat */
	IO_ENODEV,       /* no such volume, or not operational (cc 3)   */
	IO_EINVAL,       /* bad request: count, buffer address          */
	IO_ETIMEOUT,     /* io_wait_all() gave up waiting               */
};

struct io_dev;

struct io_req {
	struct io_dev *dev;       /* the volume                           */
	uint32_t block;           /* first 512-byte block                 */
	uint32_t count;           /* blocks, 1..IO_MAX_BLOCKS             */
	uint64_t buf;             /* real address of count * 512 bytes    */
	enum io_op op;            /* IO_READ or IO_WRITE                  */
	enum io_status status;    /* set when done                        */
	uint8_t  dstat, cstat;    /* device/subchannel status of the error */
	uint8_t  nsense;          /* sense bytes stored (24 for FBA)      */
	uint8_t  sense[IO_SENSE_MAX];
	uint8_t  tries;           /* retries after an error so far        */
	uint64_t tod_submit, tod_done;
	void (*done)(struct io_req *r); /* run by io_reap(), may be NULL  */
	void *ctx;                /* the caller's                         */
	struct io_req *next;      /* queue link, owned by the driver      */
};

struct io_dev_stats {
	uint64_t requests, blocks_read, blocks_written, errors;
	uint64_t unit_checks, max_queued, busy_us, retries;
};

/* One FBA volume. The channel program lives here, in the host image,
 * so every CCW and IDAW address is below 2 GiB as format-1 CCWs need. */
struct io_dev {
	uint32_t schid;
	uint16_t devnum, devtype, cutype;
	uint8_t  model, online;
	uint32_t blocks;          /* from READ DEVICE CHARACTERISTICS     */
	uint32_t queued;          /* waiting + running                    */
	struct io_req *head, *tail, *active;
	int      sensing;         /* active request is fetching sense     */
	uint64_t tod_start;
	struct io_dev_stats st;
	uint32_t errors_row;      /* requests failed in a row (retried)   */
	uint32_t fault_count;     /* starts since the last injected fault */
	uint64_t fault_starts;    /* reads and writes started (injection) */
	struct ccw1 ccw[3];
	uint64_t idaw[IO_MAX_BLOCKS * FBA_BLOCK_SIZE / 4096 + 1];
	struct orb orb;
	uint8_t  extent[16], locate[8], data[32];
};

struct io_stats {
	uint64_t submitted, completed, in_flight, max_in_flight;
	uint64_t unsolicited;
	uint64_t retries;         /* requests started again after an error */
	uint64_t failed;          /* requests that failed after retries   */
	uint64_t offline;         /* volumes taken offline                */
	uint64_t injected;        /* faults injected (--test-io-errors)   */
};
extern struct io_stats io_stats;
extern struct io_dev io_devs[IO_MAX_DEVS];
extern unsigned io_ndevs;

/* Find the subchannels, enable them, identify the FBA volumes. */
void io_init(void);
struct io_dev *io_dev_by_devnum(uint16_t devnum);

/* Queue r (fills r->status = IO_PENDING); never drops it: an invalid or
 * unservable request still completes through io_reap() with an error.
 * Returns 0, or the error r will complete with. */
int io_submit(struct io_req *r);
/* Run the callbacks of completed requests; returns how many. */
unsigned io_reap(void);
/* Requests submitted and not yet reaped. */
uint64_t io_pending(void);
/* Sleep (enabled wait) until a completion is ready or timeout_us
 * passed; returns at once if one is ready or nothing is in flight. */
void io_wait(uint64_t timeout_us);
/* Reap until nothing is pending; 0, or -1 on timeout (requests stay). */
int io_wait_all(uint64_t timeout_us);

const char *io_status_name(enum io_status s);
/* The I/O counters as a total @result line. */
void io_result(void);
/* Test fault injection (fault.c): should this start of a read or write
 * on d be made to fail? */
int io_fault_due(struct io_dev *d);

/* ioq.c internals shared with fba.c */
void fba_build(struct io_dev *d, struct io_req *r);
void fba_build_sense(struct io_dev *d);
void io_irq(uint32_t schid, uint32_t intparm, const struct irb *irb);

#endif
