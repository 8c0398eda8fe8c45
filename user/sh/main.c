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
 *   cd [DIR], pwd          built-ins: the working directory (dir.c)
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

#define MAX_JOBS   16    /* background processes tracked at once */

/* ---- Background jobs ---- */

static int jobs[MAX_JOBS];          /* pids announced with "[pid]"; 0: free */

/* How a process ended, as "status N" or "killed by signal N". */
static void describe(int status, char *buf, size_t size)
{
	if (WIFSIGNALED(status))
		snprintf(buf, size, "killed by signal %d", WTERMSIG(status));
	else
		snprintf(buf, size, "status %d", WEXITSTATUS(status));
}

/*
 * Reap every child that has ended, without blocking, and announce the
 * background jobs among them. Other children reaped here are the earlier
 * stages of background pipelines, which are not announced.
 */
static void reap_jobs(void)
{
	int status, pid;
	char how[32];

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (int i = 0; i < MAX_JOBS; i++) {
			if (jobs[i] == pid) {
				jobs[i] = 0;
				describe(status, how, sizeof(how));
				printf("[%d] done (%s)\n", pid, how);
			}
		}
	}
}

/* Remember PID as a background job. Returns 0, or -1 when the table is full. */
static int add_job(int pid)
{
	for (int i = 0; i < MAX_JOBS; i++) {
		if (jobs[i] == 0) {
			jobs[i] = pid;
			return 0;
		}
	}
	return -1;
}

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
 * shell's). Returns the pid, or -1 after printing why it could not start.
 */
static int start(struct stage *st, int in, int out)
{
	char path[PATH_MAX_LEN];
	const char *name = st->argv[0];
	int fdmap[3] = { in, out, STDERR_FILENO };
	int n, pid;

	n = strchr(name, '/') ? snprintf(path, sizeof(path), "%s", name)
			      : snprintf(path, sizeof(path), "/bin/%s", name);
	if (n < 0 || (size_t)n >= sizeof(path)) {
		fprintf(stderr, "sh: %s: name too long\n", name);
		return -1;
	}
	pid = spawn(path, st->argv, fdmap);
	if (pid < 0) {
		if (errno == ENOENT)
			fprintf(stderr, "sh: %s: no such program\n", name);
		else
			fprintf(stderr, "sh: %s: %s\n", name, strerror(errno));
	}
	return pid;
}

/*
 * Run every stage of PL, connected by pipes. In the foreground, wait for
 * all of them and return the last one's status; in the background, print
 * "[pid]" for the last one and return 0. A stage that cannot start is
 * skipped (its neighbours see end of file), and the result is then 127.
 */
static int run_pipeline(struct pipeline *pl)
{
	int pids[MAX_STAGES];
	int in = STDIN_FILENO, result = 0;

	fflush(stdout);
	for (int i = 0; i < pl->n; i++)
		pids[i] = -1;                   /* -1: not started */
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
			pids[i] = start(st, in, out);
		if (pids[i] < 0)
			result = 127;
		close_extra(in);
		close_extra(out);
		in = next_in;
	}
	for (int i = 0; i < pl->n; i++) {
		int status;

		if (pids[i] < 0)
			continue;
		if (pl->background) {
			if (i == pl->n - 1 && add_job(pids[i]) == 0)
				printf("[%d]\n", pids[i]);
			else if (i == pl->n - 1)
				printf("[%d] (not tracked: too many jobs)\n", pids[i]);
			continue;
		}
		if (waitpid(pids[i], &status, 0) < 0)
			continue;
		if (WIFSIGNALED(status))
			fprintf(stderr, "sh: %s killed by signal %d\n", pl->stage[i].argv[0],
				WTERMSIG(status));
		if (i == pl->n - 1 && result == 0)
			result = WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
	}
	return result;
}

/* ---- Built-ins ---- */

static int last_status;             /* the status of the last line run */

static void help(void)
{
	struct dirent e;

	printf("built-ins:\n  help           this list\n"
	       "  exit [CODE]    leave the shell (CODE, or the last status)\n");
	sh_dir_help();
	sh_ext_help();
	sh_dion_help();
	printf("programs in /bin:\n");
	for (int i = 0; readdir("/bin", i, &e) == 1; i++)
		printf("  %s\n", e.name);
	printf("syntax: PROG ARGS [< IN] [> OUT | >> OUT] [| PROG ...] [&] [; ...]\n"
	       "words: 'quoted' \"quoted, $? expands\" \\c $? (last status) /dir/pat*\n");
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

	if (!is_exit && !is_ext && !is_dion && !is_dir && strcmp(name, "help") != 0)
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
	for (;;) {
		reap_jobs();
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
