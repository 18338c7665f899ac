/* dat.c - the translation walk of lib/dat.h. Entry formats: PoP ch. 3,
 * "Translation Table Entries" (z/Architecture). Table origins in entries
 * are absolute, the page frame from a page-table entry is real. */
#include "lib/dat.h"

#define ASCE_ORIGIN  0xfffffffffffff000UL
#define ASCE_R       0x20UL   /* bit 58: real-space designation      */
#define ASCE_DT(a)   (((a) >> 2) & 3)
#define ENTRY_TL(e)  ((e) & 3)
#define ENTRY_TT(e)  (((e) >> 2) & 3)
#define RTE_TF(e)    (((e) >> 6) & 3)
#define RTE_I        0x20UL   /* bit 58: region invalid              */
#define RTE_P        0x200UL  /* bit 54: protection (EDAT-2)         */
#define RTE_FC       0x400UL  /* bit 53: region frame (EDAT-2)       */
#define STE_PTO      0xfffffffffffff800UL
#define STE_SFAA     0xfffffffffff00000UL
#define STE_FC       0x400UL  /* bit 53: segment frame (EDAT-1)      */
#define STE_P        0x200UL  /* bit 54                              */
#define STE_I        0x20UL   /* bit 58                              */
#define PTE_PFRA     0xfffffffffffff000UL
#define PTE_I        0x400UL  /* bit 53                              */
#define PTE_P        0x200UL  /* bit 54                              */
#define PTE_ZERO     0x900UL  /* bits 52 and 55 must be zero         */
#define RTTE_RFAA    0xffffffff80000000UL

/* The TEID of a translation exception: the page address, bits 62-63
 * the address space (0 primary, 2 secondary, 3 home: the ASCE's own
 * designation is the caller's; ours says "primary or home" as 0). */
static int fail(struct dat_result *r, uint64_t vaddr, int code)
{
	r->teid = vaddr & PTE_PFRA;
	return code;
}

int dat_translate(const struct dat_walk *w, uint64_t vaddr,
		  struct dat_result *r)
{
	static const int region_excp[3] = { DAT_PGM_REGION3, DAT_PGM_REGION2,
					    DAT_PGM_REGION1 };
	uint64_t origin = w->asce & ASCE_ORIGIN, e;
	int level = (int)ASCE_DT(w->asce);   /* 3 region-first ... 0 segment */
	int tf = 0, tl = (int)ENTRY_TL(w->asce);

	r->prot = 0;
	r->teid = 0;
	if (w->asce & ASCE_R) {
		r->real = vaddr;
		return 0;
	}
	/* the address must fit the highest table the ASCE designates */
	if (level < 3 && (vaddr >> (31 + 11 * level)) != 0)
		return fail(r, vaddr, DAT_PGM_ASCE_TYPE);
	for (; level > 0; level--) {
		unsigned idx = (vaddr >> (20 + 11 * level)) & 0x7ff;

		if ((int)(idx >> 9) < tf || (int)(idx >> 9) > tl)
			return fail(r, vaddr, region_excp[level - 1]);
		if (w->fetch(w->ctx, origin + idx * 8, &e))
			return fail(r, vaddr, DAT_PGM_ADDRESSING);
		if (e & RTE_I)
			return fail(r, vaddr, region_excp[level - 1]);
		if ((int)ENTRY_TT(e) != level)
			return fail(r, vaddr, DAT_PGM_TRANS_SPEC);
		r->prot |= !!(e & RTE_P) && w->edat2;
		if (level == 1 && (e & RTE_FC) && w->edat2) {
			r->real = (e & RTTE_RFAA) | (vaddr & ~RTTE_RFAA);
			return 0;
		}
		origin = e & ASCE_ORIGIN;
		tf = (int)RTE_TF(e);
		tl = (int)ENTRY_TL(e);
	}
	/* segment table: 2048 entries, the length in units of 512 */
	{
		unsigned idx = (vaddr >> 20) & 0x7ff;

		if ((int)(idx >> 9) < tf || (int)(idx >> 9) > tl)
			return fail(r, vaddr, DAT_PGM_SEGMENT);
		if (w->fetch(w->ctx, origin + idx * 8, &e))
			return fail(r, vaddr, DAT_PGM_ADDRESSING);
		if (e & STE_I)
			return fail(r, vaddr, DAT_PGM_SEGMENT);
		if (ENTRY_TT(e) != 0)
			return fail(r, vaddr, DAT_PGM_TRANS_SPEC);
		r->prot |= !!(e & STE_P);
		if ((e & STE_FC) && w->edat1) {
			r->real = (e & STE_SFAA) | (vaddr & ~STE_SFAA);
			return 0;
		}
		origin = e & STE_PTO;
	}
	if (w->fetch(w->ctx, origin + ((vaddr >> 12) & 0xff) * 8, &e))
		return fail(r, vaddr, DAT_PGM_ADDRESSING);
	if (e & PTE_I)
		return fail(r, vaddr, DAT_PGM_PAGE);
	if (e & PTE_ZERO)
		return fail(r, vaddr, DAT_PGM_TRANS_SPEC);
	r->prot |= !!(e & PTE_P);
	r->real = (e & PTE_PFRA) | (vaddr & 0xfff);
	return 0;
}
