/* lowcore.h - the z/Architecture lowcore fields the host uses
 * (Principles of Operation, "Assigned Storage Locations"), and the save
 * areas zcmm keeps in the part the architecture leaves to software. */
#ifndef ZCMM_LOWCORE_H
#define ZCMM_LOWCORE_H

#include <stdint.h>

struct psw {
	uint64_t mask;
	uint64_t addr;
};

struct lowcore {
	uint8_t  pad_000[0x084];       /* 0x000 (ESA/390 IPL PSW etc.)     */
	uint16_t ext_cpu_addr;         /* 0x084 external: CPU address      */
	uint16_t ext_int_code;         /* 0x086 external interruption code */
	uint8_t  pad_088[0x08c - 0x088]; /* 0x088                          */
	uint8_t  pgm_pad;              /* 0x08c                            */
	uint8_t  pgm_ilc;              /* 0x08d instruction-length code    */
	uint16_t pgm_code;             /* 0x08e program interruption code  */
	uint8_t  pad_090[0x0a8 - 0x090]; /* 0x090                          */
	uint64_t teid;                 /* 0x0a8 translation-exception id   */
	uint8_t  pad_0b0[0x0b8 - 0x0b0]; /* 0x0b0                          */
	uint32_t subchannel_id;        /* 0x0b8 I/O: subsystem-id word     */
	uint32_t io_int_parm;          /* 0x0bc I/O interruption parameter */
	uint32_t io_int_word;          /* 0x0c0 I/O interruption id word   */
	uint8_t  pad_0c4[0x120 - 0x0c4]; /* 0x0c4                          */
	struct psw restart_old;        /* 0x120                            */
	struct psw external_old;       /* 0x130                            */
	struct psw svc_old;            /* 0x140                            */
	struct psw program_old;        /* 0x150                            */
	struct psw mcheck_old;         /* 0x160                            */
	struct psw io_old;             /* 0x170                            */
	uint8_t  pad_180[0x1a0 - 0x180]; /* 0x180                          */
	struct psw restart_new;        /* 0x1a0                            */
	struct psw external_new;       /* 0x1b0                            */
	struct psw svc_new;            /* 0x1c0                            */
	struct psw program_new;        /* 0x1d0                            */
	struct psw mcheck_new;         /* 0x1e0                            */
	struct psw io_new;             /* 0x1f0                            */
	uint64_t save[6][16];          /* 0x200 GPRs at each interruption,
					  indexed by enum trap_type        */
	uint8_t  pad_500[0x2000 - 0x500]; /* 0x500                         */
};

_Static_assert(__builtin_offsetof(struct lowcore, ext_int_code) == 0x86, "ext");
_Static_assert(__builtin_offsetof(struct lowcore, pgm_code) == 0x8e, "pgm");
_Static_assert(__builtin_offsetof(struct lowcore, teid) == 0xa8, "teid");
_Static_assert(__builtin_offsetof(struct lowcore, io_int_word) == 0xc0, "io");
_Static_assert(__builtin_offsetof(struct lowcore, restart_old) == 0x120, "old");
_Static_assert(__builtin_offsetof(struct lowcore, restart_new) == 0x1a0, "new");
_Static_assert(__builtin_offsetof(struct lowcore, save) == 0x200, "save");
_Static_assert(sizeof(struct lowcore) == 0x2000, "lowcore size");

#define LC ((volatile struct lowcore *)0)

/* PSW mask bits (z/Architecture, bit 0 = MSB of the 64-bit mask). */
#define PSW_PER      0x4000000000000000UL
#define PSW_DAT      0x0400000000000000UL
#define PSW_IO       0x0200000000000000UL
#define PSW_EXT      0x0100000000000000UL
#define PSW_MCHECK   0x0004000000000000UL
#define PSW_WAIT     0x0002000000000000UL
#define PSW_PROBLEM  0x0001000000000000UL
#define PSW_EA       0x0000000100000000UL
#define PSW_BA       0x0000000080000000UL
#define PSW_64BIT    (PSW_EA | PSW_BA)

/* CR0 external-interruption subclass masks (bits 52 and 53). */
#define CR0_CLOCK_COMPARATOR 0x800UL
#define CR0_CPU_TIMER        0x400UL

#endif
