/*
 * shtest: the tests of the shell, the utilities and libc's stdio streams,
 * run inside TalOS (`make test-shell` boots it with init=/bin/shtest).
 *
 * A shell test feeds a script to /bin/sh through a pipe (its stdin) and
 * collects everything sh and its children print (stdout and stderr share
 * one pipe), then compares that text and sh's exit status with the
 * expected ones. Expected text is matched exactly, except that "%N"
 * matches a number (a pid); a test marked CONTAINS only needs its text to
 * appear somewhere. A stdio test runs in this process or, to see what exit
 * and abort do, in a child: `shtest -c ROLE`. A workload test starts an
 * experiment program that never ends by itself, reads its first line and
 * kills it.
 *
 * Output is the kernel's test protocol, judged by tools/ktest.py:
 * "KT begin NAME", "KT PASS NAME" or "KT FAIL NAME: REASON", "KT end NAME",
 * then "KT summary ..."; as the first process it then powers off with
 * POWEROFF_SUITE_DONE. Invariant: each test leaves descriptors 0, 1, 2 as
 * it found them and closes every other descriptor it opened.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <talos.h>
#include <unistd.h>

#define OUT_MAX 4096   /* bytes of output kept from one shell run */

/* ---- Running a script through sh ---- */

/*
 * Spawn ARGV with the SIZE bytes of SCRIPT on its stdin and its stdout and
 * stderr into one pipe; store what it printed (NUL-terminated, cut at OUT_MAX - 1) in OUT
 * and its wait status in *STATUS. Returns 0, or -1 if it could not start.
 */
static int capture_n(char *const argv[], const char *script, size_t size, char *out,
		     int *status)
{
	int in[2], res[2], pid, len = 0;
	ssize_t n;

	if (pipe(in) < 0)
		return -1;
	if (pipe(res) < 0) {
		close(in[0]);
		close(in[1]);
		return -1;
	}
	int fdmap[3] = { in[0], res[1], res[1] };

	/* The rights init gives the shell (user/init.c), so `rt` works as on the console. */
	pid = spawnx(argv[0], argv, fdmap, RIGHT_RT | RIGHT_RECORD, SPAWN_PGID_INHERIT);
	close(in[0]);
	close(res[1]);
	if (pid >= 0)
		write(in[1], script, size);  /* sh reads as it comes */
	close(in[1]);
	while ((n = read(res[0], out + len, (size_t)(OUT_MAX - 1 - len))) > 0)
		len += (int)n;
	out[len] = '\0';
	close(res[0]);
	if (pid < 0 || waitpid(pid, status, 0) != pid)
		return -1;
	return 0;
}

/* capture_n of the string SCRIPT. */
static int capture(char *const argv[], const char *script, char *out, int *status)
{
	return capture_n(argv, script, strlen(script), out, status);
}

/* Does TEXT match PATTERN exactly, "%N" standing for one or more digits? */
static int matches(const char *pattern, const char *text)
{
	while (*pattern) {
		if (pattern[0] == '%' && pattern[1] == 'N') {
			if (*text < '0' || *text > '9')
				return 0;
			while (*text >= '0' && *text <= '9')
				text++;
			pattern += 2;
		} else if (*pattern++ != *text++) {
			return 0;
		}
	}
	return *text == '\0';
}

#define EXACT    0
#define CONTAINS 1

struct sh_test {
	const char *name;
	const char *script;
	const char *expect;     /* see matches(); for CONTAINS, a plain substring */
	int how;                /* EXACT or CONTAINS */
	int status;             /* sh's expected exit status */
};

