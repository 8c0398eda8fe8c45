# Debugging with GDB, checked end to end.
#
#   make test-gdb   QEMU as `make qemu-gdb` starts it (init=/bin/echo),
#                   driven by `make gdb-user PROG=echo` (tests/gdb/run.py;
#                   GDB's output in build/test/gdb-output.log)
#
# The targets themselves are in mk/qemu.mk. The kernel's and the initrd's
# rules are read later, hence the literal paths.

# qemu-gdb's machine; run.py adds the command line, -S and -gdb.
GDB_TEST_QEMU = $(QEMU) -accel tcg -m $(MEM) -no-reboot -icount shift=0,sleep=off -rtc clock=vm \
	-kernel $(KERNEL) $(QEMU_INITRD) -display none

TEST_SUITES += gdb
.PHONY: test-gdb
test-gdb: deps $(BUILD)/kernel.elf $(BUILD)/initrd.img
	$(Q)python3 tests/gdb/run.py --qemu '$(GDB_TEST_QEMU)' --make '$(MAKE)' \
		--log $(BUILD)/test/gdb-output.log --timeout $(TIMEOUT)
