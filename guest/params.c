/* params.c - reads the parameter block (big-endian, the guest's native
 * order) and prints what this guest is and will run. */
#include "guest/params.h"
#include "guest/hcall.h"
#include "guest/console.h"
#include "guest/workload.h"

struct zcmm_guest_desc guest_desc __attribute__((aligned(8)));

void params_read(uint64_t mem_bytes, uint32_t index)
{
	struct zcmm_guest_desc *d = &guest_desc;
	uint64_t full = hc_read_params(d, sizeof(*d));
	char name[sizeof(d->name) + 1];
	unsigned i;

	for (i = 0; i < sizeof(d->name); i++)
		name[i] = d->name[i];
	name[i] = 0;
	if (full < sizeof(*d))
		printf("params: short block (%lu bytes), rest taken as 0\n",
		       (unsigned long)full);
	if (d->mem_bytes != mem_bytes || d->index != index)
		printf("params: block says %luK index %u, registers %luK "
		       "index %u: using the registers\n",
		       (unsigned long)(d->mem_bytes >> 10), d->index,
		       (unsigned long)(mem_bytes >> 10), index);
	d->mem_bytes = mem_bytes;
	d->index = index;
	printf("zcmm-guest %s index %u: %luK, workload %s, flags 0x%x, "
	       "seed 0x%lx, args %lu %lu %lu %lu %lu\n", name, index,
	       (unsigned long)(mem_bytes >> 10), workload_name(d->workload),
	       d->flags, (unsigned long)d->seed,
	       (unsigned long)d->arg[ZCMM_ARG_WS],
	       (unsigned long)d->arg[ZCMM_ARG_ITERS],
	       (unsigned long)d->arg[ZCMM_ARG_PHASES],
	       (unsigned long)d->arg[ZCMM_ARG_MS],
	       (unsigned long)d->arg[ZCMM_ARG_MIN]);
}
