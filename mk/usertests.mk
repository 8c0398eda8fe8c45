# usertests: the user-level test suite of the system calls (user/usertests/).
#
# Every .c in user/usertests/ is compiled and linked like the other user
# programs (USER_CFLAGS, USER_LDFLAGS ... from mk/user.mk) into one program,
# build/user/bin/usertests, which the initrd packs as /bin/usertests.
#
#   make test-user   boot the kernel with init=/bin/usertests; the program
#                    runs every test in its own process and prints the KT
#                    line protocol, judged by tools/ktest.py (suite "user").
#   make test-user UT=PREFIX   only the tests whose names start with PREFIX
#                    (the kernel's "initarg=PREFIX" becomes usertests' argument)
#
# By hand, from the TalOS shell: `usertests [PREFIX]` runs the tests whose
# names start with PREFIX (e.g. `usertests pipe_`) and does not power off.

UT_SRCS := $(wildcard user/usertests/*.c)
UT_OBJS := $(patsubst user/usertests/%.c,$(BUILD)/user/usertests/%.o,$(UT_SRCS))
UT_BIN  := $(BUILD)/user/bin/usertests

$(BUILD)/user/usertests/%.o: user/usertests/%.c user/usertests/ut.h $(USER_HDRS)
	$(Q)mkdir -p $(@D)
	$(Q)$(call USER_TRY,$<) $(CC) $(USER_CFLAGS) -c $< -o $@

$(UT_BIN): $(UT_OBJS) $(USER_LINK_DEPS)
	@echo "  LD      $@"
	$(Q)mkdir -p $(@D)
	$(Q)$(call USER_LINK_TRY,$(UT_OBJS)) $(LD) $(USER_LDFLAGS) -o $@ $(USER_CRT0) $(UT_OBJS) $(USER_LIBS)

# The initrd packs every prerequisite that lives in build/user/bin/. The
# suite boots with plugins=unisolated so that ext_plugin_* can load a kernel
# plugin under QEMU, which does not enforce segment limits (docs/plugins.md).
$(INITRD): $(UT_BIN)

UT ?=

TEST_SUITES += user
.PHONY: test-user
test-user: deps $(KERNEL) $(INITRD)
	$(Q)python3 tools/ktest.py run --kernel $(KERNEL) --suite user --initrd $(INITRD) \
		--cmdline 'init=/bin/usertests plugins=unisolated$(if $(UT), initarg=$(UT))' --timeout $(TIMEOUT) --log $(BUILD)/test/user-serial.log \
		$(if $(QEMUEXTRA),--qemu-extra "$(QEMUEXTRA)")
