/* diag.c - DIAGNOSE, the guest's hypercall (docs/guest-abi.md): decode
 * the RS-format operands, then dispatch by code. Each hcall_* returns 0
 * or the program interruption code a real machine would present. */
#include "host/balloon/balloon.h"
#include "host/console.h"
#include "host/frame.h"
#include "host/gmap.h"
#include "host/intercept.h"
#include "host/lowcore.h"
#include "host/memlayout.h"
#include "host/fault.h"
#include "host/page.h"
#include "host/param.h"
#include "host/vdisk/vdisk.h"

#define CONSOLE_WRITE_MAX 200
_Static_assert(CONSOLE_WRITE_MAX + 16 + 3 <= CONSOLE_LINE_MAX,
	       "a guest's console write and its tag fit in one host line");

struct diag_operands {
	int r1, r3;
	uint16_t code;
};

typedef int (*hcall_t)(struct guest *g, const struct diag_operands *op);

/* 0x44: give up the rest of the time slice. */
static int hcall_yield(struct guest *g, const struct diag_operands *op)
{
	g->yielded = 1;
	return 0;
}

/* 0x10: release pages R1..R3: R1 the first page's address, R3 the last
 * page's (page-aligned, as Linux's cmm and KVM have it) or its last byte
 * (zcmm's first form); the host frees their frames and they read as zero
 * again. The prefix pages (0-1 and those SPX set) are left alone,
 * as z/VM and KVM do. */
static int hcall_release(struct guest *g, const struct diag_operands *op)
{
	uint64_t first = guest_gpr(g, op->r1), last = guest_gpr(g, op->r3);
	uint64_t frames = g->st.frames;

	if ((first & 0xfff) || ((last & 0xfff) && (last & 0xfff) != 0xfff) ||
	    last < first)
		return PGM_SPECIFICATION;
	if (last >= g->mem_bytes)
		return PGM_ADDRESSING;
	for (uint64_t p = first >> PAGE_SHIFT; p <= last >> PAGE_SHIFT; p++)
		if (!guest_prefix_page(g, p))
			page_release(g, p);
	g->st.released_frames += frames - g->st.frames;
	return 0;
}

/* 0x400: one console line, R1 = text, R3 = length; always one host
 * line that starts with "[name] " (CONSOLE_LINE_MAX leaves room). */
static int hcall_console(struct guest *g, const struct diag_operands *op)
{
	char text[CONSOLE_WRITE_MAX + 1];
	uint64_t len = guest_gpr(g, op->r3);
	int pgm;

	if (len < 1 || len > CONSOLE_WRITE_MAX)
		return PGM_SPECIFICATION;
	pgm = gmem_read(g, guest_gpr(g, op->r1), text, len);
	if (pgm)
		return pgm;
	/* a NUL ends the text; other bytes outside 0x20-0x7E print as '.'
	   (guest-abi.md): a newline must not end the line and let the
	   guest start a host record */
	text[len] = '\0';
	for (uint64_t i = 0; i < len && text[i]; i++)
		if ((uint8_t)text[i] < 0x20 || (uint8_t)text[i] > 0x7e)
			text[i] = '.';
	kprintf("[%s] %s\n", g->name, text);
	return 0;
}

/* 0x404: the guest is done; R1 = exit status. */
static int hcall_exit(struct guest *g, const struct diag_operands *op)
{
	guest_stop(g, (int)(guest_gpr(g, op->r1) & 0xff), 0);
	return 0;
}

/* 0x408: copy the guest's parameter block; R3 becomes its full length. */
static int hcall_params(struct guest *g, const struct diag_operands *op)
{
	uint64_t addr = guest_gpr(g, op->r1), len = guest_gpr(g, op->r3);
	struct zcmm_guest_desc d = *g->desc;
	int pgm;

	if (addr & 7)
		return PGM_SPECIFICATION;
	d.index = g->index;
	if (len > sizeof(d))
		len = sizeof(d);
	pgm = gmem_write(g, addr, &d, len);
	if (pgm)
		return pgm;
	guest_set_gpr(g, op->r3, sizeof(d));
	return 0;
}

/* 0x40c: R1 = work units done so far; R3 out: the balloon target, in
 * runs with a balloon policy (else R3 is left alone). */
static int hcall_work(struct guest *g, const struct diag_operands *op)
{
	g->st.work = guest_gpr(g, op->r1);
	if (balloon_enabled())
		guest_set_gpr(g, op->r3, balloon_target(g));
	return 0;
}

/* 0x410: block I/O on the guest's disks (host/vdisk/blockio.c). */
static int hcall_blockio(struct guest *g, const struct diag_operands *op)
{
	return vdisk_hcall(g, op->r1, op->r3);
}

/* 0x4f4: no operation; what a hypercall costs, measured. */
static int hcall_nop(struct guest *g, const struct diag_operands *op)
{
	return 0;
}

/* 0x418: the guest's balloon report (host/balloon/hcall.c). */
static int hcall_balloon_report(struct guest *g, const struct diag_operands *op)
{
	return hcall_balloon(g, op->r1, op->r3);
}

/* 0x4f0: test hooks (host/testhook.c). */
static int hcall_testhook(struct guest *g, const struct diag_operands *op)
{
	return hcall_test(g, op->r1, op->r3);
}

static const struct {
	uint16_t code;
	hcall_t fn;
} hcalls[] = {
	{ 0x0010, hcall_release },
	{ 0x0044, hcall_yield },
	{ 0x009c, hcall_yield },  /* directed yield: one CPU, so a yield */
	{ 0x0400, hcall_console },
	{ 0x0404, hcall_exit },
	{ 0x0408, hcall_params },
	{ 0x040c, hcall_work },
	{ 0x0410, hcall_blockio },
	{ 0x0418, hcall_balloon_report },
	{ 0x04f0, hcall_testhook },
	{ 0x04f4, hcall_nop },
};

/* DIAGNOSE (opcode 0x83, RS format): privileged; the code is the
 * second-operand address D2(B2), bits 48-63. */
int handle_diag(struct guest *g)
{
	struct diag_operands op;
	int b2 = g->sd.ipb >> 28;
	uint64_t d2 = (g->sd.ipb >> 16) & 0xfff;

	if (g->sd.psw_mask & PSW_PROBLEM)
		return PGM_PRIVILEGED;
	op.r1 = (g->sd.ipa >> 4) & 0xf;
	op.r3 = g->sd.ipa & 0xf;
	op.code = (uint16_t)((b2 ? guest_gpr(g, b2) : 0) + d2);
	g->st.diag++;
	for (unsigned i = 0; i < sizeof(hcalls) / sizeof(hcalls[0]); i++)
		if (hcalls[i].code == op.code)
			return hcalls[i].fn(g, &op);
	return PGM_SPECIFICATION;
}
