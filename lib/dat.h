/* dat.h - z/Architecture dynamic address translation of a guest's logical
 * address through its own tables (Principles of Operation, ch. 3,
 * "Translation Process"): region-first to page table, EDAT-1 segment and
 * EDAT-2 region-third frames. Portable: tables are read through a
 * callback, so the host walks guest storage and the unit tests an array. */
#ifndef ZCMM_DAT_H
#define ZCMM_DAT_H

#include <stdint.h>

/* Program interruption codes the translation can end in. */
#define DAT_PGM_PROTECTION  0x04
#define DAT_PGM_ADDRESSING  0x05
#define DAT_PGM_SEGMENT     0x10
#define DAT_PGM_PAGE        0x11
#define DAT_PGM_TRANS_SPEC  0x12
#define DAT_PGM_ASCE_TYPE   0x38
#define DAT_PGM_REGION1     0x39
#define DAT_PGM_REGION2     0x3a
#define DAT_PGM_REGION3     0x3b

struct dat_walk {
	uint64_t asce;      /* the address-space-control element         */
	int edat1;          /* CR0 bit 40: segment frames (FC) allowed   */
	int edat2;          /* region-third frames allowed               */
	/* Read the 8-byte entry at guest absolute address abs; 0, or -1
	   when abs is outside the guest's storage (an addressing exception) */
	int (*fetch)(void *ctx, uint64_t abs, uint64_t *entry);
	void *ctx;
};

struct dat_result {
	uint64_t real;      /* the real address (prefixing still to come) */
	int prot;           /* a DAT-protection bit on the path was set   */
	uint64_t teid;      /* on an exception: the TEID to present       */
};

/* Translate vaddr. 0, else the program interruption code (with
 * res->teid set for the translation exceptions). A write to a protected
 * page is left to the caller (res->prot), which knows the access. */
int dat_translate(const struct dat_walk *w, uint64_t vaddr,
		  struct dat_result *res);

#endif
