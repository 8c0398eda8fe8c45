/*
 * usertests: rights and process groups (docs/rights.md). An unprivileged
 * process that asks for RT 31 and spins gets EPERM, and a normal partner
 * keeps its CPU share; nobody may signal init; without RIGHT_SIGNAL a
 * process reaches only itself and its descendants (kill, setsched);
 * spawnx passes only rights the caller holds; cpu_record and joining the
 * CPU SM need their rights. Process groups: spawnx makes and joins them,
 * kill(-pgid) reaches a whole group, and a background reader of the
 * console is stopped by SIGTTIN (or gets EIO when it ignores it).
 *
 * Hostile helpers are spawned with spawn(), which passes no right.
 */
#include <dionisys.h>
#include <signal.h>

#include "ut.h"

#define SHARE_MS 300     /* how long the RT hog and its partner compete */

/* Spawn helper NAME (with ARG, or none) holding no right; tracked. */
static int unprivileged(const char *name, const char *arg)
{
	char *argv[] = { UT_SELF, "-h", (char *)name, (char *)arg, NULL };
	int pid = CHECK_OK(spawn(UT_SELF, argv, NULL));
	ut_track(pid);
	return pid;
}

/* Helper: try RT 31; spin SHARE_MS either way. Exits 0 if refused with EPERM, 1 if granted. */
static int h_rt_hog(int argc, char **argv)
{
	(void)argc; (void)argv;
	struct sched_param top = { SCHED_RT, SCHED_RT_LEVELS - 1, 10, 100 };
	int r = setsched(0, &top);
	int refused = r == -1 && errno == EPERM;
	ut_spin_ms(SHARE_MS);
	return refused ? 0 : 1;
}

static int unprivileged_rt_eperm_partner_keeps_share(void)
{
	int partner = ut_helper(NULL, "spin", NULL);
	int hog = unprivileged("rthog", NULL);
	unsigned t0 = uptime(), before = ut_stat(partner).ticks_total;
	sleep_ms(SHARE_MS);
	unsigned got = ut_stat(partner).ticks_total - before, elapsed = uptime() - t0;
	/* Two normal spinners share the CPU: the partner must get a third at least (fair: half). */
	if (got * 3 < elapsed)
		ut_fail(__FILE__, __LINE__, "partner got %u of %u ticks beside the would-be RT hog, "
			"want at least a third", got, elapsed);
	int status = ut_wait(hog);
	CHECK_OK(kill(partner, SIGKILL));
	ut_wait(partner);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);                /* setsched said EPERM */
	return 0;
}

/* Helper: signal init three ways; exits with the number of attempts that were not EPERM. */
static int h_kill_init(int argc, char **argv)
{
	(void)argc; (void)argv;
	int bad = 0;
	static const int sigs[] = { SIGKILL, SIGTERM, SIGSTOP };
	for (int i = 0; i < 3; i++)
		if (kill(1, sigs[i]) != -1 || errno != EPERM)
			bad++;
	return bad;
}

static int nobody_signals_init(void)
{
	int status = ut_wait(unprivileged("killinit", NULL));
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
	/* Not even with RIGHT_SIGNAL, which this test holds. */
	CHECK(rights(0) & RIGHT_SIGNAL);
	CHECK_FAILS(kill(1, SIGSTOP), EPERM);
	CHECK_FAILS(kill(1, SIGKILL), EPERM);
	struct procstat st = ut_stat(1);
	CHECK(st.state != PSTATE_STOPPED && st.state != PSTATE_ZOMBIE);
	return 0;
}

/* Helper: kill(PID, SIGKILL) and setsched(PID, normal); exits with how many were not EPERM. */
static int h_touch(int argc, char **argv)
{
	(void)argc;
	int pid = atoi(argv[3]), bad = 0;
	struct sched_param sp = { SCHED_NORMAL, 0, 10, 100 };
	if (kill(pid, SIGKILL) != -1 || errno != EPERM)
		bad++;
	if (setsched(pid, &sp) != -1 || errno != EPERM)
		bad++;
	return bad;
}

