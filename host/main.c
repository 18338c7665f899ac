/* main.c - the host's boot, as a table of contents. */
#include "host/boot.h"
#include "host/console.h"
#include "host/fleet.h"
#include "host/frame.h"
#include "host/gmap.h"
#include "host/pager/pager.h"
#include "host/io/fba.h"
#include "host/selftest.h"
#include "host/sie.h"
#include "host/timer.h"
#include "host/vdisk/vdisk.h"
#include "host/trap.h"
#include "zcmm/console.h"

void main(void);

static void deliberate_panic(void)
{
	/* a specification exception: LPSWE needs a doubleword operand */
	asm volatile("lpswe 1(%%r15)" : : : "memory");
}

void main(void)
{
	kprintf("zcmm host starting\n");        /* console works from here */
	boot_check();                           /* the CLI's boot block    */
	kprintf("storage %lu MiB, %u guests\n", /* what we were given      */
		boot->storage_size >> 20, boot->nguests);
	timer_init();                           /* CPU timer, clock comp.  */
	frames_init(boot->images_end,           /* free storage -> frames  */
		    boot->storage_size);
	gmap_init();                            /* guest space, ASCE in CR1 */
	sie_init();                             /* host faults during SIE  */
	io_init();                              /* channels, DASD volumes  */
	pager_init();                           /* paging volumes, slots   */
	vdisk_init();                           /* guest disks             */

	switch (boot->mode) {
	case ZCMM_MODE_SELFTEST:                /* PASS/FAIL lines         */
		power_off(selftest_run() ? ZCMM_EXIT_FAIL : ZCMM_EXIT_OK);
	case ZCMM_MODE_PANIC:                   /* the failure path        */
		kprintf("taking a deliberate program check\n");
		deliberate_panic();
		panic("the deliberate program check did not happen");
	case ZCMM_MODE_HANG:                    /* the CLI's timeout       */
		kprintf("spinning forever\n");
		for (;;)
			;
	case ZCMM_MODE_FLEET:
		power_off(fleet_run());             /* the guests, the report  */
	}
	panic("unknown boot mode %u", boot->mode);
}
