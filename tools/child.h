/* child.h - starting a program as a child of zcmm and waiting for it:
 * the one place the CLI forks and execs (Hercules, dasdinit, gnuplot,
 * zcmm run under zcmm bench). */
#ifndef ZCMM_TOOLS_CHILD_H
#define ZCMM_TOOLS_CHILD_H

#include <sys/types.h>

struct child_io {
	const char *prog;       /* the program file, NULL: argv[0] */
	const char *what;       /* "cannot run WHAT PROG" in errors, or NULL */
	const char *dir;        /* its working directory, NULL: ours */
	int out_fd;             /* its stdout and stderr, -1: a pipe */
	int *pipe_rd;           /* out_fd -1: the pipe's read end goes here */
	int newpg;              /* its own process group (killed as one) */
	char *const *env;       /* "NAME=value" to set, NULL-terminated, or NULL */
};

/* Starts argv[0] (searched on PATH when it holds no '/') with stdin from
 * /dev/null and the default SIGINT, SIGTERM and SIGPIPE. Its pid, or -1
 * with err ("cannot run PROG: No such file or directory") when it could
 * not be started at all. */
pid_t child_start(char *const argv[], const struct child_io *io, char *err);
/* Waits for it: its exit status, 128 + the signal that ended it, or -1. */
int child_wait(pid_t pid);

#endif
