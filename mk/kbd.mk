# The PS/2 keyboard, end to end: keys pressed with QEMU's `sendkey` reach
# the shell as typed on the QEMU window.
#
#   make test-kbd   boot the shell once, type commands key by key through
#                   the QEMU monitor, judge COM1 (tests/kbd/run.py; the
#                   console log is build/test/kbd-serial.log)
#
# The translation itself is tested in the kernel suite (kbd.*, the VGA
# terminal vt.*). The kernel's and the initrd's rules are in mk/kernel.mk
# and mk/user.mk, read later, hence their literal paths.

TEST_SUITES += kbd
.PHONY: test-kbd
test-kbd: deps $(BUILD)/kernel.elf $(BUILD)/initrd.img
	$(Q)python3 tests/kbd/run.py --qemu '$(QEMU) $(QEMUOPTS) -display none' \
		--log $(BUILD)/test/kbd-serial.log --missing $(BUILD)/initrd.img.missing
