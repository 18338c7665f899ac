/* hercules.h - everything about Hercules itself: the private run
 * directory and the files in it (hercules.cnf, hercules.rc, load.ins,
 * boot.bin, images), finding the data files and Hercules, starting and
 * stopping it in its own process group. */
#ifndef ZCMM_TOOLS_HERCULES_H
#define ZCMM_TOOLS_HERCULES_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "tools/bootblk.h"

/* Load addresses of the fixed files (the Makefile's ipl-psw.bin points
 * the IPL PSW at 0x10000). */
#define HERC_PSW_ADDR  0x0ULL
#define HERC_HOST_ADDR 0x10000ULL

/* A guard process for a run directory that must not outlive zcmm, even
 * when zcmm is killed by SIGKILL: when the returned descriptor closes
 * (close() it, or zcmm ends anyhow), the guard kills Hercules's process
 * group (rundir_guard_herc) and removes dir. -1 if none could start. */
int rundir_guard(const char *dir);
void rundir_guard_herc(int guard, pid_t herc);

/* Where run directories go: $TMPDIR, else /tmp. */
const char *rundir_parent(void);
/* mkdtemp under rundir_parent() ("zcmm-run.XXXXXX"); malloc'd path. */
char *rundir_make(char *err);
/* Removes the files in dir (not recursive), then dir. */
void rundir_remove(const char *dir);

int write_file(const char *dir, const char *name, const void *buf,
	       size_t len, char *err);
int copy_file(const char *src, const char *dir, const char *name, char *err);

/* The text of the three Hercules files (malloc'd). */
char *herc_cnf_text(uint64_t storage, unsigned cpus);
char *herc_rc_text(void);
char *herc_ins_text(const struct boot_plan *p);

/* $ZCMM_DATADIR, else <dir of this executable>/../share/zcmm. */
char *datadir_find(void);
/* --hercules, else $ZCMM_HERCULES, else "hercules" on $PATH: an
 * executable path (malloc'd), or NULL with err. */
char *herc_find(const char *opt, char *err);

/* Starts HERCULES_RC=hercules.rc hercules -d -f hercules.cnf </dev/null
 * in dir, in its own process group, stdout+stderr into *fd. The pid
 * (= process group), or -1 with err. */
pid_t herc_start(const char *herc, const char *dir, int *fd, char *err);
/* SIGTERM the group, SIGKILL after grace_ms, reap the leader. */
void herc_kill(pid_t pid, int grace_ms);
/* waitpid with a limit; 1 if it ended (status in *st), 0 if not. */
int herc_wait(pid_t pid, int ms, int *st);

#endif
