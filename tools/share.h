/* share.h - content-sharing settings on the CLI side (docs/sharing.md):
 * a guest's sharing domain (share=NAME|private|off), the scanner's rates,
 * and the sharing table of the boot block with each domain's secret from
 * OpenSSL's random generator. */
#ifndef ZCMM_TOOLS_SHARE_H
#define ZCMM_TOOLS_SHARE_H

#include <stddef.h>
#include <stdint.h>

#define SHARE_NAME_MAX 15
#define SHARE_RATE_DEF  50   /* pages a second per guest (ESX's default) */
#define SHARE_TOTAL_DEF 200  /* pages a second in all (ESX's default)    */

enum share_mode {
	SHARE_PRIVATE = 0,  /* a domain of its own: shares only with itself */
	SHARE_OFF = 1,      /* never scanned, never shares                  */
	SHARE_NAMED = 2,    /* the guests that name the same domain share   */
};

struct share_setting {
	int mode;                       /* enum share_mode */
	char name[SHARE_NAME_MAX + 1];  /* SHARE_NAMED */
};

/* "NAME", "private" or "off"; -1 with the reason in why. */
int share_parse(const char *v, struct share_setting *s, char *why);

struct fleet;
/* The sharing table: one domain per distinct name and per private guest,
 * each with 16 random bytes; domain[i] is guest i's (1-based, 0: off).
 * Returns the number of domains, or -1 with err when no randomness. */
int share_domains(const struct fleet *f, uint32_t *domain,
		  uint64_t (**secret)[2], char *err);
/* Bytes of the encoded sharing table for n domains, and the encoding
 * (big-endian, include/zcmm/boot.h). */
size_t share_table_size(unsigned ndomains);
size_t share_table_encode(uint8_t *out, unsigned ndomains,
			  const uint64_t (*secret)[2], uint64_t rate,
			  uint64_t total);

#endif
