/* fault.h - layer 4: fault resolution. What a touch of a guest page
 * means (first touch, page-in, discard fault, addressing) and making the
 * page resident for the guest or for the host's own access. */
#ifndef ZCMM_FAULT_H
#define ZCMM_FAULT_H

#include <stdint.h>

#include "host/guest.h"

/* The frame that holds page p, giving it one if its state allows (a
 * zeroed frame, or its preserved copy read back); else 0, with *pgm the
 * program interruption the access means (discard fault, addressing), or
 * PGM_NO_FRAME. The host's own accesses: this waits for any I/O. */
uint64_t page_frame(struct guest *g, uint64_t p, int *pgm);
/* The same for a guest's own touch (a host fault in SIE): instead of
 * waiting, the guest is blocked (*pgm = PGM_BLOCKED) and retries later. */
uint64_t page_fault_in(struct guest *g, uint64_t p, int *pgm);
/* Why a guest's access got PGM_NO_FRAME, for its stop reason: "paging
 * space exhausted" when every slot is taken or a page-out found none
 * free, else "out of host storage". */
const char *fault_no_frame_reason(void);
/* DIAG 0x10: the page is given back and reads as zero again. */
void page_release(struct guest *g, uint64_t p);
/* Unmap every page and forget every paging slot (the guest is being torn
 * down; no I/O for it is under way). */
void page_teardown(struct guest *g);

#endif
