/* firmware.c - a test guest that checks, from inside, what zcmm emulates
 * for a Linux guest: STFL/STFLE (the vetted list), STSI (a level-3
 * configuration whose hypervisor is ZCMM), STIDP, STAP, SIGP for one CPU
 * (sense, set architecture, an external call to itself taken as an
 * interruption), SCLP (SCP info with the storage size, the service
 * signal with the SCCB address, a VT220 console line, an event type it
 * does not take), a subchannel instruction (none there). It ends with
 * SIGP stop to itself when every check passed (status 0), else with
 * DIAG 0x404 and the failures. */
#include "tests/guests/tguest.h"

asm(".text\n"
    "ext_handler:\n"                 /* record code and parameter */
    "	mvc	0x320(2,%r0),0x86\n"
    "	mvc	0x324(4,%r0),0x80\n"
    "	lpswe	0x330\n");

#define EXT_CODE  (*(volatile uint16_t *)0x320)
#define EXT_PARM  (*(volatile uint32_t *)0x324)
#define CR0_SERVICE  0x200UL
#define CR0_EXTCALL  0x2000UL

static uint8_t sccb[4096] __attribute__((aligned(4096)));
static uint8_t sysib[4096] __attribute__((aligned(4096)));

static int cc_of(uint64_t ipm)
{
	return (int)((ipm >> 28) & 3);
}

static int servc(uint32_t cmd, void *block)
{
	uint64_t ipm;

	asm volatile(".insn rre,0xb2200000,%1,%2\n ipm %0"
		     : "=d"(ipm) : "d"((uint64_t)cmd), "a"(block)
		     : "cc", "memory");
	return cc_of(ipm);
}

/* Wait enabled for the service signal (only that subclass on). */
static void wait_service(void)
{
	extern char resume_ext[];
	uint64_t c0 = cr0();
	static uint64_t wait_psw[2] __attribute__((aligned(8)));

	EXT_CODE = 0;
	*(volatile uint64_t *)0x330 = 0x0000000180000000UL;
	*(volatile uint64_t *)0x338 = (uint64_t)resume_ext;
	set_cr0((c0 & ~(CR0_SERVICE | CR0_EXTCALL | 0xc00UL)) | CR0_SERVICE);
	wait_psw[0] = 0x0102000180000000UL;   /* EXT + wait, 64-bit */
	wait_psw[1] = (uint64_t)resume_ext;
	asm volatile("lpswe %0\n"
		     ".globl resume_ext\nresume_ext:\n" : : "Q"(wait_psw) : "memory");
	set_cr0(c0);
}

static int stsi(void *buf, unsigned fc, unsigned s1, unsigned s2, uint64_t *r0out)
{
	register uint64_t r0 asm("0") = (uint64_t)fc << 28 | s1;
	register uint64_t r1 asm("1") = s2;
	uint64_t ipm;

	asm volatile("stsi 0(%3)\n ipm %0" : "=d"(ipm), "+d"(r0) : "d"(r1),
		     "a"(buf) : "cc", "memory");
	if (r0out)
		*r0out = r0;
	return cc_of(ipm);
}

static int sigp(unsigned cpu, unsigned order, uint64_t *status)
{
	register uint64_t r1 asm("1") = 0;
	uint64_t ipm;

	asm volatile("sigp %1,%2,0(%3)\n ipm %0" : "=d"(ipm), "+d"(r1)
		     : "d"((uint64_t)cpu), "a"((uint64_t)order) : "cc", "memory");
	if (status)
		*status = r1;
	return cc_of(ipm);
}

static int fac(const uint64_t *l, unsigned bit)
{
	return !!(l[bit / 64] & (1UL << (63 - bit % 64)));
}

