"""The guard of tests/python/no_skips.py: a skip or an xfail fails the run."""

import pytest


def run(pytester, body):
    pytester.makepyfile(test_inner=body)
    return pytester.runpytest_subprocess("-p", "no_skips", "-p", "no:cacheprovider")


def test_a_skipped_test_fails_the_run(pytester):
    result = run(pytester, "import pytest\ndef test_ok(): pass\ndef test_s(): pytest.skip('no chromium')\n")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["*skipped tests are not allowed*", "*test_inner.py::test_s*no chromium*"])


def test_a_skipped_module_fails_the_run(pytester):
    result = run(pytester, "import pytest\npytest.importorskip('no_such_module_here')\ndef test_ok(): pass\n")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["*skipped tests are not allowed*", "*no_such_module_here*"])


def test_an_xfail_fails_the_run(pytester):
    result = run(pytester, "import pytest\n@pytest.mark.xfail\ndef test_x(): assert False\n")
    assert result.ret == pytest.ExitCode.TESTS_FAILED


def test_a_complete_run_passes(pytester):
    result = run(pytester, "def test_ok(): pass\n")
    assert result.ret == pytest.ExitCode.OK
    result.assert_outcomes(passed=1)
