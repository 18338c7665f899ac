/* t_fmt.c - the portable formatter against libc's snprintf. */
#include <stdio.h>
#include <string.h>

#include "lib/fmt.h"
#include "tests/tap.h"

#define SAME(...)                                                        \
	do {                                                             \
		char a_[128], b_[128];                                   \
		size_t na_ = fmt_snprintf(a_, sizeof(a_), __VA_ARGS__);  \
		int nb_ = snprintf(b_, sizeof(b_), __VA_ARGS__);         \
		if (!tap_ok(!strcmp(a_, b_) && na_ == (size_t)nb_,        \
			    "format %s", #__VA_ARGS__))                  \
			tap_diag("got '%s' want '%s'", a_, b_);          \
	} while (0)

int main(void)
{
	char small[6];
	size_t n;

	SAME("plain");
	SAME("%d %i %u", -42, 7, 4000000000u);
	SAME("%x %X %lx", 0xbeef, 0xbeef, 0x123456789abcdefUL);
	SAME("[%5d] [%-5d] [%05d] [%05d]", 42, 42, 42, -42);
	SAME("[%s] [%8s] [%-8s]", "abc", "abc", "abc");
	SAME("%ld %lu %zu", -9223372036854775807L - 1, 18446744073709551615UL,
	     (size_t)123);
	SAME("%c%c 100%%", 'o', 'k');
	SAME("%016lx", 0x2000UL);
	n = fmt_snprintf(small, sizeof(small), "%s", "truncated");
	tap_ok(n == 9 && !strcmp(small, "trunc"),
	       "truncates, NUL-terminates, returns the full length");
	tap_eq(fmt_snprintf(NULL, 0, "%d", 12345), 5, "len 0 only measures");
	return tap_done();
}
