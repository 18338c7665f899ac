/* lowcore.h - the guest's lowcore (prefix 0, so guest absolute 0-8191):
 * the architected interruption fields and PSW slots the kernel uses, and
 * the register save areas its interruption stubs keep at 0x200-0x7ff. */
#ifndef GUEST_LOWCORE_H
#define GUEST_LOWCORE_H

#include <stdint.h>

struct psw {
	uint64_t mask;           /* 0x00 */
	uint64_t addr;           /* 0x08 */
} __attribute__((aligned(8)));
_Static_assert(sizeof(struct psw) == 16, "psw size");

#define PSW_MASK_EXT   0x0100000000000000ULL /* bit 7: external        */
#define PSW_MASK_WAIT  0x0002000000000000ULL /* bit 14: wait state     */
#define PSW_MASK_64    0x0000000180000000ULL /* bits 31-32: EA, BA     */

/* What an interruption stub saves before it calls C (see entry.S). */
struct trap_regs {
	uint64_t gpr[16];        /* 0x00 r0-r15 at the interruption       */
	uint64_t fpr[8];         /* 0x80 f0-f7 (call-clobbered in C)      */
	uint64_t pad[8];         /* 0xc0                                   */
};
_Static_assert(sizeof(struct trap_regs) == 0x100, "trap_regs size");

/* Save areas, one per interruption class (entry.S uses these numbers). */
#define LC_SAVE_PGM     0x200
#define LC_SAVE_EXT     0x300
#define LC_SAVE_SVC     0x400
#define LC_SAVE_MCK     0x500
#define LC_SAVE_IO      0x600
#define LC_SAVE_RST     0x700

struct lowcore {
	uint8_t  pad_0000[0x80];     /* 0x000 IPL PSW/CCWs, unused        */
	uint32_t ext_params;         /* 0x080 external-interruption parm  */
	uint16_t ext_cpu_addr;       /* 0x084                             */
	uint16_t ext_code;           /* 0x086 external-interruption code  */
	uint16_t svc_ilc;            /* 0x088                             */
	uint16_t svc_code;           /* 0x08a                             */
	uint16_t pgm_ilc;            /* 0x08c ILC in bits 13-14           */
	uint16_t pgm_code;           /* 0x08e program-interruption code   */
	uint32_t data_exc_code;      /* 0x090                             */
	uint8_t  pad_0094[0xa8 - 0x94]; /* 0x094 monitor, PER, access ids */
	uint64_t teid;               /* 0x0a8 translation-exception id    */
	uint8_t  pad_00b0[0xe8 - 0xb0]; /* 0x0b0 monitor code, I/O ids    */
	uint64_t mcck_code;          /* 0x0e8 machine-check code          */
	uint8_t  pad_00f0[0x120 - 0xf0]; /* 0x0f0                         */
	struct psw restart_old;      /* 0x120 */
	struct psw ext_old;          /* 0x130 */
	struct psw svc_old;          /* 0x140 */
	struct psw pgm_old;          /* 0x150 */
	struct psw mcck_old;         /* 0x160 */
	struct psw io_old;           /* 0x170 */
	uint8_t  pad_0180[0x1a0 - 0x180]; /* 0x180                        */
	struct psw restart_new;      /* 0x1a0 */
	struct psw ext_new;          /* 0x1b0 */
	struct psw svc_new;          /* 0x1c0 */
	struct psw pgm_new;          /* 0x1d0 */
	struct psw mcck_new;         /* 0x1e0 */
	struct psw io_new;           /* 0x1f0 */
	struct trap_regs save_pgm;   /* 0x200 LC_SAVE_PGM                 */
	struct trap_regs save_ext;   /* 0x300 LC_SAVE_EXT                 */
	struct trap_regs save_svc;   /* 0x400 LC_SAVE_SVC                 */
	struct trap_regs save_mck;   /* 0x500 LC_SAVE_MCK                 */
	struct trap_regs save_io;    /* 0x600 LC_SAVE_IO                  */
	struct trap_regs save_rst;   /* 0x700 LC_SAVE_RST                 */
};                                   /* 0x800; 0x1200-0x13ff: machine-check
				      * save areas, left to the machine   */
_Static_assert(sizeof(struct lowcore) == 0x800, "lowcore size");
_Static_assert(__builtin_offsetof(struct lowcore, teid) == 0xa8, "teid");
_Static_assert(__builtin_offsetof(struct lowcore, pgm_old) == 0x150, "pgm");
_Static_assert(__builtin_offsetof(struct lowcore, restart_new) == 0x1a0, "new");
_Static_assert(__builtin_offsetof(struct lowcore, save_pgm) == LC_SAVE_PGM,
	       "save areas");

/* The lowcore sits at address 0: reach it through an asm-hidden pointer
 * so the compiler does not treat accesses as null dereferences. */
static inline struct lowcore *lowcore(void)
{
	struct lowcore *lc;

	asm("lghi %0,0" : "=d"(lc));
	return lc;
}

#endif
