/*
 * The CPU recorder (system call cpu_record, ABI in talos/syscall.h): a
 * kernel daemon thread that samples the CPU ticks of up to CPU_RECORD_MAX
 * processes every interval and prints them on the console as "REC" lines,
 * and for processes with a target prints a "VIOL" line for each request
 * period (periods start at multiples of their length) in which the process
 * got fewer ticks than its target. Experiments read these lines on the host.
 *
 * It needs RIGHT_RECORD. One recording at a time; starting a new one replaces the old. The
 * recorder reads the tasks' tick counters only, so a process that exits
 * keeps its last total (its slot reads 0 from then on).
 */
#include "kernel/kheap.h"
#include "kernel/kprintf.h"
#include "kernel/pit.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "kernel/syscall.h"
#include "kernel/uaccess.h"
#include "talos/errno.h"

/* A recording: what to record, and the generation it belongs to. */
struct recording {
	struct cpu_record r;
	uint32_t gen;
};

static uint32_t generation;          /* bumped by every start and stop */
static struct task *thread;          /* the current recorder, or NULL */

/* Ticks process PID has used in all, or LAST if it is gone. */
static uint32_t total_of(int pid, uint32_t last)
{
	struct proc *p = proc_find(pid);
	if (!p || p->zombie)
		return last;
	uint32_t total, window, current;
	sched_get_ticks(&p->task, &total, &window, &current);
	return total;
}

static void recorder(void *arg)
{
	struct recording *job = arg;
	uint32_t gen = job->gen;
	struct cpu_record r = job->r;
	kfree(job);
	uint32_t last[CPU_RECORD_MAX], in_period[CPU_RECORD_MAX];
	uint64_t now = pit_ticks();
	uint64_t next = now - now % (uint64_t)r.interval + (uint64_t)r.interval;
	for (int i = 0; i < r.n; i++) {
		last[i] = total_of(r.pids[i], 0);
		in_period[i] = 0;
	}
	uint64_t start = next;            /* periods before the first sample are not judged */
	while (gen == generation) {
		sched_sleep_until(next);
		if (gen != generation)
			break;
		char line[160];
		int len = ksnprintf(line, sizeof(line), "REC %u", (unsigned)next);
		for (int i = 0; i < r.n; i++) {
			uint32_t t = total_of(r.pids[i], last[i]);
			uint32_t used = t - last[i];
			last[i] = t;
			in_period[i] += used;
			len += ksnprintf(line + len, sizeof(line) - (uint32_t)len, " %u", used);
		}
		kprintf("%s\n", line);
		for (int i = 0; i < r.n; i++) {
			uint64_t period = (uint64_t)r.periods[i];
			if (next % period != 0)
				continue;
			if (r.targets[i] > 0 && next - period >= start &&
			    in_period[i] < (uint32_t)r.targets[i])
				kprintf("VIOL %u %d %u %u %d\n", (unsigned)next, i,
					(unsigned)(next - period), in_period[i], r.targets[i]);
			in_period[i] = 0;
		}
		next += (uint64_t)r.interval;
	}
	kprintf("REC end %u\n", (unsigned)pit_ticks());
}

static bool valid(const struct cpu_record *r)
{
	if (r->n < 0 || r->n > CPU_RECORD_MAX)
		return false;
	if (r->n > 0 && (r->interval < 1 || r->interval > 1000))
		return false;
	for (int i = 0; i < r->n; i++)
		if (r->targets[i] < 0 || r->periods[i] < 1 || r->periods[i] > PARAM_MAX_PERIOD ||
		    r->periods[i] % r->interval != 0)
			return false;
	return true;
}

int32_t sys_cpu_record(uint32_t ureq, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a2; (void)a3; (void)a4; (void)a5;
	if (!(proc_current()->rights & RIGHT_RECORD))
		return -EPERM;                    /* it prints lines about other processes */
	if (uaccess_check(ureq, sizeof(struct cpu_record), false))
		return -EFAULT;
	struct cpu_record r;
	memcpy(&r, (const void *)ureq, sizeof(r));
	if (!valid(&r))
		return -EINVAL;
	generation++;                     /* the running recorder, if any, ends */
	if (thread)
		sched_interrupt(thread);
	thread = NULL;
	if (r.n == 0)
		return 0;
	struct recording *job = kmalloc(sizeof(*job));
	if (!job)
		return -ENOMEM;
	job->r = r;
	job->gen = generation;
	thread = sched_kthread("cpurec", recorder, job);
	if (!thread) {
		kfree(job);
		return -ENOMEM;
	}
	sched_set_daemon(thread);
	return 0;
}
