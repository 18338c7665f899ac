/* extint.c - presenting host-made external interruptions (extint.h) as
 * the machine does (PoP ch. 6, "External Interruption"): interruption
 * code at 0x86, CPU address at 0x84, parameter at 0x80, old PSW at
 * 0x130, new PSW from 0x1b0, all in the guest's prefix area. Each is
 * taken only while PSW bit 7 and its CR0 subclass bit are on. */
#include "host/extint.h"
#include "host/gaccess.h"
#include "host/lowcore.h"
#include "host/sie.h"

#define SIE_V_EXT 0x01 /* leave SIE when the guest enables external */

static const struct {
	unsigned bit;
	uint16_t code;
	uint64_t cr0;      /* subclass mask in CR0 */
} ext_kinds[] = {
	{ EXTP_EMERGENCY, EXT_EMERGENCY, 0x4000 }, /* CR0 bit 49 */
	{ EXTP_EXTCALL,   EXT_EXTCALL,   0x2000 }, /* CR0 bit 50 */
	{ EXTP_SERVICE,   EXT_SERVICE,   0x0200 }, /* CR0 bit 54 */
};
#define NKINDS (sizeof(ext_kinds) / sizeof(ext_kinds[0]))

void extint_raise(struct guest *g, unsigned bit, uint32_t parm)
{
	g->ext_pending |= bit;
	if (bit == EXTP_SERVICE)
		g->ext_service_parm = parm;
}

/* The first pending kind whose subclass is on, or -1. */
static int subclass_on(const struct guest *g)
{
	for (unsigned i = 0; i < NKINDS; i++)
		if ((g->ext_pending & ext_kinds[i].bit) &&
		    (g->sd.cr[0] & ext_kinds[i].cr0))
			return (int)i;
	return -1;
}

int extint_deliverable(const struct guest *g)
{
	return (g->sd.psw_mask & PSW_EXT) && subclass_on(g) >= 0;
}

static void present(struct guest *g, unsigned k)
{
	uint16_t code = ext_kinds[k].code, cpu = 0;
	uint32_t parm = g->ext_service_parm;
	struct psw old = { g->sd.psw_mask, g->sd.psw_addr }, new;

	g->ext_pending &= ~ext_kinds[k].bit;
	g->st.ext_injected++;
	if (code == EXT_SERVICE)
		greal_write(g, 0x80, &parm, sizeof(parm));
	greal_write(g, 0x84, &cpu, sizeof(cpu)); /* the sender: itself */
	greal_write(g, 0x86, &code, sizeof(code));
	greal_write(g, 0x130, &old, sizeof(old));
	greal_read(g, 0x1b0, &new, sizeof(new));
	g->sd.psw_mask = new.mask;
	g->sd.psw_addr = new.addr;
}

void extint_deliver(struct guest *g)
{
	int k;

	if (!g->ext_pending) {
		g->sd.v &= ~SIE_V_EXT;
		return;
	}
	k = subclass_on(g);
	if (k >= 0 && (g->sd.psw_mask & PSW_EXT)) {
		present(g, (unsigned)k);
		k = subclass_on(g);
	}
	/* Hercules's check looks only at the PSW mask, not at CR0: arm it
	   only while a subclass is on, or the guest would bounce on code
	   16 exits while it keeps that subclass off */
	if (k >= 0)
		g->sd.v |= SIE_V_EXT;
	else
		g->sd.v &= ~SIE_V_EXT;
}

int handle_external_request(struct guest *g)
{
	return 0;
}
