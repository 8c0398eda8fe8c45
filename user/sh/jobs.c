/*
 * sh: job control (contracts in sh.h). A job is one command line's
 * pipeline: its processes share a process group, named by the first
 * one's pid, and the job by the pid the shell announced, its last one's.
 *
 * When the shell's standard input is the console and the shell's group
 * has it, job control is on: a foreground job gets the console (spawnx
 * SPAWN_PGID_FOREGROUND), so Ctrl-C and Ctrl-Z reach it and not the shell,
 * and the shell takes the console back when the job ends or stops. A
 * background job that reads the console is stopped by the kernel
 * (SIGTTIN) until `fg`. Without job control (a script on a pipe) jobs are
 * still groups, and `jobs`, `fg`, `bg` and `kill %JOB` work the same.
 *
 * Invariant: every job in the table has at least one process not yet
 * reaped; a job leaves the table when its last process is reaped.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <talos.h>
#include <unistd.h>

#include "sh.h"

#define MAX_JOBS 16      /* jobs tracked at once */
#define CMD_MAX  64      /* bytes of a job's command text kept for `jobs` */

struct job {
	int id;                     /* the announced pid (the last stage's); 0: free slot */
	int pgid;                   /* the process group of every stage */
	int pids[MAX_STAGES];    /* its processes; 0 once reaped */
	int n;                      /* stages */
	int stopped;                /* stopped (Ctrl-Z, SIGSTOP, SIGTTIN) and not continued */
	int status;                 /* the last stage's wait status, once reaped */
	char cmd[CMD_MAX];          /* the programs' names, joined by " | " */
};

static struct job jobs[MAX_JOBS];
static int job_control;             /* the shell owns the console (see the header) */

static const struct {
	const char *name;
	int sig;
} signal_names[] = {
	{ "INT", SIGINT }, { "KILL", SIGKILL }, { "USR1", SIGUSR1 }, { "USR2", SIGUSR2 },
	{ "ALRM", SIGALRM }, { "TERM", SIGTERM }, { "CHLD", SIGCHLD }, { "CONT", SIGCONT },
	{ "STOP", SIGSTOP }, { "TSTP", SIGTSTP }, { "TTIN", SIGTTIN },
};

void sh_jobs_init(void)
{
	/* Ctrl-C and Ctrl-Z are for the jobs; the shell itself carries on. */
	signal(SIGINT, SIG_IGN);
	signal(SIGTSTP, SIG_IGN);
	job_control = tcgetpgrp(STDIN_FILENO) == getpgid(0);
}

/* ---- The table ---- */

static int alive(const struct job *j)
{
	for (int i = 0; i < j->n; i++)
		if (j->pids[i])
			return 1;
	return 0;
}

static struct job *find(int id)
{
	for (int i = 0; i < MAX_JOBS; i++)
		if (jobs[i].id && jobs[i].id == id)
			return &jobs[i];
	return NULL;
}

/* The job of process PID, and its stage index in *STAGE. */
static struct job *job_of(int pid, int *stage)
{
	for (int i = 0; i < MAX_JOBS; i++)
		for (int k = 0; jobs[i].id && k < jobs[i].n; k++)
			if (jobs[i].pids[k] == pid) {
				*stage = k;
				return &jobs[i];
			}
	return NULL;
}

/* A new entry for the N processes PIDS (-1: did not start) in group PGID; NULL when full. */
static struct job *add(const int *pids, char *const *names, int n, int pgid)
{
	struct job *j = NULL;
	for (int i = 0; i < MAX_JOBS && !j; i++)
		if (!jobs[i].id)
			j = &jobs[i];
	if (!j)
		return NULL;
	memset(j, 0, sizeof(*j));
	j->n = n;
	j->pgid = pgid;
	for (int i = 0; i < n; i++) {
		j->pids[i] = pids[i] > 0 ? pids[i] : 0;
		if (pids[i] > 0)
			j->id = pids[i];
		if (i)
			strncat(j->cmd, " | ", sizeof(j->cmd) - strlen(j->cmd) - 1);
		strncat(j->cmd, names[i], sizeof(j->cmd) - strlen(j->cmd) - 1);
	}
	return j;
}

/* How a process ended, as "status N" or "killed by signal N". */
static void describe(int status, char *buf, size_t size)
{
	if (WIFSIGNALED(status))
		snprintf(buf, size, "killed by signal %d", WTERMSIG(status));
	else
		snprintf(buf, size, "status %d", WEXITSTATUS(status));
}

