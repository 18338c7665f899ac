/* css.h - the channel subsystem as the host sees it (Principles of
 * Operation, ch. 13-16): the control blocks, the I/O instructions with
 * their condition codes, subchannel enumeration and enabling, and the
 * one I/O-interruption entry that hands each status to the driver. */
#ifndef ZCMM_IO_CSS_H
#define ZCMM_IO_CSS_H

#include <stdint.h>

/* PMCW, path-management-control word (PoP 15, "Subchannel-Information
 * Block"). Bytes 4-5 are flag bytes; bit values below. */
struct pmcw {
	uint32_t intparm;        /* 0x00 interruption parameter           */
	uint8_t  flag4;          /* 0x04 ISC (bits 2-4), A                */
	uint8_t  flag5;          /* 0x05 E, LM, MM, D, T, V               */
	uint16_t devnum;         /* 0x06 device number                    */
	uint8_t  lpm;            /* 0x08 logical-path mask                */
	uint8_t  pnom;           /* 0x09 path-not-operational mask        */
	uint8_t  lpum;           /* 0x0a last-path-used mask              */
	uint8_t  pim;            /* 0x0b path-installed mask              */
	uint16_t mbi;            /* 0x0c measurement-block index          */
	uint8_t  pom;            /* 0x0e path-operational mask            */
	uint8_t  pam;            /* 0x0f path-available mask              */
	uint8_t  chpid[8];       /* 0x10 channel-path identifiers         */
	uint8_t  flag24[3];      /* 0x18 (zone, subchannel type, reserved)*/
	uint8_t  flag27;         /* 0x1b S: concurrent sense              */
} __attribute__((packed, aligned(4)));
#define PMCW4_ISC(isc)  ((uint8_t)((isc) << 3))
#define PMCW4_ISC_MASK  0x38
#define PMCW5_E         0x80 /* enabled: may start, may interrupt    */
#define PMCW5_V         0x01 /* device number valid                  */

/* SCSW, subchannel-status word (PoP 16, "Subchannel-Status Word"). */
struct scsw {
	uint8_t  flag0;          /* 0x00 key, S, L, deferred cc           */
	uint8_t  flag1;          /* 0x01 F, P, I, A, U, Z, E, N           */
	uint8_t  fctl;           /* 0x02 function control, activity ctl   */
	uint8_t  stctl;          /* 0x03 activity ctl, status control     */
	uint32_t ccw_addr;       /* 0x04 CCW address (last CCW + 8)       */
	uint8_t  dstat;          /* 0x08 device status                    */
	uint8_t  cstat;          /* 0x09 subchannel status                */
	uint16_t count;          /* 0x0a residual count                   */
} __attribute__((packed, aligned(4)));
#define SCSW_FC_START   0x40
#define SCSW_SC_ALERT   0x10
#define SCSW_SC_INTER   0x08
#define SCSW_SC_PRI     0x04
#define SCSW_SC_SEC     0x02
#define SCSW_SC_PEND    0x01
#define DEV_ATTN 0x80   /* device status (PoP 16, "Device Status")   */
#define DEV_SM   0x40
#define DEV_BUSY 0x10
#define DEV_CE   0x08
#define DEV_DE   0x04
#define DEV_UC   0x02
#define DEV_UX   0x01
#define SCH_IL   0x40   /* subchannel status: incorrect length       */
#define SCH_PGM  0x20   /* program check                             */
#define SCH_PROT 0x10   /* protection check                          */

/* SCHIB, subchannel-information block: what STSCH stores, MSCH reads. */
struct schib {
	struct pmcw pmcw;        /* 0x00                                  */
	struct scsw scsw;        /* 0x1c                                  */
	uint8_t  mda[12];        /* 0x28 model-dependent area             */
} __attribute__((packed, aligned(4)));

/* ORB, operation-request block (PoP 15, "Operation-Request Block").
 * 32 bytes; words 3-7 matter only with the X bit, which we leave 0. */
