/* tap.h - a minimal Test Anything Protocol emitter for native unit tests.
 * Each check prints "ok N - name" or "not ok N - name"; tap_done() prints
 * the plan and returns the process exit status. */
#ifndef ZCMM_TAP_H
#define ZCMM_TAP_H

#include <stdarg.h>
#include <stdio.h>

static int tap_count, tap_failed;

static inline int tap_ok(int cond, const char *fmt, ...)
{
	va_list ap;

	tap_count++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - ", cond ? "" : "not ", tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	return cond;
}

/* Comparison of two integers, printing both on failure. */
#define tap_eq(got, want, ...)                                            \
	do {                                                              \
		long long g_ = (long long)(got), w_ = (long long)(want);  \
		if (!tap_ok(g_ == w_, __VA_ARGS__))                       \
			printf("#   got %lld (0x%llx), want %lld (0x%llx)\n", \
			       g_, (unsigned long long)g_, w_,            \
			       (unsigned long long)w_);                   \
	} while (0)

static inline void tap_diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

static inline int tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

#endif
