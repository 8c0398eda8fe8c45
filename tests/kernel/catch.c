/*
 * Expected-exception catcher for kernel tests (see catch.h). One catch may
 * be active at a time.
 */
#include "tests/kernel/catch.h"
#include "kernel/panic.h"
#include "kernel/trap.h"
#include "kernel/x86.h"

static int catch_vector = -1;
static uint32_t catch_len;
static trap_handler_fn *saved;
static struct caught result;

static void on_trap(struct trapframe *tf)
{
	result.count++;
	result.eip = tf->eip;
	result.err = tf->err;
	result.cr2 = read_cr2();
	tf->eip += catch_len;
}

void catch_begin(int vector, uint32_t insn_len)
{
	ASSERT(catch_vector < 0);
	catch_vector = vector;
	catch_len = insn_len;
	result = (struct caught){ 0, 0, 0, 0 };
	saved = trap_set_handler(vector, on_trap);
}

struct caught catch_end(void)
{
	ASSERT(catch_vector >= 0);
	trap_set_handler(catch_vector, saved);
	catch_vector = -1;
	return result;
}
