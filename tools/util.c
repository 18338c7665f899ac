/* util.c - error reporting, number/size parsing, big-endian stores and
 * path helpers for the zcmm CLI (see util.h). */
#include "tools/util.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

void zerr_set(char *err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, ZERR_MAX, fmt, ap);
	va_end(ap);
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
	char num[32], *end;
	unsigned long long v, mul = 1;
	size_t n = 0;

	if (!s)
		return -1;
	while (isdigit((unsigned char)s[n]))
		n++;
	if (n == 0 || n >= sizeof num)
		return -1;
	memcpy(num, s, n);
	num[n] = 0;
	errno = 0;
	v = strtoull(num, &end, 10);
	if (errno)
		return -1;
	s += n;
	switch (toupper((unsigned char)*s)) {
	case 0:   break;
	case 'B': mul = 1; s++; break;
	case 'K': mul = 1ULL << 10; s++; break;
	case 'M': mul = 1ULL << 20; s++; break;
	case 'G': mul = 1ULL << 30; s++; break;
	case 'T': mul = 1ULL << 40; s++; break;
	default:  return -1;
	}
	if (mul > 1 && *s) {
		/* accept K, KB, KiB (any case) */
		if ((s[0] == 'i' || s[0] == 'I') && (s[1] == 'b' || s[1] == 'B') && !s[2])
			s += 2;
		else if ((s[0] == 'b' || s[0] == 'B') && !s[1])
			s += 1;
	}
	if (*s)
		return -1;
	if (v && mul > UINT64_MAX / v)
		return -1;
	*out = v * mul;
	return 0;
}

int parse_ms_us(const char *s, uint64_t *us)
{
	uint64_t whole = 0, frac = 0;
	int nfrac = 0;
	const char *p = s;

	if (!s || !isdigit((unsigned char)*s))
		return -1;
	while (isdigit((unsigned char)*p)) {
		if (whole > UINT64_MAX / 10000)
			return -1;
		whole = whole * 10 + (uint64_t)(*p++ - '0');
	}
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return -1;
		while (isdigit((unsigned char)*p)) {
			if (nfrac == 3)
				return -1;
			frac = frac * 10 + (uint64_t)(*p++ - '0');
			nfrac++;
		}
		while (nfrac++ < 3)
			frac *= 10;
	}
	if (*p)
		return -1;
	*us = whole * 1000 + frac;
	return 0;
}

int parse_bool(const char *s, int *out)
{
	static const char *on[] = { "on", "yes", "true", "1" };
	static const char *off[] = { "off", "no", "false", "0" };

	for (int i = 0; i < 4; i++) {
		if (!strcasecmp(s, on[i])) {
			*out = 1;
			return 0;
		}
		if (!strcasecmp(s, off[i])) {
			*out = 0;
			return 0;
		}
	}
	return -1;
}

const char *fmt_size(uint64_t b, char *buf, size_t len)
{
	if (b && b % (1ULL << 40) == 0)
		snprintf(buf, len, "%llu TiB", (unsigned long long)(b >> 40));
	else if (b && b % (1ULL << 30) == 0)
		snprintf(buf, len, "%llu GiB", (unsigned long long)(b >> 30));
	else if (b && b % MiB == 0)
		snprintf(buf, len, "%llu MiB", (unsigned long long)(b >> 20));
	else if (b && b % 1024 == 0)
		snprintf(buf, len, "%llu KiB", (unsigned long long)(b >> 10));
	else
		snprintf(buf, len, "%llu B", (unsigned long long)b);
	return buf;
}

void put_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
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
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

uint64_t get_be64(const uint8_t *p)
{
	return (uint64_t)get_be32(p) << 32 | get_be32(p + 4);
}

uint64_t round_up(uint64_t v, uint64_t align)
{
	return (v + align - 1) / align * align;
}

uint64_t mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

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

char *path_join(const char *dir, const char *name)
{
	size_t a, b;
	char *p;

	if (!dir || !*dir || name[0] == '/')
		return xstrdup(name);
	a = strlen(dir);
	b = strlen(name);
	p = xmalloc(a + b + 2);
	memcpy(p, dir, a);
	p[a] = '/';
	memcpy(p + a + 1, name, b + 1);
	return p;
}

char *path_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *d;

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	d = xmalloc((size_t)(slash - path) + 1);
	memcpy(d, path, (size_t)(slash - path));
	d[slash - path] = 0;
	return d;
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

	if (strlen(line) >= bufsz) {
		zerr_set(err, "%s: line too long", where);
		return -1;
	}
	strcpy(buf, line);
	if ((hash = strchr(buf, '#')))
		*hash = 0;
	buf[strcspn(buf, "\r\n")] = 0;
	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			return n;
		if (n == max) {
			zerr_set(err, "%s: too many words", where);
			return -1;
		}
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
	const char *nl = strchr(*text, '\n');
	size_t len = nl ? (size_t)(nl - *text) : strlen(*text);
	char *line = xmalloc(len + 1);

	memcpy(line, *text, len);
	line[len] = 0;
	*text += nl ? len + 1 : len;
	return line;
}
