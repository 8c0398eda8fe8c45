# The verifier's decoder checked against binutils' objdump: suite `tal-decode`.
#
#   make test-tal-decode    every opcode x ModRM x SIB form, prefixes and
#                           random sequences (TAL_DECODE_SEED, printed)
#                           decoded by tal_decode(), by the fuzzer oracle's
#                           decoder and by objdump, compared

TAL_DECODE_PROBE := $(BUILD)/tal/decode-probe
TAL_DECODE_SEED  ?= 16

TEST_SUITES += tal-decode

.PHONY: test-tal-decode
$(TAL_DECODE_PROBE): tests/tal/decode_probe.c tests/tal/oracle.c tests/tal/oracle.h \
		$(TAL_SRCS) $(TAL_HDRS)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -o $@ tests/tal/decode_probe.c tests/tal/oracle.c $(TAL_SRCS)

test-tal-decode: $(TAL_DECODE_PROBE)
	$(Q)OBJDUMP=$(OBJDUMP) TAL_DECODE_SEED=$(TAL_DECODE_SEED) \
		python3 tests/tal/decode_diff.py $(TAL_DECODE_PROBE) $(BUILD)/tal/decode
