/* pgm.h - layer 0: program interruption codes, and the host's own two
 * that say why a page could not be served, for every layer to return. */
#ifndef ZCMM_PGM_H
#define ZCMM_PGM_H

/* Program interruption codes (Principles of Operation, ch. 6). */
#define PGM_OPERATION     0x0001
#define PGM_PRIVILEGED    0x0002
#define PGM_PROTECTION    0x0004
#define PGM_ADDRESSING    0x0005
#define PGM_SPECIFICATION 0x0006
#define PGM_DISCARD_FAULT 0x001a /* zcmm: a discarded volatile page   */
#define PGM_NO_FRAME      0xffff /* not architected: the host is out of
				    storage for this guest; it stops it */
#define PGM_BLOCKED       0xfffe /* not architected: the guest now waits
				    for host I/O; retry when it runs    */

#endif