/* Each script ends at end of file, where sh prints "\n" and exits. */
static const struct sh_test sh_tests[] = {
	{ "shell.echo_joins_args_and_quotes", "echo a   b \"c  d\" \"|<>&\"\n",
	  "$ a b c  d |<>&\n$ \n", EXACT, 0 },
	{ "shell.pipeline_of_three", "echo hi there | cat | cat\n",
	  "$ hi there\n$ \n", EXACT, 0 },
	{ "shell.redirect_out_append_in",
	  "echo one > /sh_t1\necho two >> /sh_t1\ncat < /sh_t1\n",
	  "$ $ $ one\ntwo\n$ \n", EXACT, 0 },
	{ "shell.redirect_out_truncates", "echo a long line > /sh_t2\necho s > /sh_t2\ncat /sh_t2\n",
	  "$ $ $ s\n$ \n", EXACT, 0 },
	{ "shell.redirect_in_middle_of_words", "cat</etc/motd>/sh_t3\ncat /sh_t3 | cat\n",
	  "Welcome to TalOS", CONTAINS, 0 },
	{ "shell.comments_and_blank_lines", "# a comment\n\n   \necho ok # not printed\n",
	  "$ $ $ $ ok\n$ \n", EXACT, 0 },
	{ "shell.missing_program", "nosuch arg\n",
	  "$ sh: nosuch: no such program\n$ \n", EXACT, 127 },
	{ "shell.missing_redirect_file", "cat < /nosuch\n",
	  "$ sh: /nosuch: no such file or directory\n$ \n", EXACT, 127 },
	{ "shell.syntax_errors", "| echo\necho |\necho a | | b\necho >\necho a & & b\necho \"open\n",
	  "$ sh: syntax error near |\n$ sh: syntax error near |\n$ sh: syntax error near |\n"
	  "$ sh: syntax error near >\n$ sh: syntax error near &\n"
	  "$ sh: syntax error: unterminated quote\n$ \n", EXACT, 2 },
	{ "shell.single_quotes", "echo 'a  b' '|<>&;#' 'x\"y' '$?' '\\n' ''x\n",
	  "$ a  b |<>&;# x\"y $? \\n x\n$ \n", EXACT, 0 },
	{ "shell.double_quotes", "echo \"a 'b' \\\"c\\\" \\$? \\\\ \\n $?\"\"x\"\n",
	  "$ a 'b' \"c\" $? \\ \\n 0x\n$ \n", EXACT, 0 },
	{ "shell.backslash_escapes", "echo a\\ b \\| \\; \\' \\\" \\\\ \\$? \\* \\#x c\\d\n",
	  "$ a b | ; ' \" \\ $? * #x cd\n$ \n", EXACT, 0 },
	{ "shell.quote_and_escape_errors_run_nothing",
	  "echo 'open ; echo no\necho a\\\necho \"x\\\"\necho next\n",
	  "$ sh: syntax error: unterminated quote\n$ sh: syntax error: \\ at the end of the line\n"
	  "$ sh: syntax error: unterminated quote\n$ next\n$ \n", EXACT, 0 },
	{ "shell.status_variable",
	  "true\necho $?\ncat /nosuch\necho $? \"$?\" '$?'\nnosuch\necho $?x\necho | | x\necho $?\n",
	  "$ $ 0\n$ cat: /nosuch: no such file or directory\n$ 1 1 $?\n"
	  "$ sh: nosuch: no such program\n$ 127x\n$ sh: syntax error near |\n$ 2\n$ \n", EXACT, 0 },
	{ "shell.semicolons", "echo a ; echo b;echo c;\ncat /nosuch; echo $?\n",
	  "$ a\nb\nc\n$ cat: /nosuch: no such file or directory\n1\n$ \n", EXACT, 0 },
	{ "shell.semicolon_syntax_errors_run_nothing",
	  "; echo a\necho a ;; echo b\necho a ; | b\necho a ; > ; echo b\necho end\n",
	  "$ sh: syntax error near ;\n$ sh: syntax error near ;\n$ sh: syntax error near |\n"
	  "$ sh: syntax error near >\n$ end\n$ \n", EXACT, 0 },
	{ "shell.exit_in_a_list", "echo a; exit 3; echo b\necho c\n", "$ a\n", EXACT, 3 },
	{ "shell.ampersand_between_commands", "sleep 0.1 & echo fg\nsleep 0.3\n",
	  "$ [%N]\nfg\n$ [%N] done (status 0)\n$ \n", EXACT, 0 },
	{ "shell.glob_sorted_names_in_a_directory",
	  "echo c > /sh_gc\necho a > /sh_ga\necho b > /sh_gb\necho /sh_g* /etc/*\ncat /sh_g*\n",
	  "$ $ $ $ /sh_ga /sh_gb /sh_gc /etc/README /etc/motd\n$ a\nb\nc\n$ \n", EXACT, 0 },
	{ "shell.glob_middle_and_end", "echo /bin/ca* /sh_*b /e*c/motd /etc/*o*d\n",
	  "$ /bin/cat /sh_gb /e*c/motd /etc/motd\n$ \n", EXACT, 0 },
	{ "shell.glob_no_match_stays_as_written", "echo /etc/zz* /nosuchdir/* /etc/motd*x\n",
	  "$ /etc/zz* /nosuchdir/* /etc/motd*x\n$ \n", EXACT, 0 },
	{ "shell.glob_quoted_star_is_literal", "echo '/sh_g*' \"/sh_g*\" /sh_g\\* /sh_'g'*\n",
	  "$ /sh_g* /sh_g* /sh_g* /sh_ga /sh_gb /sh_gc\n$ \n", EXACT, 0 },
	{ "shell.glob_in_redirections", "cat < /etc/mo*\ncat < /sh_g*\n",
	  "Welcome to TalOS", CONTAINS, 2 },
	{ "shell.glob_ambiguous_redirection", "echo x > /sh_g*\ncat /sh_gc\n",
	  "$ sh: /sh_g*: ambiguous redirection (3 files match)\n$ c\n$ \n", EXACT, 0 },
	{ "shell.glob_too_many_arguments", "echo /bin/* /ext/test/*\necho $?\n",
	  "$ sh: too many arguments (at most 32)\n$ 2\n$ \n", EXACT, 0 },
	{ "shell.ls_glob_of_directories", "ls /e*\n", "/etc:\nREADME ", CONTAINS, 0 },
	{ "shell.exit_with_code", "exit 7\necho not reached\n", "$ ", EXACT, 7 },
	{ "shell.exit_bad_code_stays", "exit x\necho still\n",
	  "$ sh: exit: x is not a number\n$ still\n$ \n", EXACT, 0 },
	{ "shell.status_of_last_command", "cat /nosuch\n",
	  "$ cat: /nosuch: no such file or directory\n$ \n", EXACT, 1 },
	{ "shell.builtin_refuses_pipe", "help | cat\n",
	  "$ sh: help is a built-in: it cannot be piped, redirected or run in the background\n$ \n",
	  EXACT, 2 },
	{ "shell.help_lists_bin", "help\n", "\n  sh\n", CONTAINS, 0 },
	{ "shell.background_job_announced", "sleep 0.1 &\nsleep 0.3\necho after\n",
	  "$ [%N]\n$ [%N] done (status 0)\n$ after\n$ \n", EXACT, 0 },
	{ "shell.eight_stage_pipeline", "echo deep | cat | cat | cat | cat | cat | cat | cat\n",
	  "$ deep\n$ \n", EXACT, 0 },
	{ "shell.nine_stages_refused", "echo x | cat | cat | cat | cat | cat | cat | cat | cat\n",
	  "$ sh: too many programs in a pipeline (at most 8)\n$ \n", EXACT, 2 },
	{ "shell.ls_etc", "ls /etc\n", "motd", CONTAINS, 0 },
	{ "shell.cat_goes_on_after_missing_file", "cat /nosuch /etc/motd\n",
	  "cat: /nosuch: no such file or directory\nWelcome", CONTAINS, 1 },
	/* Files: the working directory, cd and pwd, and the file tools. */
	{ "shell.cd_pwd_and_relative_paths",
	  "mkdir /tmp/sh_cd\ncd /tmp/sh_cd\npwd\necho hi > f\ncat f\ncd ..\npwd\ncat sh_cd/f\n"
	  "cd sh_cd\nrm -r .\nls\ncd ..\nrm -r sh_cd\ncd\npwd\n",
	  "$ $ $ /tmp/sh_cd\n$ $ hi\n$ $ /tmp\n$ hi\n$ $ rm: .: invalid argument\n$ $ $ $ $ /\n$ \n",
	  EXACT, 0 },
	{ "shell.cd_errors", "cd /nosuch\ncd /etc/motd\ncd a b\n",
	  "$ cd: /nosuch: no such file or directory\n$ cd: /etc/motd: not a directory\n"
	  "$ usage: cd [DIR]   (no DIR: /)\n$ \n", EXACT, 2 },
	{ "shell.programs_inherit_the_directory", "cd /etc\nls | grep -c motd\nhead -n 1 motd\n",
	  "$ $ 1\n$ Welcome to TalOS, a teaching microkernel with safe kernel extensions.\n$ \n",
	  EXACT, 0 },
	{ "shell.ls_lists_a_file_as_itself", "ls /etc/motd | wc -w\ncd /etc\nls motd | grep -c motd\n",
	  "$       3\n$ $ 1\n$ \n", EXACT, 0 },
	{ "shell.missing_relative_file_enoent", "cat nosuchfile\n",
	  "$ cat: nosuchfile: no such file or directory\n$ \n", EXACT, 1 },
	{ "shell.cat_input_file_is_output_file",
	  "echo x > /tmp/sh_same\ncat /tmp/sh_same >> /tmp/sh_same\ncat < /tmp/sh_same >> /tmp/sh_same\n"
	  "wc -c /tmp/sh_same\nrm /tmp/sh_same\n",
	  "$ $ cat: /tmp/sh_same: input file is output file\n"
	  "$ cat: standard input: input file is output file\n$       2 /tmp/sh_same\n$ $ \n",
	  EXACT, 0 },
	{ "shell.mkdir_p_rmdir_rm_r",
	  "mkdir /tmp/sh_a/b\nmkdir -p /tmp/sh_a/b/c\nmkdir /tmp/sh_a\nrmdir /tmp/sh_a\nrm /tmp/sh_a\n"
	  "echo f > /tmp/sh_a/b/f\nrm -r /tmp/sh_a\nls /tmp/sh_a\nmkdir -p /etc/motd/x\nmkdir\nrmdir\n",
	  "$ mkdir: /tmp/sh_a/b: no such file or directory\n$ $ mkdir: /tmp/sh_a: already exists\n"
	  "$ rmdir: /tmp/sh_a: directory not empty\n$ rm: /tmp/sh_a: is a directory (rm -r removes it)\n"
	  "$ $ $ ls: /tmp/sh_a: no such file or directory\n$ mkdir: /etc/motd: not a directory\n"
	  "$ usage: mkdir [-p] DIR...\n$ usage: rmdir DIR...\n$ \n", EXACT, 2 },
	{ "shell.rm_errors_and_read_only_files",
	  "rm\nrm /etc/motd\nrm /tmp/sh_none\nrm -f /tmp/sh_none\nrm -x\nrm -r /etc\n",
	  "$ usage: rm [-r] [-f] PATH...\n$ rm: /etc/motd: read-only file system\n"
	  "$ rm: /tmp/sh_none: no such file or directory\n$ $ rm: -x: unknown option\n"
	  "usage: rm [-r] [-f] PATH...\n$ rm: /etc/README: read-only file system\n"
	  "rm: /etc/motd: read-only file system\n$ \n", EXACT, 1 },
	{ "shell.cp_and_mv",
	  "echo data > /tmp/sh_c1\ncp /tmp/sh_c1 /tmp/sh_c2\nmkdir /tmp/sh_cd2\n"
	  "cp /tmp/sh_c1 /tmp/sh_c2 /tmp/sh_cd2\nmv /tmp/sh_c2 /tmp/sh_c3\n"
	  "cat /tmp/sh_c3 /tmp/sh_cd2/sh_c1 /tmp/sh_cd2/sh_c2\ncp /tmp/sh_c1 /tmp/sh_c1\n"
	  "mv /etc/motd /tmp\nmv /tmp/sh_cd2 /tmp/sh_cd2/in\ncp /nosuch /tmp\ncp x\n"
	  "cp /tmp/sh_c1 /tmp/sh_c3 /tmp/sh_c1\nrm -r /tmp/sh_c1 /tmp/sh_c3 /tmp/sh_cd2\nls /tmp/sh_cd2\n",
	  "$ $ $ $ $ $ data\ndata\ndata\n$ cp: /tmp/sh_c1 and /tmp/sh_c1 are the same file\n"
	  "$ mv: /etc/motd -> /tmp/motd: read-only file system\n"
	  "$ mv: /tmp/sh_cd2 -> /tmp/sh_cd2/in: invalid argument\n"
	  "$ cp: /nosuch: no such file or directory\n$ usage: cp SRC DST | cp SRC... DIR\n"
	  "$ cp: /tmp/sh_c1: not a directory\nusage: cp SRC DST | cp SRC... DIR\n"
	  "$ $ ls: /tmp/sh_cd2: no such file or directory\n$ \n", EXACT, 1 },
	{ "shell.run_copied_and_relative_programs",
	  "cp /bin/echo /tmp/sh_e\n/tmp/sh_e made\ncd /tmp\n./sh_e here\ncd /bin\n../tmp/sh_e up\n"
	  "rm /tmp/sh_e\n",
	  "$ $ made\n$ $ here\n$ $ up\n$ $ \n", EXACT, 0 },
	{ "shell.wc_counts",
	  "echo one two > /tmp/sh_w\necho three >> /tmp/sh_w\nwc /tmp/sh_w\nwc -l < /tmp/sh_w\n"
	  "echo a b c | wc -w\nwc -lc /tmp/sh_w /tmp/sh_w\nwc /nosuch\nwc -q\nrm /tmp/sh_w\n",
	  "$ $ $       2       3      14 /tmp/sh_w\n$       2\n$       3\n"
	  "$       2      14 /tmp/sh_w\n      2      14 /tmp/sh_w\n      4      28 total\n"
	  "$ wc: /nosuch: no such file or directory\n"
	  "$ wc: -q: unknown option\nusage: wc [-l] [-w] [-c] [FILE...]\n$ $ \n", EXACT, 0 },
	{ "shell.grep_fixed_strings",
	  "echo apple > /tmp/sh_g\necho banana >> /tmp/sh_g\necho cherry pie >> /tmp/sh_g\n"
	  "echo apple pie >> /tmp/sh_g\ngrep pie /tmp/sh_g\ngrep -n apple /tmp/sh_g\n"
	  "grep -v -c pie /tmp/sh_g\ngrep -vn a /tmp/sh_g\ncat /tmp/sh_g | grep -c an\n"
	  "grep ban /tmp/sh_g /tmp/sh_g\ngrep a.p /tmp/sh_g\ngrep x /nosuch\ngrep\n",
	  "$ $ $ $ $ cherry pie\napple pie\n$ 1:apple\n4:apple pie\n$ 2\n$ 3:cherry pie\n$ 1\n"
	  "$ /tmp/sh_g:banana\n/tmp/sh_g:banana\n$ $ grep: /nosuch: no such file or directory\n"
	  "$ usage: grep [-v] [-c] [-n] STRING [FILE...]\n$ \n", EXACT, 2 },
	{ "shell.grep_status_no_match", "echo abc | grep zzz\n", "$ $ \n", EXACT, 1 },
	{ "shell.head_and_tail",
	  "echo 1 > /tmp/sh_h\necho 2 >> /tmp/sh_h\necho 3 >> /tmp/sh_h\necho 4 >> /tmp/sh_h\n"
	  "head -n 2 /tmp/sh_h\ntail -n 2 /tmp/sh_h\ncat /tmp/sh_h | tail -n 1\nhead /tmp/sh_h\n"
	  "tail -n 0 /tmp/sh_h\nhead -n 1 /tmp/sh_h /tmp/sh_h\nhead -n x\ntail /nosuch\nrm /tmp/sh_h\n",
	  "$ $ $ $ $ 1\n2\n$ 3\n4\n$ 4\n$ 1\n2\n3\n4\n$ $ ==> /tmp/sh_h <==\n1\n\n==> /tmp/sh_h <==\n1\n"
	  "$ head: -n needs a number of lines\nusage: head [-n N] [FILE...]\n"
	  "$ tail: /nosuch: no such file or directory\n$ $ \n", EXACT, 0 },
	{ "shell.od_formats",
	  "echo AB > /tmp/sh_o\nod -c /tmp/sh_o\nod -x /tmp/sh_o\nod -b /tmp/sh_o\nod /tmp/sh_o\n"
	  "od -z\nrm /tmp/sh_o\n",
	  "$ $ 0000000   A   B  \\n\n0000003\n$ 0000000 4241 000a\n0000003\n"
	  "$ 0000000 101 102 012\n0000003\n$ 0000000 041101 000012\n0000003\n"
	  "$ usage: od [-b | -c | -x] [FILE]\n$ $ \n", EXACT, 0 },
	{ "shell.df_shows_the_budget", "df\n", "\nramfs       ", CONTAINS, 0 },
	{ "shell.help_lists_cd_and_pwd", "help\n", "  cd [DIR]", CONTAINS, 0 },
	{ "shell.kill_usage_and_bad_pid", "kill\nkill -FOO 1\nkill 99999\nkill x\nkill %\n",
	  "$ usage: kill [-SIGNAL] PID|%PID|%...\n"
	  "$ kill: -FOO: unknown signal\nusage: kill [-SIGNAL] PID|%PID|%...\n"
	  "$ kill: 99999: no such process\n$ kill: x: not a process id\n"
	  "$ sh: kill: no jobs\n$ \n", EXACT, 1 },
	{ "shell.kill_init_not_permitted", "kill -KILL 1\necho alive\n",
	  "$ kill: 1: operation not permitted\n$ alive\n$ \n", EXACT, 0 },
	{ "shell.jobs_stop_bg_and_kill_a_job", "sleep 100000 &\nkill -STOP %\njobs\nbg\njobs\n"
	  "kill %\nfg\n",
	  "$ [%N]\n$ [%N] stopped (signal 19)  sleep\n$ [%N] stopped  sleep\n$ [%N] sleep &\n"
	  "$ [%N] running  sleep\n$ $ sleep\nsh: sleep killed by signal 15\n$ \n", EXACT, 143 },
	{ "shell.fg_waits_for_a_background_pipeline", "sleep 0.05 | cat &\nfg\necho after\n",
	  "$ [%N]\n$ sleep | cat\n$ after\n$ \n", EXACT, 0 },
	{ "shell.fg_bg_bad_job", "fg\nbg 99999\nfg 1 2\n",
	  "$ sh: fg: no jobs\n$ sh: bg: 99999: no such job\n$ usage: fg [PID|%PID]\n$ \n",
	  EXACT, 2 },
	{ "shell.rt_runs_a_program_at_rt_priority", "rt 7 ps\n", "rt       7    10", CONTAINS, 0 },
	{ "shell.rt_usage", "rt\nrt 0 ps\nrt 32 ps\nrt 5\n",
	  "$ usage: rt PRIORITY (1..31) PROGRAM [ARG...]\n$ usage: rt PRIORITY (1..31) PROGRAM [ARG...]\n"
	  "$ usage: rt PRIORITY (1..31) PROGRAM [ARG...]\n$ usage: rt PRIORITY (1..31) PROGRAM [ARG...]\n"
	  "$ \n", EXACT, 127 },
	{ "shell.sleep_rejects_bad_number", "sleep 1.x\n",
	  "$ usage: sleep SECONDS (e.g. 2 or 0.5)\n$ \n", EXACT, 2 },
	{ "shell.hog_runs_for_its_seconds", "hog 1\n", "$ hog %N: %N loops\n$ \n", EXACT, 0 },
	{ "shell.uptime_format", "uptime\n", "$ uptime: %N ticks (%N.%N s)\n$ \n", EXACT, 0 },
	{ "shell.ps_lists_itself", "ps\n", " ps\n", CONTAINS, 0 },
	{ "shell.dion_usage_errors", "dion frob\ndion attrs x\ndion destroy widget 1 m\n",
	  "$ usage: dion [list] | attrs CD | set CD NAME VALUE | destroy KIND CD NAME\n"
	  "$ dion: x is not a number (a class descriptor expected)\n"
	  "$ dion: widget is not a kind (monitor, handler, channel, sm, class, app)\n$ \n",
	  EXACT, 2 },
	{ "shell.dion_list_shows_cpu_sm", "dion list\n", "\nsm      cpu          ", CONTAINS, 0 },
	{ "shell.mpegenc_prints_a_gop_line", "mpegenc --frames 30\n",
	  "$ mpegenc: pid %N gop 1 frames 30 bytes %N\n$ \n", EXACT, 0 },
	{ "shell.mpegenc_joins_the_cpu_sm", "rt 1 mpegenc --join 50 100 --frames 30\n",
	  "$ mpegenc: pid %N gop 1 frames 30 bytes %N\n$ \n", EXACT, 0 },
	{ "shell.qosdemo_under_rt_joins_the_cpu_sm", "rt 20 qosdemo 2\n", "(want 20%, actual ",
	  CONTAINS, 0 },
	{ "shell.qosdemo_without_rt_is_refused", "qosdemo 1\n",
	  "qosdemo: task 20/100: DCreateAttrClass(cpu): operation not permitted", CONTAINS, 1 },
	{ "shell.cpu_sm_needs_the_rt_right", "mpegenc --join 50 100 --frames 30\n",
	  "$ mpegenc: DCreateAttrClass(cpu): operation not permitted\n$ \n", EXACT, 1 },
	{ "shell.mpegenc_usage", "mpegenc --frames 0\n",
	  "$ usage: mpegenc [--join TARGET PERIOD] [--frames N]\n$ \n", EXACT, 2 },
	{ "shell.disturb_forced_burst", "rt 1 disturb 1 --rr 10 --seconds 1 --force 100 200\n",
	  "$ DIST seed 1\nDIST on %N\nDIST off %N\n$ \n", EXACT, 0 },
	{ "shell.disturb_usage", "disturb\ndisturb 1 --rr\n",
	  "$ usage: disturb SEED [--fifo | --rr MS] [--prio P] [--force AT LEN] [--seconds S]\n"
	  "$ usage: disturb SEED [--fifo | --rr MS] [--prio P] [--force AT LEN] [--seconds S]\n"
	  "$ \n", EXACT, 2 },
	{ "shell.hardloop_usage", "hardloop --join 5\n",
	  "$ usage: hardloop [--join TARGET PERIOD]\n$ \n", EXACT, 2 },
	{ "shell.dion_unknown_application", "dion attrs 999\ndion set 999 target_cpu 5\n",
	  "$ dion: attrs 999: no such file or directory (no such application or attribute: "
	  "`dion list` shows them)\n$ dion: set 999 target_cpu 5: no such file or directory "
	  "(no such application or attribute: `dion list` shows them)\n$ \n", EXACT, 1 },
};

