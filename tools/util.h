/* util.h - small helpers shared by the zcmm CLI: error reporting, number
 * and size parsing, big-endian stores, paths. No policy lives here. */
#ifndef ZCMM_TOOLS_UTIL_H
#define ZCMM_TOOLS_UTIL_H

#include <stddef.h>
#include <stdint.h>

#define MiB (1024ULL * 1024ULL)

/* Exit statuses of the CLI itself (the host's own status passes through). */
#define ZX_USAGE    2   /* bad option, bad size, bad fleet file, missing file */
#define ZX_HERCULES 3   /* Hercules missing, or it ended without @exit        */
#define ZX_PROTOCOL 4   /* the host finished but host lines were lost         */
#define ZX_TIMEOUT  124 /* --timeout expired                                  */
#define ZX_SIGNAL   130 /* interrupted                                        */

/* "zcmm: <message>" on stderr. */
void zerr(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* While set, zerr() hands its line ("zcmm: ...") here instead of
 * printing it (the live view holds it until the terminal is back). */
extern void (*zerr_to)(const char *line);
/* zerr() then exit(status). */
void zdie(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));

/* Error text buffer used by the parsers (no printing inside them). */
#define ZERR_MAX 512
/* The next line of *text (malloc'd, without its newline); *text moves
 * past it. Call while **text. */
char *next_line(const char **text);
/* The whole of a text file, NUL-terminated (free() it); NULL with err
 * set if it cannot be read or holds a NUL byte. */
char *read_text_file(const char *path, char *err);
/* A configuration line in words: copied into buf (bufsz bytes), a '#'
 * comment and the line end dropped, split at blanks into w (at most max
 * words); blanks inside double quotes do not split, the quotes go. Returns the number of words, or -1 with err set ("WHERE: line
 * too long", "WHERE: too many words"). */
int config_words(const char *line, char *buf, size_t bufsz, char **w, int max,
		 const char *where, char *err);
/* The message into err (ZERR_MAX bytes); always -1, so that an error
 * path is `return zerr_set(err, ...);`. */
int zerr_set(char *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Not empty, and only letters, digits and the characters of punct. */
int name_ok(const char *s, const char *punct);
/* Unsigned decimal (or 0x hex) number, the whole string. 0 or -1. */
int parse_u64(const char *s, uint64_t *out);
/* A size: a number with an optional suffix K, M, G, T (powers of 1024,
 * also KiB/KB/k...). A bare number is bytes. 0 or -1. */
int parse_size(const char *s, uint64_t *out);
/* Milliseconds with up to 3 decimals ("5", "0.5") into microseconds. */
int parse_ms_us(const char *s, uint64_t *us);
/* on/off, yes/no, 1/0, true/false. */
int parse_bool(const char *s, int *out);
/* Human size: "64 MiB", "1536 KiB", "12345 B" into buf. */
const char *fmt_size(uint64_t bytes, char *buf, size_t len);

void put_be32(uint8_t *p, uint32_t v);
void put_be64(uint8_t *p, uint64_t v);
uint16_t get_be16(const uint8_t *p);
uint32_t get_be32(const uint8_t *p);
uint64_t get_be64(const uint8_t *p);

uint64_t round_up(uint64_t v, uint64_t align);
/* The monotonic clock in ms. */
long now_ms(void);

/* printf into a new string (malloc'd). */
char *strf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* malloc'd "dir/name"; dir NULL or "" gives a copy of name. */
char *path_join(const char *dir, const char *name);
/* malloc'd directory part of path ("." if none). */
char *path_dir(const char *path);
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
