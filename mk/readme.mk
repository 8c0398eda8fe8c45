# The README's example program, kept compiling and running.
#
#   make test-readme   extract the first C block of README.md's "Writing a
#                      user program", build it as mk/user.mk builds a
#                      user/NAME.c, boot it as init (tests/readme/run.py;
#                      files in build/test/readme/)
#
# The kernel's and libc's rules are in mk/kernel.mk and mk/user.mk, read
# later, hence the literal paths; the flags are expanded in the recipe.

TEST_SUITES += readme
.PHONY: test-readme
test-readme: deps $(BUILD)/kernel.elf $(BUILD)/libc/libc.a $(BUILD)/libc/crt0.o
	$(Q)python3 tests/readme/run.py --readme README.md --out $(BUILD)/test/readme \
		--cc '$(CC) $(USER_CFLAGS)' --ld '$(LD) $(USER_LDFLAGS)' \
		--crt0 $(USER_CRT0) --libs '$(USER_LIBS)' --kernel $(KERNEL) --timeout $(TIMEOUT)
