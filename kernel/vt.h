/*
 * A terminal on a grid of VGA text cells: the subset of a VT100/xterm that
 * the shell, its line editor and ordinary programs send.
 *
 *   printable bytes   written at the cursor, which moves right; past the
 *                     last column the next printable byte wraps to a new
 *                     line (the cursor waits on the last column meanwhile)
 *   \n                a new line: column 0 of the next row (the kernel
 *                     console sends \n alone, as \r\n goes out on COM1)
 *   \r \b \t          column 0; one column left, erasing nothing (after
 *                     a byte on the last column: back onto that column);
 *                     the next multiple of 8
 *   ESC [ n A B C D   cursor up, down, right, left by n (default 1)
 *   ESC [ r ; c H     cursor to row r, column c (1-based; f does the same)
 *   ESC [ n G         cursor to column n
 *   ESC [ n K         erase to end of line (0), to its start (1), all of it (2)
 *   ESC [ n J         erase to end of screen (0), to its start (1), all (2)
 *   ESC [ n P, n @    delete n characters at the cursor (the rest of the
 *                     line moves left), insert n blanks there
 *   ESC [ ... m       colours: 0 reset, 1 bright, 7 reverse, 30-37, 39,
 *                     40-47, 49, 90-97
 *
 * A new line below the last row scrolls the screen up one row. Other
 * control bytes, character set choices (ESC ( B) and unknown sequences are
 * swallowed whole, never drawn.
 * Invariant: 0 <= row < rows and 0 <= col < cols after every byte, so
 * every write stays inside the grid whatever bytes a program sends.
 */
#ifndef KERNEL_VT_H
#define KERNEL_VT_H

#include "kernel/kdefs.h"

#define VT_MAX_PARAMS 4

/* One terminal: its cells and the state of the byte parser. */
struct vt {
	volatile uint16_t *cells;   /* rows * cols cells, row-major: attribute << 8 | char */
	int rows, cols;             /* the grid's size */
	int row, col;               /* the cursor */
	bool wrap_pending;          /* a byte was written on the last column */
	uint8_t attr;               /* attribute of new characters and blanks */
	uint8_t fg, bg;             /* colours behind attr, 0-15 and 0-7 */
	bool bright, reverse;       /* SGR 1 and 7 */
	uint8_t state;              /* parser: plain text, after ESC, in ESC [, after ESC ( */
	int params[VT_MAX_PARAMS];  /* the numbers of an ESC [ sequence so far */
	int nparams;                /* how many of them have started */
};

/* Make VT a blank terminal of ROWS x COLS on CELLS, cursor at the top left. */
void vt_init(struct vt *vt, volatile uint16_t *cells, int rows, int cols);

/* Apply one output byte C (see the table above). */
void vt_putc(struct vt *vt, char c);

#endif /* KERNEL_VT_H */
