/* t_cli_share.c - the CLI's content-sharing settings (tools/share.c):
 * share= values and their errors, the scanner rates in a fleet file, one
 * domain per name and per private guest with random secrets, and the
 * sharing table's big-endian bytes after the guest table. */
#include "tests/tap.h"
#include "tools/bootblk.h"
#include "tools/fleet.h"
#include "tools/share.h"
#include "tools/util.h"
#include "tests/unit/fleet_check.h"

#include <stdlib.h>
#include <string.h>


int main(void)
{
	struct share_setting s;
	struct fleet f;
	char err[ZERR_MAX];
	uint32_t dom[16];
	uint64_t (*sec)[2] = NULL;
	uint8_t out[0x60];
	int n;

	guest_defaults_init(&D);
	tap_ok(share_parse("web", &s, err) == 0 && s.mode == SHARE_NAMED &&
	       !strcmp(s.name, "web"), "share=web names a domain");
	tap_ok(share_parse("off", &s, err) == 0 && s.mode == SHARE_OFF,
	       "share=off");
	tap_ok(share_parse("private", &s, err) == 0 && s.mode == SHARE_PRIVATE,
	       "share=private");
	bad("guest a share=a/b\n", "fleet.conf:1: share=a/b: expected NAME "
	    "(letters, digits, '_', '-', '.'), private or off");
	bad("guest a share=abcdefghijklmnop\n", "fleet.conf:1: "
	    "share=abcdefghijklmnop: a domain name has 1 to 15 characters");
	bad("scan_rate x\n", "fleet.conf:1: scan_rate x: not a number");
	bad("scan_total 2000000\n", "fleet.conf:1: scan_total 2000000: "
	    "expected 0 to 1000000");

	tap_ok(parse(&f, "guest x\n", err) == 0 && f.scan_rate == 50 &&
	       f.scan_total == 200, "rates default to ESX's 50 and 200");
	fleet_free(&f);
	n = parse(&f, "scan_rate 10\nscan_total 30\n"
		  "guest a count=2 share=web\n"      /* a0 a1: web   */
		  "guest b count=2\n"                /* b0 b1: own   */
		  "guest c share=off\n"              /* c: none      */
		  "guest d share=db\n"               /* d: db        */
		  "guest e share=web\n", err);       /* e: web       */
	tap_ok(n == 0 && f.scan_rate == 10 && f.scan_total == 30 && f.n == 7,
	       "a fleet with domains and rates parses (%s)", err);
	n = share_domains(&f, dom, &sec, err);
	tap_eq(n, 4, "domains: web, b0's, b1's, db");
	tap_ok(dom[0] == dom[1] && dom[0] == dom[6] && dom[0] != 0,
	       "the guests naming web share one domain");
	tap_ok(dom[2] && dom[3] && dom[2] != dom[3] && dom[2] != dom[0] &&
	       dom[3] != dom[0], "each private guest its own domain");
	tap_eq(dom[4], 0, "share=off: no domain");
	tap_ok(dom[5] && dom[5] != dom[0] && dom[5] != dom[2] && dom[5] != dom[3],
	       "db is another domain");
	tap_ok(n == 4 && (sec[0][0] | sec[0][1]) && (sec[3][0] | sec[3][1]) &&
	       (sec[0][0] != sec[1][0] || sec[0][1] != sec[1][1]) &&
	       (sec[2][0] != sec[3][0] || sec[2][1] != sec[3][1]),
	       "secrets: 16 random bytes each, all different");
	tap_eq(share_table_size(4), 0x60, "table: 0x20 + 4 * 0x10 bytes");
	share_table_encode(out, 4, sec, 10, 30);
	tap_ok(get_be32(out) == 4 && get_be64(out + 8) == 10 &&
	       get_be64(out + 0x10) == 30 && get_be64(out + 0x20) == sec[0][0] &&
	       get_be64(out + 0x58) == sec[3][1], "table: big-endian fields");
	free(sec);
	fleet_free(&f);

	/* the boot plan carries the domains into the guest table */
	{
		struct boot_plan p;
		uint8_t *bin;

		parse(&f, "guest a count=2 share=web\nguest b share=off\n", err);
		n = boot_plan_make(&p, &f, "/bin/sh", err);
		tap_ok(n == 0 && p.ndomains == 1 && p.desc[0].share_domain == 1 &&
		       p.desc[1].share_domain == 1 && p.desc[2].share_domain == 0,
		       "boot plan: two guests in domain 1, one off (%s)", err);
		if (n == 0) {
			bin = xmalloc(boot_encoded_size(3));
			boot_encode(&p.boot, p.desc, &p.mem_hdr, p.mem, 3, bin);
			tap_ok(get_be32(bin + 0x80 + 0x7c) == 1 &&
			       get_be32(bin + 0x80 + 2 * 0x80 + 0x7c) == 0,
			       "boot.bin: share_domain at 0x7c of each guest");
			free(bin);
			boot_plan_free(&p);
		}
		fleet_free(&f);
	}
	return tap_done();
}
