/*
 * Tests of pipes (kernel/pipe.c): data in order, end of file, -EPIPE, the
 * ring buffer wrapping, and, with a kernel thread on the other end, a
 * reader blocking until data or EOF and a writer blocking until room or
 * until the reader goes away. Kernel threads are never preempted, so each
 * switch happens where a test blocks or yields, and the order is exact.
 */
#include "kernel/ktest.h"
#include "kernel/pipe.h"
#include "kernel/string.h"
#include "sched/sched.h"

KTEST(pipe, write_then_read)
{
	struct pipe *p = pipe_create();
	KT_EXPECT(p != NULL);
	KT_EXPECT_EQ(pipe_write(p, "hello", 5), 5);
	char buf[8];
	KT_EXPECT_EQ(pipe_read(p, buf, 3), 3);        /* a short read leaves the rest */
	KT_EXPECT_EQ(memcmp(buf, "hel", 3), 0);
	KT_EXPECT_EQ(pipe_read(p, buf, sizeof(buf)), 2);
	KT_EXPECT_EQ(memcmp(buf, "lo", 2), 0);
	KT_EXPECT_EQ(pipe_read(p, buf, 0), 0);
	pipe_close(p, false);
	pipe_close(p, true);
}

KTEST(pipe, eof_when_writer_closed)
{
	struct pipe *p = pipe_create();
	KT_EXPECT_EQ(pipe_write(p, "abc", 3), 3);
	pipe_close(p, true);
	char buf[8];
	KT_EXPECT_EQ(pipe_read(p, buf, sizeof(buf)), 3);   /* buffered bytes first */
	KT_EXPECT_EQ(pipe_read(p, buf, sizeof(buf)), 0);
	KT_EXPECT_EQ(pipe_read(p, buf, sizeof(buf)), 0);
	pipe_close(p, false);
}

KTEST(pipe, epipe_when_reader_closed)
{
	struct pipe *p = pipe_create();
	pipe_close(p, false);
	KT_EXPECT_EQ(pipe_write(p, "abc", 3), -EPIPE);
	pipe_close(p, true);
}

KTEST(pipe, ring_buffer_wraps)
{
	static uint8_t out[PARAM_PIPE_SIZE], in[PARAM_PIPE_SIZE];
	struct pipe *p = pipe_create();
	for (int round = 0; round < 5; round++) {
		uint32_t n = PARAM_PIPE_SIZE * 3 / 4;     /* each round starts further along */
		for (uint32_t i = 0; i < n; i++)
			out[i] = (uint8_t)(round * 31 + i);
		KT_EXPECT_EQ(pipe_write(p, out, n), (int)n);
		KT_EXPECT_EQ(pipe_read(p, in, sizeof(in)), (int)n);
		KT_EXPECT_EQ(memcmp(in, out, n), 0);
	}
	KT_EXPECT(p->head != 0);
	/* Exactly full does not block. */
	KT_EXPECT_EQ(pipe_write(p, out, PARAM_PIPE_SIZE), PARAM_PIPE_SIZE);
	KT_EXPECT_EQ(p->count, PARAM_PIPE_SIZE);
	KT_EXPECT_EQ(pipe_read(p, in, sizeof(in)), PARAM_PIPE_SIZE);
	KT_EXPECT_EQ(memcmp(in, out, PARAM_PIPE_SIZE), 0);
	pipe_close(p, true);
	pipe_close(p, false);
}

static struct pipe *shared;
static volatile int done;
static volatile int result;

static void write_five(void *arg)
{
	(void)arg;
	result = pipe_write(shared, "01234", 5);
	done = 1;
}

KTEST(pipe, read_blocks_until_write)
{
	shared = pipe_create();
	done = 0;
	KT_EXPECT(sched_kthread("pipe-writer", write_five, NULL) != NULL);
	char buf[8];
	KT_EXPECT_EQ(pipe_read(shared, buf, sizeof(buf)), 5);   /* blocks; the writer runs */
	KT_EXPECT_EQ(done, 1);
	KT_EXPECT_EQ(result, 5);
	KT_EXPECT_EQ(memcmp(buf, "01234", 5), 0);
	pipe_close(shared, true);
	pipe_close(shared, false);
}

static void close_writer(void *arg)
{
	(void)arg;
	pipe_close(shared, true);
	done = 1;
}

KTEST(pipe, closing_writer_wakes_reader)
{
	shared = pipe_create();
	done = 0;
	sched_kthread("pipe-closer", close_writer, NULL);
	char buf[8];
	KT_EXPECT_EQ(pipe_read(shared, buf, sizeof(buf)), 0);
	KT_EXPECT_EQ(done, 1);
	pipe_close(shared, false);
}

static volatile uint32_t drained;

/* Read until end of file, counting the bytes and checking their pattern. */
static void drain(void *arg)
{
	(void)arg;
	static uint8_t buf[1000];
	int n;
	while ((n = pipe_read(shared, buf, sizeof(buf))) > 0) {
		for (int i = 0; i < n; i++)
			if (buf[i] != (uint8_t)(drained + (uint32_t)i))
				result = -1;
		drained += (uint32_t)n;
	}
	done = 1;
}

KTEST(pipe, write_blocks_until_read)
{
	static uint8_t big[PARAM_PIPE_SIZE * 3 + 100];
	for (uint32_t i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)i;
	shared = pipe_create();
	done = 0;
	drained = 0;
	result = 0;
	sched_kthread("pipe-reader", drain, NULL);
	KT_EXPECT_EQ(pipe_write(shared, big, sizeof(big)), (int)sizeof(big));
	pipe_close(shared, true);                /* wakes the reader for EOF */
	while (!done)
		sched_yield();
	KT_EXPECT_EQ(drained, sizeof(big));
	KT_EXPECT_EQ(result, 0);
	pipe_close(shared, false);
}

static void close_reader(void *arg)
{
	(void)arg;
	pipe_close(shared, false);
	done = 1;
}

KTEST(pipe, closing_reader_fails_blocked_writer)
{
	static uint8_t big[PARAM_PIPE_SIZE + 10];
	shared = pipe_create();
	done = 0;
	sched_kthread("pipe-closer", close_reader, NULL);
	KT_EXPECT_EQ(pipe_write(shared, big, sizeof(big)), -EPIPE);  /* fills, blocks, fails */
	KT_EXPECT_EQ(done, 1);
	pipe_close(shared, true);
}
