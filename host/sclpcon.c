/* sclpcon.c - the text a guest writes through SCLP (sclp.c) as its
 * tagged console lines: VT220 ASCII bytes gathered into lines, and the
 * message-text objects of a line-mode MDB, one line each, from EBCDIC
 * (host/ebcdic.c). Bytes outside 0x20-0x7e print as '.'. */
#include "host/console.h"
#include "host/ebcdic.h"
#include "host/guest.h"
#include "host/param.h"

#define MTO_TYPE 0x0004  /* message-text object in an MDB */
#define MTO_HDR  10      /* length, type, line flags, alarm, reserved */
#define MDB_HDR  12      /* length, type, tag "MDB ", revision */

static void flush(struct guest *g)
{
	g->con_buf[g->con_len] = '\0';
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
