/* report.c - collects the host's @result records (merging lines with the
 * same KIND and id=), prints them as aligned tables (guests, then the
 * total row; numbers right-aligned) and writes them as TSV. */
#include "tools/report.h"
#include "tools/util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

void recset_free(struct recset *s)
{
	for (unsigned i = 0; i < s->n; i++) {
		struct rec *r = &s->r[i];

		for (unsigned k = 0; k < r->n; k++) {
			free(r->key[k]);
			free(r->val[k]);
		}
		free(r->key);
		free(r->val);
		free(r->kind);
		free(r->id);
	}
	free(s->r);
	memset(s, 0, sizeof *s);
}

static int same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

const struct rec *recset_find(const struct recset *s, const char *kind,
			      const char *id)
{
	for (unsigned i = s->n; i-- > 0;)
		if (!strcmp(s->r[i].kind, kind) && same(s->r[i].id, id))
			return &s->r[i];
	return NULL;
}

const char *rec_get(const struct rec *r, const char *key)
{
	for (unsigned k = 0; k < r->n; k++)
		if (!strcmp(r->key[k], key))
			return r->val[k];
	return NULL;
}

static void rec_set(struct rec *r, const char *key, size_t klen,
		    const char *val, size_t vlen)
{
	char *v = xstrndup(val, vlen);

	for (unsigned k = 0; k < r->n; k++)
		if (strlen(r->key[k]) == klen && !memcmp(r->key[k], key, klen)) {
			free(r->val[k]);
			r->val[k] = v;
			return;
		}
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 8;
		r->key = xrealloc(r->key, r->cap * sizeof *r->key);
		r->val = xrealloc(r->val, r->cap * sizeof *r->val);
	}
	r->key[r->n] = xstrndup(key, klen);
	r->val[r->n++] = v;
}

/* Next word of s: start and length; NULL at the end. */
static const char *word(const char **s, size_t *len)
{
	const char *p = *s + strspn(*s, " \t");

	if (!*p)
		return NULL;
	*len = strcspn(p, " \t");
	*s = p + *len;
	return p;
}

/* The record of kind and id (id NULL: none), made if new; takes both. */
static struct rec *rec_for(struct recset *s, char *kind, char *id)
{
	struct rec *r = (struct rec *)recset_find(s, kind, id);

	if (r) {
		free(kind);
		free(id);
		return r;
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->r = xrealloc(s->r, s->cap * sizeof *s->r);
	}
	r = &s->r[s->n++];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->id = id;
	return r;
}

int recset_add(struct recset *s, const char *line)
{
	const char *p = line, *w, *kind;
	size_t len, klen;
	char *id = NULL;
	struct rec *r;

	kind = word(&p, &klen);
	if (!kind || memchr(kind, '=', klen))
		return -1;
	/* find id= first: it decides which record the keys merge into */
	for (const char *q = p; !id && (w = word(&q, &len));)
		if (len > 3 && !memcmp(w, "id=", 3))
			id = xstrndup(w + 3, len - 3);
	r = rec_for(s, xstrndup(kind, klen), id);
	while ((w = word(&p, &len))) {
		const char *eq = memchr(w, '=', len);

		if (!eq || eq == w)
			s->bad++;
		else
			rec_set(r, w, (size_t)(eq - w), eq + 1, len - (size_t)(eq - w) - 1);
	}
	return 0;
}

/* --- output -------------------------------------------------------- */

struct cols {
	const char **name;
	unsigned n, cap;
};

static void cols_add(struct cols *c, const char *k)
{
	for (unsigned i = 0; i < c->n; i++)
		if (!strcmp(c->name[i], k))
			return;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->name = xrealloc(c->name, c->cap * sizeof *c->name);
	}
	c->name[c->n++] = k;
}

/* A number (right-aligned in the table): 12, -3, 4.5, 7%. */
static int is_number(const char *s)
{
	char *end;

	strtod(s, &end);
	return end != s && !isspace((unsigned char)*s) &&
	       (!*end || (*end == '%' && !end[1]));
}

/* Keys the console table leaves to the TSV (--results): the long tail of
 * the host's counters, so the table fits a terminal. */
