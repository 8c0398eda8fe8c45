# TAL: the verifier (tal/), the assembler (talas), the host checker
# (talcheck), the corpus test suite `tal`, and the fuzz suite `tal-fuzz`.
#
#   make test-tal       assemble and check every tests/tal/*.tas, corrupt objects
#   make test-tal-fuzz  libFuzzer over tal_verify for TAL_FUZZ_SECONDS (50 s)
#   make fuzz           the same fuzzer for 10 minutes
#   make tal-scale      time talcheck on generated objects of 1K..1M instructions
#   make tal-kernel     compile tal/*.c with the kernel's flags (build/tal/kernel/)

TAL_SRCS     := $(wildcard tal/*.c)
TAL_HDRS     := $(wildcard tal/*.h) include/talos/param.h
TALAS        := $(BUILD)/tools/talas
TALAS_SRCS   := $(wildcard tools/talas/*.c)
TALCHECK     := $(BUILD)/tools/talcheck
TAL_FUZZER   := $(BUILD)/tal/fuzz/tal-fuzz
TAL_KOBJS    := $(patsubst tal/%.c,$(BUILD)/tal/kernel/%.o,$(TAL_SRCS))
TAL_HOBJS    := $(patsubst tal/%.c,$(BUILD)/tal/host/%.o,$(TAL_SRCS))
TAL_KCFLAGS  := -m32 -ffreestanding -fno-builtin -nostdlib -fno-pic -fno-pie \
                -fno-stack-protector -O2 -Wall -Wextra -Werror -Iinclude
TAL_FUZZ_SECONDS ?= 50

TEST_SUITES += tal tal-fuzz

.PHONY: tal-tools tal-kernel test-tal test-tal-fuzz fuzz tal-scale
all: tal-tools tal-kernel
tal-tools: $(TALAS) $(TALCHECK)
tal-kernel: $(TAL_KOBJS)

$(TALAS): $(TALAS_SRCS) tools/talas/talas.h $(TAL_HDRS)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -o $@ $(TALAS_SRCS)

# One object per source, so a change to one file recompiles only that file.
$(BUILD)/tal/host/%.o: tal/%.c $(TAL_HDRS)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -c $< -o $@

$(TALCHECK): tools/talcheck/talcheck.c $(TAL_HOBJS) $(TAL_HDRS)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -o $@ tools/talcheck/talcheck.c $(TAL_HOBJS)

$(BUILD)/tal/kernel/%.o: tal/%.c $(TAL_HDRS)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(TAL_KCFLAGS) -c $< -o $@

test-tal: $(TALAS) $(TALCHECK) $(TAL_KOBJS)
	$(Q)python3 tests/tal/run.py $(TALAS) $(TALCHECK) $(BUILD)/tal/tests

# libFuzzer (clang's runtime: Debian package libclang-rt-14-dev).
$(TAL_FUZZER): tests/tal/fuzz.c $(TAL_SRCS) $(TAL_HDRS)
	$(Q)mkdir -p $(dir $@)
	$(Q)clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
		-Iinclude -o $@ tests/tal/fuzz.c $(TAL_SRCS)

test-tal-fuzz: $(TAL_FUZZER) test-tal-seeds
	$(Q)bash tests/tal/fuzz.sh $(TAL_FUZZER) $(BUILD)/tal $(TAL_FUZZ_SECONDS)

fuzz: $(TAL_FUZZER) test-tal-seeds
	$(Q)bash tests/tal/fuzz.sh $(TAL_FUZZER) $(BUILD)/tal 600

.PHONY: test-tal-seeds
test-tal-seeds: $(TALAS)
	$(Q)mkdir -p $(BUILD)/tal/tests
	$(Q)for f in tests/tal/*.tas; do \
		$(TALAS) $$f -o $(BUILD)/tal/tests/$$(basename $$f .tas).to 2>/dev/null || true; done

tal-scale: $(TALAS) $(TALCHECK)
	$(Q)python3 tests/tal/scale.py $(TALAS) $(TALCHECK) $(BUILD)/tal/scale
