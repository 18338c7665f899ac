/* selftest_sie.c - self-tests of running guests: a guest made of a few
 * instructions runs under SIE and exits with its status; its host-side
 * storage is counted; and the cost of an interception is measured against
 * a bare SIE exit and re-entry in the same run (printed as BENCH lines). */
#include "host/console.h"
#include "host/frame.h"
#include "host/intercept.h"
#include "host/memlayout.h"
#include "host/sched.h"
#include "host/selftest.h"
#include "host/timer.h"

/* Guest code: R5 times the null hypercall (DIAG 0x4F4), then exit with
 * the status in R6. Position-independent, copied to GUEST_CODE_ADDR. */
asm(".section .rodata\n"
    ".globl sie_bench_code, sie_bench_code_end\n"
    "sie_bench_code:\n"
    "	ltgr	%r5,%r5\n"
    "	jz	1f\n"
    "0:	diag	%r0,%r0,0x4f4\n"
    "	brctg	%r5,0b\n"
    "1:	diag	%r6,%r0,0x404\n"
    "sie_bench_code_end:\n"
    ".previous\n");
extern const char sie_bench_code[], sie_bench_code_end[];

static const struct zcmm_guest_desc test_desc = {
	.name = "selftest", .mem_bytes = 1UL << 20,
};

static struct guest *make(uint64_t loops, uint64_t status)
{
	struct guest *g = guest_create_code(&test_desc, sie_bench_code,
					    sie_bench_code_end - sie_bench_code);

	if (g) {
		g->gprs[5] = loops;
		g->gprs[6] = status;
	}
	return g;
}

static void run(struct guest *g)
{
	struct sched_params sp = { .slice_us = 100000 };

	sched_run(&g, 1, &sp);
}

/* Fixed-point microseconds, three decimals, for the BENCH lines. */
static void bench(const char *what, uint64_t tod, uint64_t n)
{
	uint64_t ns = n ? tod * 1000 / TOD_PER_US / n : 0;

	kprintf("BENCH: %s %lu.%03lu us (%lu operations)\n", what,
		ns / 1000, ns % 1000, n);
}

void selftest_sie(void)
{
	uint64_t before = frames_free, n = 20000, t0, t1, t2, bare = 0;
	uint64_t host_frames;
	struct guest *g;

	g = make(0, 42);
	check(g && g->state == GUEST_RUNNABLE, "a guest of raw code is made",
	      "%p", g);
	if (!g)
		return;
	/* the frames it holds beyond its three resident pages are the
	   host's own: guest structure, page states, page tables */
	host_frames = before - frames_free - g->st.frames;
	kprintf("BENCH: host storage per 1 MiB guest %lu bytes (%lu.%02lu%%)\n",
		host_frames * PAGE_SIZE, host_frames * PAGE_SIZE * 100 >> 20,
		(host_frames * PAGE_SIZE * 10000 >> 20) % 100);
	check(host_frames * PAGE_SIZE * 50 <= g->mem_bytes,
	      "host storage per guest is at most 2% of its storage",
	      "%lu frames for %lu bytes", host_frames, g->mem_bytes);
	run(g);
	check(g->state == GUEST_STOPPED && g->exit_status == 42,
	      "the guest ran under SIE and exited with its status",
	      "state %d status %d", g->state, g->exit_status);
	guest_destroy(g);
	check(frames_free == before, "every frame is back after it",
	      "%ld frames missing", (long)(before - frames_free));

	/* interception round trip, through the whole dispatcher */
	g = make(n, 0);
	t0 = tod_now();
	run(g);
	t1 = tod_now();
	check(g->st.diag == n + 1, "every null hypercall was intercepted",
	      "%lu of %lu", g->st.diag, n + 1);
	guest_destroy(g);
	/* bare SIE exit and re-entry: the same guest, nothing dispatched */
	g = make(n, 0);
	t2 = tod_now();
	for (;;) {
		g->sd.icptcode = ICPT_NONE;
		sie_enter(&g->sd, g->gprs);
		bare++;
		if (g->sd.icptcode == ICPT_INST && (g->sd.ipb >> 16) == 0x0404)
			break;
	}
	t1 -= t0;
	t2 = tod_now() - t2;
	guest_destroy(g);
	check(bare == n + 1, "bare SIE loop saw every exit", "%lu", bare);
	bench("interception round trip (null hypercall)", t1, n);
	bench("bare SIE exit and re-entry", t2, n);
	kprintf("BENCH: interception / bare SIE ratio %lu.%02lu\n",
		t2 ? t1 / t2 : 0, t2 ? t1 * 100 / t2 % 100 : 0);
}