/* Run one shell test; returns NULL if it passed, or why it failed. */
static const char *run_sh_test(const struct sh_test *t, char *reason, size_t size)
{
	static char out[OUT_MAX];
	static char *const sh_argv[] = { "/bin/sh", NULL };
	int status;

	if (capture(sh_argv, t->script, out, &status) < 0)
		return "could not run /bin/sh";
	if (t->how == EXACT ? !matches(t->expect, out) : !strstr(out, t->expect)) {
		/* Show the output on one line: newlines as "|". */
		for (char *p = out; *p; p++)
			if (*p == '\n')
				*p = '|';
		snprintf(reason, size, "output \"%.200s\"", out);
		return reason;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != t->status) {
		snprintf(reason, size, "sh ended with status 0x%x, want exit %d", status, t->status);
		return reason;
	}
	return NULL;
}

/* ---- Lines too long ---- */

/*
 * Run SCRIPT (a line of N bytes "echo xxx...", then "echo next") through sh
 * and check the output: the long line refused, or run when it fits.
 */
static const char *long_line(size_t n, char *reason, size_t size)
{
	static char script[6000], out[OUT_MAX], want[OUT_MAX];
	static char *const sh_argv[] = { "/bin/sh", NULL };
	int status;

	memcpy(script, "echo ", 5);
	memset(script + 5, 'x', n - 5);
	strcpy(script + n, "\necho next\n");
	if (n < TTY_LINE_MAX)
		snprintf(want, sizeof(want), "$ %.*s\n$ next\n$ \n", (int)(n - 5), script + 5);
	else
		snprintf(want, sizeof(want), "$ sh: line too long (at most %d characters): not run\n"
			 "$ next\n$ \n", TTY_LINE_MAX - 1);
	if (capture(sh_argv, script, out, &status) < 0)
		return "could not run /bin/sh";
	if (strcmp(out, want) != 0) {
		snprintf(reason, size, "a line of %u bytes: output \"%.120s\"", (unsigned)n, out);
		return reason;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		snprintf(reason, size, "a line of %u bytes: sh ended with status 0x%x", (unsigned)n,
			 status);
		return reason;
	}
	return NULL;
}

