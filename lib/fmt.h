/* fmt.h - a small, freestanding formatter shared by the host, the guest
 * kernel and the native tests: %d %i %u %x %X %s %c %p %% with flags
 * '-', '0', width, and the length modifiers l, ll, z. */
#ifndef ZCMM_FMT_H
#define ZCMM_FMT_H

#include <stdarg.h>
#include <stddef.h>

/* Like vsnprintf: always NUL-terminates when len > 0; returns the length
 * the full output would have had. */
size_t fmt_vsnprintf(char *buf, size_t len, const char *fmt, va_list ap);
size_t fmt_snprintf(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
