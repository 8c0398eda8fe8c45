# Guest time under `make run`: the REALTIME knob (mk/qemu.mk).
#
#   make test-time   `make run` with `sleep 3` piped in, with and without
#                    REALTIME=1, timed on the host (tests/time/run.py)
#
# The kernel's and the initrd's rules are read later, hence the literal paths.

TEST_SUITES += time
.PHONY: test-time
test-time: deps $(BUILD)/kernel.elf $(BUILD)/initrd.img
	$(Q)python3 tests/time/run.py --make '$(MAKE)' --seconds 3 --timeout $(TIMEOUT) \
		--missing $(BUILD)/initrd.img.missing
