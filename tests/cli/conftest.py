"""Shared helpers of the CLI tests (tests/cli.cmake runs them under /usr/bin/python3).

TIAODU_CLI is the built `tiaodu`, TIAODU_SOURCE_DIR the repository; both are set by
CTest. Every test runs the real binary as a user would.
"""
import json
import os
import pathlib
import re
import subprocess

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("TIAODU_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
SAMPLE = SOURCE_DIR / "examples" / "sample-town.json"
GOLDEN = pathlib.Path(__file__).parent / "golden"


def binary():
    path = os.environ.get("TIAODU_CLI")
    if not path:
        raise RuntimeError("TIAODU_CLI is not set (run the tests through ctest)")
    return path


def run(*args, stdin=None, env=None, cwd=None, timeout=120):
    """Runs tiaodu with args; returns the CompletedProcess (bytes)."""
    full_env = dict(os.environ)
    full_env["NO_COLOR"] = "1"
    if env:
        full_env.update(env)
    return subprocess.run([binary(), *map(str, args)], input=stdin, capture_output=True,
                          env=full_env, cwd=cwd, timeout=timeout)


def one_line_error(p):
    """Asserts p wrote exactly one line, 'tiaodu: ...', on stderr and nothing on stdout."""
    err = p.stderr.decode()
    assert err.startswith("tiaodu: "), err
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert p.stdout == b"", p.stdout
    return err


ERROR_LINE = re.compile(r"^(?P<file>.+)#(?P<path>(/[^:]*)?): (?P<code>[a-z_]+): (?P<message>.+)$")


def sample_json():
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def evaluate_json(path, as_of, *extra):
    p = run("evaluate", path, "--as-of", as_of, "--format", "json", *extra)
    assert p.returncode == 0, p.stderr.decode()
    return json.loads(p.stdout)


@pytest.fixture
def sample():
    return SAMPLE
