# libc: the C library TalOS user programs link against, and its host tests.
#
# build/libc/libc.a is built with the i386 cross compiler. This file builds
# the pure part of libc (no syscalls); mk/user.mk adds the syscall layer
# (stubs, stdio streams, exit) to the same archive, and it must define the
# stubs the pure part leaves undefined: sbrk and write (unistd.h) and abort
# (stdlib.h).
#
# User programs compile with LIBC_CFLAGS (or at least LIBC_INCLUDES) and link
# build/libc/libc.a. libc itself needs no libgcc helper, but a user program
# doing 64-bit division does: link `$(CC) -m32 -print-libgcc-file-name` too.
#
# Host tests (make test-libc): the same sources compiled for the host, every
# symbol renamed with a tl_ prefix (objcopy --prefix-symbols), linked into a
# test program that uses the host's libc for itself. See tests/libc/tl.h.

LIBC_SRCS := $(addprefix libc/,ctype.c dion_names.c errno.c fatal.c fmt.c malloc.c \
	qsort.c sprintf.c stdlib.c string.c strtol.c)

# Headers for libc and user programs: only libc/include and the shared ABI
# headers (<talos/errno.h>), never the build machine's.
LIBC_INCLUDES := -nostdinc -isystem libc/include -isystem include

# -fno-tree-loop-distribute-patterns stops gcc turning the loop in memset
# into a call to memset; -fno-builtin keeps it from assuming its own strlen.
LIBC_CFLAGS := -m32 -std=gnu11 -ffreestanding -fno-builtin -fno-pic -fno-pie \
	-fno-stack-protector -fno-tree-loop-distribute-patterns $(LIBC_INCLUDES) \
	-Wall -Wextra -Werror -O2 -g

LIBC_AR   := $(CROSS)ar
LIBC_OBJS := $(patsubst libc/%.c,$(BUILD)/libc/%.o,$(LIBC_SRCS))
LIBC_HDRS := $(wildcard libc/*.h libc/include/*.h) include/talos/errno.h \
	include/talos/dionisys.h include/talos/syscall.h

$(BUILD)/libc/%.o: libc/%.c $(LIBC_HDRS)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(LIBC_CFLAGS) -c $< -o $@

$(BUILD)/libc/libc.a: $(LIBC_OBJS)
	$(Q)rm -f $@
	$(Q)$(LIBC_AR) rcs $@ $^

# Symbols the pure part uses but does not define: what the syscall layer owes.
$(BUILD)/libc/undefined.txt: $(LIBC_OBJS)
	$(Q)$(NM) -u $^ | awk 'NF == 2 { print $$2 }' | sort -u > $@.used
	$(Q)$(NM) --defined-only $^ | awk 'NF == 3 { print $$3 }' | sort -u > $@.defined
	$(Q)comm -23 $@.used $@.defined > $@
	$(Q)rm -f $@.used $@.defined

# ---- Host tests ----

LIBC_TEST_DIR  := $(BUILD)/tests/libc
LIBC_TEST_BIN  := $(LIBC_TEST_DIR)/run
# Compiled like libc for the host: TalOS headers, freestanding, then renamed.
LIBC_HOST_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -ffreestanding \
	-fno-builtin -fno-stack-protector -fno-tree-loop-distribute-patterns \
	$(LIBC_INCLUDES)
LIBC_TL_OBJS := $(patsubst libc/%.c,$(LIBC_TEST_DIR)/tl/%.o,$(LIBC_SRCS)) \
	$(LIBC_TEST_DIR)/tl/user_side.o
LIBC_TEST_SRCS := $(filter-out tests/libc/user_side.c tests/libc/i386_smoke.c,\
	$(wildcard tests/libc/*.c))

$(LIBC_TEST_DIR)/tl/%.o: libc/%.c $(LIBC_HDRS)
	$(Q)mkdir -p $(@D)
	$(Q)$(HOSTCC) $(LIBC_HOST_CFLAGS) -c $< -o $@.raw
	$(Q)objcopy --prefix-symbols=tl_ $@.raw $@
	$(Q)rm -f $@.raw

# A "user program" compiled against the TalOS headers, renamed the same way.
$(LIBC_TEST_DIR)/tl/user_side.o: tests/libc/user_side.c $(LIBC_HDRS)
	$(Q)mkdir -p $(@D)
	$(Q)$(HOSTCC) $(LIBC_HOST_CFLAGS) -c $< -o $@.raw
	$(Q)objcopy --prefix-symbols=tl_ $@.raw $@
	$(Q)rm -f $@.raw

$(LIBC_TEST_BIN): $(LIBC_TEST_SRCS) $(wildcard tests/libc/*.h) $(LIBC_TL_OBJS)
	$(Q)mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -o $@ $(LIBC_TEST_SRCS) $(LIBC_TL_OBJS) -lm

# The i386 archive itself, linked into a static 32-bit Linux program that
# the host runs under qemu-i386 (QEMU's user-mode emulator: not every x86_64
# kernel executes i386 binaries itself); no libgcc on purpose.
$(LIBC_TEST_DIR)/i386_smoke: tests/libc/i386_smoke.c $(BUILD)/libc/libc.a $(LIBC_HDRS)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(LIBC_CFLAGS) -c $< -o $@.o
	$(Q)$(LD) -m elf_i386 -static -e _start $@.o $(BUILD)/libc/libc.a -o $@

TEST_SUITES += libc
.PHONY: test-libc
test-libc: $(LIBC_TEST_BIN) $(BUILD)/libc/undefined.txt $(LIBC_TEST_DIR)/i386_smoke
	$(Q)$(LIBC_TEST_BIN) $(BUILD)/libc/undefined.txt "qemu-i386 $(LIBC_TEST_DIR)/i386_smoke"
