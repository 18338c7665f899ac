/* share.c - see share.h. Secrets come from RAND_bytes (a cryptographic
 * generator): a guest that could guess another domain's secret could
 * aim its pages at that domain's keys. */
#include "tools/fleet.h"
#include "tools/share.h"
#include "tools/util.h"

#include <openssl/rand.h>
#include <stdlib.h>
#include <string.h>

int share_parse(const char *v, struct share_setting *s, char *why)
{
	size_t n = strlen(v);

	memset(s, 0, sizeof *s);
	if (!strcmp(v, "off")) {
		s->mode = SHARE_OFF;
		return 0;
	}
	if (!strcmp(v, "private"))
		return 0;
	if (n == 0 || n > SHARE_NAME_MAX)
		return zerr_set(why, "a domain name has 1 to %d characters", SHARE_NAME_MAX);
	if (!name_ok(v, "_-."))
		return zerr_set(why, "expected NAME (letters, digits, '_', '-', '.'), private or off");
	s->mode = SHARE_NAMED;
	memcpy(s->name, v, n);
	return 0;
}

int share_domains(const struct fleet *f, uint32_t *domain,
		  uint64_t (**secret)[2], char *err)
{
	unsigned n = 0;
	uint64_t (*sec)[2];

	for (unsigned i = 0; i < f->n; i++) {
		const struct share_setting *s = &f->g[i].share;

		domain[i] = 0;
		if (s->mode == SHARE_OFF)
			continue;
		for (unsigned j = 0; j < i && s->mode == SHARE_NAMED; j++)
			if (f->g[j].share.mode == SHARE_NAMED &&
			    !strcmp(f->g[j].share.name, s->name)) {
				domain[i] = domain[j];
				break;
			}
		if (!domain[i])
			domain[i] = ++n;
	}
	sec = xmalloc((n + 1) * sizeof *sec);
	if (n && RAND_bytes((unsigned char *)sec, (int)(n * sizeof *sec)) != 1) {
		free(sec);
		return zerr_set(err, "no random bytes for the sharing domains' secrets (OpenSSL RAND_bytes)");
	}
	*secret = sec;
	return (int)n;
}

size_t share_table_size(unsigned ndomains)
{
	return 0x20 + (size_t)ndomains * 0x10;
}

size_t share_table_encode(uint8_t *out, unsigned ndomains,
			  const uint64_t (*secret)[2], uint64_t rate,
			  uint64_t total)
{
	size_t len = share_table_size(ndomains);

	memset(out, 0, len);
	put_be32(out + 0x00, ndomains);
	put_be64(out + 0x08, rate);
	put_be64(out + 0x10, total);
	for (unsigned i = 0; i < ndomains; i++) {
		put_be64(out + 0x20 + 0x10 * i, secret[i][0]);
		put_be64(out + 0x28 + 0x10 * i, secret[i][1]);
	}
	return len;
}
