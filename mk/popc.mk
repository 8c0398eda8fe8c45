# popc: the Popcorn compiler (tools/popc), its test suite `popc`, and the
# example extensions user/ext/*.pop compiled to build/user/ext/NAME.to.
#
#   make popc          build build/tools/popc
#   make test-popc     compile the corpus tests/popc/*.pop, check every object
#                      with talcheck, check expected errors, run random programs
#   EXT_OBJS           the compiled examples (the lead packs them into the initrd)

POPC       := $(BUILD)/tools/popc
POPC_SRCS  := $(wildcard tools/popc/*.c)
POPC_OBJS  := $(patsubst tools/popc/%.c,$(BUILD)/popc/obj/%.o,$(POPC_SRCS))
POPC_HDRS  := $(wildcard tools/popc/*.h) include/talos/ext_iface.h \
              include/talos/objects.h include/talos/param.h
EXT_SRCS   := $(wildcard user/ext/*.pop)
EXT_OBJS   := $(patsubst user/ext/%.pop,$(BUILD)/user/ext/%.to,$(EXT_SRCS))
POPC_SEED  ?= 1

TEST_SUITES += popc

.PHONY: popc test-popc ext-objs
all: popc ext-objs
popc: $(POPC)
ext-objs: $(EXT_OBJS)

# One object per source, so a change to one file recompiles only that file.
$(BUILD)/popc/obj/%.o: tools/popc/%.c $(POPC_HDRS)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -c $< -o $@

$(POPC): $(POPC_OBJS)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -o $@ $(POPC_OBJS)

# TALAS and TALCHECK come from mk/tal.mk, read after this file: prerequisite
# lists are expanded when read, so they name the tools by their paths.
$(BUILD)/user/ext/%.to: user/ext/%.pop $(POPC) $(BUILD)/tools/talas $(BUILD)/tools/talcheck
	$(Q)mkdir -p $(dir $@)
	$(Q)$(POPC) $< -o $@ --talas $(TALAS)
	$(Q)$(TALCHECK) $@ >/dev/null

test-popc: $(POPC) $(BUILD)/tools/talas $(BUILD)/tools/talcheck
	$(Q)python3 tests/popc/run.py --popc $(POPC) --talas $(TALAS) --talcheck $(TALCHECK) \
		--out $(BUILD)/popc/tests --seed $(POPC_SEED)
