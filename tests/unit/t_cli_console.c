/* t_cli_console.c - the CLI's side of the console protocol: line
 * classification (tools/conline.c), sequence-gap detection, and the
 * merging, tables and TSV of @result records (tools/report.c). */
#include "tests/tap.h"
#include <unistd.h>
#include "tools/util.h"
#include "tools/conline.h"
#include "tools/report.h"

#include <stdlib.h>
#include <string.h>

static void classify(void)
{
	struct con_line c;
	const char *rest;
	int st = -1;

	con_classify("zcmm:000012 hello world", &c);
	tap_ok(c.kind == CON_HOST && c.seq == 12 && !strcmp(c.payload, "hello world"),
	       "host line: seq and payload");
	con_classify("zcmm:000013   indented", &c);
	tap_ok(c.kind == CON_HOST && !strcmp(c.payload, "  indented"),
	       "payload keeps its own leading blanks");
	con_classify("zcmm:999999", &c);
	tap_ok(c.kind == CON_HOST && c.seq == 999999 && !strcmp(c.payload, ""),
	       "empty payload");
	con_classify("<pnl,color(white,black)>zcmm:000001 x", &c);
	tap_ok(c.kind == CON_HOST && c.seq == 1 && !strcmp(c.payload, "x"),
	       "panel colour prefix skipped");
	con_classify("zcmm:00001 short", &c);
	tap_eq(c.kind, CON_NOISE, "5 digits: noise");
	con_classify("zcmm:0000012 long", &c);
	tap_eq(c.kind, CON_NOISE, "7 digits: noise");
	con_classify(" zcmm:000001 x", &c);
	tap_eq(c.kind, CON_NOISE, "not at the start: noise");
	con_classify("HHCCP007I CPU0000 architecture mode set to z/Arch", &c);
	tap_eq(c.kind, CON_NOISE, "Hercules info: noise");
	con_classify("HHCCF004S No device records in file hercules.cnf", &c);
	tap_eq(c.kind, CON_ALERT, "HHC...S: alert");
	con_classify("HHCPN995E .RC file \"x\" not found.", &c);
	tap_eq(c.kind, CON_ALERT, "HHC...E: alert");
	con_classify("HHCCP011I CPU0000: Disabled wait state", &c);
	tap_eq(c.kind, CON_ALERT, "disabled wait: alert");
	tap_ok(con_is_glibc_abort("double free or corruption (out)") &&
	       con_is_glibc_abort("free(): invalid pointer") &&
	       con_is_glibc_abort("malloc(): corrupted top size") &&
	       con_is_glibc_abort("Fatal glibc error: assertion failed") &&
	       con_is_glibc_abort("corrupted size vs. prev_size"),
	       "glibc's fatal messages are recognised");
	tap_ok(!con_is_glibc_abort("zcmm:000001 double free or corruption") &&
	       !con_is_glibc_abort("HHCCP007I CPU0000 architecture mode") &&
	       !con_is_glibc_abort("[g0] free(): my own words") &&
	       !con_is_glibc_abort(""),
	       "other lines are not glibc aborts");
	tap_ok(con_is_disabled_wait("HHCCP011I CPU0000: Disabled wait state"),
	       "disabled wait recognised");
	con_classify("HHCXXE bad", &c);
	tap_eq(c.kind, CON_NOISE, "malformed id: noise");
	con_classify("ipl load.ins", &c);
	tap_eq(c.kind, CON_NOISE, "echoed command: noise");

	tap_eq(con_record("plain text", &rest), REC_TEXT, "text payload");
	tap_eq(con_record("@exit 0", &rest), REC_EXIT, "@exit");
	tap_ok(con_exit_status(rest, &st) == 0 && st == 0, "@exit 0 -> 0");
	con_record("@exit 70", &rest);
	tap_ok(con_exit_status(rest, &st) == 0 && st == 70, "@exit 70 -> 70");
	con_record("@exit x", &rest);
	tap_eq(con_exit_status(rest, &st), -1, "@exit x malformed");
	con_record("@exit 256", &rest);
	tap_eq(con_exit_status(rest, &st), -1, "@exit 256 out of range");
	tap_eq(con_record("@exit", &rest), REC_EXIT, "bare @exit is an exit record");
	tap_eq(con_exit_status(rest, &st), -1, "bare @exit malformed");
	tap_eq(con_record("@result guest id=a x=1", &rest), REC_RESULT, "@result");
	tap_ok(!strcmp(rest, "guest id=a x=1"), "@result rest");
	tap_eq(con_record("@progress t=1", &rest), REC_PROGRESS, "@progress");
	tap_eq(con_record("@resultx", &rest), REC_OTHER, "@resultx is unknown");
	tap_eq(con_record("@hello", &rest), REC_OTHER, "unknown record");
}

