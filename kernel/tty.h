/*
 * The console device: cooked line input from COM1 and the PS/2 keyboard
 * (one ring of received bytes, kernel/serial.h) and output to the kernel
 * console (serial and VGA).
 *
 * Input is edited a line at a time and echoed by the line editor
 * (kernel/ledit.h: cursor movement, history, erasing), CR or LF ends a
 * line (a CR LF pair counts once), Ctrl-D ends it without a newline (on an
 * empty line: end of file). Ctrl-C and Ctrl-Z never reach the line: they
 * signal the foreground job as they arrive (kernel/tty_job.c). Reads then
 * hand out the finished line, at most their N bytes at a time, before any
 * new line is edited. A line longer than TTY_LINE_MAX bytes, its newline
 * included, is never handed out cut: the read that would have returned it
 * fails with -EMSGSIZE instead, and the next read gets the next line.
 *
 * Invariant: there is one line, shared by all readers; while ready is
 * false it is being edited, while ready is true its bytes [pos, len) are
 * still to be returned.
 */
#ifndef KERNEL_TTY_H
#define KERNEL_TTY_H

#include "kernel/kdefs.h"

/*
 * Read up to N bytes of input into BUF, blocking until a line is complete.
 * Returns the bytes read (a full line ends with '\n'), 0 for end of file
 * (Ctrl-D on an empty line), -EMSGSIZE for a line that was too long (it
 * is dropped whole), -EINTR if the process was killed or has a signal
 * handler to run, -EIO for a background reader that ignores SIGTTIN (one
 * that does not is stopped first: kernel/tty_job.c).
 */
int tty_read(void *buf, uint32_t n);

/* Write N bytes to the console; returns N. */
int tty_write(const void *buf, uint32_t n);

/* Received bytes are waiting: called by the COM1 and keyboard interrupt handlers. */
void tty_input_ready(void);

#endif /* KERNEL_TTY_H */
