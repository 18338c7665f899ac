/* timer.h - time for the guest: the TOD clock (STCK; bit 51 is one
 * microsecond) and sleeping on the clock comparator in an enabled wait. */
#ifndef GUEST_TIMER_H
#define GUEST_TIMER_H

#include <stdint.h>

#define TOD_PER_US 4096ULL

static inline uint64_t timer_tod(void)
{
	uint64_t tod;

	asm volatile("stck %0" : "=Q"(tod) : : "cc");
	return tod;
}

void timer_init(void);
/* Sleeps until the TOD clock reaches tod (returns at once if it has). */
void timer_sleep_until(uint64_t tod);
void timer_sleep_us(uint64_t us);
/* Called by trap_ext for the clock-comparator interruption (0x1004). */
void timer_ckc_interrupt(void);
extern uint64_t timer_wakeups;

#endif
