"""`tiaodu evaluate FILE --as-of D --format json` prints exactly the library's
tiaodu::to_json(tiaodu::evaluate(...)), byte for byte. The reference is a separate
program linked against the library alone (tests/cli/reference_json.cpp)."""
import json
import os
import subprocess

import pytest

from conftest import SAMPLE, run


def reference(*args):
    p = subprocess.run([os.environ["TIAODU_REFERENCE_JSON"], *map(str, args)], capture_output=True,
                       timeout=120)
    assert p.returncode == 0, p.stderr
    return p.stdout


@pytest.mark.parametrize("as_of", ["2023-01-31", "2023-06-30", "2023-12-31", "2024-03-01"])
def test_evaluate_json_is_to_json_of_the_result(as_of):
    cli = run("evaluate", SAMPLE, "--as-of", as_of, "--format", "json")
    assert cli.returncode == 0, cli.stderr
    assert cli.stderr == b""
    assert cli.stdout == reference(SAMPLE, as_of)
    assert json.loads(cli.stdout)["as_of"] == as_of


def test_with_a_policy_and_from_standard_input(tmp_path):
    pol = tmp_path / "policy.json"
    pol.write_text(json.dumps({"format": "tiaodu-policy/1", "parameters": {
        "ledger_due_days": [{"from": "2023-07-01", "value": 10}],
        "bottom_share": [{"from": "2023-01-01", "value": 0.4}]}}))
    cli = run("evaluate", "-", "--as-of", "2023-12-31", "--policy", pol, stdin=SAMPLE.read_bytes())
    assert cli.returncode == 0, cli.stderr
    assert cli.stdout == reference(SAMPLE, "2023-12-31", pol)
    assert cli.stdout != reference(SAMPLE, "2023-12-31")  # the policy mattered
