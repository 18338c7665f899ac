/* memlayout.h - where everything lives in the emulated machine's storage.
 * The host runs with DAT off (real = absolute, prefix 0); guest storage
 * is host virtual storage in a separate address space (see gmap.c).
 *
 *   0x00000000 +---------------------------+
 *              | lowcore (prefix 0), 8 KiB | new/old PSWs, save areas
 *   0x00002000 +---------------------------+
 *              | (unused)                  |
 *   0x00010000 +---------------------------+  HOST_IMAGE_ADDR
 *              | host image: text, data,   |  IPL'd from zcmm-host.bin
 *              | bss, stacks               |
 *   0x00400000 +---------------------------+  ZCMM_BOOT_ADDR
 *              | boot block + guest table  |  written by the CLI
 *   0x00500000 +---------------------------+  ZCMM_IMAGES_ADDR
 *              | guest ELF images, raw     |  loaded by the CLI
 *   images_end +---------------------------+  (rounded up to 1 MiB)
 *              | frame table: 16 bytes per |  FRAME_DESC_BYTES (frame.h):
 *              | pool frame                |  0.4% of storage
 *   frame_first+---------------------------+
 *              | frame pool: DAT tables,   |  frame.c hands these out
 *              | state descriptors, guest  |
 *              | page frames               |
 *   storage    +---------------------------+  MAINSIZE
 *
 * Guest space (host virtual, translated by the ASCE in CR1 under SIE):
 *   guest g's absolute 0 = host virtual GUEST_SPACE_BASE + g's offset,
 *   each guest on its own 1 MiB-aligned slot (SIE's MSO/MSE).
 */
#ifndef ZCMM_MEMLAYOUT_H
#define ZCMM_MEMLAYOUT_H

#include "zcmm/boot.h"

#define LOWCORE_SIZE     0x2000UL
#define HOST_IMAGE_ADDR  0x10000UL
#define HOST_IMAGE_END   ZCMM_BOOT_ADDR
#define PAGE_SIZE        4096UL
#define PAGE_SHIFT       12
#define SEGMENT_SIZE     0x100000UL  /* 1 MiB: one page table's reach   */
#define GUEST_SPACE_BASE 0x100000000UL  /* 4 GiB: above all real storage */
/* The frame table's cost: one struct frame_desc per pool frame (16 bytes
 * per 4 KiB, 0.4%), plus a 16-byte rmap entry per extra mapping of a
 * shared frame. Counted in the host's overhead (host_frames). */
#define FRAME_DESC_BYTES 16UL

#endif
