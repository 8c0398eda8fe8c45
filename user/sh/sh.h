/*
 * sh: what the shell's main loop (main.c) needs from its other parts.
 *
 * parse.c reads a command line into commands and expands their words;
 * glob.c expands the `*` patterns among them.
 * ext.c is the `ext` built-in: the extension handles it opens belong to
 * the shell process, so they live from one command line to the next.
 * dion.c is the `dion` built-in, which lists and adjusts Dionisys objects
 * and holds nothing between command lines. dir.c holds `cd` and `pwd`.
 * jobs.c is job control: the table of jobs, `jobs`, `fg`, `bg`, `kill`,
 * and starting programs in process groups (and at RT priority: `rt`).
 * Invariant: every extension handle the shell holds is in ext.c's table
 * (so `ext list` shows it and `ext unload` can close it).
 */
#ifndef SH_SH_H
#define SH_SH_H

#include <talos.h>

#define MAX_STAGES  8    /* programs in one pipeline */

/* One program of a pipeline, with its arguments and redirections. */
struct stage {
	char *argv[ARGV_MAX + 1];   /* NULL-terminated */
	int argc;
	char *in, *out;             /* redirection files, or NULL */
	int append;                 /* out is opened with O_APPEND, not O_TRUNC */
};

/* The programs of one command line, each one's output the next one's input. */
struct pipeline {
	struct stage stage[MAX_STAGES];
	int n;                      /* stages */
	int background;             /* ended with '&' */
};

/*
 * Parse LINE (parse.c): check its syntax and split it into commands,
 * pipelines separated by ';' or '&' (which runs the one before it in the
 * background). Returns the number of commands (0 for a blank line or a
 * comment), or -1 after printing why the line is malformed: then none of
 * it may run. LINE must stay unchanged until its commands are expanded.
 */
int sh_parse(const char *line);

/*
 * Expand command I of the line sh_parse read into *PL: quotes and
 * backslashes removed, $? replaced by STATUS, each word with a '*'
 * pattern replaced by the names it matches (sh_glob). Returns 0, or -1
 * after printing why not (too many arguments, an ambiguous redirection).
 * PL's words stay valid until the next call.
 */
int sh_expand(int i, int status, struct pipeline *pl);

/*
 * Match PATTERN, a path whose last component holds a '*' (LIT[i] nonzero
 * where PATTERN[i] was quoted: that '*' matches only itself), against
 * the entries of its directory (glob.c). Stores in *NAMES the matching
 * paths, spelled with PATTERN's directory part and sorted, and returns
 * how many; 0 if none match (the word then stays as written), -1 after
 * printing that more than ARGV_MAX match. The names stay valid until the
 * next call.
 */
int sh_glob(const char *pattern, const char *lit, char ***names);

/*
 * Run `ext SUBCOMMAND ...` (ARGC words in ARGV, argv[0] is "ext"). Prints
 * the result on stdout, errors as "ext: ..." on stderr. Returns the
 * command's status: 0 on success, 1 when the kernel refused, 2 on a usage
 * error.
 */
int sh_ext(int argc, char **argv);

/* Print the ext built-in's lines of `help`. */
void sh_ext_help(void);

/*
 * Run `dion [SUBCOMMAND ...]` (ARGC words in ARGV, argv[0] is "dion").
 * Prints the result on stdout, errors as "dion: ..." on stderr. Returns 0
 * on success, 1 when the kernel refused, 2 on a usage error.
 */
int sh_dion(int argc, char **argv);

/* Print the dion built-in's lines of `help`. */
void sh_dion_help(void);

/* Is NAME one of dir.c's built-ins (cd, pwd)? */
int sh_dir_is_builtin(const char *name);

/*
 * Run `cd [DIR]` or `pwd` (ARGC words in ARGV). Errors go to stderr as
 * "cd: DIR: reason". Returns 0, 1 when the kernel refused, 2 on a usage error.
 */
int sh_dir(int argc, char **argv);

/* Print the lines of `help` for cd and pwd. */
void sh_dir_help(void);

/* Set job control up (call once, first): on if the shell has the console. */
void sh_jobs_init(void);

/*
 * ARGV of a stage: if it starts with `rt PRIO`, set *PRIO and return the
 * words after it; else *PRIO = 0 and ARGV. NULL after a usage message.
 */
char **sh_rt_strip(char **argv, int *prio);

/*
 * Spawn PATH with ARGV and FDMAP into the job's group *PGID (0: the first
 * stage; it becomes the group, in the foreground if FG and job control is
 * on) and store the group in *PGID. PRIO > 0: pass the real-time rights
 * and run it at that RT priority. Returns the pid, or -1 with errno.
 */
int sh_spawn(const char *path, char **argv, const int fdmap[3], int prio, int *pgid, int fg);

/*
 * Make a job of the N processes PIDS (-1 for a stage that did not start;
 * NAMES their programs) in group PGID: in the background, print "[ID]"
 * and return 0; in the foreground, wait until it ends or stops and return
 * the shell status of its last stage (128 + N for signal N).
 */
int sh_job_run(const int *pids, char *const *names, int n, int pgid, int background);

/* Reap ended jobs and note stopped ones without blocking, announcing each. */
void sh_jobs_reap(void);

/* Run `jobs`, `fg [PID]` or `bg [PID]` (ARGV[0] says which). Returns the status. */
int sh_jobs_builtin(int argc, char **argv);

/*
 * Run `kill [-SIGNAL] PID|%PID|%...` (%PID: that job's whole group, %: the
 * latest job). Returns 0, 1 if a target failed, 2 for a usage error.
 */
int sh_kill(int argc, char **argv);

/* Print the job control lines of `help`. */
void sh_jobs_help(void);

#endif /* SH_SH_H */
