/* opts.c - the settings tables of opts.h: storing one value by its entry
 * (the same checks and reasons for an option, a fleet file setting and a
 * guest key), the GNU-style option parser and the help text. */
#include "tools/opts.h"
#include "tools/util.h"

#include <string.h>

/* Names are the same with '-' for '_' (--scan-rate, scan_rate). */
static int same_name(const char *a, const char *b)
{
	for (; *a && (*a == *b || ((*a == '-' || *a == '_') &&
				   (*b == '-' || *b == '_'))); a++, b++)
		;
	return *a == *b;
}

const struct opt *opt_find(const struct opt *t, const char *name)
{
	for (; t->name || t->help; t++)
		if (t->kind != OPT_SECTION && same_name(t->name, name))
			return t;
	return NULL;
}

int opt_name_index(const char *const *names, const char *v)
{
	for (int i = 0; names[i]; i++)
		if (!strcmp(names[i], v))
			return i;
	return -1;
}

static int range_why(const struct opt *d, uint64_t v, char *why)
{
	if (v >= d->min && (!d->max || v <= d->max))
		return 0;
	if (d->max)
		return zerr_set(why, "expected %llu to %llu", (unsigned long long)d->min,
				(unsigned long long)d->max);
	return zerr_set(why, "expected at least %llu", (unsigned long long)d->min);
}

static int size_why(const struct opt *d, uint64_t v, char *why)
{
	char a[32];

	if (d->unit && (v == 0 || v % d->unit))
		return zerr_set(why, "not a multiple of %s", fmt_size(d->unit, a, sizeof a));
	if (v < d->min)
		return zerr_set(why, "smaller than %s", fmt_size(d->min, a, sizeof a));
	if (d->max && v > d->max)
		return zerr_set(why, "larger than %s", fmt_size(d->max, a, sizeof a));
	return 0;
}

int opt_apply(const struct opt *d, void *obj, const char *val, void *ctx,
	      char *why)
{
	char *f = (char *)obj + d->off;
	uint64_t v = 0;
	int rc = 0, on;

	switch (d->kind) {
	case OPT_SECTION:
		rc = zerr_set(why, "not a setting");
		break;
	case OPT_FLAG:
		if (d->unit)
			*(uint32_t *)f |= (uint32_t)d->unit;
		else
			*(int *)f = 1;
		break;
	case OPT_ENUM:
		if ((on = opt_name_index(d->names, val)) < 0)
			rc = zerr_set(why, "unknown value");
		else
			*(uint32_t *)f = (uint32_t)on;
		break;
	case OPT_STR:
		*(const char **)f = val;
		break;
	case OPT_U64:
	case OPT_UINT:
		if (parse_u64(val, &v) < 0)
			rc = zerr_set(why, "not a number");
		else if ((rc = range_why(d, v, why)) == 0) {
			if (d->kind == OPT_U64)
				*(uint64_t *)f = v;
			else
				*(unsigned *)f = (unsigned)v;
		}
		break;
	case OPT_SIZE:
		if (parse_size(val, &v) < 0)
			rc = zerr_set(why, "not a size (use e.g. 64M, 1G)");
		else if ((rc = size_why(d, v, why)) == 0)
			*(uint64_t *)f = v;
		break;
	case OPT_SECS:
	case OPT_MSUS:
		/* seconds with 3 decimals are ms, ms with 3 decimals us */
		if (parse_ms_us(val, &v) < 0 || v < d->min)
			rc = zerr_set(why, d->kind == OPT_MSUS ? "expected milliseconds > 0 (e.g. 5, 0.5)"
				      : d->min ? "expected seconds > 0" : "expected seconds");
		else
			*(uint64_t *)f = v;
		break;
	case OPT_BOOL:
	case OPT_BIT:
		if (parse_bool(val, &on) < 0)
			rc = zerr_set(why, "expected on or off (or yes/no, true/false, 1/0)");
		else if (d->kind == OPT_BOOL)
			*(int *)f = on;
		else if (on)
			*(uint32_t *)f |= (uint32_t)d->unit;
		else
			*(uint32_t *)f &= ~(uint32_t)d->unit;
		break;
	case OPT_FN:
		rc = d->fn(obj, val, ctx, why);
		break;
	}
	if (rc < 0 && d->expect)
		zerr_set(why, "%s", d->expect);
	if (rc == 0 && d->set_off)
		*(int *)((char *)obj + d->set_off) = 1;
	return rc;
}

/* The bytes of a setting's field (0: OPT_FN's, unknown). */
static size_t field_size(enum opt_kind k)
{
	return k == OPT_FN ? 0 : k == OPT_STR ? sizeof(char *)
	       : k == OPT_U64 || k == OPT_SIZE || k == OPT_SECS || k == OPT_MSUS ? 8
	       : 4;     /* int, unsigned, uint32_t */
}

