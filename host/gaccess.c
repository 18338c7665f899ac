/* gaccess.c - guest real and logical storage access (gaccess.h): copies
 * page by page, each page through prefixing and, for logical addresses,
 * the guest's own DAT (lib/dat.c) on its control registers. */
#include "host/gaccess.h"
#include "host/intercept.h"
#include "host/lowcore.h"
#include "lib/dat.h"

#define CR0_EDAT1 0x800000UL /* CR0 bit 40: enhanced DAT 1 */

uint64_t gaddr_wrap(const struct guest *g, uint64_t a)
{
	if (!(g->sd.psw_mask & PSW_BA))
		return a & 0xffffff;
	if (!(g->sd.psw_mask & PSW_EA))
		return a & 0x7fffffff;
	return a;
}

uint64_t ginsn_s_addr(struct guest *g)
{
	int b2 = g->sd.ipb >> 28;
	uint64_t d2 = (g->sd.ipb >> 16) & 0xfff;

	return gaddr_wrap(g, (b2 ? guest_gpr(g, b2) : 0) + d2);
}

static int real_copy(struct guest *g, uint64_t raddr, void *buf,
		     uint64_t len, int to_guest)
{
	uint8_t *b = buf;

	while (len) {
		uint64_t n = 0x1000 - (raddr & 0xfff);
		uint64_t abs = greal_to_abs(g, raddr);
		int pgm;

		n = n < len ? n : len;
		pgm = to_guest ? gmem_write(g, abs, b, n) : gmem_read(g, abs, b, n);
		if (pgm)
			return pgm;
		raddr += n;
		b += n;
		len -= n;
	}
	return 0;
}

int greal_read(struct guest *g, uint64_t raddr, void *buf, uint64_t len)
{
	return real_copy(g, raddr, buf, len, 0);
}

int greal_write(struct guest *g, uint64_t raddr, const void *buf,
		uint64_t len)
{
	return real_copy(g, raddr, (void *)buf, len, 1);
}

/* DAT tables are read at guest absolute addresses. */
static int fetch_entry(void *ctx, uint64_t abs, uint64_t *entry)
{
	return gmem_read(ctx, abs, entry, sizeof(*entry)) ? -1 : 0;
}

/* The ASCE of the PSW's address space (bits 16-17): primary CR1 (and
 * access-register mode, which zcmm's guests do not use for operands),
 * secondary CR7, home CR13. */
static int translate(struct guest *g, uint64_t laddr, int write,
		     uint64_t *real, uint64_t *teid)
{
	static const int asce_cr[4] = { 1, 1, 7, 13 };
	unsigned as = (g->sd.psw_mask >> 46) & 3;
	struct dat_walk w = {
		.asce = g->sd.cr[asce_cr[as]],
		.edat1 = !!(g->sd.cr[0] & CR0_EDAT1),
		.edat2 = 0,
		.fetch = fetch_entry,
		.ctx = g,
	};
	struct dat_result r;
	int pgm;

	if (!(g->sd.psw_mask & PSW_DAT)) {
		*real = laddr;
		return 0;
	}
	pgm = dat_translate(&w, laddr, &r);
	/* TEID bits 62-63: the address space the translation used */
	*teid = r.teid | (as == 2 ? 2 : as == 3 ? 3 : 0);
	if (pgm)
		return pgm;
	if (write && r.prot) {
		/* suppression on protection: bit 61 says a store */
		*teid = (laddr & ~0xfffUL) | 4 | (*teid & 3);
		return DAT_PGM_PROTECTION;
	}
	*real = r.real;
	return 0;
}

static int log_copy(struct guest *g, uint64_t laddr, void *buf,
		    uint64_t len, int to_guest, uint64_t *teid)
{
	uint8_t *b = buf;

	while (len) {
		uint64_t n = 0x1000 - (laddr & 0xfff), real;
		int pgm = translate(g, laddr, to_guest, &real, teid);

		n = n < len ? n : len;
		if (!pgm)
			pgm = real_copy(g, real, b, n, to_guest);
		if (pgm)
			return pgm;
		laddr = gaddr_wrap(g, laddr + n);
		b += n;
		len -= n;
	}
	return 0;
}

int glog_read(struct guest *g, uint64_t laddr, void *buf, uint64_t len,
	      uint64_t *teid)
{
	return log_copy(g, laddr, buf, len, 0, teid);
}

int glog_write(struct guest *g, uint64_t laddr, const void *buf,
	       uint64_t len, uint64_t *teid)
{
	return log_copy(g, laddr, (void *)buf, len, 1, teid);
}
