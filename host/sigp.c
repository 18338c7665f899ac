/* sigp.c - SIGNAL PROCESSOR (SIGP, AE), PoP ch. 4 "Signal-Processor
 * Orders", for a guest with one CPU, address 0: orders to any other
 * address are "not operational" (cc 3). To itself: sense and sense
 * running status say it runs, external call and emergency signal make
 * the interruption pending (extint.c), stop and stop-and-store-status
 * end the guest with status 0 (the way Linux powers off), set
 * architecture is refused as the machine underneath refuses it. */
#include "host/extint.h"
#include "host/intercept.h"
#include "host/lowcore.h"

#define SIGP_SENSE            0x01
#define SIGP_EXTERNAL_CALL    0x02
#define SIGP_EMERGENCY        0x03
#define SIGP_START            0x04
#define SIGP_STOP             0x05
#define SIGP_STOP_STORE       0x09
#define SIGP_SET_ARCH         0x12
#define SIGP_SENSE_RUNNING    0x15

#define STATUS_INVALID_ORDER  0x00000002U
#define STATUS_INVALID_PARM   0x00000100U

/* cc 1: the status goes to bits 32-63 of R1, bits 0-31 unchanged */
static int status(struct guest *g, int r1, uint32_t st)
{
	guest_set_gpr(g, r1, (guest_gpr(g, r1) & ~0xffffffffUL) | st);
	guest_set_cc(g, 1);
	return 0;
}

/* RS format: R1 parameter/status, R3 CPU address (bits 48-63), the
 * order code is bits 56-63 of the second-operand address. */
int handle_sigp(struct guest *g)
{
	int r1 = (g->sd.ipa >> 4) & 0xf, r3 = g->sd.ipa & 0xf;
	int b2 = g->sd.ipb >> 28;
	uint64_t d2 = (g->sd.ipb >> 16) & 0xfff;
	unsigned order = (unsigned)(((b2 ? guest_gpr(g, b2) : 0) + d2) & 0xff);
	uint16_t cpu = (uint16_t)guest_gpr(g, r3);

	if (g->sd.psw_mask & PSW_PROBLEM)
		return PGM_PRIVILEGED;
	g->st.sigp++;
	if (cpu != 0) {
		guest_set_cc(g, 3);
		return 0;
	}
	switch (order) {
	case SIGP_SENSE:
	case SIGP_SENSE_RUNNING:
	case SIGP_START:
		guest_set_cc(g, 0);
		return 0;
	case SIGP_EXTERNAL_CALL:
		extint_raise(g, EXTP_EXTCALL, 0);
		guest_set_cc(g, 0);
		return 0;
	case SIGP_EMERGENCY:
		extint_raise(g, EXTP_EMERGENCY, 0);
		guest_set_cc(g, 0);
		return 0;
	case SIGP_STOP:
	case SIGP_STOP_STORE:
		guest_set_cc(g, 0);
		guest_stop(g, 0, 0);
		return 0;
	case SIGP_SET_ARCH:
		return status(g, r1, STATUS_INVALID_PARM);
	default:
		return status(g, r1, STATUS_INVALID_ORDER);
	}
}
