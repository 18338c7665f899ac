/* hcall.h - every zcmm hypercall the guest kernel makes (DIAG, RS format,
 * operands in R1 and R3; see docs/guest-abi.md), and the exit statuses the
 * kernel reports through the exit hypercall. */
#ifndef GUEST_HCALL_H
#define GUEST_HCALL_H

#include <stdint.h>

#define HC_YIELD     0x0044
#define HC_RELEASE   0x0010
#define HC_CONSOLE   0x0400
#define HC_EXIT      0x0404
#define HC_PARAMS    0x0408
#define HC_WORK      0x040c
#define HC_BLOCKIO   0x0410 /* guest/vdisk.c */

#define HC_CONSOLE_MAX 200 /* bytes per console line */

/* Exit statuses of the zcmm guest kernel (0: every pattern verified). */
enum guest_status {
	GS_OK = 0,
	GS_PATTERN = 1,  /* a page did not hold what the guest wrote     */
	GS_TRAP = 2,     /* an unexpected interruption                   */
	GS_ALLOC = 3,    /* allocator misuse, leak or storage exhausted  */
	GS_PARAMS = 4,   /* bad parameter block or unknown workload      */
	GS_NESTED = 5,   /* a program check inside the program-check handler */
	GS_DISK = 6,     /* a disk request failed that must not fail     */
	GS_TEST = 7,     /* disktest: a check of the interface failed    */
};

#define HCALL(code, r1, r3)                                               \
	asm volatile("diag %0,%1," #code                                   \
		     : "+d"(r1), "+d"(r3) : : "memory", "cc")

static inline void hc_yield(void)
{
	uint64_t r1 = 0, r3 = 0;

	HCALL(0x0044, r1, r3);
}

/* Pages first..last (inclusive, page addresses) become zero. */
static inline void hc_release(uint64_t first, uint64_t last)
{
	HCALL(0x0010, first, last);
}

/* One console line of 1-200 ASCII bytes. */
static inline void hc_console(const char *text, uint64_t len)
{
	uint64_t r1 = (uint64_t)text;

	HCALL(0x0400, r1, len);
}

/* Copies up to len bytes of the parameter block to buf (8-aligned);
 * returns the block's full length. */
static inline uint64_t hc_read_params(void *buf, uint64_t len)
{
	uint64_t r1 = (uint64_t)buf;

	HCALL(0x0408, r1, len);
	return len;
}

static inline void hc_report_work(uint64_t units)
{
	uint64_t r3 = 0;

	HCALL(0x040c, units, r3);
}

/* Stops the guest; falls back on a disabled wait (status 0x100+low byte
 * of its address) if the host ever returns. */
static inline __attribute__((noreturn)) void hc_exit(uint64_t status)
{
	static struct {
		uint64_t mask, addr;
	} __attribute__((aligned(8))) dead = { 0x0002000180000000ULL, 0 };
	uint64_t r3 = 0, r1 = status;

	HCALL(0x0404, r1, r3);
	dead.addr = status & 0xff;
	for (;;)
		asm volatile("lpswe %0" : : "Q"(dead) : "memory");
}

#endif
