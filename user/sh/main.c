/*
 * sh: the TalOS shell. It prints "$ ", reads a line from standard input,
 * and runs it:
 *
 *   NAME ARG "AN ARG"      run /bin/NAME (or NAME itself if it has a '/')
 *   'TEXT'  "TEXT"  \C     quoting: TEXT or C as written ("" still expands $?)
 *   $?                     the status of the last command
 *   /DIR/PAT*              the names in /DIR matching PAT* (sorted), or the
 *                          word as written if none match
 *   A | B | C              a pipeline: each one's output is the next one's input
 *   < FILE  > FILE  >> FILE   redirect input, output, output appended
 *   A ; B                  run A, then B
 *   A & B                  run A in the background: print "[pid]" and go on;
 *                          "[pid] done (status N)" is printed before a later
 *                          prompt
 *   # ...                  a comment, to the end of the line
 *   help, exit [CODE]      built-ins
 *   rt PRIO NAME ...       run NAME at real-time priority PRIO, holding the
 *                          real-time right (any stage of a pipeline)
 *   cd [DIR], pwd          built-ins: the working directory (dir.c)
 *   jobs, fg, bg, kill     built-ins: job control (jobs.c); Ctrl-C and Ctrl-Z
 *                          on the console signal the foreground job
 *   ext ...                built-in: load and call SafeX extensions (ext.c)
 *   dion ...               built-in: list and adjust Dionisys objects (dion.c)
 *
 * The console does echo and line editing, so sh just reads lines, of at
 * most TTY_LINE_MAX bytes (a longer one is refused whole); it also runs a
 * script piped into the console. There is no fork in TalOS: each
 * program is started with spawn, its descriptors 0, 1, 2 named by spawn's
 * fdmap. Invariant: after a line is run, the shell holds no descriptor but
 * 0, 1 and 2 (every pipe end and redirection file is closed in the shell
 * once the children have their copies), so pipes see their end of file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <talos.h>
#include <unistd.h>

#include "sh.h"

/* ---- Running ---- */

/* Close FD unless it is one of the shell's own 0, 1, 2. */
static void close_extra(int fd)
{
	if (fd > STDERR_FILENO)
		close(fd);
}

/* Open the redirections of ST into *IN and *OUT (left alone when absent). Returns 0 or -1. */
static int open_redirections(const struct stage *st, int *in, int *out)
{
	if (st->in) {
		int fd = open(st->in, O_RDONLY);

		if (fd < 0) {
			fprintf(stderr, "sh: %s: %s\n", st->in, strerror(errno));
			return -1;
		}
		close_extra(*in);
		*in = fd;
	}
	if (st->out) {
		int fd = open(st->out, O_WRONLY | O_CREAT | (st->append ? O_APPEND : O_TRUNC));

		if (fd < 0) {
			fprintf(stderr, "sh: %s: %s\n", st->out, strerror(errno));
			return -1;
		}
		close_extra(*out);
		*out = fd;
	}
	return 0;
}

/*
 * Start stage ST with IN and OUT as its descriptors 0 and 1 (2 is the
 * shell's), in the job's process group *PGID (jobs.c), in the foreground
 * unless BACKGROUND. Returns the pid, or -1 after printing why it could
 * not start.
 */
static int start(struct stage *st, int in, int out, int *pgid, int background)
{
	char path[PATH_MAX_LEN];
	int prio;
	char **argv = sh_rt_strip(st->argv, &prio);
	int fdmap[3] = { in, out, STDERR_FILENO };
	int n, pid;

	if (!argv)
		return -1;
	const char *name = argv[0];

	n = strchr(name, '/') ? snprintf(path, sizeof(path), "%s", name)
			      : snprintf(path, sizeof(path), "/bin/%s", name);
	if (n < 0 || (size_t)n >= sizeof(path)) {
		fprintf(stderr, "sh: %s: name too long\n", name);
		return -1;
	}
	pid = sh_spawn(path, argv, fdmap, prio, pgid, !background);
	if (pid < 0) {
		if (errno == ENOENT)
			fprintf(stderr, "sh: %s: no such program\n", name);
		else
			fprintf(stderr, "sh: %s: %s\n", name, strerror(errno));
	}
	return pid;
}

/* Does a stage starting with "rt" name a program (rt PRIO PROG)? */
static int rt_names_program(char **argv)
{
	return argv[1] && argv[2];
}

/*
 * Run every stage of PL, connected by pipes, as one job (jobs.c). In the
 * foreground, wait until it ends or stops and return the last stage's
 * status; in the background, print "[pid]" for the last one and return 0.
 * A stage that cannot start is skipped (its neighbours see end of file),
 * and the result is then 127.
 */
static int run_pipeline(struct pipeline *pl)
{
	int pids[MAX_STAGES];
	char *names[MAX_STAGES];
	int in = STDIN_FILENO, result = 0, pgid = 0;

	fflush(stdout);
	for (int i = 0; i < pl->n; i++) {
		pids[i] = -1;                   /* -1: not started */
		char **argv = pl->stage[i].argv;

		names[i] = strcmp(argv[0], "rt") == 0 && rt_names_program(argv) ? argv[2] : argv[0];
	}
	for (int i = 0; i < pl->n; i++) {
		struct stage *st = &pl->stage[i];
		int out = STDOUT_FILENO, next_in = STDIN_FILENO;

		if (i + 1 < pl->n) {
			int fds[2];

			if (pipe(fds) < 0) {
				fprintf(stderr, "sh: pipe: %s\n", strerror(errno));
				close_extra(in);
				result = 127;
				break;
			}
			out = fds[1];
			next_in = fds[0];
		}
		if (open_redirections(st, &in, &out) == 0)
			pids[i] = start(st, in, out, &pgid, pl->background);
		if (pids[i] < 0)
			result = 127;
		close_extra(in);
		close_extra(out);
		in = next_in;
	}
	int status = sh_job_run(pids, names, pl->n, pgid, pl->background);

	return result ? result : status;
}

