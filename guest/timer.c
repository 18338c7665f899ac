/* timer.c - sleeping: set the clock comparator, load an enabled wait PSW
 * (external mask, wait bit) whose address is the instruction after it;
 * trap_ext takes 0x1004, resets the comparator and clears the wait bit. */
#include "guest/timer.h"
#include "guest/lowcore.h"

#define CR0_CKC_SUBMASK 0x800ULL /* CR0 bit 52: clock comparator */

uint64_t timer_wakeups;

static void set_ckc(uint64_t tod)
{
	asm volatile("sckc %0" : : "Q"(tod));
}

void timer_init(void)
{
	uint64_t cr0;

	set_ckc(~0ULL);
	asm volatile("stctg 0,0,%0" : "=Q"(cr0));
	cr0 |= CR0_CKC_SUBMASK;
	asm volatile("lctlg 0,0,%0" : : "Q"(cr0));
}

void timer_ckc_interrupt(void)
{
	set_ckc(~0ULL); /* the condition stays pending while TOD > CKC */
	timer_wakeups++;
}

static void enabled_wait(void)
{
	static struct psw wait_psw;

	wait_psw.mask = PSW_MASK_64 | PSW_MASK_EXT | PSW_MASK_WAIT;
	asm volatile("larl	%%r1,0f\n\t"
		     "stg	%%r1,8(%0)\n\t"
		     "lpswe	0(%0)\n"
		     "0:"
		     : : "a"(&wait_psw) : "r1", "memory", "cc");
}

void timer_sleep_until(uint64_t tod)
{
	while (timer_tod() < tod) {
		set_ckc(tod);
		enabled_wait();
	}
}

void timer_sleep_us(uint64_t us)
{
	timer_sleep_until(timer_tod() + us * TOD_PER_US);
}
