/*
 * sh: the TalOS shell. It prints "$ ", reads a line from standard input,
 * and runs it:
 *
 *   NAME ARG "AN ARG"      run /bin/NAME (or NAME itself if it has a '/')
 *   A | B | C              a pipeline: each one's output is the next one's input
 *   < FILE  > FILE  >> FILE   redirect input, output, output appended
 *   ... &                  run in the background: print "[pid]" and go on;
 *                          "[pid] done (status N)" is printed before a later
 *                          prompt
 *   rt PRIO NAME ...       run NAME at real-time priority PRIO, holding the
 *                          real-time right (any stage of a pipeline)
 *   # ...                  a comment, to the end of the line
 *   help, exit [CODE]      built-ins
 *   jobs, fg, bg, kill     built-ins: job control (jobs.c); Ctrl-C and Ctrl-Z
 *                          on the console signal the foreground job
 *   ext ...                built-in: load and call SafeX extensions (ext.c)
 *   dion ...               built-in: list and adjust Dionisys objects (dion.c)
 *
 * The console does echo and line editing, so sh just reads lines; it also
 * runs a script piped into the console. There is no fork in TalOS: each
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

#define LINE_MAX   512   /* bytes of one command line */
#define MAX_STAGES SH_MAX_STAGES   /* programs in one pipeline */
#define MAX_TOKENS 64    /* words and operators in one line */

/* ---- Reading a line into tokens ---- */

enum tok { T_WORD, T_PIPE, T_IN, T_OUT, T_APPEND, T_AMP };

struct token {
	enum tok kind;
	char *word;           /* T_WORD: the text, quotes removed */
};

static const char *const tok_names[] = { "word", "|", "<", ">", ">>", "&" };

/*
 * Split LINE into tokens. Words are copied, unquoted, into WORDS, which
 * must hold twice LINE_MAX bytes (an unquoted word is never longer than its
 * text in LINE, and each word adds a NUL).
 * A '"' quotes up to the next '"', spaces and operators included. Returns
 * the token count, or -1 after printing why the line is malformed.
 */
static int tokenize(const char *line, char *words, struct token *toks)
{
	const char *p = line;
	int n = 0;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (*p == '\0' || *p == '#')
			return n;
		if (n == MAX_TOKENS) {
			fprintf(stderr, "sh: too many words (at most %d)\n", MAX_TOKENS);
			return -1;
		}
		if (*p == '>' && p[1] == '>') {
			toks[n++].kind = T_APPEND;
			p += 2;
			continue;
		}
		if (strchr("|<>&", *p)) {
			toks[n++].kind = *p == '|' ? T_PIPE : *p == '<' ? T_IN : *p == '>' ? T_OUT : T_AMP;
			p++;
			continue;
		}
		toks[n].kind = T_WORD;
		toks[n++].word = words;
		while (*p && !strchr(" \t\r\n|<>&", *p)) {
			if (*p != '"') {
				*words++ = *p++;
				continue;
			}
			const char *end = strchr(p + 1, '"');

			if (!end) {
				fprintf(stderr, "sh: syntax error: unterminated quote\n");
				return -1;
			}
			memcpy(words, p + 1, (size_t)(end - p - 1));
			words += end - p - 1;
			p = end + 1;
		}
		*words++ = '\0';
	}
}

/* ---- Parsing tokens into a pipeline ---- */

struct stage {
	char *argv[ARGV_MAX + 1];   /* NULL-terminated */
	int argc;
	char *in, *out;             /* redirection files, or NULL */
	int append;                 /* out is opened with O_APPEND, not O_TRUNC */
};

struct pipeline {
	struct stage stage[MAX_STAGES];
	int n;                      /* stages */
	int background;             /* ended with '&' */
};

static int syntax_error(const char *near)
{
	fprintf(stderr, "sh: syntax error near %s\n", near);
	return -1;
}

/*
 * Build PL from the N tokens. Returns 0, or -1 after printing the error
 * (an empty stage, a redirection without a file, '&' not at the end, too
 * many arguments or stages).
 */
static int parse(struct token *toks, int n, struct pipeline *pl)
{
	struct stage *st;

	memset(pl, 0, sizeof(*pl));
	pl->n = 1;
	st = &pl->stage[0];
	for (int i = 0; i < n; i++) {
		switch (toks[i].kind) {
		case T_WORD:
			if (st->argc == ARGV_MAX) {
				fprintf(stderr, "sh: too many arguments (at most %d)\n", ARGV_MAX);
				return -1;
			}
			st->argv[st->argc++] = toks[i].word;
			break;
		case T_PIPE:
			if (st->argc == 0)
				return syntax_error("|");
			if (pl->n == MAX_STAGES) {
				fprintf(stderr, "sh: too many programs in a pipeline (at most %d)\n",
					MAX_STAGES);
				return -1;
			}
			st = &pl->stage[pl->n++];
			break;
		case T_IN:
		case T_OUT:
		case T_APPEND:
			if (i + 1 == n || toks[i + 1].kind != T_WORD)
				return syntax_error(tok_names[toks[i].kind]);
			if (toks[i].kind == T_IN) {
				st->in = toks[++i].word;
			} else {
				st->append = toks[i].kind == T_APPEND;
				st->out = toks[++i].word;
			}
			break;
		case T_AMP:
			if (i + 1 != n)
				return syntax_error("&");
			pl->background = 1;
			break;
		}
	}
	if (st->argc == 0)
		return syntax_error(pl->n > 1 ? "|" : pl->background ? "&" : "newline");
	return 0;
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
	sh_jobs_help();
	sh_ext_help();
	sh_dion_help();
	printf("programs in /bin:\n");
	for (int i = 0; readdir("/bin", i, &e) == 1; i++)
		printf("  %s\n", e.name);
	printf("syntax: [rt PRIO] PROG ARGS [< IN] [> OUT | >> OUT] [| PROG ...] [&]\n"
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
	int is_job = strcmp(name, "jobs") == 0 || strcmp(name, "fg") == 0 ||
		     strcmp(name, "bg") == 0;
	int is_kill = strcmp(name, "kill") == 0;

	if (!is_exit && !is_ext && !is_dion && !is_job && !is_kill && strcmp(name, "help") != 0)
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

/* Run one command line. */
static void run_line(const char *line)
{
	static char words[2 * LINE_MAX];
	struct token toks[MAX_TOKENS];
	struct pipeline pl;
	int n = tokenize(line, words, toks);

	if (n <= 0) {
		if (n < 0)
			last_status = 2;
		return;
	}
	if (parse(toks, n, &pl) < 0) {
		last_status = 2;
		return;
	}
	if (!builtin(&pl))
		last_status = run_pipeline(&pl);
}

int main(int argc, char *argv[])
{
	static char line[LINE_MAX];

	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "usage: sh (commands are read from standard input)\n");
		return 2;
	}
	sh_jobs_init();
	for (;;) {
		size_t len;

		sh_jobs_reap();
		printf("$ ");
		fflush(stdout);     /* stdin may hold more lines already: no refill flushes it */
		if (!fgets(line, sizeof(line), stdin))
			break;
		len = strlen(line);
		if (len == sizeof(line) - 1 && line[len - 1] != '\n') {
			int c;

			while ((c = getchar()) != EOF && c != '\n')
				;
			fprintf(stderr, "sh: line too long (at most %d bytes)\n", LINE_MAX - 2);
			last_status = 2;
			continue;
		}
		run_line(line);
	}
	printf("\n");
	return last_status;
}
