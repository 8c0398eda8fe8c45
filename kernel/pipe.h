/*
 * Pipes: a ring buffer of PARAM_PIPE_SIZE bytes between one read end and
 * one write end (each end is one struct file, which descriptors share).
 *
 * Invariant: count bytes starting at index head (wrapping) are buffered,
 * 0 <= count <= PARAM_PIPE_SIZE; a task blocked in pipe_read waits on
 * readable with count == 0 and the writer open, one blocked in pipe_write
 * on writable with count == PARAM_PIPE_SIZE and the reader open. Every
 * change that could end such a wait wakes the queue.
 */
#ifndef KERNEL_PIPE_H
#define KERNEL_PIPE_H

#include "kernel/kdefs.h"
#include "sched/sched.h"
#include "talos/param.h"

struct pipe {
	uint8_t buf[PARAM_PIPE_SIZE];
	uint32_t head;              /* index of the oldest buffered byte */
	uint32_t count;             /* bytes buffered */
	bool reader_open;           /* the read end is still open */
	bool writer_open;           /* the write end is still open */
	struct waitq readable;      /* readers waiting for data or EOF */
	struct waitq writable;      /* writers waiting for room or for the reader to go */
};

/* A new empty pipe with both ends open; NULL when out of memory. */
struct pipe *pipe_create(void);

/*
 * Read up to N bytes into BUF, blocking while the pipe is empty and the
 * writer is open. Returns the bytes read (at least 1 when N > 0), 0 at
 * end of file (empty, no writer), or -EINTR if the process was killed.
 */
int pipe_read(struct pipe *p, void *buf, uint32_t n);

/*
 * Write all N bytes from BUF, blocking while the pipe is full and the
 * reader is open. Returns N, -EPIPE once there is no reader (bytes already
 * written stay buffered), or -EINTR if the process was killed.
 */
int pipe_write(struct pipe *p, const void *buf, uint32_t n);

/* Close one end (WRITE_END: the write end), waking the other side; the last close frees P. */
void pipe_close(struct pipe *p, bool write_end);

#endif /* KERNEL_PIPE_H */