/* Process PID of J (stage K) reported STATUS: note a stop or an end. */
static void note(struct job *j, int k, int status)
{
	if (WIFSTOPPED(status)) {
		if (!j->stopped)
			printf("[%d] stopped (signal %d)  %s\n", j->id, WSTOPSIG(status), j->cmd);
		j->stopped = 1;
		return;
	}
	j->pids[k] = 0;
	if (k == j->n - 1)
		j->status = status;
}

void sh_jobs_reap(void)
{
	int status, pid, k;
	char how[32];

	while ((pid = waitpid(-1, &status, WNOHANG | WUNTRACED)) > 0) {
		struct job *j = job_of(pid, &k);

		if (!j)
			continue;
		note(j, k, status);
		if (!alive(j)) {
			describe(j->status, how, sizeof(how));
			printf("[%d] done (%s)\n", j->id, how);
			j->id = 0;
		}
	}
}

/* ---- Starting ---- */

char **sh_rt_strip(char **argv, int *prio)
{
	char *end;

	*prio = 0;
	if (strcmp(argv[0], "rt") != 0)
		return argv;
	long p = argv[1] ? strtol(argv[1], &end, 10) : 0;
	if (!argv[1] || !argv[2] || *end != '\0' || p < 1 || p >= SCHED_RT_LEVELS) {
		fprintf(stderr, "usage: rt PRIORITY (1..%d) PROGRAM [ARG...]\n",
			SCHED_RT_LEVELS - 1);
		return NULL;
	}
	*prio = (int)p;
	return argv + 2;
}

int sh_spawn(const char *path, char **argv, const int fdmap[3], int prio, int *pgid, int fg)
{
	unsigned pass = prio ? RIGHT_RT | RIGHT_RECORD : 0;
	int group = *pgid ? *pgid : fg && job_control ? SPAWN_PGID_FOREGROUND : SPAWN_PGID_NEW;
	int pid = spawnx(path, argv, fdmap, pass & rights(0), group);

	if (pid < 0 && errno == EPERM && group == SPAWN_PGID_FOREGROUND)
		pid = spawnx(path, argv, fdmap, pass & rights(0), SPAWN_PGID_NEW);
	if (pid < 0)
		return -1;
	if (!*pgid)
		*pgid = pid;
	if (prio) {
		struct sched_param sp = { SCHED_RT, prio, 10, 100 };

		if (!(rights(0) & RIGHT_RT) || setsched(pid, &sp) < 0)
			fprintf(stderr, "sh: rt: %s runs at a normal priority: %s\n", argv[0],
				rights(0) & RIGHT_RT ? strerror(errno)
							 : "the shell holds no real-time right");
	}
	return pid;
}

/* ---- Waiting ---- */

/* Take the console back from a job that ended or stopped. */
static void take_console(void)
{
	if (job_control)
		tcsetpgrp(STDIN_FILENO, getpgid(0));
}

/*
 * Wait for J in the foreground until it ends or stops. Returns the shell
 * status of its last stage (128 + N for signal N), and prints what killed a
 * stage. J leaves the table when it ended.
 */
static int wait_fg(struct job *j, char *const *names)
{
	int result = 0;

	for (int k = 0; k < j->n; k++) {
		int status;

		if (!j->pids[k] || waitpid(j->pids[k], &status, WUNTRACED) < 0)
			continue;
		note(j, k, status);
		if (WIFSTOPPED(status)) {
			result = 128 + WSTOPSIG(status);
			break;
		}
		if (WIFSIGNALED(status))
			fprintf(stderr, "sh: %s killed by signal %d\n", names ? names[k] : j->cmd,
				WTERMSIG(status));
		if (k == j->n - 1)
			result = WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
	}
	take_console();
	if (!alive(j))
		j->id = 0;
	return result;
}

int sh_job_run(const int *pids, char *const *names, int n, int pgid, int background)
{
	struct job *j = add(pids, names, n, pgid);

	if (!j) {
		fprintf(stderr, "sh: too many jobs (at most %d): not run\n", MAX_JOBS);
		for (int i = 0; i < n; i++)
			if (pids[i] > 0)
				kill(pids[i], SIGKILL);
		take_console();
		return 1;
	}
	if (!j->id)                 /* nothing started */
		return 0;
	if (background) {
		printf("[%d]\n", j->id);
		return 0;
	}
	return wait_fg(j, names);
}