/* ---- Built-ins ---- */

static int last_status;             /* the status of the last line run */

static void help(void)
{
	struct dirent e;

	printf("built-ins:\n  help           this list\n"
	       "  exit [CODE]    leave the shell (CODE, or the last status)\n");
	sh_dir_help();
	sh_jobs_help();
	sh_ext_help();
	sh_dion_help();
	printf("programs in /bin:\n");
	for (int i = 0; readdir("/bin", i, &e) == 1; i++)
		printf("  %s\n", e.name);
	printf("syntax: [rt PRIO] PROG ARGS [< IN] [> OUT | >> OUT] [| PROG ...] [&] [; ...]\n"
	       "words: 'quoted' \"quoted, $? expands\" \\c $? (last status) /dir/pat*\n"
	       "keys: Ctrl-C interrupts the foreground job, Ctrl-Z stops it\n");
}

/*
 * Run the pipeline PL as a built-in if it names one. Returns 1 if it did
 * (or refused with a message), 0 if PL is not a built-in.
 */
static int builtin(struct pipeline *pl)
{
	struct stage *st = &pl->stage[0];
	const char *name = st->argv[0];
	int is_exit = strcmp(name, "exit") == 0;
	int is_ext = strcmp(name, "ext") == 0;
	int is_dion = strcmp(name, "dion") == 0;
	int is_dir = sh_dir_is_builtin(name);
	int is_job = strcmp(name, "jobs") == 0 || strcmp(name, "fg") == 0 ||
		     strcmp(name, "bg") == 0;
	int is_kill = strcmp(name, "kill") == 0;

	if (!is_exit && !is_ext && !is_dion && !is_dir && !is_job && !is_kill &&
	    strcmp(name, "help") != 0)
		return 0;
	if (pl->n > 1 || pl->background || st->in || st->out) {
		fprintf(stderr, "sh: %s is a built-in: it cannot be piped, redirected or "
			"run in the background\n", name);
		last_status = 2;
		return 1;
	}
	if (is_ext) {
		last_status = sh_ext(st->argc, st->argv);
		return 1;
	}
	if (is_dion) {
		last_status = sh_dion(st->argc, st->argv);
		return 1;
	}
	if (is_dir) {
		last_status = sh_dir(st->argc, st->argv);
		return 1;
	}
	if (is_job || is_kill) {
		last_status = is_job ? sh_jobs_builtin(st->argc, st->argv) : sh_kill(st->argc, st->argv);
		return 1;
	}
	if (!is_exit) {
		help();
		last_status = 0;
		return 1;
	}
	if (st->argc > 2) {
		fprintf(stderr, "usage: exit [CODE]\n");
		last_status = 2;
		return 1;
	}
	if (st->argc == 2) {
		char *end;
		long code = strtol(st->argv[1], &end, 10);

		if (*end != '\0' || end == st->argv[1]) {
			fprintf(stderr, "sh: exit: %s is not a number\n", st->argv[1]);
			last_status = 2;
			return 1;
		}
		exit((int)code);
	}
	exit(last_status);
}

/* Run one command line: each of its commands in turn, or none if its syntax is wrong. */
static void run_line(const char *line)
{
	struct pipeline pl;
	int n = sh_parse(line);

	if (n < 0)
		last_status = 2;
	for (int i = 0; i < n; i++) {
		if (sh_expand(i, last_status, &pl) < 0)
			last_status = 2;
		else if (!builtin(&pl))
			last_status = run_pipeline(&pl);
	}
}

/*
 * Read the next command line into LINE (TTY_LINE_MAX + 1 bytes) as a
 * string. Returns 1, 0 at the end of input, or -1 after saying why the
 * line is not run: longer than TTY_LINE_MAX - 1 characters, or holding a
 * NUL byte (a string would end there). The newline is not kept; a last
 * line without one counts. A line not run is skipped whole,
 * never run in part. The console refuses a line too long itself (the
 * read fails with EMSGSIZE); from a pipe or a file, the shell counts.
 */
static int read_line(char *line)
{
	size_t len = 0, chars = 0;
	int c, nul = 0;

	while ((c = getchar()) != EOF && c != '\n') {
		if (++chars < TTY_LINE_MAX)
			line[len++] = (char)c;
		nul |= c == '\0';
	}
	if (c == EOF && ferror(stdin) && errno == EMSGSIZE) {
		clearerr(stdin);
		chars = TTY_LINE_MAX;
	} else if (c == EOF && (chars == 0 || ferror(stdin))) {
		return 0;                   /* the end, or a read error: nothing more to run */
	}
	if (chars >= TTY_LINE_MAX) {
		fprintf(stderr, "sh: line too long (at most %d characters): not run\n",
			TTY_LINE_MAX - 1);
		return -1;
	}
	if (nul) {
		fprintf(stderr, "sh: line holds a NUL byte: not run\n");
		return -1;
	}
	line[len] = '\0';
	return 1;
}

int main(int argc, char *argv[])
{
	static char line[TTY_LINE_MAX + 1];
	int got;

	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "usage: sh (commands are read from standard input)\n");
		return 2;
	}
	sh_jobs_init();
	for (;;) {
		sh_jobs_reap();
		printf("$ ");
		fflush(stdout);     /* stdin may hold more lines already: no refill flushes it */
		got = read_line(line);
		if (got == 0)
			break;
		if (got < 0)
			last_status = 2;
		else
			run_line(line);
	}
	printf("\n");
	return last_status;
}