void guest_main(uint64_t mem)
{
	extern char ext_handler[];
	uint64_t list[4] = { 0 }, r0, st;
	uint32_t cpuid_hi, stfl;
	uint64_t id;
	uint16_t cpu = 0xffff;
	uint64_t ipm;

	tguest_init();
	*(volatile uint64_t *)0x1b0 = 0x0000000180000000UL;
	*(volatile uint64_t *)0x1b8 = (uint64_t)ext_handler;

	/* facilities */
	{
		register uint64_t g0 asm("0") = 3;

		asm volatile("stfle %0\n ipm %1" : "=Q"(list), "=d"(ipm), "+d"(g0)
			     : : "cc");
		r0 = g0;
		check(cc_of(ipm) == 0, "STFLE with room for 4 doublewords: cc 0",
		      cc_of(ipm), 0);
	}
	check(fac(list, 2), "facility 2 (z/Architecture active) offered", 0, 1);
	check(!fac(list, 11) && !fac(list, 28) && !fac(list, 40) && !fac(list, 78),
	      "facilities 11, 28, 40, 78 hidden", list[0], 0);
	{
		register uint64_t g0 asm("0") = 0;
		uint64_t one = 0;

		asm volatile("stfle %0\n ipm %1" : "=Q"(one), "=d"(ipm), "+d"(g0)
			     : : "cc");
		check(cc_of(ipm) == ((r0 & 0xff) ? 3 : 0) && (g0 & 0xff) == (r0 & 0xff) &&
		      one == list[0], "STFLE with room for one: cc and count",
		      g0, r0);
	}
	asm volatile("stfl 0" : : : "memory");
	stfl = *(volatile uint32_t *)200;
	check(stfl == (uint32_t)(list[0] >> 32), "STFL stores the first word at 200",
	      stfl, list[0] >> 32);

	/* configuration and CPU */
	check(stsi(0, 0, 0, 0, &r0) == 0 && ((r0 >> 28) & 0xf) == 3,
	      "STSI 0: level 3 (a virtual machine)", r0, 3UL << 28);
	check(stsi(sysib, 3, 2, 2, 0) == 0 && (sysib[31] & 0xf) == 1 &&
	      sysib[56] == 0xe9 && sysib[57] == 0xc3 && sysib[58] == 0xd4 &&
	      sysib[59] == 0xd4, "STSI 3.2.2: one VM, hypervisor ZCMM",
	      sysib[56], 0xe9);
	check(stsi(sysib, 1, 1, 1, 0) == 0 && sysib[48] == 0xf2 &&
	      sysib[49] == 0xf8 && sysib[50] == 0xf1 && sysib[51] == 0xf7,
	      "STSI 1.1.1: machine type 2817", sysib[48], 0xf2);
	check(stsi(sysib, 1, 2, 2, 0) == 3, "STSI 1.2.2: cc 3 (not offered)", 0, 3);
	asm volatile("stidp %0" : "=Q"(id));
	cpuid_hi = (uint32_t)id;
	check((cpuid_hi >> 16) == 0x2817, "STIDP: machine type 2817", cpuid_hi >> 16,
	      0x2817);
	asm volatile("stap %0" : "=Q"(cpu));
	check(cpu == 0, "STAP: CPU address 0", cpu, 0);

	/* SIGP, one CPU */
	check(sigp(1, 1, 0) == 3, "SIGP sense to CPU 1: not operational", 0, 3);
	check(sigp(0, 0x12, &st) == 1 && (uint32_t)st == 0x100,
	      "SIGP set architecture: cc 1, invalid parameter", st, 0x100);
	{
		uint64_t c0 = cr0();
		extern char after_ec[];

		EXT_CODE = 0;
		*(volatile uint64_t *)0x330 = 0x0000000180000000UL;
		*(volatile uint64_t *)0x338 = (uint64_t)after_ec;
		set_cr0(c0 | CR0_EXTCALL);
		check(sigp(0, 2, 0) == 0, "SIGP external call to itself: cc 0", 0, 0);
		asm volatile("stosm 0x340,0x01\n"   /* external on: taken now */
			     "	nopr 0\n"
			     ".globl after_ec\nafter_ec:\n" : : : "memory");
		set_cr0(c0);
		check(EXT_CODE == 0x1202, "external call taken once enabled",
		      EXT_CODE, 0x1202);
	}

	/* SCLP */
	for (unsigned i = 0; i < sizeof(sccb); i++)
		sccb[i] = 0;
	*(uint16_t *)sccb = 4096;
	check(servc(0x00020001, sccb) == 0, "SERVC read SCP info: cc 0", 0, 0);
	wait_service();
	check(EXT_CODE == 0x2401 && EXT_PARM == (uint32_t)(uint64_t)sccb,
	      "service signal with the SCCB address", EXT_PARM,
	      (uint64_t)sccb);
	check(*(uint16_t *)(sccb + 6) == 0x0010, "SCP info: response 0x0010",
	      *(uint16_t *)(sccb + 6), 0x10);
	check(*(uint16_t *)(sccb + 8) * (uint64_t)sccb[10] == mem >> 20,
	      "SCP info: storage increments add up to the storage size",
	      *(uint16_t *)(sccb + 8), mem >> 20);
	/* a VT220 line */
	{
		static const char text[] = "firmware: hello through SCLP\n";
		unsigned n = sizeof(text) - 1;

		for (unsigned i = 0; i < 64; i++)
			sccb[i] = 0;
		*(uint16_t *)sccb = (uint16_t)(8 + 6 + n);
		*(uint16_t *)(sccb + 8) = (uint16_t)(6 + n);
		sccb[10] = 0x1a;
		for (unsigned i = 0; i < n; i++)
			sccb[14 + i] = (uint8_t)text[i];
		check(servc(0x00760005, sccb) == 0, "SERVC write event data: cc 0", 0, 0);
		wait_service();
		check(*(uint16_t *)(sccb + 6) == 0x0020 && (sccb[11] & 0x80),
		      "VT220 event: response 0x0020, buffer processed",
		      *(uint16_t *)(sccb + 6), 0x20);
		/* an event type it does not take: store data (0x0c) */
		sccb[10] = 0x0c;
		sccb[11] = 0;
		servc(0x00760005, sccb);
		wait_service();
		check(*(uint16_t *)(sccb + 6) == 0x73f0 && !(sccb[11] & 0x80),
		      "unsupported event: 0x73f0, not processed",
		      *(uint16_t *)(sccb + 6), 0x73f0);
	}

	/* no subchannels */
	{
		register uint64_t r1 asm("1") = 0x10000;
		static uint8_t schib[64] __attribute__((aligned(8)));

		asm volatile("stsch %2\n ipm %0" : "=d"(ipm) : "d"(r1), "Q"(schib)
			     : "cc", "memory");
		check(cc_of(ipm) == 3, "STSCH: cc 3, no subchannel", cc_of(ipm), 3);
	}

	say("firmware done: %d failures", failures);
	if (failures)
		tguest_exit();
	sigp(0, 5, 0);      /* stop: the guest ends with status 0 */
	say("FAIL: still running after SIGP stop");
	tguest_exit();
}
