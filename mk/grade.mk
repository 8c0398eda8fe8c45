# Marking: points per area from the suites' results, as JOS and Pintos do.
#
#   make grade          run every suite (as make test does, writing
#                       build/test/SUITE.log), then print the table
#   make grade-report   the table from the logs of the last make test or
#                       make grade, running nothing
#   make test-grade     host tests of the grader on sample logs
#
# The scheme (areas, points, which tests count where) is
# tests/grade/weights.txt; tools/grade.py computes the table.

TEST_SUITES += grade
.PHONY: grade grade-report test-grade

grade:
	-$(Q)$(MAKE) --no-print-directory test
	$(Q)$(MAKE) --no-print-directory -s grade-report

grade-report:
	$(Q)python3 tools/grade.py --weights tests/grade/weights.txt --logs $(BUILD)/test \
		--suites '$(TEST_SUITES)'

test-grade:
	$(Q)python3 tests/grade/run.py --suites '$(TEST_SUITES)'
