/* fuzz.h - what the libFuzzer targets share: the entry point's prototype
 * and a NUL-terminated copy of the input (the parsers read C strings). */
#ifndef ZCMM_TESTS_FUZZ_H
#define ZCMM_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input as a C string (text ends at its first NUL, as in a file the
 * parsers would refuse); free() it. */
static inline char *fuzz_text(const uint8_t *data, size_t size)
{
	char *t = malloc(size + 1);

	if (!t)
		abort();
	memcpy(t, data, size);
	t[size] = 0;
	return t;
}

#endif
