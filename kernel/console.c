/*
 * Console output: serial first (it is the test channel), then VGA.
 */
#include "kernel/console.h"
#include "kernel/serial.h"
#include "kernel/vga.h"

void console_init(void)
{
	serial_init();
	vga_init();
}

void console_putc(char c)
{
	if (c == '\n')
		serial_putc('\r');
	serial_putc(c);
	vga_putc(c);
}

void console_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		console_putc(s[i]);
}

void console_write_raw(const char *s)
{
	while (*s)
		console_putc(*s++);
}

void console_flush(void)
{
	serial_flush();
}
