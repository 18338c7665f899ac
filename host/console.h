/* console.h - the host's console: numbered lines to the zcmm CLI
 * (protocol in include/zcmm/console.h), and the way out of the machine. */
#ifndef ZCMM_HOST_CONSOLE_H
#define ZCMM_HOST_CONSOLE_H

#include <stdarg.h>

/* Print formatted text; every '\n' ends a console line. */
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void kvprintf(const char *fmt, va_list ap);
/* Run one Hercules command (DIAG 8), e.g. "quit". */
void console_command(const char *cmd);
/* Print "@exit status", end Hercules, never return. */
void power_off(int status) __attribute__((noreturn));

#endif
