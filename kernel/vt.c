/*
 * The terminal emulator behind the VGA console (what it understands is
 * listed in kernel/vt.h). Every cursor change goes through clamp(), which
 * keeps the invariant that the cursor is inside the grid.
 */
#include "kernel/vt.h"

enum { PLAIN, ESCAPE, CSI, CHARSET };

#define ESC       0x1B
#define FG_GREY   7
#define BG_BLACK  0
#define TAB_WIDTH 8

/* Recompute the attribute byte from the colours and the SGR flags. */
static void set_attr(struct vt *vt)
{
	uint8_t fg = (uint8_t)(vt->fg | (vt->bright ? 8 : 0));
	uint8_t bg = vt->bg;
	if (vt->reverse) {
		uint8_t t = fg & 7;
		fg = (uint8_t)(bg | (fg & 8));
		bg = t;
	}
	vt->attr = (uint8_t)(bg << 4 | fg);
}

static uint16_t blank(const struct vt *vt)
{
	return (uint16_t)(vt->attr << 8 | ' ');
}

/* Blank the cells [from, to) of the grid, counted row-major. */
static void erase(struct vt *vt, int from, int to)
{
	for (int i = from; i < to; i++)
		vt->cells[i] = blank(vt);
}

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static void move_to(struct vt *vt, int row, int col)
{
	vt->row = clamp(row, 0, vt->rows - 1);
	vt->col = clamp(col, 0, vt->cols - 1);
	vt->wrap_pending = false;
}

void vt_init(struct vt *vt, volatile uint16_t *cells, int rows, int cols)
{
	vt->cells = cells;
	vt->rows = rows;
	vt->cols = cols;
	vt->fg = FG_GREY;
	vt->bg = BG_BLACK;
	vt->bright = vt->reverse = false;
	set_attr(vt);
	vt->state = PLAIN;
	vt->nparams = 0;
	erase(vt, 0, rows * cols);
	move_to(vt, 0, 0);
}

/* Column 0 of the next row, scrolling the screen up from the last one. */
static void newline(struct vt *vt)
{
	if (vt->row == vt->rows - 1) {
		int n = vt->cols * (vt->rows - 1);
		for (int i = 0; i < n; i++)
			vt->cells[i] = vt->cells[i + vt->cols];
		erase(vt, n, n + vt->cols);
		move_to(vt, vt->row, 0);
	} else {
		move_to(vt, vt->row + 1, 0);
	}
}

static void put_char(struct vt *vt, char c)
{
	if (vt->wrap_pending)
		newline(vt);
	vt->cells[vt->row * vt->cols + vt->col] = (uint16_t)(vt->attr << 8 | (uint8_t)c);
	if (vt->col == vt->cols - 1)
		vt->wrap_pending = true;
	else
		vt->col++;
}

/* Parameter I of the sequence, or DEFLT when it was left out (or is 0 and ZERO_IS_DEFAULT). */
static int param(const struct vt *vt, int i, int deflt, bool zero_is_default)
{
	if (i >= vt->nparams || (zero_is_default && vt->params[i] == 0))
		return deflt;
	return vt->params[i];
}

/* Delete N cells at the cursor (the rest of the row moves left), or insert N blanks. */
static void shift_row(struct vt *vt, int n, bool delete)
{
	volatile uint16_t *line = vt->cells + vt->row * vt->cols;
	n = clamp(n, 1, vt->cols - vt->col);
	if (delete) {
		for (int i = vt->col; i < vt->cols - n; i++)
			line[i] = line[i + n];
		for (int i = vt->cols - n; i < vt->cols; i++)
			line[i] = blank(vt);
	} else {
		for (int i = vt->cols - 1; i >= vt->col + n; i--)
			line[i] = line[i - n];
		for (int i = vt->col; i < vt->col + n; i++)
			line[i] = blank(vt);
	}
	vt->wrap_pending = false;
}

