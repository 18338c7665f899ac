/* sclpcon.c - the text a guest writes through SCLP (sclp.c) as its
 * tagged console lines: VT220 ASCII bytes gathered into lines, and the
 * message-text objects of a line-mode MDB, one line each, from EBCDIC
 * (host/ebcdic.c). Bytes outside 0x20-0x7e print as '.'. A line that is
 * a work record ("zcmm-work N") is the guest's work count instead. */
#include "host/console.h"
#include "host/ebcdic.h"
#include "host/guest.h"
#include "host/param.h"

#define MTO_TYPE 0x0004  /* message-text object in an MDB */
#define MTO_HDR  10      /* length, type, line flags, alarm, reserved */
#define MDB_HDR  12      /* length, type, tag "MDB ", revision */

/* Linux user space cannot issue DIAG 0x40C: a program that wants its
 * work counted writes the line "zcmm-work N" (N decimal, the units done
 * so far) to the console. Such a line sets the count and is not shown. */
static int work_record(struct guest *g, const char *line)
{
	static const char tag[] = "zcmm-work ";
	uint64_t n = 0;
	unsigned i = 0, digits = 0;

	for (; tag[i]; i++)
		if (line[i] != tag[i])
			return 0;
	for (; line[i] >= '0' && line[i] <= '9'; i++, digits++) {
		if (n > (UINT64_MAX - 9) / 10)
			return 0;
		n = n * 10 + (uint64_t)(line[i] - '0');
	}
	if (!digits || line[i])
		return 0;
	g->st.work = n;
	return 1;
}

static void flush(struct guest *g)
{
	g->con_buf[g->con_len] = '\0';
	if (work_record(g, g->con_buf)) {
		g->con_len = 0;
		return;
	}
	kprintf("[%s] %s\n", g->name, g->con_buf);
	g->con_len = 0;
}

static void put(struct guest *g, char c)
{
	if (c == '\n') {
		flush(g);
		return;
	}
	if (c == '\r')
		return;
	g->con_buf[g->con_len++] = c >= 0x20 && c <= 0x7e ? c : '.';
	if (g->con_len == CONSOLE_LINE_MAX)
		flush(g);
}

void sclp_console_vt220(struct guest *g, const uint8_t *text, unsigned len)
{
	for (unsigned i = 0; i < len; i++)
		put(g, (char)text[i]);
}

/* An MDB: its header, then objects (u16 length, u16 type); each MTO
 * is one line. A partial VT220 line is ended first. */
void sclp_console_mdb(struct guest *g, const uint8_t *mdb, unsigned len)
{
	unsigned off = MDB_HDR;

	if (len < MDB_HDR)
		return;
	if (g->con_len)
		flush(g);
	while (off + 4 <= len) {
		unsigned olen = (unsigned)(mdb[off] << 8 | mdb[off + 1]);
		unsigned type = (unsigned)(mdb[off + 2] << 8 | mdb[off + 3]);

		if (olen < 4 || off + olen > len)
			return;
		if (type == MTO_TYPE && olen >= MTO_HDR) {
			for (unsigned i = MTO_HDR; i < olen; i++)
				put(g, ebcdic_to_ascii(mdb[off + i]));
			flush(g);
		}
		off += olen;
	}
}

/* A guest that ends with a partial line still has it shown. */
void sclp_console_end(struct guest *g)
{
	if (g->con_len)
		flush(g);
}
