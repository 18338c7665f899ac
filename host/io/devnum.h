/* devnum.h - who is who on the channel: the device numbers the zcmm CLI
 * gives its DASD volumes and the host recognises (docs/dasd.md). Shared
 * by host/io and tools/dasd.c; plain constants only. */
#ifndef ZCMM_IO_DEVNUM_H
#define ZCMM_IO_DEVNUM_H

#define DASD_DEVTYPE       0x9336  /* FBA, what Hercules emulates      */
#define DASD_GUEST_BASE    0x0100  /* guest base disk (shared, r/o)    */
#define DASD_PAGING_FIRST  0x0200  /* paging volumes 0x0200-0x02ff     */
#define DASD_PAGING_MAX    16
#define DASD_PRIVATE_FIRST 0x0300  /* guest private disks 0x0300-...   */

#define DASD_IS_ZCMM(d) ((d) >= DASD_GUEST_BASE && (d) < 0x0400)
#define DASD_IS_PAGING(d) ((d) >= DASD_PAGING_FIRST && \
			   (d) < DASD_PAGING_FIRST + DASD_PAGING_MAX)

#endif