static char reason_buf[256];

static const char *shell_longest_line_runs(void)
{
	return long_line(TTY_LINE_MAX - 1, reason_buf, sizeof(reason_buf));
}

static const char *shell_line_of_256_refused(void)
{
	return long_line(TTY_LINE_MAX, reason_buf, sizeof(reason_buf));
}

static const char *shell_line_of_300_refused(void)
{
	return long_line(300, reason_buf, sizeof(reason_buf));
}

static const char *shell_line_of_5000_refused(void)
{
	return long_line(5000, reason_buf, sizeof(reason_buf));
}

/* A NUL byte would end the line's string early: the line is refused whole. */
static const char *shell_line_with_nul_refused(void)
{
	static const char script[] = "echo a\0; echo hidden\necho next\n";
	static char out[OUT_MAX];
	static char *const sh_argv[] = { "/bin/sh", NULL };
	const char *want = "$ sh: line holds a NUL byte: not run\n$ next\n$ \n";
	int status;

	if (capture_n(sh_argv, script, sizeof(script) - 1, out, &status) < 0)
		return "could not run /bin/sh";
	if (strcmp(out, want) != 0) {
		snprintf(reason_buf, sizeof(reason_buf), "output \"%.120s\"", out);
		return reason_buf;
	}
	return NULL;
}

