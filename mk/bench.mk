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
# 1K..1M instructions in their initrd; tools/kbench.py boots with "bench".
BENCH_INITRD := $(BUILD)/bench/initrd.img

$(BENCH_INITRD): tests/tal/scale.py tools/mkinitrd.py
	$(Q)python3 tests/tal/scale.py --emit $(BUILD)/bench/scale
	$(Q)python3 tools/mkinitrd.py -o $@ \
		$(foreach n,1000 10000 100000 1000000,$(BUILD)/bench/scale/scale_$(n).to:/bench/scale_$(n).to)

bench: kbench
.PHONY: kbench
kbench: deps $(BENCH_INITRD)
	$(Q)$(MAKE) --no-print-directory $(KERNEL)
	$(Q)python3 tools/kbench.py --kernel $(KERNEL) --initrd $(BENCH_INITRD) --timeout $(TIMEOUT) \
		--figures $(BENCH_FIGURES)