static void sequence(void)
{
	struct con_seq s;

	memset(&s, 0, sizeof s);
	tap_eq(con_seq_note(&s, 0), 0, "first line 0");
	tap_eq(con_seq_note(&s, 1), 0, "then 1");
	tap_eq(con_seq_note(&s, 2), 0, "then 2");
	tap_eq(con_seq_note(&s, 5), 2, "3 and 4 lost");
	tap_eq(con_seq_note(&s, 6), 0, "in order again");
	tap_eq(con_seq_note(&s, 6), -1, "a repeat");
	tap_ok(s.gaps == 1 && s.lost == 2 && s.disorder == 1 &&
	       s.first_want == 3 && s.first_got == 5 && s.lines == 6,
	       "counters: 1 gap, 2 lost, 1 out of order, first gap 3->5");
	memset(&s, 0, sizeof s);
	tap_eq(con_seq_note(&s, 1), 0, "first line 1 is fine too");
	memset(&s, 0, sizeof s);
	tap_eq(con_seq_note(&s, 4), 3, "first line 4: 1, 2, 3 lost");
	memset(&s, 0, sizeof s);
	s.started = 1;
	s.next = 999999;
	tap_eq(con_seq_note(&s, 999999), 0, "999999");
	tap_eq(con_seq_note(&s, 0), 0, "wraps to 000000");
	tap_eq(con_seq_note(&s, 2), 1, "gap across nothing after the wrap");
}

static void write_text_tmp_bad(char *path)
{
	int fd;

	strcpy(path, "/tmp/t_cli_console.XXXXXX");
	fd = mkstemp(path);
	if (fd >= 0 && write(fd, "a,b\n1,2\n", 8) == 8)
		close(fd);
}

