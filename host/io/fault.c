/* fault.c - fault injection for tests (zcmm run --test-io-errors
 * N[@DEVNUM][+SKIP]): after SKIP starts, every Nth read or write started
 * on a volume (or on the one named) goes to the device with its LOCATE outside its DEFINE EXTENT,
 * which the device rejects with unit check and command-reject sense. So
 * the whole error path (SENSE, retry, the caller's error handling, a
 * volume taken offline) runs on the real device, not on a simulation. */
#include "host/boot.h"
#include "host/io/fba.h"

int io_fault_due(struct io_dev *d)
{
	uint32_t every = boot->fault_io & 0xffffff;
	uint16_t devnum = (uint16_t)(boot->fault_io >> 24);
	uint64_t skip = boot->fault_io >> 40;

	if (!every || (devnum && devnum != d->devnum) ||
	    d->fault_starts++ < skip || ++d->fault_count < every)
		return 0;
	d->fault_count = 0;
	io_stats.injected++;
	return 1;
}
