/*
 * The inside of a stdio stream, private to libc (user programs see FILE
 * only as an opaque type).
 *
 * A stream's buffer holds either input not yet consumed or output not yet
 * written, never both: STATE says which. Invariant: in FILE_READING the
 * unread bytes are buf[pos .. len); in FILE_WRITING the pending bytes are
 * buf[0 .. len) and pos is 0; in FILE_IDLE the buffer is empty.
 *
 *     buf  [ consumed | unread          |         ]   FILE_READING
 *          0          pos               len       BUFSIZ
 *     buf  [ pending output   |                   ]   FILE_WRITING
 *          0                  len                 BUFSIZ
 */
#ifndef LIBC_STDIO_FILE_H
#define LIBC_STDIO_FILE_H

#include <stddef.h>
#include <stdio.h>

/* flags: what the stream was opened for */
#define FILE_CAN_READ  1
#define FILE_CAN_WRITE 2

/* buffering */
#define FILE_FULL 0   /* write out when the buffer is full */
#define FILE_LINE 1   /* also write out after each '\n' */
#define FILE_NONE 2   /* write out at once, keep nothing */

/* state: what the buffer holds now */
#define FILE_IDLE    0
#define FILE_READING 1
#define FILE_WRITING 2

struct libc_file {
	int used;               /* 1 while the slot is an open stream */
	int fd;                 /* the descriptor underneath */
	int flags;              /* FILE_CAN_READ | FILE_CAN_WRITE */
	int buffering;          /* FILE_FULL, FILE_LINE or FILE_NONE */
	int state;              /* FILE_IDLE, FILE_READING or FILE_WRITING */
	int eof;                /* a read met the end of input (feof) */
	int error;              /* a read or write failed (ferror) */
	size_t pos, len;        /* see the diagram above */
	unsigned char *buf;     /* BUFSIZ bytes, owned by this slot */
};

/* Write every stream's pending output; exit and abort call it. Returns 0 or EOF. */
int libc_stdio_flush_all(void);

#endif /* LIBC_STDIO_FILE_H */
