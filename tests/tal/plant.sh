#!/usr/bin/env bash
# Decoder bugs planted on purpose, to show the fuzzer's verdict oracle
# catches a verifier that accepts what it must not (tests/tal/fuzz.sh).
#
#   plant.sh list               the names of the plants
#   plant.sh apply NAME SRC DST write tal/decode.c SRC with bug NAME as DST;
#                               fails if the bug no longer applies
#   plant.sh expect NAME        the text the oracle's message must hold
#
# b0:  mov r32, imm32 widened from b8..bf to b0..bf: mov r8, imm8 (2 bytes)
#      read as 5, so `b0 05 cd 80 90` hides int 0x80 (tests/tal/forbid_mov_r8_imm8.tas)
# cli: cli (fa) decoded as a nop (tests/tal/forbid_cli.tas)
set -eu
case $1 in
list)
	echo b0 cli ;;
apply)
	case $2 in
	b0)  sed 's/if (b >= 0xB8 \&\& b <= 0xBF) {/if (b >= 0xB0 \&\& b <= 0xBF) {/' "$3" >"$4" ;;
	cli) sed -e '/case 0xFA: return "cli";/d' \
	         -e 's/case 0x90: in->op = TAL_OP_NOP;/case 0x90: case 0xFA: in->op = TAL_OP_NOP;/' \
	         "$3" >"$4" ;;
	*)   echo "plant.sh: no plant $2" >&2; exit 1 ;;
	esac
	if cmp -s "$3" "$4"; then
		echo "plant.sh: plant $2 no longer applies to $3" >&2
		rm -f "$4"
		exit 1
	fi ;;
expect)
	case $2 in
	b0)  echo "opcode b0 is not in the subset" ;;
	cli) echo "opcode fa is not in the subset" ;;
	esac ;;
esac
