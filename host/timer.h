/* timer.h - the host's clocks: TOD, CPU timer (time slices), clock
 * comparator (sleeping until the next guest is due). */
#ifndef ZCMM_TIMER_H
#define ZCMM_TIMER_H

#include <stdint.h>

#define TOD_PER_US 4096UL /* TOD clock bit 51 is one microsecond */

void timer_init(void);
uint64_t tod_now(void);
static inline uint64_t tod_to_us(uint64_t tod) { return tod / TOD_PER_US; }
/* Arm the CPU timer; its interruption sets timer_slice_over. */
void timer_slice_start(uint64_t us);
void timer_slice_stop(void);
/* Wait, enabled, until the TOD clock passes tod (or any interruption). */
void timer_wait_until(uint64_t tod);

extern volatile int timer_slice_over;
extern volatile uint64_t timer_cpu_interrupts, timer_ckc_interrupts;

#endif
