# The serial console under piped input: no byte may be lost.
#
#   make test-serial   boot the shell SERIAL_BOOTS times with "poweroff" piped
#                      in, then SERIAL_SCRIPTS times with a script of
#                      SERIAL_LINES lines at full speed, judged by
#                      tests/serial/run.py (console logs of failed boots in
#                      build/test/serial/)
#
# Each boot runs QEMU_RUN -serial stdio from mk/qemu.mk: the very command
# `printf 'poweroff\n' | make run` runs. KERNEL comes from mk/kernel.mk; the
# initrd's rule is in mk/user.mk (read later), hence its literal path.

SERIAL_BOOTS   ?= 20
SERIAL_SCRIPTS ?= 10
SERIAL_LINES   ?= 500

TEST_SUITES += serial
.PHONY: test-serial
test-serial: deps $(KERNEL) $(BUILD)/initrd.img
	$(Q)python3 tests/serial/run.py --qemu '$(QEMU_RUN) -serial stdio' \
		--boots $(SERIAL_BOOTS) --scripts $(SERIAL_SCRIPTS) --lines $(SERIAL_LINES) \
		--log-dir $(BUILD)/test/serial
