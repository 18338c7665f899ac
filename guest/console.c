/* console.c - line-buffered console output: text is collected until a
 * newline or HC_CONSOLE_MAX bytes, then written as one console line with
 * the console hypercall; printf formats with lib/fmt.c. */
#include "guest/console.h"
#include "guest/hcall.h"
#include "lib/fmt.h"

static char line[HC_CONSOLE_MAX] __attribute__((aligned(8)));
static size_t line_len;

void con_flush(void)
{
	if (!line_len)
		return;
	hc_console(line, line_len);
	line_len = 0;
}

void con_write(const char *s, size_t n)
{
	for (; n; n--, s++) {
		if (*s == '\n') {
			if (!line_len)
				line[line_len++] = ' '; /* an empty line */
			con_flush();
			continue;
		}
		line[line_len++] = *s;
		if (line_len == sizeof(line))
			con_flush();
	}
}

int vprintf(const char *fmt, va_list ap)
{
	char buf[256];
	size_t n = fmt_vsnprintf(buf, sizeof(buf), fmt, ap);

	con_write(buf, n < sizeof(buf) ? n : sizeof(buf) - 1);
	return (int)n;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

void panic(int status, const char *fmt, ...)
{
	va_list ap;

	con_flush();
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	con_write("\n", 1);
	con_flush();
	hc_exit(status);
}
