# popc: the Popcorn compiler (tools/popc), its test suite `popc`, and the
# example extensions user/ext/*.pop compiled to build/user/ext/NAME.to.
#
#   make popc          build build/tools/popc
#   make test-popc     compile the corpus tests/popc/*.pop, check every object
#                      with talcheck, check expected errors, the programs at
#                      and past every limit, random programs
#   make test-popc-fuzz  libFuzzer over popc for POPC_FUZZ_SECONDS (25 s)
#   make fuzz          (with tal.mk's fuzzer) the same for 10 minutes
#   EXT_OBJS           the compiled examples (the lead packs them into the initrd)

POPC       := $(BUILD)/tools/popc
POPC_SRCS  := $(wildcard tools/popc/*.c)
POPC_OBJS  := $(patsubst tools/popc/%.c,$(BUILD)/popc/obj/%.o,$(POPC_SRCS))
POPC_HDRS  := $(wildcard tools/popc/*.h) include/talos/ext_iface.h \
              include/talos/objects.h include/talos/param.h $(wildcard tal/*.h)
# popc verifies every object it writes with the verifier itself (certify.c).
POPC_TAL   := $(wildcard tal/*.c)
EXT_SRCS   := $(wildcard user/ext/*.pop)
EXT_OBJS   := $(patsubst user/ext/%.pop,$(BUILD)/user/ext/%.to,$(EXT_SRCS))
POPC_SEED  ?= 1
POPC_FUZZER := $(BUILD)/popc/fuzz/popc-fuzz
POPC_FUZZ_SECONDS ?= 25

TEST_SUITES += popc popc-fuzz

.PHONY: popc test-popc test-popc-fuzz popc-fuzz-long ext-objs
all: popc ext-objs
popc: $(POPC)
ext-objs: $(EXT_OBJS)

# One object per source, so a change to one file recompiles only that file;
# the verifier's objects are tal.mk's ($(BUILD)/tal/host/, named by path:
# tal.mk is read after this file).
POPC_TAL_OBJS := $(patsubst tal/%.c,$(BUILD)/tal/host/%.o,$(POPC_TAL))
$(BUILD)/popc/obj/%.o: tools/popc/%.c $(POPC_HDRS)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -c $< -o $@

$(POPC): $(POPC_OBJS) $(POPC_TAL_OBJS)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -o $@ $(POPC_OBJS) $(POPC_TAL_OBJS)

# TALAS and TALCHECK come from mk/tal.mk, read after this file: prerequisite
# lists are expanded when read, so they name the tools by their paths.
$(BUILD)/user/ext/%.to: user/ext/%.pop $(POPC) $(BUILD)/tools/talas $(BUILD)/tools/talcheck
	$(Q)mkdir -p $(dir $@)
	$(Q)$(POPC) $< -o $@ --talas $(TALAS)
	$(Q)$(TALCHECK) $@ >/dev/null

test-popc: $(POPC) $(BUILD)/tools/talas $(BUILD)/tools/talcheck
	$(Q)python3 tests/popc/run.py --popc $(POPC) --talas $(TALAS) --talcheck $(TALCHECK) \
		--out $(BUILD)/popc/tests --seed $(POPC_SEED)

# The compiler in-process, every source file but the driver (main.c).
$(POPC_FUZZER): tests/popc/fuzz.c $(filter-out tools/popc/main.c,$(POPC_SRCS)) $(POPC_TAL) $(POPC_HDRS)
	$(Q)mkdir -p $(dir $@)
	$(Q)clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
		-Iinclude -o $@ tests/popc/fuzz.c $(filter-out tools/popc/main.c,$(POPC_SRCS)) $(POPC_TAL)

test-popc-fuzz: $(POPC_FUZZER) $(BUILD)/tools/talas
	$(Q)bash tests/popc/fuzz.sh $(POPC_FUZZER) $(BUILD)/tools/talas $(BUILD)/popc $(POPC_FUZZ_SECONDS)

fuzz: popc-fuzz-long
popc-fuzz-long: $(POPC_FUZZER) $(BUILD)/tools/talas
	$(Q)bash tests/popc/fuzz.sh $(POPC_FUZZER) $(BUILD)/tools/talas $(BUILD)/popc 600
