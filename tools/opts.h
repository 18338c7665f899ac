/* opts.h - one table of settings per command or file format: the option
 * parser (GNU style: options anywhere, --name=value, -- ends them), the
 * fleet file's keys, --help and the manual page check all read it. A new
 * setting is one table entry. */
#ifndef ZCMM_TOOLS_OPTS_H
#define ZCMM_TOOLS_OPTS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum opt_kind {
	OPT_SECTION,    /* a heading in --help, no option */
	OPT_FLAG,       /* int field = 1, no value; with unit: the bits of
			   unit set in a uint32_t field */
	OPT_STR,        /* const char * field = the value (not copied) */
	OPT_U64,        /* uint64_t field, a number in [min, max] */
	OPT_UINT,       /* unsigned field, a number in [min, max] */
	OPT_SIZE,       /* uint64_t bytes: 64M, 1G; [min, max], multiple of unit */
	OPT_SECS,       /* uint64_t ms from seconds ("1.5"); at least min ms */
	OPT_MSUS,       /* uint64_t us from milliseconds ("0.5"); at least min us */
	OPT_BOOL,       /* int field: on/off, yes/no, 1/0 */
	OPT_BIT,        /* uint32_t field: on/off sets or clears the bits of unit */
	OPT_ENUM,       /* uint32_t field = the index of the value in names */
	OPT_FN,         /* fn does it */
};

struct opt {
	const char *name;       /* without "--"; NULL ends the table */
	char letter;            /* -x as well, or 0 */
	const char *meta;       /* the value in --help ("SIZE"); NULL: none */
	enum opt_kind kind;
	size_t off;             /* the field in the target struct */
	size_t set_off;         /* an int set to 1 when given; 0: none */
	uint64_t min, max, unit;/* max 0: no upper bound; unit 0: none */
	/* OPT_FN: ctx is what the caller passes (a base directory, ...) */
	int (*fn)(void *obj, const char *val, void *ctx, char *why);
	const char *const *names;       /* OPT_ENUM: NULL-terminated */
	const char *expect;     /* the reason on any bad value, else generic */
	const char *help;       /* --help text; '\n' starts a new line */
};

#define OPT_END { .name = NULL }

#define OPT_HEAD(text) { .kind = OPT_SECTION, .help = text }

/* The index of v in names (NULL-terminated), or -1. */
int opt_name_index(const char *const *names, const char *v);
/* The entry named name ('-' and '_' alike), or NULL (sections are never
 * found). */
const struct opt *opt_find(const struct opt *t, const char *name);
/* Stores val into obj as d says; -1 with the reason in why (without the
 * option's name: "not a size (use e.g. 64M, 1G)"). */
int opt_apply(const struct opt *d, void *obj, const char *val, void *ctx,
	      char *why);

/* Copies the settings given in src (their set_off flag is 1; not
 * OPT_FN's) to the entries of the same name in dst's table dt. */
void opts_merge(const struct opt *st, const void *src, void *dst,
		const struct opt *dt);

/* Parses argv[1..argc-1] (argv[0] is the command's name, used in errors)
 * into obj: options and their values anywhere, the other words into pos
 * (at most maxpos; *npos gets how many). Returns 0, 1 for -h/--help, or
 * -1 with one line in err ("run: unknown option '--x' (see ...)"). */
int opts_parse(const struct opt *t, void *obj, int argc, char **argv,
	       char **pos, int maxpos, int *npos, void *ctx, char *err);
/* The option lines of --help, from the table. */
void opts_help(const struct opt *t, FILE *out);
/* "--a --b META ..." wrapped at width columns, indent spaces in front. */
void opts_summary(const struct opt *t, FILE *out, int indent, int width);

#endif
