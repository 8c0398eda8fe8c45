/*
 * The console's line discipline (contract and invariant in kernel/tty.h).
 * Bytes come from serial_getc(); a reader with nothing to read sleeps on
 * input until the receive interrupt calls tty_input_ready(). Any reader
 * may edit the shared line, so two readers never see a line torn apart:
 * whoever finds it finished takes the next bytes of it.
 */
#include "kernel/tty.h"
#include "kernel/console.h"
#include "kernel/kprintf.h"
#include "kernel/multiboot.h"
#include "kernel/proc.h"
#include "kernel/serial.h"
#include "kernel/signal.h"
#include "kernel/string.h"
#include "kernel/x86.h"
#include "sched/sched.h"
#include "talos/errno.h"
#include "talos/param.h"

#define CTRL_D 0x04
#define CTRL_U 0x15
#define BS     0x08
#define DEL    0x7F

static char line[PARAM_TTY_LINE];
static uint32_t len;          /* bytes in line */
static uint32_t pos;          /* ready: next byte to hand out */
static bool ready;            /* the line is finished */
static bool after_cr;         /* the last byte was CR: a following LF is part of it */
static struct waitq input;    /* readers waiting for received bytes */

void tty_input_ready(void)
{
	sched_wakeup(&input);
}

/* Was the current process killed, or has it a handler to run? Then a blocking call gives up. */
static bool killed(void)
{
	return sig_interrupted();
}

/* Erase the last character on the screen and from the line. */
static void erase_one(void)
{
	len--;
	console_write("\b \b", 3);
}

/*
 * Apply one input byte C to the line being edited, echoing it. Returns
 * true when the byte finishes the line (ready is then set; an empty
 * finished line means end of file). Printable bytes that find the line
 * full and other control bytes are dropped.
 */
static bool edit(char c)
{
	bool was_cr = after_cr;
	after_cr = c == '\r';
	if (c == '\r' || (c == '\n' && !was_cr)) {
		line[len++] = '\n';    /* len < PARAM_TTY_LINE: one byte is kept for it */
		console_putc('\n');
		ready = true;
	} else if (c == CTRL_D) {
		ready = true;
	} else if ((c == BS || c == DEL) && len > 0) {
		erase_one();
	} else if (c == CTRL_U) {
		while (len > 0)
			erase_one();
	} else if (c >= ' ' && c < DEL && len < PARAM_TTY_LINE - 1) {
		line[len++] = c;
		console_putc(c);
	}
	return ready;
}

/*
 * With "bootstat" on the command line, report when the console is first
 * read: the moment the shell waits at its first prompt (make bench uses it
 * to measure boot time).
 */
static void note_first_read(void)
{
	static bool noted;
	if (noted)
		return;
	noted = true;
	char unused[4];
	if (cmdline_get("bootstat", unused, sizeof(unused)))
		kprintf("\nconsole: first read at tsc %llu\n", rdtsc());
}

int tty_read(void *buf, uint32_t n)
{
	if (n == 0)
		return 0;
	note_first_read();
	int err = tty_job_may_read();           /* a background reader is stopped (SIGTTIN) */
	if (err)
		return err;
	while (!ready) {
		err = tty_job_may_read();       /* again after every wait for input */
		if (err)
			return err;
		bool was = irq_save();
		int c = serial_getc();
		if (c < 0) {
			if (killed()) {
				irq_restore(was);
				return -EINTR;
			}
			sched_block(&input);
			irq_restore(was);
			continue;
		}
		irq_restore(was);
		if (edit((char)c) && len == 0) {
			ready = false;        /* Ctrl-D on an empty line: end of file */
			return 0;
		}
	}
	uint32_t k = len - pos < n ? len - pos : n;
	memcpy(buf, line + pos, k);
	pos += k;
	if (pos == len) {
		ready = false;            /* the next read edits a new line */
		len = pos = 0;
	}
	return (int)k;
}

int tty_write(const void *buf, uint32_t n)
{
	console_write(buf, n);
	return (int)n;
}
