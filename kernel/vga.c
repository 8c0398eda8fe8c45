/*
 * VGA text console. The cursor position is the only state; the hardware
 * cursor follows it through the CRT controller ports.
 */
#include "kernel/vga.h"
#include "kernel/x86.h"

#define VGA_COLS  80
#define VGA_ROWS  25
#define VGA_ATTR  0x0700      /* light grey on black */
#define CRTC_ADDR 0x3D4
#define CRTC_DATA 0x3D5

static volatile uint16_t *const screen = (volatile uint16_t *)0xB8000;
static int row, col;

static void move_cursor(void)
{
	uint16_t pos = (uint16_t)(row * VGA_COLS + col);
	outb(CRTC_ADDR, 14);
	outb(CRTC_DATA, pos >> 8);
	outb(CRTC_ADDR, 15);
	outb(CRTC_DATA, pos & 0xFF);
}

void vga_init(void)
{
	for (int i = 0; i < VGA_COLS * VGA_ROWS; i++)
		screen[i] = VGA_ATTR | ' ';
	row = col = 0;
	move_cursor();
}

static void scroll(void)
{
	for (int i = 0; i < VGA_COLS * (VGA_ROWS - 1); i++)
		screen[i] = screen[i + VGA_COLS];
	for (int i = VGA_COLS * (VGA_ROWS - 1); i < VGA_COLS * VGA_ROWS; i++)
		screen[i] = VGA_ATTR | ' ';
	row = VGA_ROWS - 1;
}

void vga_putc(char c)
{
	switch (c) {
	case '\n':
		col = 0;
		row++;
		break;
	case '\r':
		col = 0;
		break;
	case '\b':                  /* cursor left, as on a terminal: "\b \b" erases */
		if (col > 0)
			col--;
		break;
	case '\t':
		col = (col + 8) & ~7;
		break;
	default:
		screen[row * VGA_COLS + col] = VGA_ATTR | (uint8_t)c;
		col++;
	}
	if (col >= VGA_COLS) {
		col = 0;
		row++;
	}
	if (row >= VGA_ROWS)
		scroll();
	move_cursor();
}