/* Helper: spawn a sleeping child, kill it: a process may signal its own descendants. */
static int h_kill_own_child(int argc, char **argv)
{
	(void)argc; (void)argv;
	char *cargv[] = { UT_SELF, "-h", "sleep", "100000", NULL };
	int c = spawn(UT_SELF, cargv, NULL), status;
	if (c < 0 || kill(c, SIGKILL) != 0 || waitpid(c, &status, 0) != c)
		return 1;
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL ? 0 : 2;
}

static int signal_only_descendants(void)
{
	int victim = ut_helper(NULL, "sleep", "100000", NULL);
	char pid[12];
	snprintf(pid, sizeof(pid), "%d", victim);
	int status = ut_wait(unprivileged("touch", pid));   /* its sibling: refused */
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
	CHECK_EQ(ut_stat(victim).state, PSTATE_SLEEPING);
	status = ut_wait(unprivileged("killkid", NULL));
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
	CHECK_OK(kill(victim, SIGKILL));                    /* the parent may */
	CHECK_EQ(WTERMSIG(ut_wait(victim)), SIGKILL);
	return 0;
}

/* Helper: exit with the rights it holds. */
static int h_rights(int argc, char **argv)
{
	(void)argc; (void)argv;
	return (int)rights(0);
}

/* Helper: try to pass on a right it does not hold, to record and to join the CPU SM. */
static int h_escalate(int argc, char **argv)
{
	(void)argc; (void)argv;
	char *cargv[] = { UT_SELF, "-h", "rights", NULL };
	int bad = 0;
	if (spawnx(UT_SELF, cargv, NULL, RIGHT_RT, SPAWN_PGID_INHERIT) != -1 || errno != EPERM)
		bad |= 1;
	struct cpu_record r = { 0 };
	if (cpu_record(&r) != -1 || errno != EPERM)
		bad |= 2;
	int cd = dion_init_app();
	struct dion_attr_def defs[] = {
		{ "target_cpu", 10, DION_R_ALL }, { "period", 100, DION_R_ALL },
	};
	if (cd <= 0 || dion_attrclass(cd, "cpu", defs, 2) != -1 || errno != EPERM)
		bad |= 4;
	return bad;
}

static int rights_passed_only_when_held(void)
{
	CHECK_EQ(rights(0), RIGHTS_ALL);                    /* the runner passes init's */
	char *argv[] = { UT_SELF, "-h", "rights", NULL };
	int pid = CHECK_OK(spawn(UT_SELF, argv, NULL));
	ut_track(pid);
	CHECK_EQ(WEXITSTATUS(ut_wait(pid)), 0);             /* spawn passes none */
	pid = CHECK_OK(spawnx(UT_SELF, argv, NULL, RIGHT_RT, SPAWN_PGID_INHERIT));
	ut_track(pid);
	CHECK_EQ(WEXITSTATUS(ut_wait(pid)), RIGHT_RT);      /* spawnx what it names */
	int status = ut_wait(unprivileged("escalate", NULL));
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
	CHECK_FAILS(spawnx(UT_SELF, argv, NULL, 0, -3), EINVAL);
	return 0;
}

static int rights_dropped_for_good(void)
{
	CHECK_EQ(rights(RIGHT_RT), RIGHTS_ALL & ~RIGHT_RT);
	struct sched_param rt = { SCHED_RT, 5, 10, 100 };
	CHECK_FAILS(setsched(0, &rt), EPERM);
	CHECK_EQ(rights(0), RIGHTS_ALL & ~RIGHT_RT);
	return 0;
}

/* ---- Process groups ---- */

