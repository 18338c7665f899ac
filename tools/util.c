/* util.c - error reporting, number/size parsing, big-endian stores and
 * path helpers for the zcmm CLI (see util.h). */
#define _GNU_SOURCE /* vasprintf */
#include "tools/util.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

void (*zerr_to)(const char *line);

static void vzerr(const char *fmt, va_list ap)
{
	char line[1024] = "zcmm: ";

	vsnprintf(line + 6, sizeof line - 6, fmt, ap);
	if (zerr_to) {
		zerr_to(line);
		return;
	}
	fflush(stdout);
	fprintf(stderr, "%s\n", line);
}

void zerr(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vzerr(fmt, ap);
	va_end(ap);
}

void zdie(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vzerr(fmt, ap);
	va_end(ap);
	exit(status);
}

int zerr_set(char *err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, ZERR_MAX, fmt, ap);
	va_end(ap);
	return -1;
}

int name_ok(const char *s, const char *punct)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr(punct, *s))
			return 0;
	return 1;
}

int parse_u64(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;
	int base = 10;

	if (!s || !*s || *s == '-' || *s == '+' || isspace((unsigned char)*s))
		return -1;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		base = 16;
	errno = 0;
	v = strtoull(s, &end, base);
	if (errno || *end || end == s)
		return -1;
	*out = v;
	return 0;
}

int parse_size(const char *s, uint64_t *out)
{
	static const char units[] = "BKMGT";   /* powers of 1024 */
	const char *u;
	char *end;
	unsigned long long v;
	int shift = 0;

	if (!s || !isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (*end && (u = strchr(units, toupper((unsigned char)*end)))) {
		shift = 10 * (int)(u - units);
		end++;
		if (shift && !strcasecmp(end, "ib"))    /* K, KB, KiB */
			end += 2;
		else if (shift && !strcasecmp(end, "b"))
			end++;
	}
	if (errno || *end || v > UINT64_MAX >> shift)
		return -1;
	*out = (uint64_t)v << shift;
	return 0;
}

/* "5", "0.5": ms with up to 3 decimals are us (seconds the same to ms). */
int parse_ms_us(const char *s, uint64_t *us)
{
	uint64_t whole, frac = 0;
	char *end;
	int n = 0;

	if (!s || !isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	whole = strtoull(s, &end, 10);
	if (*end == '.') {
		for (end++; n < 3 && isdigit((unsigned char)*end); end++, n++)
			frac = frac * 10 + (uint64_t)(*end - '0');
		if (!n)
			return -1;
		for (; n < 3; n++)
			frac *= 10;
	}
	if (errno || *end || whole > UINT64_MAX / 1000 - 1)
		return -1;
	*us = whole * 1000 + frac;
	return 0;
}

int parse_bool(const char *s, int *out)
{
	static const char *const words[] = {     /* off, then on */
		"off", "on", "no", "yes", "false", "true", "0", "1",
	};

	for (int i = 0; i < 8; i++)
		if (!strcasecmp(s, words[i])) {
			*out = i & 1;
			return 0;
		}
	return -1;
}

const char *fmt_size(uint64_t b, char *buf, size_t len)
{
	static const char *const unit[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	int k = 0;

	while (k < 4 && b && b % (1024ULL << 10 * k) == 0)
		k++;
	snprintf(buf, len, "%llu %s", (unsigned long long)(b >> 10 * k), unit[k]);
	return buf;
}

void put_be32(uint8_t *p, uint32_t v)
{
	for (int i = 3; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t)v;
}

void put_be64(uint8_t *p, uint64_t v)
{
	for (int i = 7; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t)v;
}

uint16_t get_be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

uint32_t get_be32(const uint8_t *p)
{
	return (uint32_t)get_be16(p) << 16 | get_be16(p + 2);
}

uint64_t get_be64(const uint8_t *p)
{
	return (uint64_t)get_be32(p) << 32 | get_be32(p + 4);
}

long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

uint64_t round_up(uint64_t v, uint64_t align)
{
	return (v + align - 1) / align * align;
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		zdie(1, "out of memory");
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		zdie(1, "out of memory");
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		zdie(1, "out of memory");
	return p;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *strf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		zdie(ZX_USAGE, "out of memory");
	return s;
}

char *path_join(const char *dir, const char *name)
{
	return !dir || !*dir || name[0] == '/' ? xstrdup(name) : strf("%s/%s", dir, name);
}

char *path_dir(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* End the word at s in place: a double-quoted part keeps its blanks
 * (key="a b"), the quotes go. Returns where the next word may start. */
static char *word_end(char *s)
{
	char *d = s;
	int quoted = 0;

	for (; *s; s++) {
		if (*s == '"')
			quoted = !quoted;
		else if (!quoted && (*s == ' ' || *s == '\t'))
			break;
		else
			*d++ = *s;
	}
	if (*s)
		s++;
	*d = 0;
	return s;
}

int config_words(const char *line, char *buf, size_t bufsz, char **w, int max,
		 const char *where, char *err)
{
	char *s = buf, *hash;
	int n = 0;

	if (strlen(line) >= bufsz)
		return zerr_set(err, "%s: line too long", where);
	strcpy(buf, line);
	if ((hash = strchr(buf, '#')))
		*hash = 0;
	buf[strcspn(buf, "\r\n")] = 0;
	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			return n;
		if (n == max)
			return zerr_set(err, "%s: too many words", where);
		w[n++] = s;
		s = word_end(s);
	}
}

char *read_text_file(const char *path, char *err)
{
	FILE *fp = fopen(path, "r");
	char *text = NULL;
	size_t len = 0, cap = 0, n;
	struct stat st;

	if (!fp) {
		zerr_set(err, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(fp), &st) == 0 && !S_ISREG(st.st_mode) &&
	    !S_ISFIFO(st.st_mode) && !S_ISCHR(st.st_mode)) {
		zerr_set(err, "%s: %s, not a file", path,
			 S_ISDIR(st.st_mode) ? "a directory" : "a special file");
		fclose(fp);
		return NULL;
	}
	do {
		if (cap - len < 4096)
			text = xrealloc(text, cap = cap * 2 + 8192);
		n = fread(text + len, 1, cap - len - 1, fp);
		len += n;
	} while (n > 0);
	fclose(fp);
	text[len] = 0;
	if (strlen(text) != len) {
		free(text);
		zerr_set(err, "%s: not a text file (NUL byte)", path);
		return NULL;
	}
	return text;
}

char *next_line(const char **text)
{
	size_t len = strcspn(*text, "\n");
	char *line = xstrndup(*text, len);

	*text += len + ((*text)[len] == '\n');
	return line;
}