/* Apply the SGR parameters (ESC [ ... m). */
static void select_graphics(struct vt *vt)
{
	/* ANSI colour order (red = 1) to the VGA's (blue = 1). */
	static const uint8_t vga_colour[8] = { 0, 4, 2, 6, 1, 5, 3, 7 };
	int n = vt->nparams ? vt->nparams : 1;
	for (int i = 0; i < n; i++) {
		int p = param(vt, i, 0, false);
		if (p == 0) {
			vt->fg = FG_GREY;
			vt->bg = BG_BLACK;
			vt->bright = vt->reverse = false;
		} else if (p == 1) {
			vt->bright = true;
		} else if (p == 7) {
			vt->reverse = true;
		} else if (p == 22) {
			vt->bright = false;
		} else if (p == 27) {
			vt->reverse = false;
		} else if (p >= 30 && p <= 37) {
			vt->fg = vga_colour[p - 30];
		} else if (p == 39) {
			vt->fg = FG_GREY;
		} else if (p >= 40 && p <= 47) {
			vt->bg = vga_colour[p - 40];
		} else if (p == 49) {
			vt->bg = BG_BLACK;
		} else if (p >= 90 && p <= 97) {
			vt->fg = (uint8_t)(vga_colour[p - 90] | 8);
		}
	}
	set_attr(vt);
}

/* Carry out the ESC [ sequence that FINAL ends. */
static void csi(struct vt *vt, char final)
{
	int n = param(vt, 0, 1, true);
	int here = vt->row * vt->cols + vt->col;
	int row_start = vt->row * vt->cols;
	switch (final) {
	case 'A': move_to(vt, vt->row - n, vt->col); break;
	case 'B': move_to(vt, vt->row + n, vt->col); break;
	case 'C': move_to(vt, vt->row, vt->col + n); break;
	case 'D': move_to(vt, vt->row, vt->col - n); break;
	case 'G': move_to(vt, vt->row, n - 1); break;
	case 'H':
	case 'f': move_to(vt, n - 1, param(vt, 1, 1, true) - 1); break;
	case 'K':
		switch (param(vt, 0, 0, false)) {
		case 0: erase(vt, here, row_start + vt->cols); break;
		case 1: erase(vt, row_start, here + 1); break;
		case 2: erase(vt, row_start, row_start + vt->cols); break;
		}
		vt->wrap_pending = false;
		break;
	case 'J':
		switch (param(vt, 0, 0, false)) {
		case 0: erase(vt, here, vt->rows * vt->cols); break;
		case 1: erase(vt, 0, here + 1); break;
		case 2: erase(vt, 0, vt->rows * vt->cols); break;
		}
		vt->wrap_pending = false;
		break;
	case 'P': shift_row(vt, n, true); break;
	case '@': shift_row(vt, n, false); break;
	case 'm': select_graphics(vt); break;
	default: break;            /* unknown: swallowed */
	}
}

/* A byte inside ESC [ ... : a digit, a separator, a private marker or the final byte. */
static void csi_byte(struct vt *vt, char c)
{
	if (c >= '0' && c <= '9') {
		if (vt->nparams == 0)
			vt->nparams = 1;
		int *p = &vt->params[vt->nparams - 1];
		if (*p < 10000)       /* a huge count only needs to stay huge */
			*p = *p * 10 + (c - '0');
	} else if (c == ';') {
		if (vt->nparams == 0)
			vt->nparams = 1;  /* "ESC [ ; 5 H": the first one was left out */
		if (vt->nparams < VT_MAX_PARAMS)
			vt->params[vt->nparams++] = 0;
	} else if (c >= 0x20 && c <= 0x3F) {
		/* private markers (? > =) and intermediates: the sequence is read, then ignored */
	} else if (c >= 0x40 && c <= 0x7E) {
		csi(vt, c);
		vt->state = PLAIN;
	} else {
		vt->state = PLAIN;    /* a control byte cancels the sequence */
	}
}

void vt_putc(struct vt *vt, char c)
{
	if (vt->state == ESCAPE) {
		if (c == '[') {
			vt->state = CSI;
			vt->nparams = 0;
			for (int i = 0; i < VT_MAX_PARAMS; i++)
				vt->params[i] = 0;
		} else if (c == '(' || c == ')') {
			vt->state = CHARSET;  /* ESC ( B and the like: one byte more */
		} else {
			vt->state = PLAIN;  /* ESC and one byte: nothing we act on */
		}
		return;
	}
	if (vt->state == CHARSET) {
		vt->state = PLAIN;
		return;
	}
	if (vt->state == CSI) {
		csi_byte(vt, c);
		return;
	}
	switch (c) {
	case ESC:  vt->state = ESCAPE; break;
	case '\n': newline(vt); break;
	case '\r': move_to(vt, vt->row, 0); break;
	case '\b': move_to(vt, vt->row, vt->col - (vt->wrap_pending ? 0 : 1)); break;
	case '\t': move_to(vt, vt->row, (vt->col / TAB_WIDTH + 1) * TAB_WIDTH); break;
	default:
		if ((uint8_t)c >= ' ' && c != 0x7F)
			put_char(vt, c);
		break;
	}
}
