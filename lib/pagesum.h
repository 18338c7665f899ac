/* pagesum.h - the checksum a page carries to the paging device and back:
 * 64 bits over the page's 512 doublewords, position-dependent, so a lost,
 * swapped or torn write shows. */
#ifndef ZCMM_PAGESUM_H
#define ZCMM_PAGESUM_H

#include <stdint.h>

uint64_t pagesum(const void *page);

#endif
