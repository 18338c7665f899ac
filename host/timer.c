/* timer.c - TOD clock, CPU timer and clock comparator for the host, and
 * their external interruptions (codes 0x1005 and 0x1004). The CPU timer
 * ends guest time slices; the clock comparator wakes an idle host. */
#include "host/lowcore.h"
#include "host/timer.h"
#include "host/trap.h"

#define EXT_CLOCK_COMPARATOR 0x1004
#define EXT_CPU_TIMER        0x1005
#define CR0_CKC_MASK         0x800UL /* CR0 bit 52 */
#define CR0_CPUTIMER_MASK    0x400UL /* CR0 bit 53 */

volatile int timer_slice_over;
volatile uint64_t timer_cpu_interrupts, timer_ckc_interrupts;

uint64_t tod_now(void)
{
	uint64_t t;

	asm volatile("stckf %0" : "=Q"(t) : : "cc");
	return t;
}

static void set_cpu_timer(uint64_t v)
{
	asm volatile("spt %0" : : "Q"(v));
}

static void set_ckc(uint64_t v)
{
	asm volatile("sckc %0" : : "Q"(v));
}

void timer_slice_start(uint64_t us)
{
	timer_slice_over = 0;
	set_cpu_timer(us * TOD_PER_US);
}

void timer_slice_stop(void)
{
	set_cpu_timer(0x7fffffffffffffffUL);
}

static int timer_external(uint64_t *gprs, volatile struct psw *old)
{
	switch (LC->ext_int_code) {
	case EXT_CPU_TIMER:
		timer_cpu_interrupts++;
		timer_slice_over = 1;
		timer_slice_stop();
		return 1;
	case EXT_CLOCK_COMPARATOR:
		timer_ckc_interrupts++;
		set_ckc(~0UL);
		return 1;
	}
	return 0;
}

void timer_init(void)
{
	uint64_t cr0;

	timer_slice_stop();
	set_ckc(~0UL);
	asm volatile("stctg 0,0,%0" : "=Q"(cr0));
	cr0 |= CR0_CKC_MASK | CR0_CPUTIMER_MASK;
	asm volatile("lctlg 0,0,%0" : : "Q"(cr0));
	trap_register(TRAP_EXTERNAL, timer_external);
}

void timer_wait_until(uint64_t tod)
{
	/* trap() clears the wait and mask bits of the old PSW, so the
	   interruption returns here, disabled, right after the LPSWE */
	static struct psw wait_psw __attribute__((aligned(16)));

	set_ckc(tod);
	wait_psw.mask = PSW_64BIT | PSW_WAIT | PSW_EXT | PSW_IO;
	asm volatile("larl %%r1,0f\n"
		     "stg %%r1,%0\n"
		     "lpswe %1\n"
		     "0:\n"
		     : "=Q"(wait_psw.addr)
		     : "Q"(wait_psw)
		     : "r1", "memory", "cc");
}
