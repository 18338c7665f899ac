/* extint.h - external interruptions the host makes for a guest: the
 * service signal (an SCLP request done), external call and emergency
 * signal (a SIGP to itself). The guest's own clock comparator and CPU
 * timer are delivered by the machine (SIE_EC0_EXTA). */
#ifndef ZCMM_EXTINT_H
#define ZCMM_EXTINT_H

#include <stdint.h>

#include "host/guest.h"

/* External interruption codes (PoP ch. 6, "External Interruption"). */
#define EXT_EMERGENCY 0x1201
#define EXT_EXTCALL   0x1202
#define EXT_SERVICE   0x2401

/* Pending bits (guest.ext_pending), in priority order. */
#define EXTP_EMERGENCY 0x01
#define EXTP_EXTCALL   0x02
#define EXTP_SERVICE   0x04

/* Make an interruption pending; parm is the service signal's. */
void extint_raise(struct guest *g, unsigned bit, uint32_t parm);
/* Before each SIE entry: present the highest-priority pending
 * interruption the guest's PSW and CR0 allow; arm SIE_V_EXT so the
 * machine hands control back (code 16) when the guest enables. */
void extint_deliver(struct guest *g);
/* Is a pending interruption deliverable now (a wait ends at once)? */
int extint_deliverable(const struct guest *g);
/* Interception code 16: the guest enabled; extint_deliver does it. */
int handle_external_request(struct guest *g);

#endif