/* ---- stdio ---- */

/* Fail the current stdio test with a formatted reason (evaluates to the reason). */
#define FAILED(...) (snprintf(reason_buf, sizeof(reason_buf), __VA_ARGS__), reason_buf)

/* The size of the file at PATH, or -1. */
static int file_size(const char *path)
{
	struct stat st;
	int fd = open(path, O_RDONLY), r;

	if (fd < 0)
		return -1;
	r = fstat(fd, &st) < 0 ? -1 : (int)st.size;
	close(fd);
	return r;
}

static const char *stdio_write_then_read_lines(void)
{
	char line[32];
	FILE *f = fopen("/st_lines", "w");

	if (!f)
		return FAILED("fopen w: %s", strerror(errno));
	for (int i = 0; i < 50; i++)
		fprintf(f, "line %d\n", i);
	if (fclose(f) != 0)
		return "fclose after writing failed";
	if (!(f = fopen("/st_lines", "r")))
		return FAILED("fopen r: %s", strerror(errno));
	for (int i = 0; i < 50; i++) {
		char want[32];

		snprintf(want, sizeof(want), "line %d\n", i);
		if (!fgets(line, sizeof(line), f) || strcmp(line, want) != 0)
			return FAILED("line %d read back wrong", i);
	}
	if (fgets(line, sizeof(line), f) || !feof(f) || ferror(f))
		return "no clean end of file after the last line";
	fclose(f);
	return unlink("/st_lines") == 0 ? NULL : "unlink failed";
}

