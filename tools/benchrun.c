/* benchrun.c - one run of zcmm bench: the child `zcmm run` (the same
 * binary) with the variant's and the policy's settings, its output into
 * the run's log with progress shown, its results TSV read back. */
#define _GNU_SOURCE
#include "tools/benchrun.h"
#include "tools/child.h"
#include "tools/report.h"
#include "tools/util.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

void show(const struct runctx *c, const char *tag, const char *text)
{
	double t = now_s() - c->t_bench;

	if (c->o->quiet || c->silent)
		return;
	if (c->tty) {
		printf("\r\033[K[bench %u/%u %s, %dm%02ds] %.60s", c->idx + 1, c->total,
		       tag, (int)t / 60, (int)t % 60, text);
	} else
		printf("[bench %u/%u %s, %dm%02ds] %s\n", c->idx + 1, c->total, tag,
		       (int)t / 60, (int)t % 60, text);
	fflush(stdout);
}

/* Runs `zcmm run` for one variant x policy, its output into log; the
 * exit status (128+signal if killed). */
int child_run(const struct runctx *c, const struct bench_arm *var,
		     const struct bench_arm *pol, const char *res,
		     const char *logpath, const char *tag)
{
	char *argv[8 + 4 * BENCH_MAX_SETS + 8], prog[32], *opt[2 * BENCH_MAX_SETS + 2];
	int argc = 0, nopt = 0, pfd = -1, st;
	FILE *log = fopen(logpath, "a");
	char buf[8192], line[8192];
	size_t ll = 0;
	pid_t pid;

	if (!log)
		zdie(ZX_USAGE, "cannot write %s: %s", logpath, strerror(errno));
	snprintf(prog, sizeof prog, "%llu", (unsigned long long)c->s->sample_ms);
	argv[argc++] = (char *)c->exe;
	argv[argc++] = "run";
	argv[argc++] = "--results";
	argv[argc++] = (char *)res;
	argv[argc++] = "--progress";
	argv[argc++] = prog;
	argv[argc++] = "--retries";     /* bench retries: it times each attempt */
	argv[argc++] = "0";
	if (c->o->hercules) {
		argv[argc++] = "--hercules";
		argv[argc++] = (char *)c->o->hercules;
	}
	if (c->o->timeout) {
		argv[argc++] = "--timeout";
		argv[argc++] = (char *)c->o->timeout;
	}
	for (int k = 0; k < 2; k++) {
		const struct bench_arm *a = k ? pol : var;   /* the policy wins */

		for (unsigned i = 0; i < a->nset; i++) {
			char *o = xmalloc(strlen(a->set[i].key) + 3);

			sprintf(o, "--%s", a->set[i].key);
			opt[nopt++] = o;
			argv[argc++] = o;
			if (a->set[i].val)
				argv[argc++] = a->set[i].val;
		}
	}
	argv[argc++] = (char *)(var->scale > 1 ? c->vfleet : c->fleet);
	argv[argc] = NULL;
	fprintf(log, "$");
	for (int i = 0; i < argc; i++)
		fprintf(log, " %s", argv[i]);
	fprintf(log, "\n");
	fflush(log);
	{
		struct child_io io = { .out_fd = -1, .pipe_rd = &pfd };
		char err[ZERR_MAX];

		if ((pid = child_start(argv, &io, err)) < 0)
			zdie(ZX_USAGE, "%s", err);
	}
	for (;;) {
		ssize_t n = read(pfd, buf, sizeof buf);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		fwrite(buf, 1, (size_t)n, log);
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] != '\n' && ll < sizeof line - 1) {
				line[ll++] = buf[i];
				continue;
			}
			line[ll] = 0;
			ll = 0;
			if (!strncmp(line, "progress ", 9))
				show(c, tag, line + 9);
			else if (!strncmp(line, "zcmm: timeout", 13)) {
				if (c->tty && !c->o->quiet)
					printf("\r\033[K");
				fprintf(stderr, "  [%s] %s\n", tag, line);
			}
		}
	}
	close(pfd);
	fclose(log);
	st = child_wait(pid);
	for (int i = 0; i < nopt; i++)
		free(opt[i]);
	return st;
}

/* The run's results TSV: the total record into r, samples appended. */
void read_results(const char *path, struct bench_run *r, unsigned idx,
		  struct sample **sp, unsigned *ns)
{
	struct recset rs;
	char err[ZERR_MAX];

	recset_init(&rs);
	if (recset_read_tsv(path, &rs, err) < 0)
		zerr("%s", err);
	for (unsigned i = 0; i < rs.n; i++) {
		const struct rec *x = &rs.r[i];

		if (!strcmp(x->kind, "total")) {
			for (unsigned k = 0; k < x->n; k++)
				if (strcmp(x->key[k], "id"))
					bench_run_set(r, x->key[k], x->val[k]);
		} else if (!strcmp(x->kind, "sample")) {
			struct sample s;
			const char *v;

			memset(&s, 0, sizeof s);
			s.run = idx;
			s.t_ms = (v = rec_get(x, "t_ms")) ? strtod(v, NULL) : NAN;
			s.frames_free = (v = rec_get(x, "frames_free")) ? strtod(v, NULL) : NAN;
			s.saved = (v = rec_get(x, "frames_saved")) ? strtod(v, NULL) : NAN;
			for (unsigned k = 0; k < 8; k++)
				s.st[k] = (v = rec_get(x, state_keys[k])) ? strtod(v, NULL) : NAN;
			*sp = xrealloc(*sp, (*ns + 1) * sizeof **sp);
			(*sp)[(*ns)++] = s;
		}
	}
	recset_free(&rs);
}
