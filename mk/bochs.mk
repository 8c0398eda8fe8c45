# Bochs: the boot check of the ISO (a test suite) and an interactive boot.
#
# test-bochs boots $(BUILD)/talos-check.iso, whose default GRUB entry runs
# the in-kernel tests matching CHECK_PATTERN (mk/kernel.mk), and judges COM1 with tools/ktest.py; its last
# line is "bochs: N passed, M failed". `make bochs` boots $(BUILD)/talos.iso
# with the VGA screen drawn on this terminal (Bochs's "term" display) and
# COM1 written to $(BUILD)/bochs-com1.log. Ctrl-C enters the Bochs debugger
# ("c" continues, "q" quits); BOCHSDBG=1 stops there before the first
# instruction. Knob: BOCHS_TIMEOUT (seconds for the check, default 240).

TEST_SUITES += bochs

.PHONY: test-bochs bochs

test-bochs: check-iso
	$(Q)BUILD=$(BUILD) bash tests/bochs/run.sh $(BUILD)/talos-check.iso '$(CHECK_PATTERN)'

# Bochs exits with 1 even after the kernel's own shutdown, so the status is
# not passed on; the closing message says where the output went.
bochs: iso
	$(Q)TALOS_ISO=$(BUILD)/talos.iso TALOS_SERIAL_LOG=$(BUILD)/bochs-com1.log \
		TALOS_BOCHS_LOG=$(BUILD)/bochs.log \
		bochs -q -f tests/bochs/bochsrc $(if $(BOCHSDBG),,-rc tests/bochs/continue.rc); \
	echo "COM1 output: $(BUILD)/bochs-com1.log; Bochs log: $(BUILD)/bochs.log"
