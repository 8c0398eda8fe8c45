/*
 * The console's line discipline (contract and invariant in kernel/tty.h).
 * Bytes come from serial_getc(); a reader with nothing to read sleeps on
 * input until the receive interrupt calls tty_input_ready(). Any reader
 * may edit the shared line, so two readers never see a line torn apart:
 * whoever finds it finished takes the next bytes of it. The editing itself
 * is kernel/ledit.c's: edit() is the one place an input byte enters.
 */
#include "kernel/tty.h"
#include "kernel/console.h"
#include "kernel/kprintf.h"
#include "kernel/ledit.h"
#include "kernel/multiboot.h"
#include "kernel/proc.h"
#include "kernel/serial.h"
#include "kernel/signal.h"
#include "kernel/string.h"
#include "kernel/x86.h"
#include "sched/sched.h"
#include "talos/errno.h"

/* The line editor's echo: the console. */
static void echo(const char *s, uint32_t n)
{
	console_write(s, n);
}

static struct ledit editor = { .echo = echo };  /* the line being edited */
static char line[TTY_LINE_MAX];  /* the finished line, handed out to readers */
static uint32_t len;          /* bytes in line */
static uint32_t pos;          /* ready: next byte to hand out */
static bool ready;            /* the line is finished */
static bool refused;          /* ready: the line was too long; len is 0 */
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

/*
 * Apply one input byte C to the line being edited (kernel/ledit.h).
 * Returns true when the byte finishes the line: ready is then set, with
 * the line in line[0, len) (len 0: end of file, or refused set).
 */
static bool edit(char c)
{
	switch (ledit_input(&editor, c)) {
	case LEDIT_EDITING:
		return false;
	case LEDIT_LINE:
		len = ledit_take(&editor, line);
		break;
	case LEDIT_TOO_LONG:
		len = 0;
		refused = true;
		break;
	}
	ready = true;
	return true;
}

/* A finished line of no bytes: end of file (0), or -EMSGSIZE once for a refused line. */
static int empty_line(void)
{
	bool was = refused;

	refused = false;
	return was ? -EMSGSIZE : 0;
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
			ready = false;        /* Ctrl-D on an empty line, or a line too long */
			return empty_line();
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
