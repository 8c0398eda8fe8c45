/*
 * Tests of the VGA terminal emulator (kernel/vt.h) on a small grid of its
 * own, so the real screen is never touched: what the shell's line editor
 * sends must leave the cells a terminal would show.
 */
#include "kernel/ktest.h"
#include "kernel/string.h"
#include "kernel/vt.h"

#define ROWS 4
#define COLS 10

static uint16_t cells[ROWS * COLS];

static void send(struct vt *vt, const char *s)
{
	while (*s)
		vt_putc(vt, *s++);
}

/* Row R of the grid as a string, trailing blanks cut. */
static const char *row_text(int r)
{
	static char text[COLS + 1];
	int end = 0;
	for (int c = 0; c < COLS; c++) {
		text[c] = (char)(cells[r * COLS + c] & 0xFF);
		if (text[c] != ' ')
			end = c + 1;
	}
	text[end] = 0;
	return text;
}

static void fresh(struct vt *vt)
{
	vt_init(vt, cells, ROWS, COLS);
}

KTEST(vt, backspace_moves_left_and_the_line_editor_erases)
{
	struct vt vt;
	fresh(&vt);
	send(&vt, "abc\b\bX");
	KT_EXPECT_STR(row_text(0), "aXc");
	KT_EXPECT_EQ(vt.col, 2);
	send(&vt, "\b \b");            /* the tty's erase */
	KT_EXPECT_STR(row_text(0), "a c");
	KT_EXPECT_EQ(vt.col, 1);
	send(&vt, "\b\b\b");           /* never left of column 0 */
	KT_EXPECT_EQ(vt.col, 0);
}

KTEST(vt, carriage_return_cursor_moves_and_clear_to_end_of_line)
{
	struct vt vt;
	fresh(&vt);
	send(&vt, "$ hello\r$ ab\x1b[K");          /* redraw of a shorter line */
	KT_EXPECT_STR(row_text(0), "$ ab");
	send(&vt, "\x1b[3Dz\x1b[C\x1b" "[1Cq");     /* left 3, z, right 1, right 1, q */
	KT_EXPECT_STR(row_text(0), "$zabq");
	send(&vt, "\x1b[2K");
	KT_EXPECT_STR(row_text(0), "");
	send(&vt, "\x1b[99C");                      /* clamped to the last column */
	KT_EXPECT_EQ(vt.col, COLS - 1);
	send(&vt, "\x1b[99D\x1b[3G");
	KT_EXPECT_EQ(vt.col, 2);
}

KTEST(vt, insert_and_delete_characters)
{
	struct vt vt;
	fresh(&vt);
	send(&vt, "abcdef\r\x1b[2C\x1b[2P");
	KT_EXPECT_STR(row_text(0), "abef");
	send(&vt, "\x1b[3@XYZ");
	KT_EXPECT_STR(row_text(0), "abXYZef");
}

KTEST(vt, wraps_scrolls_and_keeps_the_cursor_inside)
{
	struct vt vt;
	fresh(&vt);
	send(&vt, "0123456789");                    /* exactly one row */
	KT_EXPECT_EQ(vt.row, 0);
	KT_EXPECT_EQ(vt.col, COLS - 1);
	send(&vt, "\n");                            /* no blank row in between */
	KT_EXPECT_EQ(vt.row, 1);
	send(&vt, "0123456789AB");                  /* wraps onto row 2 */
	KT_EXPECT_STR(row_text(2), "AB");
	send(&vt, "\nthree\nfour");                 /* row 4 does not exist: scroll */
	KT_EXPECT_STR(row_text(0), "0123456789");
	KT_EXPECT_STR(row_text(1), "AB");
	KT_EXPECT_STR(row_text(2), "three");
	KT_EXPECT_STR(row_text(3), "four");
	KT_EXPECT_EQ(vt.row, ROWS - 1);
	send(&vt, "\x1b[2J\x1b[9;99Hx\x1b[0;0Hy");  /* clamped position, 0 means 1 */
	KT_EXPECT_STR(row_text(3), "         x");
	KT_EXPECT_STR(row_text(0), "y");
	send(&vt, "\x1b[99999999999A\x1b[;5H");     /* huge count, left-out row */
	KT_EXPECT_EQ(vt.row, 0);
	KT_EXPECT_EQ(vt.col, 4);
}

KTEST(vt, colours_and_unknown_sequences)
{
	struct vt vt;
	fresh(&vt);
	send(&vt, "\x1b[1;31mR\x1b[0mn\x1b[7mv\x1b[m\x1b[?25l\x1b(Bk\x07\x01");
	KT_EXPECT_STR(row_text(0), "Rnvk");
	KT_EXPECT_EQ(cells[0] >> 8, 0x0C);          /* bright red on black */
	KT_EXPECT_EQ(cells[1] >> 8, 0x07);
	KT_EXPECT_EQ(cells[2] >> 8, 0x70);          /* reverse: black on grey */
	KT_EXPECT_EQ(cells[3] >> 8, 0x07);
	KT_EXPECT_EQ(vt.col, 4);
}

KTEST(vt, every_byte_pair_keeps_the_cursor_inside)
{
	struct vt vt;
	fresh(&vt);
	for (int a = 0; a < 256; a++) {
		for (int b = 0; b < 256; b++) {
			vt_putc(&vt, (char)a);
			vt_putc(&vt, (char)b);
			if (vt.row < 0 || vt.row >= ROWS || vt.col < 0 || vt.col >= COLS)
				KT_FAIL("cursor at %d,%d after 0x%02x 0x%02x", vt.row, vt.col, a, b);
		}
	}
}