static int hidden(const char *k)
{
	static const char *const keys[] = {
		"frames", "icpt_inst", "icpt_wait", "icpt_operexc",
		"icpt_validity", "essa_extract", "essa_potvol", "essa_resident",
		"essa_ifres", "discard_u", "discard_p", "released", "io_wait_us",
		"balloon_target", "balloon_max", "released_frames", "inflated",
		"deflated", "refused", "short", "wss_raw", "wss_periods",
		"wss_blocked", "wss_sampled", "wss_touched", "Sr", "Sp", "Sz",
		"Ur", "Uz", "Vr", "Vz", "Pr",
	};

	for (unsigned i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!strcmp(k, keys[i]))
			return 1;
	return 0;
}

/* Does a guest row of rows have key? */
static int guest_key(const struct rec *const *rows, unsigned nr, const char *key)
{
	for (unsigned j = 0; j < nr; j++)
		if (!strcmp(rows[j]->kind, "guest") && rec_get(rows[j], key))
			return 1;
	return 0;
}

/* Keys that only the total rows have (the host's own counters): printed
 * under the table as key=value lines rather than as columns of dashes. */
static void print_totals_only(const struct rec *const *rows, unsigned nr,
			      FILE *out)
{
	unsigned col = 0;

	for (unsigned i = 0; i < nr; i++)
		for (unsigned k = 0; !strcmp(rows[i]->kind, "total") && k < rows[i]->n; k++) {
			const char *key = rows[i]->key[k];

			if (!strcmp(key, "id") || guest_key(rows, nr, key))
				continue;
			if (col > 60) {
				fputc('\n', out);
				col = 0;
			}
			col += (unsigned)fprintf(out, "%s%s=%s", col ? "  " :
						 "host: ", key, rows[i]->val[k]);
		}
	if (col)
		fputc('\n', out);
}

/* One table: records of kind (NULL: guest rows then total rows). */
static void print_table(const struct recset *s, const char *kind, FILE *out)
{
	struct cols c = { 0 };
	const struct rec **rows = xmalloc((s->n + 1) * sizeof *rows);
	unsigned nr = 0, *w;
	const char *first = kind ? "id" : "guest";

	for (int pass = 0; pass < (kind ? 1 : 2); pass++)   /* guests, totals */
		for (unsigned i = 0; i < s->n; i++)
			if (!strcmp(s->r[i].kind, kind ? kind : pass ? "total" : "guest"))
				rows[nr++] = &s->r[i];
	for (unsigned i = 0; i < nr; i++)
		for (unsigned k = 0; k < rows[i]->n; k++) {
			const char *key = rows[i]->key[k];

			if (strcmp(key, "id") && (kind || (guest_key(rows, nr, key) && !hidden(key))))
				cols_add(&c, key);
		}
	w = xmalloc((c.n + 1) * sizeof *w);
	w[0] = (unsigned)strlen(first);
	for (unsigned j = 0; j < c.n; j++)
		w[j + 1] = (unsigned)strlen(c.name[j]);
	for (unsigned i = 0; i < nr; i++)
		for (unsigned j = 0; j <= c.n; j++) {
			const char *v = j ? rec_get(rows[i], c.name[j - 1])
				      : rows[i]->id ? rows[i]->id : rows[i]->kind;

			if (v && strlen(v) > w[j])
				w[j] = (unsigned)strlen(v);
		}
	if (nr && kind)
		fprintf(out, "%s:\n", kind);
	for (unsigned i = 0; nr && i <= nr; i++) {  /* the heading, then rows */
		const struct rec *r = i ? rows[i - 1] : NULL;

		fprintf(out, "%-*s", (int)w[0], !r ? first : r->id ? r->id : r->kind);
		for (unsigned j = 0; j < c.n; j++) {
			const char *v = !r ? c.name[j] : rec_get(r, c.name[j]);

			if (!v)
				v = "-";
			if (!r || is_number(v) || !strcmp(v, "-"))
				fprintf(out, "  %*s", (int)w[j + 1], v);
			else if (j + 1 == c.n)
				fprintf(out, "  %s", v);
			else
				fprintf(out, "  %-*s", (int)w[j + 1], v);
		}
		fputc('\n', out);
	}
	if (!kind)
		print_totals_only(rows, nr, out);
	free(w);
	free(c.name);
	free(rows);
}