void opts_merge(const struct opt *st, const void *src, void *dst,
		const struct opt *dt)
{
	for (const struct opt *d; dt->name; dt++)
		if ((d = opt_find(st, dt->name)) && d->set_off && field_size(d->kind) &&
		    *(const int *)((const char *)src + d->set_off)) {
			memcpy((char *)dst + dt->off, (const char *)src + d->off,
			       field_size(d->kind));
			if (dt->set_off)
				*(int *)((char *)dst + dt->set_off) = 1;
		}
}

/* The entry of "-x" (letter) or "--name[=value]"; *eq gets the '='. */
static const struct opt *lookup(const struct opt *t, const char *a,
				char *name, size_t cap, const char **eq)
{
	*eq = NULL;
	if (a[1] != '-') {
		for (; t->name || t->help; t++)
			if (t->kind != OPT_SECTION && t->letter == a[1])
				break;
		if (!t->name)
			return NULL;
		snprintf(name, cap, "%s", t->name);
		if (a[2]) {             /* -jN */
			if (!t->meta)
				return NULL;
			*eq = a + 1;
		}
		return t;
	}
	*eq = strchr(a, '=');
	snprintf(name, cap, "%.*s", (int)strcspn(a + 2, "="), a + 2);
	return opt_find(t, name);
}

int opts_parse(const struct opt *t, void *obj, int argc, char **argv,
	       char **pos, int maxpos, int *npos, void *ctx, char *err)
{
	const char *cmd = argv[0];
	int only_pos = 0;

	*npos = 0;
	for (int i = 1; i < argc; i++) {
		char *a = argv[i], name[64], why[ZERR_MAX];
		const char *val = NULL, *eq;
		const struct opt *d;

		if (only_pos || a[0] != '-' || !a[1]) {
			if (*npos == maxpos)
				return zerr_set(err, "%s: '%s' is one word too many (see zcmm %s --help)",
						cmd, a, cmd);
			pos[(*npos)++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_pos = 1;
			continue;
		}
		if (!strcmp(a, "-h") || !strcmp(a, "--help"))
			return 1;
		if (!(d = lookup(t, a, name, sizeof name, &eq)))
			return zerr_set(err, "%s: unknown option '%.*s' (see zcmm %s --help)",
					cmd, (int)strcspn(a, a[1] == '-' ? "=" : ""), a, cmd);
		if (d->meta) {
			if (eq)
				val = eq + 1;
			else if (i + 1 < argc)
				val = argv[++i];
			else
				return zerr_set(err, "%s: option '%s' needs a value (see zcmm %s --help)",
						cmd, a, cmd);
		} else if (eq) {
			return zerr_set(err, "%s: option '--%s' takes no value", cmd, name);
		}
		if (opt_apply(d, obj, val, ctx, why) < 0)
			return val ? zerr_set(err, "--%s %s: %s", name, val, why)
				   : zerr_set(err, "--%s: %s", name, why);
	}
	return 0;
}

#define HELP_COL 21

void opts_help(const struct opt *t, FILE *out)
{
	for (; t->name || t->help; t++) {
		const char *h = t->help;
		int col;

		if (t->kind == OPT_SECTION) {
			fprintf(out, "%s\n", h);
			continue;
		}
		col = t->letter ? fprintf(out, "  -%c, ", t->letter) : fprintf(out, "  ");
		col += fprintf(out, "--%s%s%s", t->name, t->meta ? " " : "",
			      t->meta ? t->meta : "");
		if (col >= HELP_COL - 1) {
			fputc('\n', out);
			col = 0;
		}
		while (*h) {
			size_t n = strcspn(h, "\n");

			fprintf(out, "%*s%.*s\n", HELP_COL - col, "", (int)n, h);
			col = 0;
			h += n + (h[n] == '\n');
		}
	}
	fprintf(out, "  -h, --help%*sthis text\n", HELP_COL - 12, "");
}

void opts_summary(const struct opt *t, FILE *out, int indent, int width)
{
	int col = 0;

	for (; t->name || t->help; t++) {
		char w[80];
		int n;

		if (t->kind == OPT_SECTION)
			continue;
		n = snprintf(w, sizeof w, "--%s%s%s", t->name, t->meta ? " " : "",
			     t->meta ? t->meta : "");
		if (col && col + 1 + n > width) {
			fputc('\n', out);
			col = 0;
		}
		col += col ? fprintf(out, " %s", w) : fprintf(out, "%*s%s", indent, "", w);
	}
	if (col)
		fputc('\n', out);
}
