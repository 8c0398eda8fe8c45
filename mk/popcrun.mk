# popc-run: the Popcorn test corpus executed in the kernel.
#
# tests/popc/run.py --emit-expect compiles every accepted tests/popc/*.pop
# (and user/ext/*.pop as ext_NAME) to build/popcrun/popc/NAME.to and writes
# its `// expect:` lines as NAME.exp. user/popcrun/ is the program that
# loads each object, runs its lines with ext_call, and prints the KT
# protocol. Its own initrd, build/popcrun/initrd.img, holds /bin/popcrun
# and /popc/*.
#
#   make test-popc-run   boot with init=/bin/popcrun, judged by tools/ktest.py
#
# mk/tal.mk and mk/user.mk are included after this file, so their variables
# (TALAS, USER_CFLAGS, ...) are empty in the prerequisite lists below:
# prerequisites are spelled as literal paths, and recipes, which are
# expanded later, may use the variables.

PR_DIR    := $(BUILD)/popcrun
PR_SRCS   := $(wildcard user/popcrun/*.c)
PR_OBJS   := $(patsubst user/popcrun/%.c,$(PR_DIR)/obj/%.o,$(PR_SRCS))
PR_BIN    := $(PR_DIR)/popcrun
PR_STAMP  := $(PR_DIR)/popc/.stamp
PR_INITRD := $(PR_DIR)/initrd.img
PR_HDRS   := user/popcrun/popcrun.h $(wildcard libc/include/*.h libc/include/sys/*.h) \
             include/talos/syscall.h include/talos/errno.h

# Built like every user program (mk/user.mk): a compile error prints FAILED
# and the initrd is packed without /bin/popcrun, listed in its .missing
# file, so the suite says the program did not build instead of failing to run.
$(PR_DIR)/obj/%.o: user/popcrun/%.c $(PR_HDRS)
	$(Q)mkdir -p $(@D)
	$(Q)$(call USER_TRY,$<) $(CC) $(USER_CFLAGS) -c $< -o $@

$(PR_BIN): $(PR_OBJS) $(BUILD)/libc/crt0.o $(BUILD)/libc/libc.a user/user.ld
	@echo "  LD      $@"
	$(Q)$(call USER_LINK_TRY,$(PR_OBJS)) $(LD) $(USER_LDFLAGS) -o $@ $(USER_CRT0) $(PR_OBJS) $(USER_LIBS)

# One stamp for the whole corpus: run.py writes every .to and .exp at once.
$(PR_STAMP): $(wildcard tests/popc/*.pop user/ext/*.pop) tests/popc/run.py \
		$(BUILD)/tools/popc $(BUILD)/tools/talas
	$(Q)rm -rf $(@D)
	$(Q)python3 tests/popc/run.py --popc $(BUILD)/tools/popc --talas $(BUILD)/tools/talas \
		--emit-expect $(@D)
	$(Q)touch $@

$(PR_INITRD): $(PR_BIN) $(PR_STAMP) tools/mkinitrd.py
	@echo "  INITRD  $@"
	$(Q)if [ -f $(PR_BIN) ]; then : > $@.missing; prog=$(PR_BIN):/bin/popcrun; \
	else echo /bin/popcrun > $@.missing; prog=; fi; \
	python3 tools/mkinitrd.py -o $@ $$prog \
		$$(for f in $(PR_DIR)/popc/*.to $(PR_DIR)/popc/*.exp; do \
			echo "$$f:/popc/$$(basename $$f)"; done)

TEST_SUITES += popc-run
.PHONY: test-popc-run
test-popc-run: deps $(KERNEL) $(PR_INITRD)
	$(Q)mkdir -p $(BUILD)/test
	$(Q)python3 tools/ktest.py run --kernel $(KERNEL) --initrd $(PR_INITRD) \
		--cmdline init=/bin/popcrun --suite popc-run --timeout $(TIMEOUT) \
		--log $(BUILD)/test/popc-run-serial.log $(if $(QEMUEXTRA),--qemu-extra "$(QEMUEXTRA)")
