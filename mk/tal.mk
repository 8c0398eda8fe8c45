# TAL: the verifier (tal/), the assembler (talas), the host checker
# (talcheck), the corpus test suite `tal`, and the fuzz suite `tal-fuzz`.
#
#   make test-tal       assemble and check every tests/tal/*.tas, corrupt objects
#   make test-tal-fuzz  libFuzzer over tal_verify for TAL_FUZZ_SECONDS (50 s),
#                       every accepted input checked by the verdict oracle
#                       (tests/tal/oracle.c), and the oracle's own tests
#   make fuzz           the same fuzzer for 10 minutes
#   make tal-scale      time talcheck on generated objects of 1K..1M instructions
#   make tal-kernel     compile tal/*.c with the kernel's flags (build/tal/kernel/)

TAL_SRCS     := $(wildcard tal/*.c)
TAL_HDRS     := $(wildcard tal/*.h) include/talos/param.h
TALAS        := $(BUILD)/tools/talas
TALAS_SRCS   := $(wildcard tools/talas/*.c)
TALCHECK     := $(BUILD)/tools/talcheck
TAL_FUZZER   := $(BUILD)/tal/fuzz/tal-fuzz
TAL_ORACLE   := $(BUILD)/tal/tal-oracle
TAL_PLANTS   := $(shell bash tests/tal/plant.sh list)
TAL_PLANT_FUZZERS := $(foreach p,$(TAL_PLANTS),$(BUILD)/tal/plant/$(p)/tal-fuzz)
TAL_FUZZ_SRCS := tests/tal/fuzz.c tests/tal/oracle.c tests/tal/oracle.h
TAL_FUZZ_CFLAGS := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
                -Iinclude
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
$(TAL_FUZZER): $(TAL_FUZZ_SRCS) $(TAL_SRCS) $(TAL_HDRS)
	$(Q)mkdir -p $(dir $@)
	$(Q)clang $(TAL_FUZZ_CFLAGS) -o $@ tests/tal/fuzz.c tests/tal/oracle.c $(TAL_SRCS)

# The oracle alone, and the harness with each planted decoder bug.
$(TAL_ORACLE): tests/tal/oracle_main.c tests/tal/oracle.c tests/tal/oracle.h
	$(Q)mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -o $@ tests/tal/oracle_main.c tests/tal/oracle.c

$(BUILD)/tal/plant/%/tal-fuzz: tests/tal/plant.sh $(TAL_FUZZ_SRCS) $(TAL_SRCS) $(TAL_HDRS)
	$(Q)mkdir -p $(dir $@)
	$(Q)bash tests/tal/plant.sh apply $* tal/decode.c $(dir $@)decode.c
	$(Q)clang $(TAL_FUZZ_CFLAGS) -Ital -o $@ tests/tal/fuzz.c tests/tal/oracle.c \
		$(filter-out tal/decode.c,$(TAL_SRCS)) $(dir $@)decode.c

TAL_FUZZ_DEPS := $(TAL_FUZZER) $(TAL_ORACLE) $(TAL_PLANT_FUZZERS) test-tal-seeds
TAL_FUZZ_ARGS := $(TAL_ORACLE) $(BUILD)/tal/plant

test-tal-fuzz: $(TAL_FUZZ_DEPS)
	$(Q)bash tests/tal/fuzz.sh $(TAL_FUZZER) $(BUILD)/tal $(TAL_FUZZ_SECONDS) $(TAL_FUZZ_ARGS)

fuzz: $(TAL_FUZZ_DEPS)
	$(Q)bash tests/tal/fuzz.sh $(TAL_FUZZER) $(BUILD)/tal 600 $(TAL_FUZZ_ARGS)

.PHONY: test-tal-seeds
test-tal-seeds: $(TALAS)
	$(Q)mkdir -p $(BUILD)/tal/tests
	$(Q)for f in tests/tal/*.tas; do \
		$(TALAS) $$f -o $(BUILD)/tal/tests/$$(basename $$f .tas).to 2>/dev/null || true; done

tal-scale: $(TALAS) $(TALCHECK)
	$(Q)python3 tests/tal/scale.py $(TALAS) $(TALCHECK) $(BUILD)/tal/scale

# The expected-verdict check (tests/tal/verdicts.py): the verifier's verdict
# on a fixed set of about 12,000 generated objects never moves.
TALVERDICT := $(BUILD)/tools/talverdict
TEST_SUITES += tal-verdicts
.PHONY: test-tal-verdicts tal-verdicts-record

$(TALVERDICT): tools/talverdict/talverdict.c $(TAL_HOBJS) $(TAL_HDRS)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -o $@ tools/talverdict/talverdict.c $(TAL_HOBJS)

test-tal-verdicts: $(TALAS) $(TALVERDICT) $(BUILD)/tools/popc
	$(Q)python3 tests/tal/verdicts.py --talas $(TALAS) --popc $(BUILD)/tools/popc \
		--talverdict $(TALVERDICT) --out $(BUILD)/tal/verdicts

tal-verdicts-record: $(TALAS) $(TALVERDICT) $(BUILD)/tools/popc
	$(Q)python3 tests/tal/verdicts.py --talas $(TALAS) --popc $(BUILD)/tools/popc \
		--talverdict $(TALVERDICT) --out $(BUILD)/tal/verdicts --record
