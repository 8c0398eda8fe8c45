# SafeX runtime: the TAL objects the in-kernel tests and benchmarks load.
# Each tests/kernel/ext/NAME.tas (assembled with talas) or NAME.pop
# (compiled with popc) is linked into the kernel image as the bytes between
# ktest_obj_NAME and ktest_obj_NAME_end; so is each example extension
# user/ext/NAME.pop, as ktest_obj_user_NAME.

KTEST_TAS  := $(wildcard tests/kernel/ext/*.tas)
KTEST_POP  := $(wildcard tests/kernel/ext/*.pop)
KTEST_TO   := $(patsubst tests/kernel/ext/%.tas,$(BUILD)/k/extobj/%.to,$(KTEST_TAS)) \
	$(patsubst tests/kernel/ext/%.pop,$(BUILD)/k/extobj/%.to,$(KTEST_POP))
KTEST_USER_TO := $(patsubst user/ext/%.pop,$(BUILD)/k/extobj/user_%.to,$(wildcard user/ext/*.pop))
KTEST_BLOB := $(BUILD)/k/extobj/blobs.o
KERNEL_EXTRA_OBJ += $(KTEST_BLOB)

$(BUILD)/k/extobj/%.to: tests/kernel/ext/%.tas $(BUILD)/tools/talas
	@mkdir -p $(dir $@)
	$(Q)$(BUILD)/tools/talas $< -o $@

$(BUILD)/k/extobj/%.to: tests/kernel/ext/%.pop $(BUILD)/tools/popc $(BUILD)/tools/talas
	@mkdir -p $(dir $@)
	$(Q)$(BUILD)/tools/popc $< -o $@ --talas $(BUILD)/tools/talas

$(BUILD)/k/extobj/user_%.to: user/ext/%.pop $(BUILD)/tools/popc $(BUILD)/tools/talas
	@mkdir -p $(dir $@)
	$(Q)$(BUILD)/tools/popc $< -o $@ --talas $(BUILD)/tools/talas

$(KTEST_BLOB): $(KTEST_TO) $(KTEST_USER_TO)
	$(Q){ echo "section .rodata"; \
	for f in $(KTEST_TO) $(KTEST_USER_TO); do n=$$(basename $$f .to); \
		echo "global ktest_obj_$$n, ktest_obj_$${n}_end"; \
		echo "align 4"; echo "ktest_obj_$$n: incbin \"$$f\""; echo "ktest_obj_$${n}_end:"; \
	done; } > $(BUILD)/k/extobj/blobs.asm
	$(Q)$(AS) -f elf32 $(BUILD)/k/extobj/blobs.asm -o $@

# The C side of the popc-against-GCC benchmark (tests/kernel/popc_bench.c),
# compiled twice: with the kernel's flags and with plain -O2 (only what
# kernel code needs: freestanding, no SSE, no stack protector).
POPCBENCH_O2FLAGS := -m32 -march=i686 -std=gnu11 -O2 -ffreestanding -fno-builtin -nostdinc \
	-fno-pic -fno-pie -fno-stack-protector -mgeneral-regs-only -fno-asynchronous-unwind-tables \
	-Wall -Wextra -Werror -DTALOS_KERNEL -I. -Iinclude
POPCBENCH_OBJ := $(BUILD)/k/popcbench/functions_k.o $(BUILD)/k/popcbench/functions_o2.o
KERNEL_EXTRA_OBJ += $(POPCBENCH_OBJ)

$(BUILD)/k/popcbench/functions_k.o: tests/kernel/popcbench/functions.c tests/kernel/popcbench/functions.h
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(KCFLAGS) -c $< -o $@

$(BUILD)/k/popcbench/functions_o2.o: tests/kernel/popcbench/functions.c tests/kernel/popcbench/functions.h
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(POPCBENCH_O2FLAGS) -DBENCH_SIDE_O2 -c $< -o $@
