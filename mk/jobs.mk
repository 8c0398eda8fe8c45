# Job control on the console, typed as a person would (tests/jobs/run.py).
#
#   make test-jobs   boot the shell with the command of `make run`, and type
#                    Ctrl-C, Ctrl-Z, fg, bg and a background reader at it,
#                    each step waiting for the console's answer to the last
#                    (the console is kept in build/test/jobs-console.log)
#
# KERNEL comes from mk/kernel.mk; the initrd's rule is in mk/user.mk (read
# later), hence its literal path.

TEST_SUITES += jobs
.PHONY: test-jobs
test-jobs: deps $(KERNEL) $(BUILD)/initrd.img
	$(Q)python3 tests/jobs/run.py --qemu '$(QEMU_RUN) -serial stdio' \
		--log $(BUILD)/test/jobs-console.log
