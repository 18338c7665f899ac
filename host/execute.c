/* execute.c - interceptions of the target of an EXECUTE (EX, opcode 0x44;
 * EXRL, 0xC6x0). Principles of Operation, "EXECUTE": an interruption of
 * the target gives the EXECUTE's ILC (4 or 6) and the PSW is past the
 * EXECUTE, so backing the PSW up must go onto the EXECUTE. Hercules 3.13
 * flags a target (interception status bit 7) but not which EXECUTE ran
 * it, and for an operation exception of an EXRL target stores neither
 * flag nor instruction: both are read back from the guest's storage. */
#include "host/gaccess.h"
#include "host/intercept.h"
#include "host/lowcore.h"

#define ICPT_STATUS_EX 0x01  /* interception status: target of EXECUTE */

/* Instructions are fetched at logical addresses (the guest's DAT). */
static int fetch(struct guest *g, uint64_t addr, void *buf, uint64_t len)
{
	uint64_t teid;

	return glog_read(g, addr, buf, len, &teid);
}

static uint64_t amode_mask(struct guest *g)
{
	if (g->sd.psw_mask & PSW_EA)
		return ~0UL;
	return g->sd.psw_mask & PSW_BA ? 0x7fffffffUL : 0xffffffUL;
}

/* The EXECUTE that ends where the guest PSW points: its length (0 if
 * none), its target's address and its R1 field. */
static int execute_before(struct guest *g, uint64_t *target, int *r1)
{
	uint64_t ia = g->sd.psw_addr, m = amode_mask(g);
	uint8_t b[6];

	if (ia >= 6 && !fetch(g, ia - 6, b, 6) && b[0] == 0xc6 &&
	    !(b[1] & 0x0f)) {  /* EXRL R1,I2: RIL, I2 in halfwords */
		int32_t i2 = (int32_t)((uint32_t)b[2] << 24 | b[3] << 16 |
				       b[4] << 8 | b[5]);

		*target = (ia - 6 + 2 * (int64_t)i2) & m;
		*r1 = b[1] >> 4;
		return 6;
	}
	if (ia >= 4 && !fetch(g, ia - 4, b, 4) && b[0] == 0x44) {
		int x2 = b[1] & 0xf, b2 = b[2] >> 4;  /* EX R1,D2(X2,B2) */

		*target = ((x2 ? guest_gpr(g, x2) : 0) +
			   (b2 ? guest_gpr(g, b2) : 0) +
			   ((b[2] & 0xf) << 8 | b[3])) & m;
		*r1 = b[1] >> 4;
		return 4;
	}
	return 0;
}

int icpt_execute(struct guest *g)
{
	int own = insn_length(g->sd.ipa >> 8), ilen, r1;
	uint64_t target;
	uint8_t t[6];

	if (g->sd.icptcode != ICPT_INST && g->sd.icptcode != ICPT_OPEREXC)
		return own;
	if (g->sd.icptstatus & ICPT_STATUS_EX) {
		/* machines store the EXECUTE's ILC in bits 1-2; Hercules 0 */
		ilen = (g->sd.icptstatus >> 4) & 6;
		if (!ilen)
			ilen = execute_before(g, &target, &r1);
		return ilen ? ilen : 4;
	}
	/* Hercules: an EXRL target's operation exception comes with no
	   instruction; fetch the target and apply R1 as EXECUTE does */
	if (g->sd.icptcode != ICPT_OPEREXC || g->sd.ipa || g->sd.ipb ||
	    !(ilen = execute_before(g, &target, &r1)) ||
	    fetch(g, target, t, 2) ||
	    fetch(g, target, t, insn_length(t[0])))
		return own;
	if (r1)
		t[1] |= (uint8_t)guest_gpr(g, r1);
	g->sd.ipa = (uint16_t)(t[0] << 8 | t[1]);
	g->sd.ipb = insn_length(t[0]) > 2
		? (uint32_t)t[2] << 24 | (uint32_t)t[3] << 16 |
		  (insn_length(t[0]) > 4 ? t[4] << 8 | t[5] : 0)
		: 0;
	return ilen;
}
