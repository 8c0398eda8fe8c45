# The console's line editor, typed into the serial console.
#
#   make test-console   boot the shell once with a stream of keys piped in
#                       (arrow keys, history, Home/End, erasing, lines too
#                       long), judged by tests/serial/edit.py; the console
#                       is kept in build/test/console-serial.log
#
# The boot runs QEMU_RUN -serial stdio from mk/qemu.mk, as mk/serial.mk
# does: the very command `printf ... | make run` runs. The initrd's rule is
# in mk/user.mk (read later), hence its literal path.

TEST_SUITES += console
.PHONY: test-console
test-console: deps $(KERNEL) $(BUILD)/initrd.img
	$(Q)python3 tests/serial/edit.py --qemu '$(QEMU_RUN) -serial stdio' \
		--log $(BUILD)/test/console-serial.log