static void records(void)
{
	struct recset s;
	const struct rec *r;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	memset(&s, 0, sizeof s);
	tap_eq(recset_add(&s, "guest id=g0 work=10 essa=5"), 0, "guest g0 line 1");
	recset_add(&s, "guest id=g1 work=7 essa=1");
	recset_add(&s, "total work=17 essa=6");
	recset_add(&s, "guest id=g0 states=Sr:3 essa=6 faults=2");
	recset_add(&s, "host frames=100 pageouts=3");
	tap_eq(recset_add(&s, ""), -1, "no KIND");
	tap_eq(recset_add(&s, "k=v"), -1, "KIND missing, key first");
	recset_add(&s, "guest id=g1 junk");
	tap_eq(s.n, 4, "4 records: g0, g1, total, host");
	r = recset_find(&s, "guest", "g0");
	tap_ok(r && r->n == 5, "g0 merged: id work essa states faults");
	tap_ok(r && !strcmp(rec_get(r, "essa"), "6"), "later value wins");
	tap_ok(r && !strcmp(r->key[3], "states") && !strcmp(r->key[4], "faults"),
	       "new keys appended in order");
	tap_ok(recset_find(&s, "total", NULL) != NULL, "total without id");
	tap_ok(recset_find(&s, "guest", "g9") == NULL, "no such record");
	tap_eq(s.bad, 1, "a word without '=' is counted as bad");

	fp = open_memstream(&buf, &len);
	recset_print(&s, fp);
	fclose(fp);
	tap_ok(!strncmp(buf, "guest  work  essa  states  faults\n", 34),
	       "table header: keys in order of first appearance");
	tap_ok(strstr(buf, "\ng0       10     6  Sr:3         2\n") != NULL,
	       "numbers right-aligned, text left");
	tap_ok(strstr(buf, "\ntotal    17     6       -       -\n") != NULL,
	       "total row last, missing cells '-'");
	tap_ok(strstr(buf, "host:\nid    frames  pageouts\nhost     100         3\n") != NULL,
	       "other kinds in their own table");
	if (!strstr(buf, "host:\nid    frames"))
		tap_diag("table:\n%s", buf);
	free(buf);

	buf = NULL;
	fp = open_memstream(&buf, &len);
	recset_write_tsv(&s, fp);
	fclose(fp);
	tap_ok(!strcmp(buf,
		"kind\tid\twork\tessa\tstates\tfaults\tframes\tpageouts\n"
		"guest\tg0\t10\t6\tSr:3\t2\t\t\n"
		"guest\tg1\t7\t1\t\t\t\t\n"
		"total\t\t17\t6\t\t\t\t\n"
		"host\t\t\t\t\t\t100\t3\n"), "TSV: header and one line per record");
	{       /* read back: the same records, empty cells absent */
		char path[] = "/tmp/t_cli_console.XXXXXX", err[ZERR_MAX];
		int fd = mkstemp(path);
		struct recset b;
		const struct rec *g0, *h;

		if (fd >= 0 && write(fd, buf, strlen(buf)) == (ssize_t)strlen(buf))
			close(fd);
		memset(&b, 0, sizeof b);
		tap_ok(recset_read_tsv(path, &b, err) == 0 && b.n == 4, "TSV read back: 4 records (%s)", err);
		g0 = recset_find(&b, "guest", "g0");
		h = recset_find(&b, "host", NULL);
		tap_ok(g0 && !strcmp(rec_get(g0, "states"), "Sr:3") && !rec_get(g0, "frames") &&
		       h && !strcmp(rec_get(h, "pageouts"), "3"), "TSV read back: values as written");
		recset_free(&b);
		unlink(path);
		write_text_tmp_bad(path);
		memset(&b, 0, sizeof b);
		tap_ok(recset_read_tsv(path, &b, err) < 0 && strstr(err, ":1: not a zcmm results header"),
		       "a file that is not a results TSV: refused with file:line (%s)", err);
		recset_free(&b);
		unlink(path);
	}
	free(buf);
	recset_free(&s);
}


int main(void)
{
	classify();
	sequence();
	records();
	{
		/* the console table: the long tail of the host's counters and
		   the samples are left to the TSV; totals-only keys go under
		   the table as host: lines */
		struct recset t;
		char *tb = NULL;
		size_t tl = 0;
		FILE *tf;

		memset(&t, 0, sizeof t);
		recset_add(&t, "guest id=0 name=g0 work=5 Sr=3 icpt_wait=1");
		recset_add(&t, "total id=all work=5 Sr=3 guests=1 frames_leaked=0");
		recset_add(&t, "sample id=t0 t_ms=0 Sr=3");
		recset_add(&t, "bsample id=t0 t_ms=0 guest=0 target=3");
		recset_add(&t, "bsample id=t1 t_ms=250 guest=0 target=4");
		tf = open_memstream(&tb, &tl);
		recset_print(&t, tf);
		fclose(tf);
		tap_ok(!strncmp(tb, "guest  name  work\n", 18),
		       "hidden counters are not columns");
		tap_ok(strstr(tb, "\nhost: guests=1  frames_leaked=0\n") != NULL,
		       "totals-only keys under the table");
		tap_ok(!strstr(tb, "sample:\n") && !strstr(tb, "t_ms"),
		       "samples are not printed on the console");
		tap_ok(!strstr(tb, "bsample:\n") && !strstr(tb, "target"),
		       "no series of any kind as a table (balloon samples)");
		tap_ok(strstr(tb, "\nbsample: 2 records over time (--results FILE has them)\n") != NULL,
		       "a series is counted, pointing to --results");
		if (strstr(tb, "target"))
			tap_diag("table:\n%s", tb);
		free(tb);
		recset_free(&t);
	}
	return tap_done();
}
