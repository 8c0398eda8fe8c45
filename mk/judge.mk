# Host tests of tools/ktest.py, the judge of the in-kernel and user-level
# test suites: hand-written serial logs in tests/judge/*.log, each stating
# the verdict it must get. Needs only python3; boots nothing.

TEST_SUITES += judge

.PHONY: test-judge

test-judge:
	$(Q)python3 tests/judge/run.py
