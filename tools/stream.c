/* stream.c - reads Hercules's output while the host runs: splits it into
 * lines, copies every byte to --log, prints the host's text lines, keeps
 * its records, shows progress, watches the sequence numbers, the timeout
 * and the end (@exit, then Hercules quits). */
#include "tools/run.h"
#include "tools/live.h"
#include "tools/util.h"
#include "zcmm/console.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

volatile sig_atomic_t zcmm_stop_signal;

#define LINE_MAX_ 8192
#define PLAIN_EVERY_MS 5000     /* progress lines when not on a terminal */

struct st {
	const struct stream_cfg *c;
	struct stream_result *r;
	long t0, exit_at, wait_at, last_plain;
	int status_shown;           /* a \r status line is on the terminal */
	char line[LINE_MAX_ + 1];
	size_t len;
};

static void clear_status(struct st *s)
{
	if (s->status_shown) {
		fputs("\r\033[K", stdout);
		fflush(stdout);
		s->status_shown = 0;
	}
}

static void progress(struct st *s, const char *rest)
{
	long t = now_ms() - s->t0;
	char buf[512];

	if (s->c->quiet)
		return;
	snprintf(buf, sizeof buf, "[%ld.%lds] %s", t / 1000, t / 100 % 10, rest);
	if (live_on()) {
		live_progress(buf);
		return;
	}
	if (s->c->tty) {
		struct winsize ws;
		int cols = ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 10 ? ws.ws_col : 80;

		if ((int)strlen(buf) > cols - 1)
			buf[cols - 1] = 0;
		printf("\r\033[K%s", buf);
		fflush(stdout);
		s->status_shown = 1;
	} else if (s->last_plain < 0 ||
		   now_ms() - s->last_plain >= PLAIN_EVERY_MS) {
		printf("progress %s\n", buf);
		fflush(stdout);
		s->last_plain = now_ms();
	}
}

/* Why a record cannot have come from the host in the run's state, or
 * NULL: nothing follows @exit; a guest record names a guest of the run;
 * a guest's or the total's key comes once. Only the host starts a
 * payload (zcmm/console.h), so this is the second guard of the verdict. */
static const char *unexpected(struct st *s, enum con_rec rec, const char *rest)
{
	const struct rec *r, *have;
	const char *why = NULL;
	struct recset one = { 0 };
	char *end;

	if (s->r->exit_seen)
		return "after the exit record";
	if (rec != REC_RESULT)
		return NULL;
	if (recset_add(&one, rest) == 0 && (r = &one.r[0])->id) {
		int guest = !strcmp(r->kind, "guest"), total = !strcmp(r->kind, "total");

		if (guest && (strtoul(r->id, &end, 10) >= s->c->nguests || *end ||
			      end == r->id))
			why = "for a guest the run does not have";
		else if (total && strcmp(r->id, "all"))
			why = "for a total other than id=all";
		else if ((guest || total) && (have = recset_find(&s->r->recs, r->kind, r->id)))
			for (unsigned k = 0; !why && k < r->n; k++)
				if (strcmp(r->key[k], "id") && rec_get(have, r->key[k]))
					why = "repeating a key of its record";
	}
	recset_free(&one);
	return why;
}

static void reject(struct st *s, const char *why, const char *payload)
{
	struct stream_result *r = s->r;

	if (!r->rejected++)
		snprintf(r->rejected_line, sizeof r->rejected_line,
			 "%s: %s", why, payload);
	clear_status(s);
	zerr("host record rejected (%s): %s", why, payload);
}