/* A time series (samples of the host, of the balloon, ...): its records
 * carry t_ms=. The terminal gets their count, --results every record. */
static unsigned series_len(const struct recset *s, const char *kind)
{
	unsigned n = 0, series = 0;

	for (unsigned i = 0; i < s->n; i++)
		if (!strcmp(s->r[i].kind, kind)) {
			n++;
			series |= rec_get(&s->r[i], "t_ms") != NULL;
		}
	return series ? n : 0;
}

void recset_print(const struct recset *s, FILE *out)
{
	struct cols kinds = { 0 };
	int any = 0, gap = 0;
	unsigned len;

	for (unsigned i = 0; i < s->n; i++)
		if (!strcmp(s->r[i].kind, "guest") || !strcmp(s->r[i].kind, "total"))
			any = 1;
		else
			cols_add(&kinds, s->r[i].kind);
	if (any)
		print_table(s, NULL, out);
	for (unsigned k = 0; k < kinds.n; k++) {
		if (series_len(s, kinds.name[k]))
			continue;
		if (any || gap++)
			fputc('\n', out);
		print_table(s, kinds.name[k], out);
	}
	for (unsigned k = 0; k < kinds.n; k++)
		if ((len = series_len(s, kinds.name[k])))
			fprintf(out, "%s: %u record%s over time (--results FILE has them)\n",
				kinds.name[k], len, len == 1 ? "" : "s");
	free(kinds.name);
}

/* The tab-separated fields of line, in place, into f (at most max). */
static unsigned fields(char *line, char **f, unsigned max)
{
	unsigned n = 0;

	for (char *p = line; p && n < max; n++) {
		f[n] = p;
		if ((p = strchr(p, '\t')))
			*p++ = 0;
	}
	return n;
}

int recset_read_tsv(const char *path, struct recset *s, char *err)
{
	char *text = read_text_file(path, err), *hdr = NULL, **h, **f;
	const char *t = text;
	unsigned nh = 0, lineno = 1;
	int rc = 0;

	if (!text || !*text) {
		free(text);
		return text ? 0 : -1;
	}
	hdr = next_line(&t);        /* kind, then the keys */
	h = xmalloc((strlen(hdr) + 1) * sizeof *h);
	f = xmalloc((strlen(hdr) + 1) * sizeof *f);
	nh = fields(hdr, h, (unsigned)strlen(hdr) + 1);
	if (strcmp(h[0], "kind"))
		rc = zerr_set(err, "%s:1: not a zcmm results header (kind, then keys)", path);
	while (*t && !rc) {
		char *line = next_line(&t);
		unsigned n = fields(line, f, nh), id = 1;

		lineno++;
		while (id < n && strcmp(h[id], "id"))
			id++;
		if (*line && (!*f[0] || strchr(f[0], '=') || strchr(f[0], ' ')))
			rc = zerr_set(err, "%s:%u: not a record", path, lineno);
		else if (*line) {
			struct rec *r = rec_for(s, xstrdup(f[0]),
						id < n && *f[id] ? xstrdup(f[id]) : NULL);

			for (unsigned j = 1; j < n; j++)
				if (*f[j])
					rec_set(r, h[j], strlen(h[j]), f[j], strlen(f[j]));
		}
		free(line);
	}
	free(hdr);
	free(h);
	free(f);
	free(text);
	return rc;
}

int recset_write_tsv(const struct recset *s, FILE *out)
{
	struct cols c = { 0 };

	for (unsigned i = 0; i < s->n; i++)
		for (unsigned k = 0; k < s->r[i].n; k++)
			cols_add(&c, s->r[i].key[k]);
	fputs("kind", out);
	for (unsigned j = 0; j < c.n; j++)
		fprintf(out, "\t%s", c.name[j]);
	fputc('\n', out);
	for (unsigned i = 0; i < s->n; i++) {
		fputs(s->r[i].kind, out);
		for (unsigned j = 0; j < c.n; j++) {
			const char *v = rec_get(&s->r[i], c.name[j]);

			fprintf(out, "\t%s", v ? v : "");
		}
		fputc('\n', out);
	}
	free(c.name);
	return ferror(out) ? -1 : 0;
}
