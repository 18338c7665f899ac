/* fleet_check.h - the fleet-text helpers the CLI's fleet unit tests share:
 * parse a text as fleet.conf, and check that a text fails with exactly
 * one message. Include after tests/tap.h and tools/fleet.h. */
#ifndef ZCMM_FLEET_CHECK_H
#define ZCMM_FLEET_CHECK_H

#include <string.h>

static struct guest_defaults D;

static int parse(struct fleet *f, const char *text, char *err)
{
	fleet_init(f);
	err[0] = 0;
	return fleet_parse_text(f, &D, text, "fleet.conf", "/nonexistent", err);
}

/* The text must fail with exactly this message. */
static void bad(const char *text, const char *want)
{
	struct fleet f;
	char err[ZERR_MAX];
	int rc = parse(&f, text, err);

	tap_ok(rc == -1 && !strcmp(err, want), "error: %s", want);
	if (rc != -1 || strcmp(err, want))
		tap_diag("got rc %d, '%s'", rc, err);
	fleet_free(&f);
}

#endif
