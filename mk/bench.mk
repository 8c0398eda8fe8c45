# Benchmarks: `make bench` boots user/bench.c as the first process under
# QEMU TCG with -icount (figures are guest-instruction counts), then boots
# the shell to time kernel entry to prompt; tools/bench.py prints the table.
# Not a test suite: no figure passes or fails on its value.
#
# The kernel and the initrd are built by a sub-make because KERNEL and INITRD
# come from mk/kernel.mk and mk/user.mk, which are included after this file:
# a prerequisite list is expanded when its rule is read, the recipe later.

.PHONY: bench
bench: deps
	$(Q)$(MAKE) --no-print-directory $(KERNEL) $(INITRD)
	$(Q)python3 tools/bench.py --kernel $(KERNEL) --initrd $(INITRD) --timeout $(TIMEOUT)
