/* selftest_base.c - self-tests of the ground floor: the storage map and
 * boot block, interruption handling, and the timers. */
#include "host/boot.h"
#include "host/memlayout.h"
#include "host/probe.h"
#include "host/selftest.h"
#include "host/timer.h"
#include "host/trap.h"
#include "lib/fmt.h"

extern char __host_end[], __bss_start[];

void selftest_boot(void)
{
	uint8_t v;
	int rc;

	check(boot->magic == ZCMM_BOOT_MAGIC, "boot block magic",
	      "%016lx", boot->magic);
	check((uint64_t)__bss_start < (uint64_t)__host_end &&
	      (uint64_t)__host_end <= ZCMM_BOOT_ADDR,
	      "host image below the boot block", "ends at %p", __host_end);
	check(boot->images_end <= boot->storage_size &&
	      (boot->images_end & (SEGMENT_SIZE - 1)) == 0,
	      "images end inside storage, on a 1 MiB boundary",
	      "images_end 0x%lx storage 0x%lx", boot->images_end,
	      boot->storage_size);
	rc = probe_read(boot->storage_size - 1, &v);
	check(rc == 0, "last byte of storage readable", "code 0x%x", rc);
	rc = probe_read(boot->storage_size, &v);
	check(rc == 0x0005, "storage ends where the boot block says",
	      "reading byte 0x%lx gave code 0x%x, want addressing 0x0005",
	      boot->storage_size, rc);
}

void selftest_trap(void)
{
	uint64_t before = trap_count[TRAP_PROGRAM];
	int failed = 1;
	char buf[32];

	/* opcode 0x00 is invalid: an operation exception, suppressed */
	asm volatile("0:	.hword	0\n"
		     "	lhi	%0,0\n"
		     "1:\n" EX_TABLE(0b, 1b)
		     : "+d"(failed) : : "memory");
	check(failed && trap_fixup_code == 0x0001,
	      "operation exception caught and recovered",
	      "failed=%d code 0x%x", failed, trap_fixup_code);
	check(trap_count[TRAP_PROGRAM] == before + 1,
	      "one program interruption counted", "%lu",
	      trap_count[TRAP_PROGRAM] - before);
	fmt_snprintf(buf, sizeof(buf), "%05d|%lx|%s", 42, 0xbeefUL, "ok");
	check(buf[0] == '0' && buf[4] == '2' && buf[6] == 'b' &&
	      buf[11] == 'o', "formatter runs in the host", "'%s'", buf);
}

void selftest_timer(void)
{
	uint64_t before = timer_cpu_interrupts, t0, t1;

	/* CPU timer: enable external interruptions and spin */
	timer_slice_start(1000);
	asm volatile("stosm 0(%%r15),0x01" : : : "memory"); /* ext on */
	t0 = tod_now();
	while (!timer_slice_over && tod_now() - t0 < 2000000 * TOD_PER_US)
		;
	asm volatile("stnsm 0(%%r15),0xfe" : : : "memory");
	check(timer_cpu_interrupts == before + 1 && timer_slice_over,
	      "CPU timer interruption arrives", "interrupts %lu",
	      timer_cpu_interrupts - before);
	/* clock comparator: sleep in an enabled wait */
	before = timer_ckc_interrupts;
	t0 = tod_now();
	timer_wait_until(t0 + 3000 * TOD_PER_US);
	t1 = tod_now();
	check(timer_ckc_interrupts == before + 1 &&
	      t1 - t0 >= 3000 * TOD_PER_US,
	      "clock comparator wakes an enabled wait",
	      "interrupts %lu, slept %lu us",
	      timer_ckc_interrupts - before, tod_to_us(t1 - t0));
}
