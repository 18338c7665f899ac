/* report.h - the host's @result records: collected and merged (same KIND
 * and id= make one record), then printed as a table and written as TSV. */
#ifndef ZCMM_TOOLS_REPORT_H
#define ZCMM_TOOLS_REPORT_H

#include <stdio.h>

struct rec {
	char *kind;
	char *id;               /* value of id=, or NULL */
	unsigned n, cap;
	char **key, **val;
};

struct recset {                 /* zeroed: empty */
	struct rec *r;
	unsigned n, cap;
	unsigned long bad;      /* malformed words ignored */
};

void recset_free(struct recset *s);
/* "KIND key=val ..." (what follows "@result "). 0, or -1 if no KIND. */
int recset_add(struct recset *s, const char *line);
/* The record of kind and id (id NULL: without id=), or NULL. */
const struct rec *recset_find(const struct recset *s, const char *kind,
			      const char *id);
const char *rec_get(const struct rec *r, const char *key);

/* Tables: guests then the total row, then one table per other kind. */
void recset_print(const struct recset *s, FILE *out);
/* TSV: "kind" then every key in order of first appearance; one line per
 * record. 0 or -1 (errno). */
int recset_write_tsv(const struct recset *s, FILE *out);
/* Reads such a TSV back (added to s); 0, or -1 with err. The one record
 * format of zcmm: --results, and zcmm bench's runs.tsv and samples.tsv. */
int recset_read_tsv(const char *path, struct recset *s, char *err);

#endif
