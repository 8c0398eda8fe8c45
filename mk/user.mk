# User space: libc's syscall layer and crt0, the user programs, and the
# initrd that carries them.
#
#   make user                   every program in build/user/bin/ and the initrd
#   make build/user/bin/NAME    one program, from user/NAME.c
#
# Every user/NAME.c is one program, build/user/bin/NAME: a static i386 ELF
# linked at 0x40000000 by user/user.ld, entered at crt0's _start; the shell
# is several files, user/sh/*.c. The initrd ($(INITRD), a GRUB module;
# format in include/talos/initrd.h) holds each program as /bin/NAME, each
# file user/files/PATH as /PATH, the example extensions user/ext/NAME.pop
# (compiled by mk/popc.mk) as /ext/NAME.to, the example kernel plugins
# user/plugins/NAME.c (mk/ext_plugin.mk) as /ext/NAME.po, and the kernel tests' objects
# tests/kernel/ext/NAME.tas (assembled by mk/ext.mk) as /ext/test/NAME.to.
#
# For programs built by other mk files (e.g. usertests from several
# sources): compile with LIBC_CFLAGS, link with
#     $(LD) $(USER_LDFLAGS) -o $@ $(USER_CRT0) OBJECTS $(USER_LIBS)
# depending on $(USER_LINK_DEPS), put the result in build/user/bin/, and add
# it to the image with a rule `$(INITRD): build/user/bin/NAME`: the image
# packs every prerequisite that lives in build/user/bin/. Run each compile
# as $(call USER_TRY,$<) COMMAND and each link as
# $(call USER_LINK_TRY,OBJECTS) COMMAND (tools/user-try.sh).
#
# A program that does not build stops nothing else: its step prints
# "FAILED SOURCE" and keeps the errors in $(USER_FAILED)/, its binary is
# absent, and the initrd packs the programs that built and lists the absent
# ones in $(INITRD).missing (tools/ktest.py names them in every suite that
# boots this initrd). `make` still ends with an error naming them
# (user-check), after building everything else.

# ---- libc's syscall layer, added to build/libc/libc.a (see mk/libc.mk) ----

USER_LIBC_SRCS := $(addprefix libc/,dion_join.c dionisys.c dir.c exit.c signal.c stdio_file.c stdio_print.c talos.c \
	unistd.c)