struct orb {
	uint32_t intparm;        /* 0x00 interruption parameter           */
	uint8_t  flag4;          /* 0x04 key, S, C, M, Y                  */
	uint8_t  flag5;          /* 0x05 F, P, I, A, U, (0), H, T         */
	uint8_t  lpm;            /* 0x06 logical-path mask                */
	uint8_t  flag7;          /* 0x07 L, D, ..., X                     */
	uint32_t cpa;            /* 0x08 channel-program address (31-bit) */
	uint32_t reserved[5];    /* 0x0c                                  */
} __attribute__((packed, aligned(4)));
#define ORB5_F 0x80  /* format-1 CCWs                                 */
#define ORB5_H 0x02  /* format-2 IDAWs (64-bit), with T=0 4 KiB blocks*/

/* IRB, interruption-response block: what TSCH stores (PoP 14, "TEST
 * SUBCHANNEL"). Hercules stores the first 64 bytes. */
struct irb {
	struct scsw scsw;        /* 0x00                                  */
	uint8_t  esw[20];        /* 0x0c extended-status word             */
	uint8_t  ecw[32];        /* 0x20 extended-control word            */
	uint8_t  emw[32];        /* 0x40 extended-measurement word        */
} __attribute__((packed, aligned(4)));

/* Format-1 CCW (PoP 15, "Channel-Command Word"): 31-bit data address. */
struct ccw1 {
	uint8_t  cmd;            /* 0x00 command code                     */
	uint8_t  flags;          /* 0x01 CD, CC, SLI, SKP, PCI, IDA, S, M */
	uint16_t count;          /* 0x02 byte count                       */
	uint32_t cda;            /* 0x04 data (or IDAW list) address      */
} __attribute__((packed, aligned(8)));
#define CCW_CD  0x80 /* chain data                                    */
#define CCW_CC  0x40 /* chain command                                 */
#define CCW_SLI 0x20 /* suppress incorrect-length indication          */
#define CCW_IDA 0x04 /* cda points to an IDAW list                    */

_Static_assert(sizeof(struct pmcw) == 28, "pmcw size");
_Static_assert(sizeof(struct scsw) == 12, "scsw size");
_Static_assert(sizeof(struct schib) == 52, "schib size");
_Static_assert(sizeof(struct orb) == 32, "orb size");
_Static_assert(sizeof(struct irb) == 96, "irb size");
_Static_assert(sizeof(struct ccw1) == 8, "ccw1 size");
_Static_assert(__builtin_offsetof(struct schib, scsw) == 0x1c, "schib.scsw");
_Static_assert(__builtin_offsetof(struct pmcw, chpid) == 0x10, "pmcw.chpid");

/* Subsystem-identification word: bit 15 is one, then the subchannel
 * number (PoP 14, "Subsystem-Identification Word"); SSID 0 only. */
#define SCHID(n)      (0x00010000u | (uint16_t)(n))
#define SCHID_NUM(id) ((id) & 0xffffu)
#define CSS_MAX_SCH   256   /* subchannels the host looks at          */
#define IO_ISC        3     /* the host's interruption subclass       */

/* The I/O instructions; each returns its condition code (PoP 14). */
int css_stsch(uint32_t schid, struct schib *s); /* 0 stored, 3 none  */
int css_msch(uint32_t schid, struct schib *s);  /* 1 pending, 2 busy */
int css_ssch(uint32_t schid, struct orb *o);    /* 1 pending, 2 busy */
int css_tsch(uint32_t schid, struct irb *i);    /* 0 was pending, 1 not */
int css_hsch(uint32_t schid);
int css_csch(uint32_t schid);

/* Calls fn for every valid subchannel until STSCH gives cc 3. */
unsigned css_enumerate(void (*fn)(uint32_t schid, const struct schib *s));
/* Enable (MSCH: E=1, ISC IO_ISC, interruption parameter) or disable. */
int css_enable(uint32_t schid, uint32_t intparm);
int css_disable(uint32_t schid);

/* The driver's entry for every I/O interruption: the subchannel, its
 * interruption parameter and the IRB TSCH stored (NULL: TSCH said cc 3,
 * the subchannel is gone). Runs in interruption context. */
typedef void (*css_irq_fn)(uint32_t schid, uint32_t intparm,
			   const struct irb *irb);
void css_init(css_irq_fn fn);

struct css_stats {
	uint64_t interrupts, spurious, gone, cc1_retries;
};
extern struct css_stats css_stats;

#endif
