/*
 * sh: what the shell's main loop (main.c) needs from its other parts.
 *
 * ext.c is the `ext` built-in: the extension handles it opens belong to
 * the shell process, so they live from one command line to the next.
 * dion.c is the `dion` built-in, which lists and adjusts Dionisys objects
 * and holds nothing between command lines. dir.c holds `cd` and `pwd`.
 * Invariant: every extension handle the shell holds is in ext.c's table
 * (so `ext list` shows it and `ext unload` can close it).
 */
#ifndef SH_SH_H
#define SH_SH_H

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

#endif /* SH_SH_H */
