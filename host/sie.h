/* sie.h - the SIE state descriptor (format 2, z/Architecture guest) and
 * the entry into interpretive execution. Field offsets follow the SIE
 * state descriptor as Hercules implements it (SIE2BK). */
#ifndef ZCMM_SIE_H
#define ZCMM_SIE_H

#include <stdint.h>

#include "host/lowcore.h"

struct sie_block {
	uint8_t  v;                /* 0x000 intervention requests        */
	uint8_t  s;                /* 0x001 state controls               */
	uint8_t  mx;               /* 0x002 machine mode: 0x08 z/Arch    */
	uint8_t  m;                /* 0x003 mode controls                */
	uint32_t prefix;           /* 0x004 guest prefix register        */
	uint8_t  pad_008[0x28 - 0x08]; /* 0x008                          */
	uint64_t cputimer;         /* 0x028 guest CPU timer              */
	uint64_t clockcomp;        /* 0x030 guest clock comparator       */
	uint64_t epoch;            /* 0x038 guest TOD epoch difference   */
	uint32_t svc_ctl;          /* 0x040 SVC interception controls    */
	uint16_t lctl_ctl;         /* 0x044 LCTL interception controls   */
	uint16_t cpuad;            /* 0x046 virtual CPU address          */
	uint8_t  ic[4];            /* 0x048 interception controls        */
	uint8_t  ec[4];            /* 0x04c execution controls           */
	uint8_t  icptcode;         /* 0x050 interception code            */
	uint8_t  icptstatus;       /* 0x051 interception status          */
	uint16_t lhcpu;            /* 0x052 last host CPU address        */
	uint16_t pad_054;          /* 0x054                              */
	uint16_t ipa;              /* 0x056 instruction parameter A      */
	uint32_t ipb;              /* 0x058 instruction parameter B      */
	uint32_t ipc;              /* 0x05c instruction parameter C      */
	uint32_t rcpo;             /* 0x060 RCP area origin              */
	uint32_t scao;             /* 0x064 SCA origin                   */
	uint8_t  pad_068[0x80 - 0x68]; /* 0x068                          */
	uint64_t mso;              /* 0x080 main-storage origin          */
	uint64_t mse;              /* 0x088 main-storage extent          */
	uint64_t psw_mask;         /* 0x090 guest PSW                    */
	uint64_t psw_addr;         /* 0x098                              */
	uint64_t gr14;             /* 0x0a0 guest r14                    */
	uint64_t gr15;             /* 0x0a8 guest r15                    */
	uint8_t  pad_0b0[0xc0 - 0xb0]; /* 0x0b0                          */
	uint8_t  ip[52];           /* 0x0c0 interruption parameters      */
	uint8_t  pad_0f4[0x100 - 0xf4]; /* 0x0f4                         */
	uint64_t cr[16];           /* 0x100 guest control registers      */
	uint8_t  pad_180[0x200 - 0x180]; /* 0x180                        */
} __attribute__((aligned(512)));

_Static_assert(__builtin_offsetof(struct sie_block, cputimer) == 0x28, "cpt");
_Static_assert(__builtin_offsetof(struct sie_block, ic) == 0x48, "ic");
_Static_assert(__builtin_offsetof(struct sie_block, icptcode) == 0x50, "c");
_Static_assert(__builtin_offsetof(struct sie_block, ipa) == 0x56, "ipa");
_Static_assert(__builtin_offsetof(struct sie_block, mso) == 0x80, "mso");
_Static_assert(__builtin_offsetof(struct sie_block, psw_mask) == 0x90, "psw");
_Static_assert(__builtin_offsetof(struct sie_block, ip) == 0xc0, "ip");
_Static_assert(__builtin_offsetof(struct sie_block, cr) == 0x100, "cr");
_Static_assert(sizeof(struct sie_block) == 512, "sie_block size");

/* Interception codes (icptcode). */
#define ICPT_NONE        0  /* zcmm's own: a host interruption ended SIE */
#define ICPT_INST        4  /* instruction                          */
#define ICPT_PROGI       8  /* program interruption                 */
#define ICPT_INSTPROGI  12  /* instruction and program interruption */
#define ICPT_EXTREQ     16  /* external request                     */
#define ICPT_EXTINT     20  /* external interruption                */
#define ICPT_IOREQ      24  /* I/O request                          */
#define ICPT_WAIT       28  /* wait state                           */
#define ICPT_VALIDITY   32  /* validity                             */
#define ICPT_STOP       40  /* stop request                         */
#define ICPT_OPEREXC    44  /* operation exception                  */
#define ICPT_CODES      64  /* counters are kept per code / 4      */

#define SIE_MX_ZARCH    0x08
#define SIE_IC0_OPEREX  0x80 /* intercept operation exceptions      */
#define SIE_IC0_STFL    0x10 /* intercept STFL and STFLE: the guest */
			     /* sees zcmm's list (facility.c)       */
#define SIE_EC2_PROTEX  0x20 /* the guest's own protection exceptions */
			     /* go to it, not to the host (code 8)  */
#define SIE_EC0_EXTA    0x80 /* external-interruption assist: the   */
			     /* machine delivers the guest's timer  */
			     /* interruptions into its lowcore      */
#define SIE_IC2_ISKE    0x40 /* intercept ISKE, SSKE, RRBE: the     */
#define SIE_IC2_SSKE    0x20 /* guest's storage keys are not the    */
#define SIE_IC2_RRBE    0x10 /* host frames' keys                   */

/* Why sie_enter() returned without an interception code. */
enum sie_exit_reason {
	SIE_EXIT_INTERCEPT,    /* icptcode says                          */
	SIE_EXIT_INTERRUPT,    /* a host interruption (timer, I/O)       */
	SIE_EXIT_HOST_FAULT,   /* guest storage not mapped in host DAT   */
};

/* Run the guest until an interception or a host interruption. gprs holds
 * guest r0-r13 (r14 and r15 live in the state descriptor). */
void sie_enter(struct sie_block *sd, uint64_t *gprs);

/* Set up by sie.c: a host interruption that arrives on the SIE
 * instruction ends the SIE session instead of re-entering it. */
extern volatile enum sie_exit_reason sie_exit_reason;
extern volatile uint64_t sie_fault_addr;
extern volatile uint16_t sie_fault_code;
void sie_init(void);
void sie_interrupted(volatile struct psw *old);

#endif