static const char *stdio_append_and_update_modes(void)
{
	char got[16] = { 0 };
	FILE *f = fopen("/st_mode", "w");

	if (!f || fputs("abc", f) == EOF || fclose(f) != 0)
		return "could not write the file";
	if (!(f = fopen("/st_mode", "a")) || fputs("def", f) == EOF || fclose(f) != 0)
		return "could not append";
	/* r+: read one byte, write one (over the second), read the third. */
	if (!(f = fopen("/st_mode", "r+")))
		return "fopen r+ failed";
	int a = fgetc(f), w = fputc('X', f), c = fgetc(f);

	fclose(f);
	if (a != 'a' || w != 'X' || c != 'c')
		return FAILED("r+ gave %d, %d, %d", a, w, c);
	if (!(f = fopen("/st_mode", "r")) || fread(got, 1, sizeof(got) - 1, f) != 6)
		return "reading the file back failed";
	fclose(f);
	unlink("/st_mode");
	return strcmp(got, "aXcdef") == 0 ? NULL : FAILED("file holds \"%s\"", got);
}

static const char *stdio_fread_fwrite_large(void)
{
	static unsigned char data[5000], back[5000];
	size_t done = 0, chunk = 1;
	FILE *f = fopen("/st_big", "w+");

	if (!f)
		return FAILED("fopen w+: %s", strerror(errno));
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 7 + i / 256);
	/* Odd chunk sizes cross the buffer's edge in every way. */
	for (; done < sizeof(data); done += chunk, chunk = chunk * 3 % 1500 + 1)
		if (fwrite(data + done, 1, chunk < sizeof(data) - done ? chunk : sizeof(data) - done,
			   f) == 0)
			return "fwrite failed";
	fclose(f);
	if (file_size("/st_big") != (int)sizeof(data))
		return FAILED("file has %d bytes, want %d", file_size("/st_big"), (int)sizeof(data));
	if (!(f = fopen("/st_big", "r")))
		return "fopen r failed";
	for (done = 0, chunk = 5; done < sizeof(back); done += chunk, chunk = chunk * 5 % 1100 + 1)
		if (fread(back + done, 1, chunk < sizeof(back) - done ? chunk : sizeof(back) - done,
			  f) == 0)
			return "fread came up short";
	fclose(f);
	unlink("/st_big");
	return memcmp(data, back, sizeof(data)) == 0 ? NULL : "data read back differs";
}

