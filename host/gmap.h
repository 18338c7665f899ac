/* gmap.h - layer 0: guest storage in host DAT: one host address space (its ASCE in
 * CR1, used only by SIE) in which each guest owns a 1 MiB-aligned slot;
 * SIE adds the slot's origin (MSO) to every guest absolute address. */
#ifndef ZCMM_GMAP_H
#define ZCMM_GMAP_H

#include <stdint.h>

#define PTE_INVALID 0x400UL   /* page-table entry bit 53            */
#define PTE_PROTECT 0x200UL   /* bit 54, DAT protection: a guest store
				 is a host protection exception (a shared
				 frame, copy-on-write: host/share/cow.c)  */
#define PTE_ORIGIN  (~0xfffUL)
/* An invalid entry's other bits are the host's own (the machine ignores
 * them): the pager keeps a page's paging slot there. */
#define PTE_SW_SLOT  0x001UL  /* bits 0-51 hold a paging slot        */
#define PTE_SW_OUT   0x002UL  /* page-out under way (slot in 0-51)   */
#define PTE_SW_IN    0x004UL  /* page-in under way (slot in 0-51)    */
#define PTE_SW_DIRTY 0x008UL  /* the change bit saved with the slot  */
#define PTE_SW_SAMPLED 0x010UL /* working-set sample: the frame is still
				 held, in the origin (host/balloon/wss.c) */
#define PTE_SLOT(pte) ((pte) >> 12)
struct guest;

void gmap_init(void);
/* Give a guest its slot and page tables (one frame per MiB), and
 * register it by index for the frame table's reverse map; 0 or -1. */
int gmap_create(struct guest *g);
/* Free the page tables (page_teardown() unmapped every page first). */
void gmap_destroy(struct guest *g);
/* The page-table entry of guest page gpage. Only page.c writes one. */
uint64_t *gmap_pte(struct guest *g, uint64_t gpage);
/* The guest an rmap entry names (its index), 0 if none. */
struct guest *gmap_guest(unsigned index);

#endif
