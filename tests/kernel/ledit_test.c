/*
 * Tests of the console's line editor (kernel/ledit.c). Each test types
 * bytes into an editor whose echo goes to a model of one terminal row
 * (printable bytes overwrite the cell under the cursor and advance it,
 * '\b' moves it left, '\a' rings, '\n' starts a new row). After every
 * byte the row must show exactly the line, the cursor at the editor's
 * cursor: what the user sees is what the reader will get.
 */
#include "kernel/kprintf.h"
#include "kernel/ktest.h"
#include "kernel/ledit.h"
#include "kernel/string.h"

#define ROW 600                 /* cells of the model row: longer than any line */

static struct ledit ed;
static char row[ROW];
static uint32_t col;
static uint32_t used;           /* cells [used, ROW) were never written since the row began */
static uint32_t bells, rows, echoed;

static void model_echo(const char *s, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		char c = s[i];
		echoed++;
		if (c == '\b') {
			if (col > 0)
				col--;
		} else if (c == '\a') {
			bells++;
		} else if (c == '\n') {
			memset(row, ' ', used);
			col = used = 0;
			rows++;
		} else if (col < ROW) {
			row[col++] = c;
			if (col > used)
				used = col;
		}
	}
}

static void fresh(void)
{
	ledit_init(&ed, model_echo);
	memset(row, ' ', sizeof(row));
	col = used = bells = rows = echoed = 0;
}

/* Does the row show buf[0, len), blanks after it, the cursor at cur? */
static bool screen_matches(void)
{
	if (col != ed.cur || memcmp(row, ed.buf, ed.len) != 0)
		return false;
	for (uint32_t i = ed.len; i < used; i++)
		if (row[i] != ' ')
			return false;
	return true;
}

/* Type the N bytes S, checking the screen after each; returns the last byte's result. */
static enum ledit_result type_n(const char *s, uint32_t n)
{
	enum ledit_result r = LEDIT_EDITING;

	for (uint32_t i = 0; i < n; i++) {
		r = ledit_input(&ed, s[i]);
		if (r == LEDIT_EDITING && !screen_matches())
			KT_FAIL("after byte %u (0x%x) of the input the screen shows \"%.40s\" with the "
				"cursor at %u; the line is \"%.40s\", cursor %u", i, (uint8_t)s[i], row,
				col, ed.buf, ed.cur);
		if (r != LEDIT_EDITING && i + 1 < n)
			KT_FAIL("the line ended at byte %u of %u", i, n);
	}
	return r;
}

static enum ledit_result type(const char *s)
{
	return type_n(s, strlen(s));
}

/* Type S, which must end a line, and check the line handed out is WANT. */
static void expect_line(const char *s, const char *want)
{
	static char out[TTY_LINE_MAX + 1];

	KT_EXPECT_EQ(type(s), LEDIT_LINE);
	uint32_t n = ledit_take(&ed, out);
	out[n] = '\0';
	KT_EXPECT_STR(out, want);
	KT_EXPECT_EQ(ed.len, 0);
}

KTEST(ledit, plain_typing_echoes_exactly_the_bytes_typed)
{
	fresh();
	expect_line("echo hi\n", "echo hi\n");
	KT_EXPECT_EQ(echoed, 8);               /* "echo hi\n", no redrawing */
	KT_EXPECT_EQ(rows, 1);
}

KTEST(ledit, left_arrow_then_insert_in_the_middle)
{
	fresh();
	expect_line("echo abd\x1b[Dc\n", "echo abcd\n");
	expect_line("xz\x1bOD\x1bODy\n", "yxz\n");         /* ESC O D too */
}

KTEST(ledit, right_arrow_and_the_ends_of_the_line)
{
	fresh();
	/* Left past the start and right past the end do nothing. */
	expect_line("b\x1b[D\x1b[D\x1b[Da\x1b[C\x1b[C\x1b[Cc\n", "abc\n");
}

KTEST(ledit, backspace_and_delete_in_the_middle)
{
	fresh();
	expect_line("abxc\x1b[D\x7f\n", "abc\n");          /* DEL erases before the cursor */
	expect_line("abxc\x1b[D\x08\n", "abc\n");          /* so does BS */
	expect_line("abxc\x1b[D\x1b[D\x1b[3~\n", "abc\n"); /* Delete erases under it */
	expect_line("ab\x1b[3~\x1b[H\x7f\n", "ab\n");      /* nothing to erase: no change */
}

KTEST(ledit, home_and_end_keys)
{
	fresh();
	expect_line("bc\x1b[Ha\x1b[Fd\n", "abcd\n");
	expect_line("bc\x01" "a\x05" "d\n", "abcd\n");     /* Ctrl-A, Ctrl-E */
	expect_line("bc\x1b[1~a\x1b[4~d\n", "abcd\n");
	expect_line("bc\x1b[7~a\x1b[8~d\n", "abcd\n");
	expect_line("bc\x1bOHa\x1bOFd\n", "abcd\n");
}

KTEST(ledit, ctrl_u_erases_the_line_wherever_the_cursor_is)
{
	fresh();
	expect_line("garbage\x1b[D\x1b[D\x15ok\n", "ok\n");
}

KTEST(ledit, history_up_and_down)
{
	fresh();
	expect_line("one\n", "one\n");
	expect_line("two\n", "two\n");
	KT_EXPECT_EQ(type("thr"), LEDIT_EDITING);
	type("\x1b[A");
	KT_EXPECT_EQ(memcmp(ed.buf, "two", 3), 0);
	type("\x1b[A\x1b[A");                   /* the oldest line stays */
	KT_EXPECT_EQ(ed.len, 3);
	KT_EXPECT_EQ(memcmp(ed.buf, "one", 3), 0);
	type("\x1b[B");
	KT_EXPECT_EQ(memcmp(ed.buf, "two", 3), 0);
	type("\x1b[B\x1b[B");                   /* back to the line being typed */
	expect_line("ee\n", "three\n");
	expect_line("\x1b[A\x1b[A\n", "two\n");
}

