/* selftest.c - runs the host's self-test suites and counts PASS/FAIL, in
 * the style of kvm-unit-tests: the system test turns the lines into TAP. */
#include <stdarg.h>

#include "host/console.h"
#include "host/selftest.h"

static int passed, failed;

int check(int cond, const char *name, const char *fmt, ...)
{
	va_list ap;

	if (cond) {
		passed++;
		kprintf("PASS: %s\n", name);
		return 1;
	}
	failed++;
	kprintf("FAIL: %s: ", name);
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
	kprintf("\n");
	return 0;
}

int selftest_run(void)
{
	char charset[96];

	/* every printable ASCII character, for the CLI side to compare */
	for (int c = 0x20; c < 0x7f; c++)
		charset[c - 0x20] = (char)c;
	charset[95] = '\0';
	kprintf("CHARSET: %s\n", charset);
	selftest_boot();
	selftest_frame();
	selftest_trap();
	selftest_timer();
	selftest_sie();
	selftest_io();
	selftest_share_hash();
	kprintf("SUMMARY: %d passed, %d failed\n", passed, failed);
	return failed;
}
