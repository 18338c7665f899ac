/* ebcdic.h - EBCDIC (code page 500, as Linux writes it outside z/VM) for text in the emulated firmware interfaces. */
#ifndef ZCMM_EBCDIC_H
#define ZCMM_EBCDIC_H

#include <stdint.h>

char ebcdic_to_ascii(uint8_t e);
/* len EBCDIC bytes from src: upper case, blank-padded past its end */
void ebcdic_from_ascii(uint8_t *dst, const char *src, unsigned len);

#endif
