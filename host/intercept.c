/* intercept.c - the interception dispatcher: first on the interception
 * code, then by table on the opcode. Instructions zcmm does not offer get
 * the operation exception a machine without them would give. */
#include "host/console.h"
#include "host/extint.h"
#include "host/fault.h"
#include "host/intercept.h"
#include "host/share/share.h"
#include "host/lowcore.h"
#include "host/param.h"
#include "host/timer.h"

struct opcode_handler {
	uint16_t opcode;   /* first byte, or first two for 0xb2xx etc.  */
	icpt_handler_t fn;
};

/* Intercepted instructions (code 4) zcmm emulates. */
static const struct opcode_handler instruction_table[] = {
	{ 0x83, handle_diag },
	{ 0xb9ab, handle_essa },  /* machines that intercept it: code 4 */
	{ 0xae, handle_sigp },
	{ 0xb202, handle_stidp },
	{ 0xb210, handle_spx },
	{ 0xb211, handle_stpx },
	{ 0xb212, handle_stap },
	{ 0xb220, handle_servc },
	{ 0xb230, handle_css_none }, /* CSCH */
	{ 0xb231, handle_css_none }, /* HSCH */
	{ 0xb232, handle_css_none }, /* MSCH */
	{ 0xb233, handle_css_none }, /* SSCH */
	{ 0xb234, handle_css_none }, /* STSCH */
	{ 0xb235, handle_css_none }, /* TSCH */
	{ 0xb236, handle_tpi },
	{ 0xb237, handle_css_none }, /* SAL */
	{ 0xb238, handle_css_none }, /* RSCH */
	{ 0xb239, handle_stcrw },
	{ 0xb23b, handle_css_none }, /* RCHP */
	{ 0xb23c, handle_css_none }, /* SCHM */
	{ 0xb25f, handle_css_none }, /* CHSC */
	{ 0xb276, handle_css_none }, /* XSCH */
	{ 0xb27d, handle_stsi },
	{ 0xb2b0, handle_stfle },
	{ 0xb2b1, handle_stfl },
};

/* Operation exceptions (code 44): instructions the machine lacks. */
static const struct opcode_handler operation_table[] = {
	{ 0xb9ab, handle_essa },  /* Hercules has no ESSA: code 44       */
};

static uint16_t opcode_of(struct guest *g)
{
	uint8_t op = g->sd.ipa >> 8;

	/* two-byte opcodes: the second byte is in the ipa's low byte */
	if (op == 0xb2 || op == 0xb9 || op == 0xe5 || op == 0x01)
		return g->sd.ipa;
	return op;
}

static int dispatch(struct guest *g, const struct opcode_handler *t, int n)
{
	uint16_t op = opcode_of(g);

	for (int i = 0; i < n; i++)
		if (t[i].fn && t[i].opcode == op)
			return t[i].fn(g);
	return PGM_OPERATION;
}

static int handle_instruction(struct guest *g)
{
	return dispatch(g, instruction_table,
			sizeof(instruction_table) / sizeof(instruction_table[0]));
}

static int handle_operation_exception(struct guest *g)
{
	return dispatch(g, operation_table,
			sizeof(operation_table) / sizeof(operation_table[0]));
}

/* A wait PSW: enabled, the guest sleeps until its clock comparator or
 * CPU timer is due; disabled, it has stopped for good. A pending
 * host-made interruption it enables (extint.c) ends the wait at once.
 * Nothing else interrupts a guest (zcmm presents no I/O interruptions,
 * and the service signal is made pending when SERVC is issued), so an
 * enabled wait whose timers are
 * off or not due within WAIT_NEVER_S (a clock comparator of all ones,
 * which Hercules keeps as 0xffffffffffffff00; the reset CPU timer) can
 * never end: the guest is stopped at once, not slept on. */
static int handle_wait(struct guest *g)
{
	uint64_t now = tod_now(), never = ~0UL, due = never;
	int ext = !!(g->sd.psw_mask & PSW_EXT);

	if (extint_deliverable(g))
		return 0;       /* presented before it runs again */
	if (!(g->sd.psw_mask & (PSW_EXT | PSW_IO))) {
		guest_stop(g, GUEST_STATUS_WAIT | (g->sd.psw_addr & 0xff), 0);
		return 0;
	}
	/* how far ahead each enabled source is due (no sum can overflow) */
	if (ext && (g->sd.cr[0] & CR0_CLOCK_COMPARATOR))
		due = g->sd.clockcomp > now ? g->sd.clockcomp - now : 0;
	if (ext && (g->sd.cr[0] & CR0_CPU_TIMER)) {
		int64_t left = (int64_t)g->sd.cputimer;

		if ((uint64_t)(left < 0 ? 0 : left) < due)
			due = left < 0 ? 0 : (uint64_t)left;
	}
	if (due > WAIT_NEVER_S * 1000000UL * TOD_PER_US) {
		guest_stop(g, GUEST_STATUS_KILLED, due == never
			   ? "enabled wait with no wake-up source enabled"
			   : "enabled wait that can never end (clock comparator "
			     "or CPU timer at 'never')");
		return 0;
	}
	g->state = GUEST_WAITING;
	g->wake_tod = now + due;
	return 0;
}

static int handle_validity(struct guest *g)
{
	kprintf("guest %s: validity interception, reason 0x%04x\n", g->name,
		g->sd.ipb >> 16);
	guest_stop(g, GUEST_STATUS_KILLED, "validity interception");
	return 0;
}

static int handle_unexpected(struct guest *g)
{
	/* the SIE copy of the PSA starts 0x40 before the ip field's 0x80 */
	const uint8_t *ip = g->sd.ip;

	kprintf("guest %s: unexpected interception code %d, ipa %04x ipb %08x "
		"psw %016lx %016lx pgm code %02x%02x teid %02x%02x%02x%02x%02x%02x%02x%02x\n",
		g->name, g->sd.icptcode, g->sd.ipa, g->sd.ipb, g->sd.psw_mask,
		g->sd.psw_addr, ip[0x0e], ip[0x0f], ip[0x28], ip[0x29],
		ip[0x2a], ip[0x2b], ip[0x2c], ip[0x2d], ip[0x2e], ip[0x2f]);
	guest_stop(g, GUEST_STATUS_KILLED, "unexpected interception");
	return 0;
}

static const icpt_handler_t icpt_handlers[ICPT_CODES / 4] = {
	[ICPT_INST / 4] = handle_instruction,
	[ICPT_EXTREQ / 4] = handle_external_request,
	[ICPT_WAIT / 4] = handle_wait,
	[ICPT_VALIDITY / 4] = handle_validity,
	[ICPT_OPEREXC / 4] = handle_operation_exception,
	[ICPT_PROGI / 4] = share_protection_intercept,
};

void intercept_handle(struct guest *g)
{
	uint8_t code = g->sd.icptcode;
	icpt_handler_t fn = code < ICPT_CODES ? icpt_handlers[code / 4] : 0;
	int pgm;

	if (code < ICPT_CODES)
		g->st.icpt[code / 4]++;
	g->icpt_ilen = icpt_execute(g);
	pgm = (fn ? fn : handle_unexpected)(g);
	/* codes 4 and 44 leave the PSW past the instruction (or EXECUTE) */
	if (pgm == PGM_NO_FRAME)
		guest_stop(g, GUEST_STATUS_KILLED, fault_no_frame_reason());
	else if (pgm)
		guest_program_interrupt_insn(g, pgm);
}
