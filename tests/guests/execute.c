/* execute.c - a test guest for hypercalls and ESSA as targets of EXECUTE
 * (EX, opcode 0x44, and EXRL, 0xC6x0): they must do what they do when
 * run directly, a program interruption of the target must carry the
 * EXECUTE's ILC (4 or 6) and an old PSW past the EXECUTE (Principles of
 * Operation, "EXECUTE"), and a DIAG 0x410 that has to wait for a page-in
 * must run again from its EXECUTE. Needs --test-hooks, paging volumes and
 * guest disks (workload=disktest). */
#include "tests/guests/tguest.h"
#include "zcmm/vdisk.h"

#define LC_PGM_ILC   (*(volatile uint8_t *)0x8d)
#define LC_PGM_OLD   (*(volatile uint64_t *)0x158)

static struct vdisk_biopl pl __attribute__((aligned(8)));
static struct vdisk_bioe ent __attribute__((aligned(16)));

/* EX or EXRL of "diag %r2,%r3,code": n counts the returns right after the
 * EXECUTE, *after gets its end address. Returns the interruption code. */
#define EXEC_DIAG(ex, code, r2, r3, n, after) ({                          \
	register uint64_t r2_ asm("2") = (r2);                            \
	register uint64_t r3_ asm("3") = (r3);                            \
	LC_PGM_CODE = 0;                                                  \
	asm volatile("	larl	%%r1,1f\n"                                \
		     "	stg	%%r1,0x318\n"                             \
		     "	larl	%%r1,2f\n"                                \
		     "	stg	%%r1,%[a]\n"                              \
		     "	" ex "\n"                                         \
		     "2:	aghi	%[n],1\n"                         \
		     "	j	1f\n"                                     \
		     "0:	diag	%%r2,%%r3," #code "\n"            \
		     "1:\n"                                               \
		     : "+d"(r2_), "+d"(r3_), [n] "+d"(n), [a] "=Q"(after)   \
		     : : "r1", "r14", "memory", "cc");                           \
	r3 = r3_;                                                         \
	LC_PGM_CODE; })

#define ESSA_EXEC(ex, op, addr) ({                                        \
	register uint64_t r4_ asm("4") = 0xff;                            \
	register uint64_t r5_ asm("5") = (addr);                          \
	LC_PGM_CODE = 0;                                                  \
	asm volatile("	larl	%%r1,1f\n"                                \
		     "	stg	%%r1,0x318\n"                             \
		     "	" ex "\n"                                         \
		     "	j	1f\n"                                     \
		     "0:	.insn rrf,0xb9ab0000,%%r4,%%r5," #op ",0\n"  \
		     "1:\n"                                               \
		     : "+d"(r4_) : "d"(r5_) : "r1", "r14", "memory", "cc");      \
	(uint8_t)r4_; })

static void diag_cases(void)
{
	uint64_t n = 0, after = 0, r3 = 0;
	int code;

	code = EXEC_DIAG("larl	%%r14,0f\n	ex	%%r0,0(%%r14)", 0x4f4, 0, r3, n, after);
	check(code == 0 && n == 1, "EX of DIAG 0x4F4 runs once and goes on after the EX",
	      code << 8 | n, 1);
	n = 0;
	code = EXEC_DIAG("exrl	%%r0,0f", 0x4f4, 0, r3, n, after);
	check(code == 0 && n == 1, "EXRL of DIAG 0x4F4 runs once and goes on after the EXRL",
	      code << 8 | n, 1);
	n = 0;
	r3 = 1;
	code = EXEC_DIAG("exrl	%%r0,0f", 0x40c, 7, r3, n, after);
	check(code == 0 && n == 1, "EXRL of DIAG 0x40C (work) goes on", code, 0);

	n = 0;
	code = EXEC_DIAG("larl	%%r14,0f\n	ex	%%r0,0(%%r14)", 0x4fc, 0, r3, n, after);
	check(code == 6, "EX of an unknown DIAG code: specification", code, 6);
	check(LC_PGM_ILC == 4, "  with the EX's ILC 4", LC_PGM_ILC, 4);
	check(LC_PGM_OLD == after, "  old PSW past the EX", LC_PGM_OLD, after);
	code = EXEC_DIAG("exrl	%%r0,0f", 0x4fc, 0, r3, n, after);
	check(code == 6, "EXRL of an unknown DIAG code: specification", code, 6);
	check(LC_PGM_ILC == 6, "  with the EXRL's ILC 6", LC_PGM_ILC, 6);
	check(LC_PGM_OLD == after, "  old PSW past the EXRL", LC_PGM_OLD, after);
	check(n == 0, "  the instruction after it was not run", n, 0);
}

static void essa_cases(void)
{
	uint64_t a = 0x60000;
	uint8_t st;

	*(volatile uint8_t *)a = 1;         /* resident, stable: Sr */
	st = ESSA_EXEC("larl	%%r14,0f\n	ex	%%r0,0(%%r14)", 0, a);
	check(LC_PGM_CODE == 0 && st == 0x00, "EX of ESSA extract: Sr",
	      LC_PGM_CODE << 8 | st, 0);
	st = ESSA_EXEC("exrl	%%r0,0f", 2, a);   /* set unused */
	check(LC_PGM_CODE == 0 && st == 0x00, "EXRL of ESSA set-unused: was Sr",
	      LC_PGM_CODE << 8 | st, 0);
	st = ESSA_EXEC("exrl	%%r0,0f", 0, a);
	check(LC_PGM_CODE == 0 && st == 0x04, "EXRL of ESSA extract: now Ur",
	      LC_PGM_CODE << 8 | st, 4);
	st = ESSA_EXEC("larl	%%r14,0f\n	ex	%%r0,0(%%r14)", 1, a);   /* stable again */
	st = ESSA_EXEC("larl	%%r14,0f\n	ex	%%r0,0(%%r14)", 0, 0x7fffffffff000UL);
	check(LC_PGM_CODE == 5, "EX of ESSA beyond storage: addressing",
	      LC_PGM_CODE, 5);
	check(LC_PGM_ILC == 4, "  with the EX's ILC 4", LC_PGM_ILC, 4);
}

/* A DIAG 0x410 read into a page the host paged out: the call waits for
 * the page-in and runs again, from its EXRL. */
static void blockio_case(void)
{
	uint64_t buf = 0x70000, n = 0, after = 0, r3;
	int code;

	for (uint64_t i = 0; i < PAGE; i += 8)
		*(volatile uint64_t *)(buf + i) = 0x5a5a5a5a5a5a5a5aUL;
	r3 = DIAG(0x4f0, buf, 2);   /* page it out now */
	check(r3 == 0, "the buffer page was paged out", r3, 0);
	ent = (struct vdisk_bioe){ .type = VDISK_READ, .block = 3, .buf = buf };
	pl = (struct vdisk_biopl){ .disk = VDISK_PRIVATE, .count = 1,
				   .list = (uint64_t)&ent };
	r3 = VDISK_FN_IO;
	code = EXEC_DIAG("exrl	%%r0,0f", 0x410, (uint64_t)&pl, r3, n, after);
	check(code == 0 && n == 1, "EXRL of DIAG 0x410 into a paged-out page: done once",
	      code << 8 | n, 1);
	check(r3 == VDISK_RC_OK && pl.done == 1, "  its read completed", r3, 0);
	check(*(volatile uint64_t *)buf == 0, "  the private area's zeros arrived",
	      *(volatile uint64_t *)buf, 0);
}

void guest_main(uint64_t mem)
{
	tguest_init();
	diag_cases();
	essa_cases();
	blockio_case();
	tguest_exit();
}
