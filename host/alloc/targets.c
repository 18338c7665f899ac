/* targets.c - the balloon's targets by shares when the host is short:
 * when the room the host has for its guests is less than their needs
 * (estimates plus slack), each guest is allowed what share-based
 * allocation with the idle tax gives it (lib/share_math.c's share_alloc:
 * equal rho, between its reserve and its limit), not the same fraction
 * of its need as everybody. With room to spare, needs are met first and
 * nobody's shares are at stake (host/balloon/policy.c). */
#include "host/alloc/alloc.h"
#include "host/boot.h"
#include "host/guest.h"
#include "lib/share_math.h"

static struct share_acct acct[ZCMM_MAX_GUESTS];
static uint64_t allow[ZCMM_MAX_GUESTS];

const uint64_t *alloc_balloon_allow(struct guest **guests, unsigned n,
				    uint64_t room, uint64_t (*need)(struct guest *))
{
	for (unsigned i = 0; i < n; i++)
		alloc_acct(&acct[i], guests[i], need(guests[i]));
	share_alloc(acct, n, (unsigned)boot_mem_header()->idle_tax_pct, room,
		    allow);
	return allow;
}
