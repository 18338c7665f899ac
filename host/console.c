/* console.c - host console output through DIAG 8 (Hercules's "CP command"
 * call, enabled by DIAG8CMD): each line becomes "msgnoh * zcmm:NNNNNN text"
 * so the CLI can separate it from Hercules's noise and count it. */
#include <stdint.h>

#include "host/console.h"
#include "host/param.h"
#include "lib/fmt.h"
#include "zcmm/console.h"

/* ASCII to EBCDIC, the inverse of Hercules's default code page (which is
 * what DIAG 8 text goes through), so every printable character survives. */
static const uint8_t ascii_to_ebcdic[128] = {
	0x00, 0x01, 0x02, 0x03, 0x37, 0x2d, 0x2e, 0x2f, /* 00 */
	0x16, 0x05, 0x25, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
	0x10, 0x11, 0x12, 0x13, 0x3c, 0x3d, 0x32, 0x26, /* 10 */
	0x18, 0x19, 0x3f, 0x27, 0x1c, 0x1d, 0x1e, 0x1f,
	0x40, 0x5a, 0x7f, 0x7b, 0x5b, 0x6c, 0x50, 0x7d, /* 20  !"#$%&' */
	0x4d, 0x5d, 0x5c, 0x4e, 0x6b, 0x60, 0x4b, 0x61, /* ()*+,-./ */
	0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, /* 30 0-7 */
	0xf8, 0xf9, 0x7a, 0x5e, 0x4c, 0x7e, 0x6e, 0x6f, /* 89:;<=>? */
	0x7c, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, /* 40 @A-G */
	0xc8, 0xc9, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, /* H-O */
	0xd7, 0xd8, 0xd9, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, /* 50 P-W */
	0xe7, 0xe8, 0xe9, 0xad, 0xe0, 0xbd, 0x5f, 0x6d, /* XYZ[\]^_ */
	0x79, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, /* 60 `a-g */
	0x88, 0x89, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, /* h-o */
	0x97, 0x98, 0x99, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, /* 70 p-w */
	0xa7, 0xa8, 0xa9, 0xc0, 0x6a, 0xd0, 0xa1, 0x07, /* xyz{|}~ */
};

static uint8_t cmd_ebcdic[256];

static uint64_t tod(void)
{
	uint64_t t;

	asm volatile("stckf %0" : "=Q"(t) : : "cc");
	return t;
}

/* DIAG 8: R1 = command address, R2 = length (at most 255 bytes). */
void console_command(const char *cmd)
{
	uint64_t n = 0;

	while (cmd[n] && n < sizeof(cmd_ebcdic) - 1) {
		cmd_ebcdic[n] = ascii_to_ebcdic[(uint8_t)cmd[n] & 0x7f];
		n++;
	}
	register uint64_t r2 asm("2") = (uint64_t)cmd_ebcdic;
	register uint64_t r3 asm("3") = n;
	asm volatile("diag %0,%1,0x8" : : "d"(r2), "d"(r3) : "memory", "cc");
}

static unsigned console_seq;
static char line[CONSOLE_LINE_MAX + 1];
static unsigned line_len;

static void line_flush(void)
{
	char cmd[256];

	line[line_len] = '\0';
	fmt_snprintf(cmd, sizeof(cmd), "msgnoh * " ZCMM_CONSOLE_TAG "%06u %s",
		     console_seq, line);
	console_seq = (console_seq + 1) % ZCMM_CONSOLE_SEQ_MOD;
	console_command(cmd);
	line_len = 0;
}

static void console_putc(char c)
{
	if (c == '\n') {
		line_flush();
		return;
	}
	/* Hercules's command line would act on control characters */
	if ((uint8_t)c < 0x20 || (uint8_t)c > 0x7e)
		c = '.';
	/* Hercules substitutes "$(name)" symbols in commands: break them */
	if (c == '(' && line_len && line[line_len - 1] == '$')
		line[line_len - 1] = 'S';
	/* a line too long goes on after a "+ ", so what follows the cut can
	   never start a line of its own (a record, to the CLI) */
	if (line_len == CONSOLE_LINE_MAX) {
		line_flush();
		line[line_len++] = '+';
		line[line_len++] = ' ';
	}
	line[line_len++] = c;
}

void kvprintf(const char *fmt, va_list ap)
{
	char buf[512];
	size_t n = fmt_vsnprintf(buf, sizeof(buf), fmt, ap);

	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	for (size_t i = 0; i < n; i++)
		console_putc(buf[i]);
}

void kprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
}

void power_off(int status)
{
	static const uint64_t wait_psw[2] = { 0x0002000180000000UL, 0xdead };

	if (line_len)
		line_flush();
	kprintf(ZCMM_REC_EXIT "%d\n", status);
	/* give Hercules's logger time to pass the last lines on before the
	   shutdown stops it (a quit right away sometimes lost @exit) */
	for (uint64_t t0 = tod(); tod() - t0 < 200000UL * 4096;)
		;
	console_command("quit");
	/* Hercules shuts down asynchronously: stop here meanwhile */
	asm volatile("lpswe %0" : : "Q"(wait_psw) : "memory");
	__builtin_unreachable();
}
