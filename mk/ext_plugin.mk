# Kernel plugins (docs/plugins.md): C compiled by GCC into ELF32 relocatable
# objects that the SafeX runtime links and runs in ring 1.
#
#   user/plugins/NAME.c          -> $(BUILD)/user/plugins/NAME.po, packed into the
#                                   initrd as /ext/NAME.po (mk/user.mk)
#   tests/kernel/plugins/NAME.c  -> linked into the kernel image as the bytes
#                                   ktest_plugin_NAME .. ktest_plugin_NAME_end; so
#                                   is each user plugin, as ktest_plugin_user_NAME
#
# Named so that it is read before mk/kernel.mk, whose link rule lists
# KERNEL_EXTRA_OBJ as prerequisites.
#
# The flags: no PIC (the segment base relocates, the loader takes only
# R_386_32 and R_386_PC32), no common symbols, no stack protector (no
# %gs canary in ring 1), no FPU or SSE registers (FPU instructions trap in
# ring 1), no unwind tables, and a frame pointer kept, so that ebp is only
# ever a stack address: ebp-based operands use the stack segment, which
# covers only the run stacks.

PLUGIN_CFLAGS := -m32 -march=i686 -std=gnu11 -O2 -g0 \
	-ffreestanding -fno-builtin -nostdinc -isystem $(shell $(CC) -print-file-name=include) \
	-fno-pic -fno-pie -fno-common -fno-stack-protector -fno-omit-frame-pointer \
	-fno-asynchronous-unwind-tables -fno-unwind-tables -fcf-protection=none \
	-mgeneral-regs-only -Wall -Wextra -Werror -DTALOS_PLUGIN -Iinclude

PLUGIN_SRCS := $(wildcard user/plugins/*.c)
PLUGIN_OBJS := $(patsubst user/plugins/%.c,$(BUILD)/user/plugins/%.po,$(PLUGIN_SRCS))
KTEST_PLUGINS := $(patsubst tests/kernel/plugins/%.c,$(BUILD)/k/plugins/%.po,\
	$(wildcard tests/kernel/plugins/*.c))
KTEST_PLUGIN_BLOB := $(BUILD)/k/plugins/blobs.o
KERNEL_EXTRA_OBJ += $(KTEST_PLUGIN_BLOB)

$(BUILD)/user/plugins/%.po: user/plugins/%.c include/talos/plugin.h include/talos/ext_iface.h
	@mkdir -p $(dir $@)
	@echo "  PLUGIN  $<"
	$(Q)$(CC) $(PLUGIN_CFLAGS) -c $< -o $@

$(BUILD)/k/plugins/%.po: tests/kernel/plugins/%.c include/talos/plugin.h include/talos/ext_iface.h
	@mkdir -p $(dir $@)
	@echo "  PLUGIN  $<"
	$(Q)$(CC) $(PLUGIN_CFLAGS) -c $< -o $@

$(KTEST_PLUGIN_BLOB): $(KTEST_PLUGINS) $(PLUGIN_OBJS)
	@mkdir -p $(dir $@)
	$(Q){ echo "section .rodata"; \
	for f in $(KTEST_PLUGINS); do n=$$(basename $$f .po); \
		echo "global ktest_plugin_$$n, ktest_plugin_$${n}_end"; \
		echo "align 4"; echo "ktest_plugin_$$n: incbin \"$$f\""; echo "ktest_plugin_$${n}_end:"; \
	done; \
	for f in $(PLUGIN_OBJS); do n=user_$$(basename $$f .po); \
		echo "global ktest_plugin_$$n, ktest_plugin_$${n}_end"; \
		echo "align 4"; echo "ktest_plugin_$$n: incbin \"$$f\""; echo "ktest_plugin_$${n}_end:"; \
	done; } > $(BUILD)/k/plugins/blobs.asm
	$(Q)$(AS) -f elf32 $(BUILD)/k/plugins/blobs.asm -o $@
