# Bochs: the boot check of the ISO (a test suite) and an interactive boot.
#
# test-bochs boots $(BUILD)/talos-check.iso, whose default GRUB entry runs
# the in-kernel tests matching CHECK_PATTERN (mk/kernel.mk), and judges COM1 with tools/ktest.py; its last
# line is "bochs: N passed, M failed". `make bochs` boots $(BUILD)/talos.iso
# with the VGA screen drawn on this terminal (Bochs's "term" display, kept
# here by the preloaded $(BOCHS_NOPTMX), see tools/bochs-noptmx.c), keys
# typed going to the PS/2 keyboard, and COM1 written to
# $(BUILD)/bochs-com1.log (tools/bochs-screen.sh, which restores the
# terminal however Bochs ends). Ctrl-C enters the Bochs debugger ("c"
# continues, "q" quits); BOCHSDBG=1 stops there before the first
# instruction. test-bochs-screen checks the interactive boot on a
# pseudo-terminal (tests/bochs/screen.py). Knob: BOCHS_TIMEOUT (seconds for
# the check, default 240).

TEST_SUITES += bochs bochs-screen

.PHONY: test-bochs test-bochs-screen bochs

BOCHS_NOPTMX := $(BUILD)/tools/bochs-noptmx.so

$(BOCHS_NOPTMX): tools/bochs-noptmx.c
	$(Q)mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -shared -fPIC -o $@ $< -ldl

test-bochs: check-iso $(BOCHS_NOPTMX)
	$(Q)BUILD=$(BUILD) NOPTMX=$(BOCHS_NOPTMX) bash tests/bochs/run.sh $(BUILD)/talos-check.iso \
		'$(CHECK_PATTERN)'

# Bochs exits with 1 even after the kernel's own shutdown, so the status is
# not passed on; the closing message says where the output went.
bochs: iso $(BOCHS_NOPTMX)
	$(Q)bash tools/bochs-screen.sh $(BUILD)/talos.iso $(BOCHS_NOPTMX) $(BUILD)/bochs-com1.log \
		$(BUILD)/bochs.log $(if $(BOCHSDBG),debug); \
	echo "COM1 output: $(BUILD)/bochs-com1.log; Bochs log: $(BUILD)/bochs.log"

test-bochs-screen: iso $(BOCHS_NOPTMX)
	$(Q)python3 tests/bochs/screen.py --iso $(BUILD)/talos.iso --noptmx $(BOCHS_NOPTMX) \
		--out $(BUILD)/bochs-screen --timeout $(or $(BOCHS_TIMEOUT),240)
