/* selftest.h - the host's self-test suite, run inside the emulated
 * machine: one PASS/FAIL line a check, which the test runner reads. */
#ifndef ZCMM_SELFTEST_H
#define ZCMM_SELFTEST_H

#include <stdint.h>

/* Record one check; prints "PASS: name" or "FAIL: name: detail". */
int check(int cond, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Run every suite; returns the number of failed checks. */
int selftest_run(void);

/* The suites, one per mechanism, each in the file it tests. */
void selftest_boot(void);
void selftest_trap(void);
void selftest_timer(void);
void selftest_sie(void);
void selftest_io(void);
void selftest_share_hash(void);
void selftest_frame(void);

#endif
