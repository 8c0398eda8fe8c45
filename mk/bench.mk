# Benchmarks: `make bench` boots user/bench.c as the first process under
# QEMU TCG with -icount (figures are guest-instruction counts), then boots
# the shell to time kernel entry to prompt; tools/bench.py prints the table.
# Not a test suite: no figure passes or fails on its value.
#
# Both runners also write BENCH_FIGURES, one tab-separated line per figure
# (name, value, unit, target) for comparing commits: each writes its own
# part beside it and rebuilds the file from the parts (tools/figures.py),
# so the order they run in does not matter.
#
# The kernel and the initrd are built by a sub-make because KERNEL and INITRD
# come from mk/kernel.mk and mk/user.mk, which are included after this file:
# a prerequisite list is expanded when its rule is read, the recipe later.

BENCH_FIGURES := $(BUILD)/bench/figures.tsv

.PHONY: bench
bench: deps
	$(Q)$(MAKE) --no-print-directory $(KERNEL) $(INITRD)
	$(Q)python3 tools/bench.py --kernel $(KERNEL) --initrd $(INITRD) --timeout $(TIMEOUT) \
		--figures $(BENCH_FIGURES)

# The in-kernel benchmarks (kernel/kbench.h) need generated TAL objects of
# 1K..1M instructions in two shapes and the realistic objects (every Popcorn
# program that compiles and random ones) in their initrd; tools/kbench.py
# boots with "bench". The host part times talcheck on the generated objects.
BENCH_INITRD := $(BUILD)/bench/initrd.img
BENCH_SIZES  := 1000 10000 100000 1000000

$(BENCH_INITRD): tests/tal/scale.py tests/tal/realistic.py tests/popc/gen.py tools/mkinitrd.py \
		$(BUILD)/tools/popc $(BUILD)/tools/talas
	$(Q)python3 tests/tal/scale.py --emit $(BUILD)/bench/scale
	$(Q)rm -rf $(BUILD)/bench/real
	$(Q)python3 tests/tal/realistic.py --popc $(BUILD)/tools/popc --talas $(BUILD)/tools/talas \
		--out $(BUILD)/bench/real
	$(Q)python3 tools/mkinitrd.py -o $@ \
		$(foreach n,$(BENCH_SIZES),$(BUILD)/bench/scale/scale_$(n).to:/bench/scale_$(n).to \
			$(BUILD)/bench/scale/backjump_$(n).to:/bench/backjump_$(n).to) \
		$(BUILD)/bench/real/real.list:/bench/real.list \
		$$(for f in $(BUILD)/bench/real/*.to; do echo $$f:/bench/real/$$(basename $$f); done)

bench: host-bench
.PHONY: host-bench
host-bench: deps $(BUILD)/tools/talas $(BUILD)/tools/talcheck
	$(Q)python3 tests/tal/scale.py $(BUILD)/tools/talas $(BUILD)/tools/talcheck \
		$(BUILD)/bench/scale --figures $(BENCH_FIGURES)

bench: kbench
.PHONY: kbench
kbench: deps $(BENCH_INITRD)
	$(Q)$(MAKE) --no-print-directory $(KERNEL)
	$(Q)python3 tools/kbench.py --kernel $(KERNEL) --initrd $(BENCH_INITRD) --timeout $(TIMEOUT) \
		--figures $(BENCH_FIGURES)
