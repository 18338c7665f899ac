/* conline.c - reads one line of Hercules output the CLI's way: host line
 * (zcmm:NNNNNN payload) or Hercules noise or a Hercules alert; record
 * payloads; sequence numbers and the gaps that mean a lost host line. */
#include "tools/conline.h"
#include "zcmm/console.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Hercules may prefix a message with a panel colour tag "<pnl,...>". */
static const char *skip_pnl(const char *s)
{
	if (!strncasecmp(s, "<pnl", 4)) {
		const char *e = strchr(s, '>');

		if (e)
			return e + 1;
	}
	return s;
}

/* Hercules messages worth showing: HHCxxnnnE / HHCxxnnnS, and the few
 * informational ones that mean the machine stopped (disabled wait,
 * program interrupt loop). */
static int is_alert(const char *line)
{
	const char *s = skip_pnl(line);

	if (strncmp(s, "HHC", 3) || !isalpha((unsigned char)s[3]) ||
	    !isalpha((unsigned char)s[4]) || !isdigit((unsigned char)s[5]) ||
	    !isdigit((unsigned char)s[6]) || !isdigit((unsigned char)s[7]))
		return 0;
	if (s[8] == 'E' || s[8] == 'S')
		return s[9] == 0 || s[9] == ' ';
	return !strncmp(s, "HHCCP011I", 9) || !strncmp(s, "HHCCP016I", 9);
}

void con_classify(const char *line, struct con_line *out)
{
	const char *s = skip_pnl(line);
	size_t tag = strlen(ZCMM_CONSOLE_TAG);
	unsigned seq = 0;
	int i;

	memset(out, 0, sizeof *out);
	out->kind = is_alert(s) ? CON_ALERT : CON_NOISE;
	if (strncmp(s, ZCMM_CONSOLE_TAG, tag))
		return;
	s += tag;
	for (i = 0; i < 6; i++) {
		if (!isdigit((unsigned char)s[i]))
			return;
		seq = seq * 10 + (unsigned)(s[i] - '0');
	}
	if (s[6] != ' ' && s[6] != 0)
		return;
	out->kind = CON_HOST;
	out->seq = seq;
	out->payload = s[6] ? s + 7 : s + 6;
}

int con_is_disabled_wait(const char *line)
{
	return !strncmp(skip_pnl(line), "HHCCP011I", 9);
}

int con_is_glibc_abort(const char *line)
{
	static const char *const msgs[] = {
		"double free or corruption", "free(): ", "malloc(): ",
		"realloc(): ", "munmap_chunk(): ", "malloc_consolidate(): ",
		"corrupted size vs. prev_size", "corrupted double-linked list",
		"Fatal glibc error", "*** stack smashing detected",
		"*** buffer overflow detected",
	};
	const char *s = skip_pnl(line);

	for (unsigned i = 0; i < sizeof msgs / sizeof msgs[0]; i++)
		if (!strncmp(s, msgs[i], strlen(msgs[i])))
			return 1;
	return 0;
}

enum con_rec con_record(const char *payload, const char **rest)
{
	static const struct { const char *word; enum con_rec rec; } recs[] = {
		{ ZCMM_REC_EXIT, REC_EXIT },
		{ ZCMM_REC_RESULT, REC_RESULT },
		{ ZCMM_REC_PROGRESS, REC_PROGRESS },
	};

	*rest = payload;
	if (payload[0] != '@')
		return REC_TEXT;
	for (unsigned i = 0; i < sizeof recs / sizeof recs[0]; i++) {
		size_t n = strlen(recs[i].word) - 1;   /* without its space */

		/* the word and its arguments, or alone ("@progress") */
		if (!strncmp(payload, recs[i].word, n) && (!payload[n] || payload[n] == ' ')) {
			*rest = payload + n + !!payload[n];
			return recs[i].rec;
		}
	}
	return REC_OTHER;
}

int con_exit_status(const char *rest, int *status)
{
	char *end;
	long v;

	while (*rest == ' ')
		rest++;
	if (!isdigit((unsigned char)*rest))
		return -1;
	v = strtol(rest, &end, 10);
	while (*end == ' ')
		end++;
	if (*end || v < 0 || v > 255)
		return -1;
	*status = (int)v;
	return 0;
}

long con_seq_note(struct con_seq *s, unsigned seq)
{
	unsigned d;

	s->lines++;
	if (!s->started) {
		s->started = 1;
		s->next = seq <= 1 ? seq : 1;
	}
	d = (seq + ZCMM_CONSOLE_SEQ_MOD - s->next) % ZCMM_CONSOLE_SEQ_MOD;
	if (d >= ZCMM_CONSOLE_SEQ_MOD / 2) {
		s->disorder++;
		return -1;
	}
	if (d) {
		if (!s->gaps) {
			s->first_want = s->next;
			s->first_got = seq;
		}
		s->gaps++;
		s->lost += d;
	}
	s->next = (seq + 1) % ZCMM_CONSOLE_SEQ_MOD;
	return d;
}