static const char *stdio_fopen_errors(void)
{
	FILE *open_files[FOPEN_MAX];
	int n = 0;

	if (fopen("/st_x", "x") || errno != EINVAL)
		return "mode \"x\" was not refused with EINVAL";
	if (fopen("/nosuch", "r") || errno != ENOENT)
		return "missing file was not refused with ENOENT";
	while (n < FOPEN_MAX && (open_files[n] = fopen("/etc/motd", "r")))
		n++;
	int full_errno = errno;

	while (n > 0)
		fclose(open_files[--n]);
	if (full_errno != EMFILE)
		return FAILED("opening too many streams gave errno %d, want EMFILE", full_errno);
	FILE *f = fopen("/etc/motd", "r");

	if (!f)
		return "no stream could be opened after closing them all";
	fclose(f);
	return NULL;
}

/* stdout holds a line until '\n'; stderr writes at once. Both checked through a file. */
static const char *stdio_buffering_of_stdout_stderr(void)
{
	int fd = open("/st_buf", O_WRONLY | O_CREAT | O_TRUNC), saved1, saved2;
	int before, after_line, after_err;

	if (fd < 0)
		return "cannot create the file";
	fflush(stdout);
	saved1 = dup(1);
	saved2 = dup(2);
	dup2(fd, 1);
	dup2(fd, 2);
	printf("abc");
	before = file_size("/st_buf");
	printf("\n");
	after_line = file_size("/st_buf");
	fprintf(stderr, "e");
	after_err = file_size("/st_buf");
	dup2(saved1, 1);
	dup2(saved2, 2);
	close(saved1);
	close(saved2);
	close(fd);
	unlink("/st_buf");
	if (before != 0 || after_line != 4 || after_err != 5)
		return FAILED("sizes %d, %d, %d; want 0, 4, 5", before, after_line, after_err);
	return NULL;
}

/* Roles of a child shtest (-c ROLE), for what exit and abort do. */
static int child_role(const char *role)
{
	printf("pending");                   /* no '\n': only a flush makes it appear */
	if (strcmp(role, "exit") == 0)
		exit(5);
	if (strcmp(role, "abort") == 0)
		abort();
	return 99;
}

static const char *stdio_exit_and_abort_flush(void)
{
	static char out[OUT_MAX];
	char *const exit_argv[] = { "/bin/shtest", "-c", "exit", NULL };
	char *const abort_argv[] = { "/bin/shtest", "-c", "abort", NULL };
	int status;

	if (capture(exit_argv, "", out, &status) < 0)
		return "could not run shtest -c exit";
	if (strcmp(out, "pending") != 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 5)
		return FAILED("exit: output \"%s\", status 0x%x", out, status);
	if (capture(abort_argv, "", out, &status) < 0)
		return "could not run shtest -c abort";
	if (strcmp(out, "pendingabort\n") != 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 134)
		return FAILED("abort: output \"%s\", status 0x%x", out, status);
	return NULL;
}

