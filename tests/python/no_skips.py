"""pytest plugin: a skipped or xfailed test fails the run.

The Python suite must run completely on every machine that builds the module (the
issue: "none is skipped"); a skip would hide a missing dependency or a half-built tree.
tests/python.cmake loads it with `-p no_skips`; test_no_skips.py tests it.
"""

import pytest


class _NoSkips:
    def __init__(self):
        self.skipped = []

    def _record(self, report):
        if report.skipped:
            why = getattr(report, "wasxfail", None)
            if why is None and isinstance(report.longrepr, tuple):
                why = report.longrepr[2]
            self.skipped.append(f"{report.nodeid}: {why}")

    def pytest_runtest_logreport(self, report):
        self._record(report)

    def pytest_collectreport(self, report):
        self._record(report)

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionfinish(self, session, exitstatus):
        if self.skipped and exitstatus in (pytest.ExitCode.OK, pytest.ExitCode.NO_TESTS_COLLECTED):
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter):
        if self.skipped:
            terminalreporter.section("skipped tests are not allowed (tests/python/no_skips.py)", red=True)
            for line in self.skipped:
                terminalreporter.line(line)


def pytest_configure(config):
    config.pluginmanager.register(_NoSkips(), "no_skips_state")
