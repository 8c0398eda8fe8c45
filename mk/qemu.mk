# Booting TalOS in QEMU, and the in-kernel test suite.
#
#   make run / make qemu-nox   serial console on this terminal (Ctrl-A x quits)
#   make qemu                  also opens the VGA window
#   make qemu-gdb              waits for GDB on localhost:$(GDBPORT)
#   make test-kernel KTEST=PAT run the tests matching PAT, judged by tools/ktest.py
#
# QEMU runs under TCG with -icount, so guest time follows guest instructions
# exactly and timing tests are reproducible. (KVM cannot run this 32-bit
# paging kernel on these machines.)

QEMU     := qemu-system-i386
GDBPORT  ?= 26000
CMDLINE  ?=
# Recursive (=): QEMU_INITRD and INITRD come from mk/user.mk, read later.
QEMUOPTS = -accel tcg -m $(MEM) -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-icount shift=0,sleep=off -rtc clock=vm \
	-kernel $(KERNEL) $(if $(CMDLINE),-append "$(CMDLINE)") \
	$(QEMU_INITRD) $(QEMUEXTRA)

.PHONY: run qemu qemu-nox qemu-gdb test-kernel

# On a terminal, COM1 shares stdio with the QEMU monitor (Ctrl-A c, Ctrl-A x
# quits); with input piped in (a script), COM1 has stdio alone: QEMU's
# monitor multiplexer can drop bytes of a fast input stream. QEMU_RUN is
# `make run` without its -serial option (mk/serial.mk tests the piped case).
SERIAL_STDIO = $$( [ -t 0 ] && echo mon:stdio || echo stdio )
QEMU_RUN = $(QEMU) $(QEMUOPTS) -display none -monitor none

# Exit status 33 (a test suite run by hand) is not an error for `make run`.
run qemu-nox: deps
	$(Q)$(MAKE) --no-print-directory $(KERNEL) $(INITRD)
	$(Q)$(QEMU_RUN) -serial $(SERIAL_STDIO); \
	s=$$?; [ $$s -eq 0 ] || [ $$s -eq 33 ] || { echo "qemu exited with status $$s"; exit $$s; }

qemu: deps
	$(Q)$(MAKE) --no-print-directory $(KERNEL) $(INITRD)
	$(Q)$(QEMU) $(QEMUOPTS) -serial mon:stdio

qemu-gdb: deps
	$(Q)$(MAKE) --no-print-directory $(KERNEL) $(INITRD)
	@echo "QEMU waits for GDB: in another terminal run 'gdb' here (.gdbinit attaches to :$(GDBPORT))"
	$(Q)sed 's/@GDBPORT@/$(GDBPORT)/' tools/gdbinit.tmpl > .gdbinit
	$(Q)$(QEMU) $(QEMUOPTS) -display none -serial mon:stdio -S -gdb tcp::$(GDBPORT)

TEST_SUITES += kernel

test-kernel: deps $(KERNEL)
	$(Q)python3 tools/ktest.py run --kernel $(KERNEL) --pattern '$(KTEST)' --suite kernel \
		--timeout $(TIMEOUT) $(if $(QEMUEXTRA),--qemu-extra "$(QEMUEXTRA)")
