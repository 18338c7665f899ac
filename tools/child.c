/* child.c - the CLI's children: fork, the child's descriptors, directory,
 * environment and signals, exec; an exec that fails is reported to the
 * parent through a close-on-exec pipe, so "not found" is an error line
 * and not an exit status to guess from. */
#define _GNU_SOURCE
#include "tools/child.h"
#include "tools/util.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void in_child(char *const argv[], const struct child_io *io, int out,
		     int report)
{
	int nul = open("/dev/null", O_RDONLY), e;

	if (io->newpg)
		setpgid(0, 0);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	if ((io->dir && chdir(io->dir) < 0) || nul < 0 || dup2(nul, 0) < 0 ||
	    dup2(out, 1) < 0 || dup2(out, 2) < 0)
		goto fail;
	if (nul > 2)
		close(nul);
	if (out > 2)
		close(out);
	for (char *const *v = io->env; v && *v; v++)
		putenv(*v);
	execvp(io->prog ? io->prog : argv[0], argv);
fail:
	e = errno;
	if (write(report, &e, sizeof e) < 0)
		_exit(127);
	_exit(127);
}

pid_t child_start(char *const argv[], const struct child_io *io, char *err)
{
	int p[2] = { -1, -1 }, ex[2], e = 0, out = io->out_fd;
	pid_t pid;
	ssize_t n;

	if ((out < 0 && pipe2(p, O_CLOEXEC) < 0) || pipe2(ex, O_CLOEXEC) < 0)
		return zerr_set(err, "pipe: %s", strerror(errno));
	if (out < 0)
		out = p[1];
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		return zerr_set(err, "fork: %s", strerror(errno));
	if (pid == 0)
		in_child(argv, io, out, ex[1]);
	if (io->newpg)
		setpgid(pid, pid);      /* also here: no race with kill(-pid) */
	close(ex[1]);
	if (p[1] >= 0)
		close(p[1]);
	while ((n = read(ex[0], &e, sizeof e)) < 0 && errno == EINTR)
		;
	close(ex[0]);
	if (n == (ssize_t)sizeof e) {       /* the exec failed */
		if (p[0] >= 0)
			close(p[0]);
		child_wait(pid);
		return zerr_set(err, "cannot run %s%s%s: %s", io->what ? io->what : "",
				io->what ? " " : "", io->prog ? io->prog : argv[0], strerror(e));
	}
	if (io->pipe_rd)
		*io->pipe_rd = p[0];
	return pid;
}

int child_wait(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}
