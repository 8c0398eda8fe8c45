# Booting TalOS in QEMU, and the in-kernel test suite.
#
#   make run / make qemu-nox   serial console on this terminal (Ctrl-A x quits)
#   make qemu                  also opens the VGA window
#   make qemu-gdb              waits for GDB on localhost:$(GDBPORT)
#   make gdb                   (another terminal) GDB attached, kernel symbols
#   make gdb-user PROG=NAME    the same plus build/user/bin/NAME's symbols
#   make test-kernel KTEST=PAT run the tests matching PAT, judged by tools/ktest.py
#
# QEMU runs under TCG with -icount, so guest time follows guest instructions
# exactly and timing tests are reproducible. (KVM cannot run this 32-bit
# paging kernel on these machines.) Guest time is then virtual: one
# instruction is one nanosecond, and an idle guest jumps straight to its
# next timer, so `sleep 10` is over in a moment of wall-clock time while a
# busy loop's "second" lasts as long as a second's worth of instructions
# takes to emulate. REALTIME=1 drops -icount (and the RTC follows the
# host's clock) for a person who wants wall-clock time; timings are then
# not reproducible. Leave it unset for the tests: the suites that boot
# `make run`'s machine (serial, kbd) would follow it.

QEMU     := qemu-system-i386
GDBPORT  ?= 26000
CMDLINE  ?=
# Recursive (=): QEMU_INITRD and INITRD come from mk/user.mk, read later.
REALTIME ?= 0
QEMU_CLOCK = $(if $(filter 1,$(REALTIME)),-rtc clock=host,-icount shift=0,sleep=off -rtc clock=vm)
QEMUOPTS = -accel tcg -m $(MEM) -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	$(QEMU_CLOCK) \
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

qemu-gdb: deps .gdbinit
	$(Q)$(MAKE) --no-print-directory $(KERNEL) $(INITRD)
	@echo "QEMU waits for GDB: in another terminal run 'make gdb' or 'make gdb-user PROG=NAME' here"
	$(Q)$(QEMU) $(QEMUOPTS) -display none -serial mon:stdio -S -gdb tcp::$(GDBPORT)

# GDB, started so that it loads .gdbinit itself instead of declining to
# (tools/gdbinit.tmpl, made again each time for GDBPORT). A user program's
# symbols: every program is linked at 0x40000000, so a breakpoint in one
# stops whichever process runs that address; boot the program as init
# (CMDLINE=init=/bin/NAME) to be sure.
GDB_START = gdb -q -iex 'set auto-load local-gdbinit off' -x .gdbinit

.PHONY: gdb gdb-user .gdbinit
.gdbinit: tools/gdbinit.tmpl
	$(Q)sed 's/@GDBPORT@/$(GDBPORT)/' $< > $@

gdb: .gdbinit $(KERNEL)
	$(Q)$(GDB_START)

gdb-user: .gdbinit $(KERNEL)
	$(Q)[ -n "$(PROG)" ] || { echo "make gdb-user: say which program, e.g. PROG=echo"; exit 2; }
	$(Q)[ -f $(BUILD)/user/bin/$(PROG) ] || { \
		echo "make gdb-user: no $(BUILD)/user/bin/$(PROG) (programs: $$(ls $(BUILD)/user/bin | tr '\n' ' '))"; exit 2; }
	$(Q)$(GDB_START) -ex 'with confirm off -- add-symbol-file $(BUILD)/user/bin/$(PROG)' \
		-ex 'echo + symbols of $(BUILD)/user/bin/$(PROG) loaded: try "break main"\n'

TEST_SUITES += kernel

test-kernel: deps $(KERNEL)
	$(Q)python3 tools/ktest.py run --kernel $(KERNEL) --pattern '$(KTEST)' --suite kernel \
		--timeout $(TIMEOUT) $(if $(QEMUEXTRA),--qemu-extra "$(QEMUEXTRA)")
