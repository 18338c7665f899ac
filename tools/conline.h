/* conline.h - the console line protocol seen from the CLI
 * (include/zcmm/console.h): which of Hercules's output lines are host
 * lines, their sequence numbers, record payloads, Hercules alerts. */
#ifndef ZCMM_TOOLS_CONLINE_H
#define ZCMM_TOOLS_CONLINE_H

enum con_kind {
	CON_NOISE,      /* Hercules's own chatter: hidden (--verbose shows) */
	CON_ALERT,      /* a Hercules error/severe message: shown           */
	CON_HOST,       /* zcmm:NNNNNN payload                              */
};

struct con_line {
	enum con_kind kind;
	unsigned seq;           /* CON_HOST */
	const char *payload;    /* CON_HOST: points into the line */
};

/* Classifies one line (no newline). */
void con_classify(const char *line, struct con_line *out);

/* A CPU entered a disabled wait (HHCCP011I): the host is dead. */
int con_is_disabled_wait(const char *line);
/* glibc's fatal-error message ("double free or corruption (out)",
 * "free(): invalid pointer", "Fatal glibc error: ...", ...): Hercules
 * itself is about to abort. */
int con_is_glibc_abort(const char *line);

/* Payload records. */
enum con_rec { REC_TEXT, REC_EXIT, REC_RESULT, REC_PROGRESS, REC_OTHER };
/* Which record a payload is; *rest: what follows the record word. */
enum con_rec con_record(const char *payload, const char **rest);
/* "@exit N": N in 0..255. 0, or -1 if malformed. */
int con_exit_status(const char *rest, int *status);

/* Sequence-number tracking; zeroed, it waits for the first line. */
struct con_seq {
	int started;
	unsigned next;          /* expected next number */
	unsigned long lines;    /* host lines seen */
	unsigned long lost;     /* lines missing in gaps */
	unsigned long gaps;     /* number of gaps */
	unsigned long disorder; /* repeated or backwards numbers */
	unsigned first_want, first_got; /* the first gap */
};

/* Notes one host line's number; returns how many lines were lost right
 * before it (0 if in order, -1 if repeated/backwards). The first line may
 * be numbered 0 or 1. */
long con_seq_note(struct con_seq *s, unsigned seq);

#endif
