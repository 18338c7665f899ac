/* sclp.c - SERVICE CALL (SERVC, B220), the service-call logical
 * processor a Linux guest finds its storage and its console through:
 * read SCP info, event masks, write event data (line-mode MDBs in EBCDIC
 * and VT220 ASCII, to the guest's tagged console lines), read event data
 * (none). Requests complete at once; the service-signal external
 * interruption (extint.c) says so, with the SCCB address as parameter.
 * Layouts: Linux drivers/s390/char/sclp.h; Hercules service.c. */
#include "host/console.h"
#include "host/extint.h"
#include "host/gaccess.h"
#include "host/intercept.h"
#include "host/lowcore.h"
#include "host/param.h"

#define CMDW_READ_SCP_INFO        0x00020001
#define CMDW_READ_SCP_INFO_FORCED 0x00120001
#define CMDW_READ_EVENT_DATA      0x00770005
#define CMDW_WRITE_EVENT_DATA     0x00760005
#define CMDW_WRITE_EVENT_MASK     0x00780005

#define RESP_READ_DONE   0x0010
#define RESP_DONE        0x0020
#define RESP_INVALID_CMD 0x01f0
#define RESP_BOUNDARY    0x0300 /* SCCB crosses a page boundary */
#define RESP_NO_EVENTS   0x60f0
#define RESP_BAD_MASKLEN 0x74f0
#define RESP_BAD_EVENT   0x73f0 /* event type not supported, or a bad
				   buffer length */

#define EVT_OPCMD  0x01
#define EVT_MSG    0x02
#define EVT_PMSGCMD 0x09
#define EVT_VT220  0x1a
#define EVT_MASK(t) (1UL << (64 - (t)))  /* event type t: bit t-1 */

/* what zcmm's SCLP accepts from the guest, and can send it */
#define SCLP_RECEIVE (EVT_MASK(EVT_MSG) | EVT_MASK(EVT_PMSGCMD) | \
		      EVT_MASK(EVT_VT220))
#define SCLP_SEND    (EVT_MASK(EVT_OPCMD) | EVT_MASK(EVT_VT220))

struct sccb_header {
	uint16_t length;           /* 0x00 */
	uint8_t  function;         /* 0x02 */
	uint8_t  control[3];       /* 0x03 */
	uint16_t response;         /* 0x06 */
} __attribute__((packed));
_Static_assert(sizeof(struct sccb_header) == 8, "sccb header");

/* read SCP info: the fields a Linux guest reads */
#define SCP_RNMAX    0x08 /* u16 storage increments          */
#define SCP_RNSIZE   0x0a /* u8  increment size in MiB       */
#define SCP_NCPURL   0x10 /* u16 CPU entries                 */
#define SCP_CPUOFF   0x12 /* u16 offset of the first entry   */
#define SCP_LOADPARM 0x18 /* 8 bytes, EBCDIC blanks          */
#define SCP_RNSIZE2  0x64 /* u32                             */
#define SCP_RNMAX2   0x68 /* u64                             */
#define SCP_CPUS     0x80 /* where our one 16-byte entry goes */
#define SCP_LEN      0x90

static uint8_t sccb[4096];

static void put16(uint8_t *p, uint16_t v) { p[0] = v >> 8; p[1] = (uint8_t)v; }

static uint16_t read_scp_info(struct guest *g, uint16_t len)
{
	uint64_t mib = g->mem_bytes >> 20;

	if (len < SCP_LEN)
		return 0x0100; /* insufficient SCCB length */
	for (int i = 8; i < len; i++)
		sccb[i] = 0;
	put16(sccb + SCP_RNMAX, (uint16_t)mib);
	sccb[SCP_RNSIZE] = 1;
	put16(sccb + SCP_NCPURL, 1);
	put16(sccb + SCP_CPUOFF, SCP_CPUS);
	for (int i = 0; i < 8; i++)
		sccb[SCP_LOADPARM + i] = 0x40;
	sccb[SCP_RNSIZE2 + 3] = 1;
	sccb[SCP_RNMAX2 + 6] = (uint8_t)(mib >> 8);
	sccb[SCP_RNMAX2 + 7] = (uint8_t)mib;
	/* CPU entry: core id 0 (the first byte), type 0 (CP), no SIE
	   features offered */
	return RESP_READ_DONE;
}

/* Masks are mask_length bytes of a big-endian 64-bit mask. */
static uint64_t get_mask(const uint8_t *m, unsigned len)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < 8; i++)
		v = v << 8 | (i < len ? m[i] : 0);
	return v;
}

