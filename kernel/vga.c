/*
 * VGA text console: the screen's cells belong to one struct vt; after each
 * byte the hardware cursor is moved to the vt's cursor through the CRT
 * controller ports.
 */
#include "kernel/vga.h"
#include "kernel/vt.h"
#include "kernel/x86.h"

#define VGA_COLS  80
#define VGA_ROWS  25
#define CRTC_ADDR 0x3D4
#define CRTC_DATA 0x3D5
#define CRTC_CURSOR_HI 14
#define CRTC_CURSOR_LO 15

static struct vt screen;

static void move_cursor(void)
{
	uint16_t pos = (uint16_t)(screen.row * VGA_COLS + screen.col);
	outb(CRTC_ADDR, CRTC_CURSOR_HI);
	outb(CRTC_DATA, pos >> 8);
	outb(CRTC_ADDR, CRTC_CURSOR_LO);
	outb(CRTC_DATA, pos & 0xFF);
}

void vga_init(void)
{
	vt_init(&screen, (volatile uint16_t *)0xB8000, VGA_ROWS, VGA_COLS);
	move_cursor();
}

void vga_putc(char c)
{
	int row = screen.row, col = screen.col;
	vt_putc(&screen, c);
	if (screen.row != row || screen.col != col)
		move_cursor();
}