static void host_line(struct st *s, unsigned seq, const char *payload)
{
	struct stream_result *r = s->r;
	const char *rest, *why;
	enum con_rec rec;
	long lost;

	if (r->first_host_ms < 0)
		r->first_host_ms = now_ms() - s->t0;
	lost = con_seq_note(&r->seq, seq);
	if (lost && s->c->verbose) {
		clear_status(s);
		if (lost < 0)
			zerr("host line zcmm:%06u out of order", seq);
		else
			zerr("%ld host line(s) lost before zcmm:%06u", lost, seq);
	}
	rec = con_record(payload, &rest);
	if (rec != REC_TEXT && rec != REC_OTHER && (why = unexpected(s, rec, rest))) {
		reject(s, why, payload);
		return;
	}
	switch (rec) {
	case REC_TEXT:
		snprintf(r->last_host, sizeof r->last_host, "%s", payload);
		clear_status(s);
		live_line(stdout, payload);     /* held while the view is up */
		break;
	case REC_EXIT:
		if (con_exit_status(rest, &r->exit_status) < 0) {
			r->exit_status = 1;
			clear_status(s);
			zerr("malformed exit record '%s'", payload);
		}
		r->exit_seen = 1;
		s->exit_at = now_ms();
		break;
	case REC_RESULT:
		if (s->c->live && live_take(rest))
			break;  /* the view's samples: drawn, not kept */
		recset_add(&r->recs, rest);
		break;
	case REC_PROGRESS:
		progress(s, rest);
		break;
	case REC_OTHER:
		if (s->c->verbose) {
			clear_status(s);
			zerr("unknown host record: %s", payload);
		}
		break;
	}
}

static void one_line(struct st *s, const char *line)
{
	struct con_line cl;

	con_classify(line, &cl);
	if (cl.kind == CON_HOST) {
		host_line(s, cl.seq, cl.payload);
		return;
	}
	if (con_is_disabled_wait(line)) {
		s->r->disabled_wait = 1;
		if (!s->wait_at)
			s->wait_at = now_ms();
	}
	if (con_is_glibc_abort(line)) {
		if (!s->r->glibc_abort)
			snprintf(s->r->abort_line, sizeof s->r->abort_line,
				 "%s", line);
		s->r->glibc_abort = 1;
		cl.kind = CON_ALERT;
	}
	if (cl.kind == CON_ALERT || s->c->verbose) {
		char buf[LINE_MAX_ + 16];

		clear_status(s);
		snprintf(buf, sizeof buf, "hercules: %s", line);
		live_line(stderr, buf);     /* held while the view is up */
	}
}

static void feed(struct st *s, const char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char ch = buf[i];

		if (ch == '\n' || s->len == LINE_MAX_) {
			if (s->len && s->line[s->len - 1] == '\r')
				s->len--;
			s->line[s->len] = 0;
			one_line(s, s->line);
			s->len = 0;
			if (ch == '\n')
				continue;
		}
		s->line[s->len++] = ch;
	}
}

void stream_run(const struct stream_cfg *c, struct stream_result *r)
{
	static struct st s;
	char buf[65536];

	memset(&s, 0, sizeof s);
	memset(r, 0, sizeof *r);
	s.c = c;
	s.r = r;
	s.t0 = now_ms();
	s.last_plain = -1;
	r->first_host_ms = -1;
	if (c->live && live_start(c->fleet, c->title) < 0)
		zerr("--live: cannot draw on this terminal; going on without");
	for (;;) {
		long now = now_ms();
		struct pollfd pfd = { .fd = c->fd, .events = POLLIN };
		ssize_t got;
		int n;

		r->interrupted = zcmm_stop_signal != 0;
		r->timed_out = c->timeout_ms && !r->exit_seen && now - s.t0 >= c->timeout_ms;
		r->lingered = r->exit_seen && now - s.exit_at >= c->linger_ms;
		/* the host's one CPU in a disabled wait: nothing more will come */
		if (r->interrupted || r->timed_out || r->lingered ||
		    (s.wait_at && !r->exit_seen && now - s.wait_at >= 1000))
			break;
		live_tick();
		if ((n = poll(&pfd, 1, 250)) == 0 || (n < 0 && errno == EINTR))
			continue;
		got = n < 0 ? -1 : read(c->fd, buf, sizeof buf);
		if (got < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (got <= 0)
			break;
		if (c->log)
			fwrite(buf, 1, (size_t)got, c->log);
		feed(&s, buf, (size_t)got);
	}
	if (s.len) {
		s.line[s.len] = 0;
		one_line(&s, s.line);
	}
	live_end();
	clear_status(&s);
	if (c->log)
		fflush(c->log);
	r->elapsed_ms = now_ms() - s.t0;
}
