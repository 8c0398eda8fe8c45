# Mutation testing (tools/mutate.py, mutants in tests/mutants/*.mut; the
# format and the last scores are in docs/testing.md).
#
#   make mutate                 every mutant, 2 at a time in build/mutate/w0, w1;
#                               scores per area, survivors, targets met or not
#   make mutate MUTATE_AREA=tal only one area (tal ext sched sys popc dion)
#   make mutate-list            the mutants, and any whose lines moved away (stale)
#   make test-mutate-sample     MUTATE_SAMPLE mutants (10) drawn by MUTATE_SEED
#                               (printed; random when unset), 9 of the verifier
#                               and 1 of a kernel area: each must be killed

MUTATE_JOBS   ?= 2
MUTATE_AREA   ?=
MUTATE_SEED   ?=
MUTATE_SAMPLE ?= 10

TEST_SUITES += mutate-sample

.PHONY: mutate mutate-list test-mutate-sample
# The scratch trees start from a copy of build/, so build it first.
mutate: deps all
	$(Q)nice -n 5 python3 tools/mutate.py run -j $(MUTATE_JOBS) \
		$(foreach a,$(MUTATE_AREA),--area $(a))

mutate-list:
	$(Q)python3 tools/mutate.py list

test-mutate-sample: deps all
	$(Q)nice -n 5 python3 tools/mutate.py sample -j $(MUTATE_JOBS) -n $(MUTATE_SAMPLE) \
		$(if $(MUTATE_SEED),--seed $(MUTATE_SEED))
