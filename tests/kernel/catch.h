/*
 * Catching an expected CPU exception in a kernel test.
 *
 * catch_begin(VECTOR, LEN) installs a handler that records the trap and
 * resumes LEN bytes after the faulting instruction (the test knows the
 * length because it writes the instruction in inline assembly).
 * catch_end() restores the previous handler and returns what was caught.
 */
#ifndef TESTS_KERNEL_CATCH_H
#define TESTS_KERNEL_CATCH_H

#include "kernel/kdefs.h"

struct caught {
	int count;          /* traps taken on the vector */
	uint32_t eip;       /* EIP of the last one */
	uint32_t err;       /* its error code */
	uint32_t cr2;       /* CR2 at the last one (page faults) */
};

void catch_begin(int vector, uint32_t insn_len);
struct caught catch_end(void);

#endif /* TESTS_KERNEL_CATCH_H */
