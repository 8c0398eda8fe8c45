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