/* ---- Experiment workloads that never end by themselves ---- */

/*
 * Start ARGV with its stdout and stderr into a pipe, read its first line
 * into LINE (SIZE bytes), let it run SPIN_MS more, then kill it. Returns
 * NULL, or why it failed; the CPU ticks it used in *TICKS.
 */
#define SPIN_MS 50
static const char *first_line_then_kill(char *const argv[], char *line, size_t size,
					unsigned *ticks)
{
	struct procstat st;
	int res[2], pid, status;
	size_t len = 0;

	if (pipe(res) < 0)
		return "pipe failed";
	int fdmap[3] = { -1, res[1], res[1] };
	pid = spawnx(argv[0], argv, fdmap, RIGHT_RT, SPAWN_PGID_INHERIT);   /* --join needs it */
	close(res[1]);
	if (pid < 0) {
		close(res[0]);
		return FAILED("cannot start %s", argv[0]);
	}
	while (len < size - 1 && (len == 0 || line[len - 1] != '\n') &&
	       read(res[0], line + len, 1) == 1)
		len++;
	line[len] = '\0';
	sleep_ms(SPIN_MS);
	*ticks = procstat(pid, &st) == 0 ? st.ticks_total : 0;
	kill(pid, SIGKILL);
	close(res[0]);
	if (waitpid(pid, &status, 0) != pid || !WIFSIGNALED(status))
		return FAILED("%s ended by itself (status 0x%x)", argv[0], status);
	return NULL;
}

static const char *workload_hardloop_starts_and_spins(void)
{
	char *const argv[] = { "/bin/hardloop", NULL };
	char line[128];
	unsigned ticks;
	const char *why = first_line_then_kill(argv, line, sizeof(line), &ticks);

	if (why)
		return why;
	if (!matches("hardloop: pid %N\n", line))
		return FAILED("first line \"%s\"", line);
	if (ticks < SPIN_MS / 4)
		return FAILED("only %u ticks of CPU in %d ms", ticks, SPIN_MS);
	return NULL;
}

static const char *workload_hardloop_joins_the_cpu_sm(void)
{
	char *const argv[] = { "/bin/hardloop", "--join", "20", "100", NULL };
	char line[128];
	unsigned ticks;
	const char *why = first_line_then_kill(argv, line, sizeof(line), &ticks);

	if (why)
		return why;
	if (!matches("hardloop: pid %N joined cpu 20/100\n", line))
		return FAILED("first line \"%s\"", line);
	return NULL;
}

/* The tests that are functions: long lines, the workloads' and stdio's. */
static const struct {
	const char *name;
	const char *(*fn)(void);
} fn_tests[] = {
	{ "shell.longest_line_runs", shell_longest_line_runs },
	{ "shell.line_of_256_refused", shell_line_of_256_refused },
	{ "shell.line_of_300_refused", shell_line_of_300_refused },
	{ "shell.line_of_5000_refused", shell_line_of_5000_refused },
	{ "shell.line_with_nul_refused", shell_line_with_nul_refused },
	{ "workload.hardloop_starts_and_spins", workload_hardloop_starts_and_spins },
	{ "workload.hardloop_joins_the_cpu_sm", workload_hardloop_joins_the_cpu_sm },
	{ "stdio.write_then_read_lines", stdio_write_then_read_lines },
	{ "stdio.append_and_update_modes", stdio_append_and_update_modes },
	{ "stdio.fread_fwrite_large", stdio_fread_fwrite_large },
	{ "stdio.fopen_errors", stdio_fopen_errors },
	{ "stdio.buffering_of_stdout_stderr", stdio_buffering_of_stdout_stderr },
	{ "stdio.exit_and_abort_flush", stdio_exit_and_abort_flush },
};

/* ---- The runner ---- */

static int passed, failed;

/* Print the protocol lines of one test whose outcome is REASON (NULL: passed). */
static void report(const char *name, const char *reason)
{
	printf("KT begin %s\n", name);
	if (reason) {
		printf("KT FAIL %s: %s\n", name, reason);
		failed++;
	} else {
		printf("KT PASS %s\n", name);
		passed++;
	}
	printf("KT end %s\n", name);
	fflush(stdout);
}

int main(int argc, char *argv[])
{
	static char reason[384];

	if (argc == 3 && strcmp(argv[1], "-c") == 0)
		return child_role(argv[2]);
	if (argc > 1) {
		fprintf(stderr, "usage: shtest (runs every test)\n");
		return 2;
	}
	for (size_t i = 0; i < sizeof(sh_tests) / sizeof(sh_tests[0]); i++)
		report(sh_tests[i].name, run_sh_test(&sh_tests[i], reason, sizeof(reason)));
	for (size_t i = 0; i < sizeof(fn_tests) / sizeof(fn_tests[0]); i++)
		report(fn_tests[i].name, fn_tests[i].fn());
	printf("KT summary total=%d passed=%d failed=%d\n", passed + failed, passed, failed);
	fflush(stdout);
	if (getpid() == 1)
		poweroff(POWEROFF_SUITE_DONE);
	return failed;
}
