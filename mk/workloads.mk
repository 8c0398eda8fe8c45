# The experiment workloads written from several files, and their host tests.
#
#   user/mpegenc/*.c   build/user/bin/mpegenc   the MPEG-like encoder
#   user/disturb/*.c   build/user/bin/disturb   the on/off disturbance
#
# (hardloop is one file, user/hardloop.c, built by mk/user.mk.) Each folder
# is compiled and linked like the other user programs (USER_CFLAGS,
# USER_LDFLAGS ... from mk/user.mk). Every file but main.c is pure code (no
# system call, no floating point), so the host tests compile it too:
#
#   make test-workloads   tests/workloads/*.c with the pure files, built for
#                         and run on the host; prints "pass workloads.NAME"
#                         or "FAIL workloads.NAME: ..." per test, then
#                         "workloads: N passed, M failed".

WL_PROGS := mpegenc disturb
WL_HDRS  := $(wildcard $(addsuffix /*.h,$(addprefix user/,$(WL_PROGS))))

.PRECIOUS: $(BUILD)/user/wl/%.o
$(BUILD)/user/wl/%.o: user/%.c $(WL_HDRS) $(USER_HDRS)
	$(Q)mkdir -p $(@D)
	$(Q)$(call USER_TRY,$<) $(CC) $(USER_CFLAGS) -c $< -o $@

# The objects of program $(1): one per user/$(1)/*.c.
wl_objs = $(patsubst user/%.c,$(BUILD)/user/wl/%.o,$(wildcard user/$(1)/*.c))

$(BUILD)/user/bin/mpegenc: $(call wl_objs,mpegenc) $(USER_LINK_DEPS)
$(BUILD)/user/bin/disturb: $(call wl_objs,disturb) $(USER_LINK_DEPS)
$(addprefix $(BUILD)/user/bin/,$(WL_PROGS)):
	@echo "  LD      $@"
	$(Q)mkdir -p $(@D)
	$(Q)$(call USER_LINK_TRY,$(filter $(BUILD)/user/wl/%.o,$^)) \
		$(LD) $(USER_LDFLAGS) -o $@ $(USER_CRT0) $(filter $(BUILD)/user/wl/%.o,$^) $(USER_LIBS)

# The initrd packs every prerequisite that lives in build/user/bin/.
$(INITRD): $(addprefix $(BUILD)/user/bin/,$(WL_PROGS))

# ---- Host tests ----

WL_TEST_BIN  := $(BUILD)/tests/workloads/run
WL_PURE_SRCS := $(filter-out %/main.c,$(wildcard $(addsuffix /*.c,$(addprefix user/,$(WL_PROGS)))))
WL_TEST_SRCS := $(wildcard tests/workloads/*.c)
# Out-of-bounds reads and undefined behaviour fail the run instead of passing silently.
WL_SANITIZE  := -fsanitize=address,undefined -fno-sanitize-recover=all

$(WL_TEST_BIN): $(WL_TEST_SRCS) $(wildcard tests/workloads/*.h) $(WL_PURE_SRCS) $(WL_HDRS)
	$(Q)mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) $(WL_SANITIZE) $(addprefix -I,$(addprefix user/,$(WL_PROGS))) -o $@ \
		$(WL_TEST_SRCS) $(WL_PURE_SRCS) -lm

TEST_SUITES += workloads
.PHONY: test-workloads
test-workloads: $(WL_TEST_BIN)
	$(Q)$(WL_TEST_BIN)
