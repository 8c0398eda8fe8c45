SHELL := /bin/bash
# TalOS top-level Makefile.
#
# `make` builds the kernel and the ISO; `make run` boots it on the terminal;
# `make test` runs every test suite and ends with "N passed, M failed".
# Each subsystem adds its own rules in mk/NAME.mk (included below); a test
# suite registers itself by appending NAME to TEST_SUITES and defining the
# target test-NAME, whose last output line is "NAME: N passed, M failed".
#
# Knobs: V=1 (echo commands), MEM (guest MiB), TIMEOUT (seconds for a test
# boot), QEMUEXTRA (extra QEMU flags), KTEST (kernel test pattern).

BUILD   := build
V       ?= 0
MEM     ?= 128
TIMEOUT ?= 300
KTEST   ?= *

ifeq ($(V),1)
Q :=
else
Q := @
endif

# Cross toolchain for the kernel and user programs (i386, ELF32).
CROSS   ?= i686-linux-gnu-
CC      := $(CROSS)gcc
LD      := $(CROSS)ld
OBJCOPY := $(CROSS)objcopy
OBJDUMP := $(CROSS)objdump
NM      := $(CROSS)nm
AS      := nasm

# Host toolchain for tools/ and host tests.
HOSTCC     ?= cc
HOSTCFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -Iinclude

# Tools the build needs; a missing one triggers tools/install-deps.sh.
NEEDED_TOOLS := $(CC) $(LD) nasm grub-mkrescue xorriso qemu-system-i386 qemu-i386 bochs python3 \
	clang gnuplot

TEST_SUITES :=

.PHONY: all deps test clean
all:

deps:
	$(Q)missing=0; for t in $(NEEDED_TOOLS); do \
		command -v $$t >/dev/null 2>&1 || missing=1; done; \
	if [ $$missing = 1 ]; then bash tools/install-deps.sh; fi

include $(sort $(wildcard mk/*.mk))

# Run every suite even when one fails, then print the total line.
test: deps
	$(Q)mkdir -p $(BUILD)/test
	$(Q)status=0; for s in $(TEST_SUITES); do \
		$(MAKE) --no-print-directory -s test-$$s 2>&1 | tee $(BUILD)/test/$$s.log; \
		[ $${PIPESTATUS[0]} -eq 0 ] || status=1; \
	done; \
	python3 tools/test-total.py $(foreach s,$(TEST_SUITES),$(BUILD)/test/$(s).log) || status=1; \
	exit $$status

clean:
	rm -rf $(BUILD)