USER_LIBC_OBJS := $(patsubst libc/%.c,$(BUILD)/libc/%.o,$(USER_LIBC_SRCS))
USER_HDRS := $(LIBC_HDRS) $(wildcard libc/include/sys/*.h) include/talos/syscall.h user/filetool.h \
	include/talos/dionisys.h

# mk/libc.mk's pattern rule compiles them; the archive rule packs all its prerequisites.
$(USER_LIBC_OBJS): $(USER_HDRS)
$(BUILD)/libc/libc.a: $(USER_LIBC_OBJS)

USER_CRT0 := $(BUILD)/libc/crt0.o

$(USER_CRT0): libc/crt0.asm
	$(Q)mkdir -p $(@D)
	$(Q)$(AS) -f elf32 $< -o $@

# ---- Programs ----

# libc's flags, plus no unwind tables (user.ld discards .eh_frame anyway).
USER_CFLAGS := $(LIBC_CFLAGS) -Iinclude -fno-asynchronous-unwind-tables
# Static, not PIE, no build-id note, segments page aligned, no executable
# stack. build/user/bin/NAME keeps its debug sections, for GDB (make
# gdb-user); the initrd gets a copy without them (build/user/initrd/NAME,
# symbols kept) to stay small.
USER_LDFLAGS := -m elf_i386 -nostdlib -static -T user/user.ld --build-id=none \
	-z max-page-size=0x1000 -z noexecstack
# libgcc for the helpers gcc may call (64-bit division).
USER_LIBS := $(BUILD)/libc/libc.a $(shell $(CC) -m32 -print-libgcc-file-name)
USER_LINK_DEPS := $(USER_CRT0) $(BUILD)/libc/libc.a user/user.ld

# A compile or link step that may fail without stopping make (see above).
USER_FAILED := $(BUILD)/user/failed
USER_TRY = bash tools/user-try.sh $(USER_FAILED) $(1) $@ --
USER_LINK_TRY = bash tools/user-try.sh $(USER_FAILED) $@ $@ $(foreach o,$(1),--need $(o)) --

USER_PROG_SRCS := $(wildcard user/*.c)
USER_PROGS := $(patsubst user/%.c,$(BUILD)/user/bin/%,$(USER_PROG_SRCS))

# Keep the objects: make would delete them as intermediate files otherwise.
.PRECIOUS: $(BUILD)/user/obj/%.o
$(BUILD)/user/obj/%.o: user/%.c $(USER_HDRS)
	$(Q)mkdir -p $(@D)
	$(Q)$(call USER_TRY,$<) $(CC) $(USER_CFLAGS) -c $< -o $@

$(BUILD)/user/bin/%: $(BUILD)/user/obj/%.o $(USER_LINK_DEPS)
	@echo "  LD      $@"
	$(Q)mkdir -p $(@D)
	$(Q)$(call USER_LINK_TRY,$<) $(LD) $(USER_LDFLAGS) -o $@ $(USER_CRT0) $< $(USER_LIBS)

# The shell: user/sh/*.c, one program.
SH_SRCS := $(wildcard user/sh/*.c)
SH_OBJS := $(patsubst user/sh/%.c,$(BUILD)/user/sh/%.o,$(SH_SRCS))
USER_PROGS += $(BUILD)/user/bin/sh

$(BUILD)/user/sh/%.o: user/sh/%.c user/sh/sh.h $(USER_HDRS)
	$(Q)mkdir -p $(@D)
	$(Q)$(call USER_TRY,$<) $(CC) $(USER_CFLAGS) -c $< -o $@

$(BUILD)/user/bin/sh: $(SH_OBJS) $(USER_LINK_DEPS)
	@echo "  LD      $@"
	$(Q)mkdir -p $(@D)
	$(Q)$(call USER_LINK_TRY,$(SH_OBJS)) $(LD) $(USER_LDFLAGS) -o $@ $(USER_CRT0) $(SH_OBJS) $(USER_LIBS)

# ---- The initrd ----

USER_FILES := $(sort $(shell find user/files -type f 2>/dev/null))

# Extensions: EXT_OBJS from mk/popc.mk (whose rule needs talas and talcheck,
# defined after it in mk/tal.mk), and the kernel tests' objects (KTEST_TO).
USER_EXT_TESTS := $(KTEST_TO)
$(EXT_OBJS): $(TALAS) $(TALCHECK)

INITRD := $(BUILD)/initrd.img
QEMU_INITRD := -initrd $(INITRD)

# Programs that did not build are left out and listed in $@.missing; those
# that did go in without their debug sections.
$(INITRD): $(USER_PROGS) $(USER_FILES) $(EXT_OBJS) $(USER_EXT_TESTS) $(PLUGIN_OBJS) tools/mkinitrd.py
	@echo "  INITRD  $@"
	$(Q)progs=(); : > $@.missing; \
	mkdir -p $(BUILD)/user/initrd; \
	for p in $(sort $(filter $(BUILD)/user/bin/%,$^)); do \
		n=$${p##*/}; \
		if [ -f $$p ]; then \
			$(OBJCOPY) --strip-debug $$p $(BUILD)/user/initrd/$$n || exit 1; \
			progs+=("$(BUILD)/user/initrd/$$n:/bin/$$n"); \
		else echo "/bin/$$n" >> $@.missing; fi; \
	done; \
	if [ -s $@.missing ]; then \
		echo "  INITRD  $@ without $$(tr '\n' ' ' < $@.missing)(they did not build)"; fi; \
	python3 tools/mkinitrd.py -o $@ "$${progs[@]}" \
		$(foreach f,$(USER_FILES),$(f):$(patsubst user/files/%,/%,$(f))) \
		$(foreach o,$(EXT_OBJS),$(o):/ext/$(notdir $(o))) \
		$(foreach o,$(PLUGIN_OBJS),$(o):/ext/$(notdir $(o))) \
		$(foreach o,$(USER_EXT_TESTS),$(o):/ext/test/$(notdir $(o)))

# Last of `make`: everything else is built; fail if a program was not.
.PHONY: user user-check
user: $(INITRD)
all: $(INITRD) user-check
user-check: $(INITRD) $(KERNEL) $(ISO)
	$(Q)if [ -s $(INITRD).missing ]; then \
		echo "make: user programs that did not build: $$(tr '\n' ' ' < $(INITRD).missing)(errors in $(USER_FAILED)/)"; \
		exit 1; fi

# ---- Tests: the shell, the utilities and stdio, inside TalOS ----
#
# user/shtest.c runs as the first process (init=/bin/shtest), feeds scripts
# to /bin/sh through pipes, checks stdio streams, and prints the kernel's
# KT protocol, judged by tools/ktest.py.

TEST_SUITES += shell
.PHONY: test-shell
test-shell: deps $(KERNEL) $(INITRD)
	$(Q)python3 tools/ktest.py run --kernel $(KERNEL) --suite shell --initrd $(INITRD) \
		--cmdline 'init=/bin/shtest' --timeout $(TIMEOUT) \
		$(if $(QEMUEXTRA),--qemu-extra "$(QEMUEXTRA)")

# ---- Test: a program that does not compile stops nothing else ----
#
# tests/userbuild/run.sh builds a copy of the tree (and of build/) with a
# broken user/broken.c in a scratch directory, removed after.

TEST_SUITES += userbuild
.PHONY: test-userbuild
test-userbuild: all
	$(Q)bash tests/userbuild/run.sh
