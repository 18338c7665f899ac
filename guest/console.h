/* console.h - the guest's console: printf-style lines through the console
 * hypercall (DIAG 0x400), and panic() for fatal errors. */
#ifndef GUEST_CONSOLE_H
#define GUEST_CONSOLE_H

#include <stddef.h>
#include <stdarg.h>

void con_write(const char *s, size_t n);
void con_flush(void);
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap);
/* Prints the message and exits with the given status. */
__attribute__((noreturn, format(printf, 2, 3)))
void panic(int status, const char *fmt, ...);

#endif
