# The kernel: boot/ and kernel/ sources plus the in-kernel tests of
# tests/kernel/, linked twice (the second link adds the symbol table used by
# backtraces), then packed with GRUB into an ISO.

KCFLAGS := -m32 -march=i686 -std=gnu11 -O2 -g -gdwarf-4 \
	-ffreestanding -fno-builtin -nostdinc -isystem $(shell $(CC) -print-file-name=include) \
	-fno-pic -fno-pie -fno-stack-protector -fno-omit-frame-pointer \
	-fno-optimize-sibling-calls -fno-toplevel-reorder -fno-asynchronous-unwind-tables -fno-unwind-tables \
	-mgeneral-regs-only -mno-red-zone \
	-Wall -Wextra -Werror -DTALOS_KERNEL -I. -Iinclude
KLDFLAGS := -m elf_i386 -nostdlib -T linker.ld --build-id=none -z max-page-size=0x1000 \
	-z noexecstack
KASFLAGS := -f elf32 -g -F dwarf
LIBGCC := $(shell $(CC) -m32 -print-libgcc-file-name)

KERNEL_C   := $(wildcard kernel/*.c) $(wildcard sched/*.c) $(wildcard tal/*.c) \
	$(wildcard ext/*.c) $(wildcard tests/kernel/*.c)
KERNEL_ASM := $(wildcard boot/*.asm) $(wildcard kernel/*.asm) $(wildcard sched/*.asm) \
	$(wildcard ext/*.asm)
KERNEL_OBJ := $(patsubst %.c,$(BUILD)/k/%.o,$(KERNEL_C)) \
	$(patsubst %.asm,$(BUILD)/k/%.o,$(KERNEL_ASM))
KERNEL_EXTRA_OBJ ?=

KERNEL := $(BUILD)/kernel.elf
ISO := $(BUILD)/talos.iso
CHECK_ISO := $(BUILD)/talos-check.iso
# Tests the Bochs check runs from $(CHECK_ISO).
CHECK_PATTERN ?= *

all: $(KERNEL) $(ISO) $(BUILD)/kernel.sym $(BUILD)/kernel.asm

$(BUILD)/k/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(KCFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/k/%.o: %.asm
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(Q)$(AS) $(KASFLAGS) $< -o $@

-include $(KERNEL_OBJ:.o=.d)

# First link with an empty symbol table, second with the real one.
$(BUILD)/kernel0.elf: $(KERNEL_OBJ) $(KERNEL_EXTRA_OBJ) linker.ld tools/gensyms.py
	$(Q)python3 tools/gensyms.py < /dev/null > $(BUILD)/ksyms0.asm
	$(Q)$(AS) -f elf32 $(BUILD)/ksyms0.asm -o $(BUILD)/ksyms0.o
	$(Q)$(LD) $(KLDFLAGS) -o $@ $(KERNEL_OBJ) $(KERNEL_EXTRA_OBJ) $(BUILD)/ksyms0.o $(LIBGCC)

$(KERNEL): $(BUILD)/kernel0.elf
	@echo "  LD      $@"
	$(Q)$(NM) -n $< | python3 tools/gensyms.py > $(BUILD)/ksyms.asm
	$(Q)$(AS) -f elf32 $(BUILD)/ksyms.asm -o $(BUILD)/ksyms.o
	$(Q)$(LD) $(KLDFLAGS) -o $@ $(KERNEL_OBJ) $(KERNEL_EXTRA_OBJ) $(BUILD)/ksyms.o $(LIBGCC)
	$(Q)$(NM) -n $< | grep -i ' t ' > $(BUILD)/text0.sym; \
	$(NM) -n $@ | grep -i ' t ' > $(BUILD)/text1.sym; \
	cmp -s $(BUILD)/text0.sym $(BUILD)/text1.sym || \
		{ echo "kernel: code moved between the two links (check linker.ld)"; exit 1; }

$(BUILD)/kernel.sym: $(KERNEL)
	$(Q)$(NM) -n $< > $@

$(BUILD)/kernel.asm: $(KERNEL)
	$(Q)$(OBJDUMP) -d -S -M intel $< > $@

# ISO images: the normal one, and one whose default entry runs the tests
# (for emulators we cannot type a menu choice into, such as Bochs in CI).
# The initrd's rule is in mk/user.mk (read later), hence the literal path.
$(ISO): $(KERNEL) boot/grub.cfg $(BUILD)/initrd.img
	@echo "  ISO     $@"
	$(Q)rm -rf $(BUILD)/iso && mkdir -p $(BUILD)/iso/boot/grub
	$(Q)cp $(KERNEL) $(BUILD)/iso/boot/kernel.elf
	$(Q)cp $(BUILD)/initrd.img $(BUILD)/iso/boot/initrd.img
	$(Q)cp boot/grub.cfg $(BUILD)/iso/boot/grub/grub.cfg
	$(Q)grub-mkrescue -o $@ $(BUILD)/iso 2>$(BUILD)/grub-mkrescue.log || \
		{ cat $(BUILD)/grub-mkrescue.log; exit 1; }

$(CHECK_ISO): $(KERNEL) boot/grub.cfg $(BUILD)/initrd.img
	@echo "  ISO     $@"
	$(Q)rm -rf $(BUILD)/iso-check && mkdir -p $(BUILD)/iso-check/boot/grub
	$(Q)cp $(KERNEL) $(BUILD)/iso-check/boot/kernel.elf
	$(Q)cp $(BUILD)/initrd.img $(BUILD)/iso-check/boot/initrd.img
	$(Q)sed -e 's/^set timeout=.*/set timeout=0/' -e 's/^set default=.*/set default=1/' \
		-e 's|kernel.elf test$$|kernel.elf test=$(CHECK_PATTERN)|' \
		boot/grub.cfg > $(BUILD)/iso-check/boot/grub/grub.cfg
	$(Q)grub-mkrescue -o $@ $(BUILD)/iso-check 2>$(BUILD)/grub-mkrescue.log || \
		{ cat $(BUILD)/grub-mkrescue.log; exit 1; }

.PHONY: iso check-iso
iso: $(ISO)
check-iso: $(CHECK_ISO)
