/*
 * Pipes (contract and invariant in kernel/pipe.h). Kernel code is never
 * preempted, so the buffer needs no lock; interrupts are disabled only
 * from the test of the condition to sched_block, as sched.h requires, so
 * no wakeup can fall between the two.
 */
#include "kernel/pipe.h"
#include "kernel/kheap.h"
#include "kernel/panic.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "kernel/x86.h"
#include "talos/errno.h"

struct pipe *pipe_create(void)
{
	struct pipe *p = kzalloc(sizeof(*p));
	if (p) {
		p->reader_open = true;
		p->writer_open = true;
	}
	return p;
}

/* Was the current process killed, or has it a handler to run? Then a blocking call gives up. */
static bool killed(void)
{
	return sig_interrupted();
}

int pipe_read(struct pipe *p, void *buf, uint32_t n)
{
	if (n == 0)
		return 0;
	bool was = irq_save();
	while (p->count == 0 && p->writer_open) {
		if (killed()) {
			irq_restore(was);
			return -EINTR;
		}
		sched_block(&p->readable);
	}
	irq_restore(was);
	if (n > p->count)
		n = p->count;
	/* The bytes may wrap: copy up to the end of the buffer, then from its start. */
	uint32_t first = PARAM_PIPE_SIZE - p->head;
	if (first > n)
		first = n;
	memcpy(buf, p->buf + p->head, first);
	memcpy((uint8_t *)buf + first, p->buf, n - first);
	p->head = (p->head + n) % PARAM_PIPE_SIZE;
	p->count -= n;
	if (n > 0)
		sched_wakeup(&p->writable);
	return (int)n;
}

int pipe_write(struct pipe *p, const void *buf, uint32_t n)
{
	const uint8_t *src = buf;
	uint32_t done = 0;
	while (done < n) {
		bool was = irq_save();
		while (p->count == PARAM_PIPE_SIZE && p->reader_open) {
			if (killed()) {
				irq_restore(was);
				return -EINTR;
			}
			sched_block(&p->writable);
		}
		irq_restore(was);
		if (!p->reader_open)
			return -EPIPE;
		uint32_t room = PARAM_PIPE_SIZE - p->count;
		uint32_t k = n - done < room ? n - done : room;
		uint32_t tail = (p->head + p->count) % PARAM_PIPE_SIZE;
		uint32_t first = PARAM_PIPE_SIZE - tail;
		if (first > k)
			first = k;
		memcpy(p->buf + tail, src + done, first);
		memcpy(p->buf, src + done + first, k - first);
		p->count += k;
		done += k;
		sched_wakeup(&p->readable);
	}
	return (int)n;
}

void pipe_close(struct pipe *p, bool write_end)
{
	if (write_end) {
		ASSERT(p->writer_open);
		p->writer_open = false;
		sched_wakeup(&p->readable);
	} else {
		ASSERT(p->reader_open);
		p->reader_open = false;
		sched_wakeup(&p->writable);
	}
	if (!p->reader_open && !p->writer_open)
		kfree(p);
}
