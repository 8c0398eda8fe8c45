# The SafeX experiment: the user-level CPU manager, the in-guest driver and
# the host script that runs every configuration (docs/experiment.md).
#
#   make experiment        boot mpeg and hardloop under the kernel CPU SM,
#                          usermgr with a FIFO disturbance and usermgr with a
#                          round-robin one (90 s of virtual time each, two
#                          QEMUs at a time); CSV files, summary.tsv and PNG
#                          plots in build/experiment/. Knobs: SEED (1),
#                          EXP_SECONDS (90), EXP_SHIFT (icount shift, 1).
#   make test-experiment   a 10 s hardloop run with a forced 3 s burst, kernel
#                          and user-fifo: the kernel SM must do better
#   make test-usermgr      host tests of usermgr's PID controller and guard
#
# user/mgr/ holds the manager's arithmetic (ctl.c, no system calls) and its
# pass (mgr.c); /bin/usermgr and /bin/bench (exp_user_period_3apps) link
# both. This file is included before mk/user.mk and mk/kernel.mk, so its
# prerequisite lists name files by their paths (USER_HDRS, KERNEL, INITRD
# are still empty here); recipes may use any variable.

SEED        ?= 1
EXP_SECONDS ?= 90
EXP_SHIFT   ?= 1

MGR_SRCS := user/mgr/ctl.c user/mgr/mgr.c
MGR_OBJS := $(patsubst user/mgr/%.c,$(BUILD)/user/mgr/%.o,$(MGR_SRCS))
MGR_HDRS := user/mgr/ctl.h user/mgr/mgr.h include/talos/syscall.h libc/include/talos.h

$(BUILD)/user/mgr/%.o: user/mgr/%.c $(MGR_HDRS)
	$(Q)mkdir -p $(@D)
	$(Q)$(call USER_TRY,$<) $(CC) $(USER_CFLAGS) -c $< -o $@

# usermgr and bench: the pattern rule of mk/user.mk plus the manager's objects.
MGR_LINK_DEPS := $(BUILD)/libc/crt0.o $(BUILD)/libc/libc.a user/user.ld
$(BUILD)/user/obj/usermgr.o $(BUILD)/user/obj/bench.o: $(MGR_HDRS)
$(BUILD)/user/bin/usermgr $(BUILD)/user/bin/bench: $(BUILD)/user/bin/%: \
		$(BUILD)/user/obj/%.o $(MGR_OBJS) $(MGR_LINK_DEPS)
	@echo "  LD      $@"
	$(Q)mkdir -p $(@D)
	$(Q)$(call USER_LINK_TRY,$< $(MGR_OBJS)) $(LD) $(USER_LDFLAGS) -o $@ $(USER_CRT0) $< $(MGR_OBJS) $(USER_LIBS)

# ---- Host tests of the arithmetic ----

MGR_TEST_BIN := $(BUILD)/tests/mgr/run

$(MGR_TEST_BIN): tests/mgr/test_ctl.c user/mgr/ctl.c user/mgr/ctl.h
	$(Q)mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -Iuser/mgr -o $@ tests/mgr/test_ctl.c user/mgr/ctl.c

TEST_SUITES += usermgr
.PHONY: test-usermgr
test-usermgr: $(MGR_TEST_BIN)
	$(Q)$(MGR_TEST_BIN)

# ---- The experiment ----

EXP_DIR := $(BUILD)/experiment

.PHONY: experiment
experiment: deps
	$(Q)$(MAKE) --no-print-directory $(KERNEL) $(INITRD)
	$(Q)python3 tools/experiment.py --kernel $(KERNEL) --initrd $(INITRD) --out $(EXP_DIR) \
		--seed $(SEED) --seconds $(EXP_SECONDS) --shift $(EXP_SHIFT)

TEST_SUITES += experiment
.PHONY: test-experiment
test-experiment: deps
	$(Q)$(MAKE) --no-print-directory $(KERNEL) $(INITRD)
	$(Q)python3 tools/experiment.py --kernel $(KERNEL) --initrd $(INITRD) \
		--out $(BUILD)/test/experiment --seed $(SEED) --shift $(EXP_SHIFT) --check