static void set_mask(uint8_t *m, unsigned len, uint64_t v)
{
	for (unsigned i = 0; i < len; i++)
		m[i] = (uint8_t)(v >> (56 - 8 * i));
}

static uint16_t write_event_mask(struct guest *g, uint16_t len)
{
	unsigned ml = (unsigned)(sccb[10] << 8 | sccb[11]);

	if (ml == 0 || ml > 8)
		return RESP_BAD_MASKLEN;
	if (len < 12 + 4 * ml)
		return 0x0100;
	g->sclp_receive_mask = get_mask(sccb + 12, ml);
	g->sclp_send_mask = get_mask(sccb + 12 + ml, ml);
	set_mask(sccb + 12 + 2 * ml, ml, SCLP_RECEIVE);
	set_mask(sccb + 12 + 3 * ml, ml, SCLP_SEND);
	return RESP_DONE;
}

/* Each buffer of a type zcmm accepts is shown and marked processed;
 * any other type leaves the request "event not supported" (0x73f0),
 * which Linux reads as such instead of waiting for a reply event. */
static uint16_t write_event_data(struct guest *g, uint16_t len)
{
	unsigned off = 8;
	uint16_t resp = RESP_DONE;

	while (off + 6 <= len) {
		uint8_t *ev = sccb + off;
		unsigned elen = (unsigned)(ev[0] << 8 | ev[1]);

		if (elen < 6 || off + elen > len || ev[2] == 0 || ev[2] > 64)
			return RESP_BAD_EVENT;
		if (!(SCLP_RECEIVE & EVT_MASK(ev[2]))) {
			resp = RESP_BAD_EVENT;
			off += elen;
			continue;
		}
		/* a guest with both consoles (Linux with console=ttysclp0:
		   line mode and VT220 each get every message) is shown its
		   VT220 copy once it has written one, else line mode */
		if (ev[2] == EVT_VT220) {
			g->sclp_vt220_seen = 1;
			sclp_console_vt220(g, ev + 6, elen - 6);
		} else if (ev[2] == EVT_MSG && !g->sclp_vt220_seen) {
			sclp_console_mdb(g, ev + 6, elen - 6);
		}
		ev[3] |= 0x80; /* processed */
		off += elen;
	}
	return resp;
}

/* SERVICE CALL (PoP: "the service-call logical processor"; privileged,
 * RRE): R1 the command word, R2 the SCCB's real address. cc 0 accepted,
 * 2 busy (the previous request's signal is still pending). */
int handle_servc(struct guest *g)
{
	int r1 = (g->sd.ipb >> 20) & 0xf, r2 = (g->sd.ipb >> 16) & 0xf;
	uint32_t cmd = (uint32_t)guest_gpr(g, r1);
	uint64_t addr = guest_gpr(g, r2) & 0x7ffffff8UL;
	struct sccb_header h;
	uint16_t resp;
	int pgm;

	if (g->sd.psw_mask & PSW_PROBLEM)
		return PGM_PRIVILEGED;
	if (guest_gpr(g, r2) & 7)
		return PGM_SPECIFICATION;
	g->st.sclp_calls++;
	if (g->ext_pending & EXTP_SERVICE) {
		guest_set_cc(g, 2);
		return 0;
	}
	pgm = greal_read(g, addr, &h, sizeof(h));
	if (pgm)
		return pgm;
	if (h.length < 8 || h.length > sizeof(sccb))
		return PGM_SPECIFICATION;
	if ((addr & 0xfff) + h.length > 0x1000) {
		resp = RESP_BOUNDARY;
		greal_write(g, addr + 6, &resp, 2);
	} else {
		pgm = greal_read(g, addr, sccb, h.length);
		if (pgm)
			return pgm;
		switch (cmd & 0xffff00ff) {
		case CMDW_READ_SCP_INFO:
		case CMDW_READ_SCP_INFO_FORCED:
			resp = read_scp_info(g, h.length);
			break;
		case CMDW_WRITE_EVENT_MASK:
			resp = write_event_mask(g, h.length);
			break;
		case CMDW_WRITE_EVENT_DATA:
			resp = write_event_data(g, h.length);
			break;
		case CMDW_READ_EVENT_DATA:
			resp = RESP_NO_EVENTS;
			break;
		default:
			resp = RESP_INVALID_CMD;
			break;
		}
		put16(sccb + 6, resp);
		pgm = greal_write(g, addr, sccb, h.length);
		if (pgm)
			return pgm;
	}
	extint_raise(g, EXTP_SERVICE, (uint32_t)addr);
	guest_set_cc(g, 0);
	return 0;
}
