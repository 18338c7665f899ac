/* elfcheck.h - is a file a guest image the host can load: a big-endian
 * ELF64 s390x (EM_S390) executable? Checks the ELF header only. */
#ifndef ZCMM_TOOLS_ELFCHECK_H
#define ZCMM_TOOLS_ELFCHECK_H

#include <stddef.h>
#include <stdint.h>

/* Checks the first bytes of a file (len of them). 0, or -1 with the reason
 * in err ("not an ELF file", ...). */
int elf_check_header(const uint8_t *h, size_t len, char *err);
/* Reads path and checks it; err gets "PATH: reason". */
int elf_check_file(const char *path, char *err);

#endif
