/*
 * Monitor commands. Input arrives through the serial receive interrupt;
 * the loop halts between bytes, so an idle monitor costs no CPU.
 */
#include "kernel/monitor.h"
#include "kernel/kheap.h"
#include "kernel/kprintf.h"
#include "kernel/pic.h"
#include "kernel/pit.h"
#include "kernel/pmm.h"
#include "kernel/power.h"
#include "kernel/serial.h"
#include "kernel/string.h"
#include "kernel/x86.h"

#define LINE_MAX 128

static void cmd_help(void)
{
	kprintf("commands:\n"
		"  help      this list\n"
		"  mem       physical pages free and managed\n"
		"  heap      kernel heap usage\n"
		"  ticks     timer ticks (ms) since boot\n"
		"  poweroff  power the machine off\n");
}

static void cmd_mem(void)
{
	kprintf("%u of %u pages free (%u KiB free)\n",
		pmm_free_pages(), pmm_total_pages(), pmm_free_pages() * 4);
}

static void cmd_heap(void)
{
	struct kheap_stats st;
	kheap_get_stats(&st);
	kprintf("heap: %u bytes mapped, %u used in %u blocks, %u free in %u blocks\n",
		st.heap_bytes, st.used_bytes, st.used_blocks, st.free_bytes, st.free_blocks);
}

static void run_command(const char *line)
{
	if (line[0] == '\0')
		return;
	if (strcmp(line, "help") == 0)
		cmd_help();
	else if (strcmp(line, "mem") == 0)
		cmd_mem();
	else if (strcmp(line, "heap") == 0)
		cmd_heap();
	else if (strcmp(line, "ticks") == 0)
		kprintf("%llu ticks, %u spurious IRQs\n", pit_ticks(), pic_spurious_count());
	else if (strcmp(line, "poweroff") == 0) {
		kprintf("powering off\n");
		power_off();
	} else
		kprintf("unknown command \"%s\" (try help)\n", line);
}

/* Read one line with echo and backspace; returns when Enter is pressed. */
static void read_line(char *buf, size_t size)
{
	size_t n = 0;
	for (;;) {
		int c = serial_getc();
		if (c < 0) {
			hlt();
			continue;
		}
		if (c == '\r' || c == '\n') {
			kprintf("\n");
			buf[n] = '\0';
			return;
		}
		if ((c == '\b' || c == 0x7F) && n > 0) {
			n--;
			kprintf("\b \b");
		} else if (c >= ' ' && c < 0x7F && n + 1 < size) {
			buf[n++] = (char)c;
			kprintf("%c", c);
		}
	}
}

void monitor_run(void)
{
	kprintf("TalOS kernel monitor (no user space yet). Type help.\n");
	char line[LINE_MAX];
	for (;;) {
		kprintf("talos> ");
		read_line(line, sizeof(line));
		run_command(line);
	}
}
