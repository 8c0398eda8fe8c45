/*
 * Ending a process: exit (the normal way, also what returning from main
 * does) and abort (the way out for a program that found itself broken).
 *
 * Invariant: both flush stdio before the process ends, so output a program
 * printed is never lost; neither allocates or runs any user code.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "stdio_file.h"

#define ABORT_STATUS 134   /* 128 + 6: what a Unix shell shows for SIGABRT */

_Noreturn void exit(int status)
{
	libc_stdio_flush_all();
	_exit(status);
}

/*
 * The message goes straight to fd 2 with write(), not through stderr's
 * FILE, so it comes out even if a stream is the thing that is damaged.
 */
_Noreturn void abort(void)
{
	static const char msg[] = "abort\n";

	libc_stdio_flush_all();
	write(STDERR_FILENO, msg, sizeof(msg) - 1);
	_exit(ABORT_STATUS);
}