/* ---- Built-ins ---- */

/* The job ARG names ("PID" or "%PID"; NULL: the latest one), or NULL after a message. */
static struct job *named(const char *cmd, const char *arg)
{
	struct job *j = NULL;

	if (!arg) {
		for (int i = 0; i < MAX_JOBS; i++)
			if (jobs[i].id && (!j || jobs[i].id > j->id))
				j = &jobs[i];
		if (!j)
			fprintf(stderr, "sh: %s: no jobs\n", cmd);
		return j;
	}
	char *end;
	long id = strtol(arg[0] == '%' ? arg + 1 : arg, &end, 10);

	j = *end == '\0' && id > 0 ? find((int)id) : NULL;
	if (!j)
		fprintf(stderr, "sh: %s: %s: no such job\n", cmd, arg);
	return j;
}

int sh_jobs_builtin(int argc, char **argv)
{
	const char *cmd = argv[0];

	if (strcmp(cmd, "jobs") == 0) {
		sh_jobs_reap();
		for (int i = 0; i < MAX_JOBS; i++)
			if (jobs[i].id)
				printf("[%d] %s  %s\n", jobs[i].id,
				       jobs[i].stopped ? "stopped" : "running", jobs[i].cmd);
		return 0;
	}
	if (argc > 2) {
		fprintf(stderr, "usage: %s [PID|%%PID]\n", cmd);
		return 2;
	}
	struct job *j = named(cmd, argv[1]);

	if (!j)
		return 1;
	int fg = strcmp(cmd, "fg") == 0;

	/* The console first: once the line is printed, Ctrl-C reaches the job. */
	if (fg && job_control)
		tcsetpgrp(STDIN_FILENO, j->pgid);
	if (fg)
		printf("%s\n", j->cmd);
	else
		printf("[%d] %s &\n", j->id, j->cmd);
	fflush(stdout);
	j->stopped = 0;
	if (kill(-j->pgid, SIGCONT) < 0 && errno != ESRCH)
		fprintf(stderr, "sh: %s: %s\n", cmd, strerror(errno));
	return fg ? wait_fg(j, NULL) : 0;
}

/* The signal named by S (after the '-': a name with or without "SIG", or a number), or -1. */
static int parse_signal(const char *s)
{
	char *end;

	if (strncmp(s, "SIG", 3) == 0)
		s += 3;
	for (size_t i = 0; i < sizeof(signal_names) / sizeof(signal_names[0]); i++)
		if (strcmp(s, signal_names[i].name) == 0)
			return signal_names[i].sig;
	long n = strtol(s, &end, 10);

	return *s && *end == '\0' && n > 0 && n < NSIG ? (int)n : -1;
}

int sh_kill(int argc, char **argv)
{
	int sig = SIGTERM, first = 1, status = 0;

	if (argc > 1 && argv[1][0] == '-') {
		sig = parse_signal(argv[1] + 1);
		if (sig < 0)
			fprintf(stderr, "kill: %s: unknown signal\n", argv[1]);
		first = 2;
	}
	if (sig < 0 || first >= argc) {
		fprintf(stderr, "usage: kill [-SIGNAL] PID|%%PID|%%...\n");
		return 2;
	}
	for (int i = first; i < argc; i++) {
		const char *a = argv[i];
		char *end;
		long id = strtol(a, &end, 10);
		struct job *j = NULL;

		if (a[0] == '%') {
			j = named("kill", a[1] && strcmp(a, "%%") != 0 ? a : NULL);
			if (!j) {
				status = 1;
				continue;
			}
		} else if (*end != '\0' || id <= 0) {
			fprintf(stderr, "kill: %s: not a process id\n", a);
			status = 1;
			continue;
		}
		if (kill(j ? -j->pgid : (int)id, sig) < 0) {
			fprintf(stderr, "kill: %s: %s\n", a, strerror(errno));
			status = 1;
		} else if (j && sig == SIGCONT) {
			j->stopped = 0;
		}
	}
	return status;
}

void sh_jobs_help(void)
{
	printf("  jobs           list the background and stopped jobs\n"
	       "  fg [PID]       continue a job in the foreground (default: the latest)\n"
	       "  bg [PID]       continue a stopped job in the background\n"
	       "  kill [-SIG] PID|%%PID|%%   signal processes, or a job's group (%%: the latest)\n"
	       "  rt PRIO PROG ...   run PROG at real-time priority PRIO with the real-time right\n");
}