static int groups_made_joined_and_killed_whole(void)
{
	char *argv[] = { UT_SELF, "-h", "sleep", "100000", NULL };
	int a = CHECK_OK(spawnx(UT_SELF, argv, NULL, 0, SPAWN_PGID_NEW));
	ut_track(a);
	int b = CHECK_OK(spawnx(UT_SELF, argv, NULL, 0, a));
	ut_track(b);
	CHECK_EQ(getpgid(a), a);
	CHECK_EQ(getpgid(b), a);
	CHECK_EQ(getpgid(0), getpgid(1));                   /* spawn kept us in init's group */
	CHECK_FAILS(spawnx(UT_SELF, argv, NULL, 0, 99999), ESRCH);
	CHECK_FAILS(setpgid(1, 0), EPERM);
	CHECK_OK(kill(-a, SIGKILL));
	CHECK_EQ(WTERMSIG(ut_wait(a)), SIGKILL);
	CHECK_EQ(WTERMSIG(ut_wait(b)), SIGKILL);
	CHECK_FAILS(kill(-a, SIGKILL), ESRCH);
	return 0;
}

/* Helper: ignore SIGTTIN and read the console; exits 0 if the read said EIO. */
static int h_bg_read_ignoring(int argc, char **argv)
{
	(void)argc; (void)argv;
	char c;
	signal(SIGTTIN, SIG_IGN);
	return read(STDIN_FILENO, &c, 1) == -1 && errno == EIO ? 0 : 1;
}

/* Helper: try to take the console for its own group; exits 0 if refused. */
static int h_grab_console(int argc, char **argv)
{
	(void)argc; (void)argv;
	return tcsetpgrp(STDIN_FILENO, getpgid(0)) == -1 && errno == EPERM ? 0 : 1;
}

static int background_console_reader_stopped(void)
{
	CHECK_EQ(tcgetpgrp(STDIN_FILENO), getpgid(1));      /* init's group has the console */
	int fds[2];
	CHECK_OK(pipe(fds));
	CHECK_FAILS(tcgetpgrp(fds[0]), ENOTTY);
	close(fds[0]);
	close(fds[1]);
	char *argv[] = { UT_SELF, "-h", "readin", NULL };
	int pid = CHECK_OK(spawnx(UT_SELF, argv, NULL, 0, SPAWN_PGID_NEW));
	ut_track(pid);
	int status;
	CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
	CHECK(WIFSTOPPED(status));
	CHECK_EQ(WSTOPSIG(status), SIGTTIN);
	CHECK_EQ(ut_stat(pid).state, PSTATE_STOPPED);
	CHECK_OK(kill(pid, SIGKILL));
	CHECK_EQ(WTERMSIG(ut_wait(pid)), SIGKILL);
	char *argv2[] = { UT_SELF, "-h", "bgreadign", NULL };
	pid = CHECK_OK(spawnx(UT_SELF, argv2, NULL, 0, SPAWN_PGID_NEW));
	ut_track(pid);
	CHECK_EQ(WEXITSTATUS(ut_wait(pid)), 0);
	char *argv3[] = { UT_SELF, "-h", "grabconsole", NULL };
	pid = CHECK_OK(spawnx(UT_SELF, argv3, NULL, 0, SPAWN_PGID_NEW));
	ut_track(pid);
	CHECK_EQ(WEXITSTATUS(ut_wait(pid)), 0);
	CHECK_EQ(tcgetpgrp(STDIN_FILENO), getpgid(1));
	return 0;
}

const struct ut_test ut_rights_tests[] = {
	{ "rights_unprivileged_rt31_eperm_partner_keeps_share",
	  unprivileged_rt_eperm_partner_keeps_share },
	{ "rights_nobody_signals_init", nobody_signals_init },
	{ "rights_signal_and_setsched_only_descendants", signal_only_descendants },
	{ "rights_passed_only_when_held", rights_passed_only_when_held },
	{ "rights_dropped_for_good", rights_dropped_for_good },
	{ "pgrp_made_joined_and_killed_whole", groups_made_joined_and_killed_whole },
	{ "pgrp_background_console_reader_stopped", background_console_reader_stopped },
	{ NULL, NULL },
};

const struct ut_helper ut_rights_helpers[] = {
	{ "rthog", h_rt_hog }, { "killinit", h_kill_init }, { "touch", h_touch },
	{ "killkid", h_kill_own_child }, { "rights", h_rights }, { "escalate", h_escalate },
	{ "bgreadign", h_bg_read_ignoring }, { "grabconsole", h_grab_console },
	{ NULL, NULL },
};