KTEST(ledit, editing_a_recalled_line_keeps_the_history)
{
	fresh();
	expect_line("echo one\n", "echo one\n");
	expect_line("\x1b[A\x1b[D\x7fX\n", "echo oXe\n");
	expect_line("\x1b[A\x1b[A\n", "echo one\n");
}

KTEST(ledit, recalling_a_shorter_line_blanks_the_rest)
{
	fresh();
	expect_line("ab\n", "ab\n");
	type("a much longer line");
	expect_line("\x1b[A\n", "ab\n");        /* type() checked that the tail was blanked */
}

KTEST(ledit, history_keeps_only_the_newest_lines)
{
	char cmd[8];

	fresh();
	for (int i = 0; i < PARAM_TTY_HISTORY + 3; i++) {
		ksnprintf(cmd, sizeof(cmd), "l%d\n", i);
		expect_line(cmd, cmd);
	}
	KT_EXPECT_EQ(ed.hist_count, PARAM_TTY_HISTORY);
	for (int i = 0; i < PARAM_TTY_HISTORY + 5; i++)
		type("\x1b[A");
	expect_line("\n", "l3\n");              /* l0, l1, l2 were pushed out */
}

KTEST(ledit, history_skips_empty_lines_and_repeats)
{
	fresh();
	expect_line("a\n", "a\n");
	expect_line("\n", "\n");
	expect_line("a\n", "a\n");
	KT_EXPECT_EQ(ed.hist_count, 1);
	expect_line("\x1b[A\x1b[A\n", "a\n");
}

KTEST(ledit, unknown_sequences_are_dropped_whole)
{
	fresh();
	/* Shift-Tab, Ctrl-Right, F9, F1, a parameter too big, a lone ESC. */
	expect_line("a\x1b[Zb\x1b[1;5Cc\x1b[20~d\x1bOPe\x1b[99999999999999Cf\x1bx\n", "abcdefx\n");
	expect_line("\x01\x02\x03\x07\x0b\x0c\x0e\x1f\x1b\x1btab\tx\n", "tabx\n");
}

KTEST(ledit, a_newline_ends_an_unfinished_sequence)
{
	fresh();
	expect_line("ab\x1b[\n", "ab\n");
	expect_line("cd\x1b\n", "cd\n");
	expect_line("x\n", "x\n");
}

KTEST(ledit, cr_lf_counts_once)
{
	fresh();
	expect_line("a\r", "a\n");
	expect_line("\nb\r", "b\n");            /* the LF after CR is not an empty line */
	expect_line("\n\n", "\n");              /* a lone LF is */
}

KTEST(ledit, ctrl_d_ends_a_line_without_newline)
{
	static char out[TTY_LINE_MAX];

	fresh();
	expect_line("ab\x1b[D\x04", "ab");
	KT_EXPECT_EQ(type("\x04"), LEDIT_LINE);
	KT_EXPECT_EQ(ledit_take(&ed, out), 0);     /* end of file */
}

KTEST(ledit, longest_line_fits)
{
	static char want[TTY_LINE_MAX + 1];

	fresh();
	memset(want, 'a', TTY_LINE_MAX - 1);
	want[TTY_LINE_MAX - 1] = '\n';
	expect_line(want, want);
	KT_EXPECT_EQ(bells, 0);
}

KTEST(ledit, too_long_line_is_refused_whole)
{
	static char input[1000];

	fresh();
	memset(input, 'a', sizeof(input));      /* far past the limit (the console suite types 5000) */
	KT_EXPECT_EQ(type_n(input, sizeof(input)), LEDIT_EDITING);
	KT_EXPECT_EQ(ed.len, TTY_LINE_MAX - 1);
	KT_EXPECT_EQ(type("\n"), LEDIT_TOO_LONG);
	KT_EXPECT_EQ(bells, 1);                 /* one bell, not 745 */
	KT_EXPECT_EQ(ed.len, 0);
	KT_EXPECT_EQ(ed.hist_count, 0);         /* not kept either */
	expect_line("ok\n", "ok\n");
	memset(input, 'b', 256);                /* one byte too many: refused too */
	KT_EXPECT_EQ(type_n(input, 256), LEDIT_EDITING);
	KT_EXPECT_EQ(type("\x04"), LEDIT_TOO_LONG);
}

KTEST(ledit, insert_into_a_full_line_refuses_it)
{
	static char input[TTY_LINE_MAX];

	fresh();
	memset(input, 'a', TTY_LINE_MAX - 1);
	KT_EXPECT_EQ(type_n(input, TTY_LINE_MAX - 1), LEDIT_EDITING);
	KT_EXPECT_EQ(type("\x1b[Hx\x7f\x1b[F"), LEDIT_EDITING);   /* erasing later does not help */
	KT_EXPECT_EQ(type("\n"), LEDIT_TOO_LONG);
}

KTEST(ledit, ctrl_u_or_the_history_forgives_a_too_long_line)
{
	static char input[300];

	fresh();
	expect_line("old\n", "old\n");
	memset(input, 'a', sizeof(input));
	type_n(input, sizeof(input));
	expect_line("\x15new\n", "new\n");
	type_n(input, sizeof(input));
	expect_line("\x1b[A\n", "new\n");
}
