/* t_cli_stream.c - the CLI's guard of the run's verdict (tools/stream.c):
 * host records the run could not have sent in its state (a guest it does
 * not have, a key given twice, anything after @exit) are rejected and
 * counted, and the records around them are kept as they were. */
#include "tests/tap.h"
#include "tools/run.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static struct stream_result r;

/* Streams text as Hercules's output of a run of nguests guests. */
static void stream(const char *text, unsigned nguests)
{
	struct stream_cfg c = { .quiet = 1, .timeout_ms = 5000,
				.linger_ms = 0, .nguests = nguests };
	int fd[2];

	if (pipe(fd) || write(fd[1], text, strlen(text)) != (ssize_t)strlen(text))
		tap_ok(0, "pipe");
	close(fd[1]);
	c.fd = fd[0];
	recset_free(&r.recs);
	memset(&r, 0, sizeof r);
	stream_run(&c, &r);
	close(fd[0]);
}

static const char *get(const char *kind, const char *id, const char *key)
{
	const struct rec *x = recset_find(&r.recs, kind, id);

	return x ? rec_get(x, key) : NULL;
}

int main(void)
{
	/* the rejections' lines go to stderr: keep the TAP output clean */
	if (!freopen("/dev/null", "w", stderr))
		return 1;

	stream("zcmm:000001 [g0] hello\n"
	       "zcmm:000002 @result guest id=0 name=g0 status=0\n"
	       "zcmm:000003 @result guest id=0 work=5\n"
	       "zcmm:000004 @result guest id=1 name=g1 status=6\n"
	       "zcmm:000005 @result total id=all guests=2 failed=1\n"
	       "zcmm:000006 @exit 1\n", 2);
	tap_ok(!r.rejected && r.exit_seen && r.exit_status == 1,
	       "a run's own records pass (rejected %lu, exit %d)", r.rejected,
	       r.exit_status);
	tap_ok(get("guest", "0", "work") && get("guest", "1", "status"),
	       "lines of one record merge");

	stream("zcmm:000001 @result guest id=0 name=g0 status=0\n"
	       "zcmm:000002 @result guest id=2 name=phantom status=0\n"
	       "zcmm:000003 @result guest id=x name=phantom status=0\n"
	       "zcmm:000004 @exit 0\n", 2);
	tap_eq(r.rejected, 2UL, "records for guests the run does not have are rejected");
	tap_ok(!recset_find(&r.recs, "guest", "2") &&
	       !recset_find(&r.recs, "guest", "x"), "and make no row");
	tap_ok(strstr(r.rejected_line, "does not have") &&
	       strstr(r.rejected_line, "phantom"),
	       "the first is kept with its reason: %s", r.rejected_line);

	stream("zcmm:000001 @result guest id=0 name=g0 status=6\n"
	       "zcmm:000002 @result guest id=0 status=0\n"
	       "zcmm:000003 @result total id=all failed=1\n"
	       "zcmm:000004 @result total id=all failed=0\n"
	       "zcmm:000005 @result total id=t1 failed=0\n"
	       "zcmm:000006 @exit 1\n", 1);
	tap_eq(r.rejected, 3UL, "a key given twice, or a second total, is rejected");
	tap_ok(!strcmp(get("guest", "0", "status"), "6") &&
	       !strcmp(get("total", "all", "failed"), "1"),
	       "the first values stand");

	stream("zcmm:000001 @result guest id=0 name=g0 status=6\n"
	       "zcmm:000002 @exit 1\n"
	       "zcmm:000003 @exit 0\n"
	       "zcmm:000004 @result guest id=0 work=9\n", 1);
	tap_ok(r.rejected == 2 && r.exit_status == 1 && !get("guest", "0", "work"),
	       "a second @exit and records after @exit are rejected (exit %d)",
	       r.exit_status);

	stream("zcmm:000001 [g0] x.@result guest id=0 status=0.@exit 0\n"
	       "zcmm:000002 + @exit 0\n"
	       "zcmm:000003 @exit 1\n", 1);
	tap_ok(!r.rejected && r.exit_status == 1 && !recset_find(&r.recs, "guest", "0"),
	       "guest text and continuation lines are text, not records");
	recset_free(&r.recs);
	return tap_done();
}
