"""Every command of `tiaodu`, its options and its exit codes (spec/rules.md section 6)."""
import json
import os
import pty
import select
import subprocess

import pytest

from conftest import ERROR_LINE, SAMPLE, binary, one_line_error, run

AS_OF = "2023-12-31"


# --- --help, --version -------------------------------------------------------------

def test_version():
    p = run("--version")
    assert p.returncode == 0
    assert p.stdout.decode().strip() == "tiaodu 0.1.0"
    assert p.stderr == b""


@pytest.mark.parametrize("command", [None, "validate", "evaluate", "forms", "demo"])
def test_help(command):
    p = run(*([command] if command else []), "--help")
    assert p.returncode == 0, p.stderr
    out = p.stdout.decode()
    assert p.stderr == b""
    assert ("Usage: tiaodu " + (command or "")).strip() in out
    expected = {None: ["validate", "evaluate", "forms", "demo", "--version"],
                "validate": ["FILE", "--policy", "--format"],
                "evaluate": ["FILE", "--as-of", "--policy", "--format", "--lang"],
                "forms": ["FILE", "--dispatch", "--out", "--as-of", "--policy"],
                "demo": ["--as-of", "--lang", "--sample"]}[command]
    for word in expected:
        assert word in out, word


# --- usage errors: one line on stderr, exit 2 ---------------------------------------

USAGE_ERRORS = [
    ([], "a command is required"),
    (["--bogus"], "--bogus"),
    (["nope"], "nope"),
    (["validate"], "FILE is required"),
    (["validate", SAMPLE, "--format", "xml"], "--format"),
    (["validate", SAMPLE, "--no-such-option"], "--no-such-option"),
    (["evaluate", SAMPLE], "--as-of is required"),
    (["evaluate", SAMPLE, "--as-of", "2023-02-30"], "'2023-02-30' is not a date"),
    (["evaluate", SAMPLE, "--as-of", "2023-1-1"], "'2023-1-1' is not a date"),
    (["evaluate", SAMPLE, "--as-of", "tomorrow"], "'tomorrow' is not a date"),
    (["evaluate", SAMPLE, "--as-of", "0999-12-31"], "is not a date"),  # outside the supported range
    (["evaluate", SAMPLE, "--as-of", AS_OF, "--lang", "fr"], "--lang"),
    (["evaluate", SAMPLE, "--as-of", AS_OF, "--format", "yaml"], "--format"),
    (["evaluate", "/nonexistent/town.json", "--as-of", AS_OF], "cannot read '/nonexistent/town.json'"),
    (["evaluate", SAMPLE, "--as-of", AS_OF, "--policy", "/nonexistent/p.json"], "cannot read"),
    (["validate", "-", "--policy", "-"], "cannot both be '-'"),
    (["forms", SAMPLE], "--out is required"),
    (["forms", SAMPLE, "--out", "x", "--as-of", "31.12.2023"], "is not a date"),
    (["demo", "--as-of", "2023-13-01"], "is not a date"),
    (["demo", "extra"], "extra"),
]


@pytest.mark.parametrize("args,message", USAGE_ERRORS, ids=[" ".join(map(str, a)) or "(none)" for a, _ in USAGE_ERRORS])
def test_usage_error_is_one_line_and_exit_2(args, message):
    p = run(*args, stdin=b"")
    assert p.returncode == 2, (p.returncode, p.stderr)
    assert message in one_line_error(p)


def test_a_directory_is_not_a_readable_file(tmp_path):
    p = run("validate", tmp_path)
    assert p.returncode == 2
    assert "is a directory" in one_line_error(p)


# --- validate ----------------------------------------------------------------------

def test_validate_the_sample():
    p = run("validate", SAMPLE)
    assert p.returncode == 0, p.stderr
    assert p.stdout.decode() == ("ok: 14 organizations, 158 dispatches, 77 rectifications, "
                                 "63 ledger submissions, 76 look-backs\n")
    assert p.stderr == b""


def test_validate_json_of_a_valid_snapshot_is_an_empty_error_list():
    p = run("validate", SAMPLE, "--format", "json")
    assert p.returncode == 0
    assert json.loads(p.stdout) == {"errors": []}


def test_validate_reads_standard_input():
    p = run("validate", "-", stdin=SAMPLE.read_bytes())
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith(b"ok: 14 organizations")


BROKEN = {
    "format": "tiaodu/1",
    "organizations": [
        {"id": "town", "name": "Town", "kind": "committee", "secretary": {"id": "p", "name": "P"}},
        {"id": "b", "name": "B", "kind": "brnch", "parent": "town", "secretary": {"id": "q", "name": "Q"}},
    ],
    "dispatches": [
        {"id": "d", "date": "2023-02-30", "dispatcher": "town", "object": "b", "form": "on_site"},
        {"id": "d2", "date": "2023-03-01", "dispatcher": "town", "object": "nobody", "form": "on_site",
         "colour": "red"},
    ],
}


def test_invalid_snapshot_text_prints_each_located_error_and_exits_1(tmp_path):
    f = tmp_path / "town.json"
    f.write_text(json.dumps(BROKEN))
    p = run("validate", f)
    assert p.returncode == 1
    assert p.stdout == b""
    lines = p.stderr.decode().splitlines()
    assert len(lines) >= 4, lines
    codes = set()
    for line in lines:
        m = ERROR_LINE.match(line)
        assert m, line
        assert m["file"] == str(f)
        codes.add((m["path"], m["code"]))
    assert ("/organizations/1/kind", "enum") in codes
    assert ("/dispatches/0/date", "date") in codes
    assert ("/dispatches/1/colour", "unknown_field") in codes
    # The same errors as the JSON form.
    j = run("validate", f, "--format", "json")
    assert j.returncode == 1
    assert j.stderr == b""
    errors = json.loads(j.stdout)["errors"]
    assert {(e["path"], e["code"]) for e in errors} == codes
    assert len(errors) == len(lines)


def test_syntax_error_on_stdin_is_located_at_the_document():
    p = run("validate", "-", stdin=b'{"format": "tiaodu/1",')
    assert p.returncode == 1
    line = p.stderr.decode().strip()
    m = ERROR_LINE.match(line)
    assert m and m["file"] == "<stdin>" and m["path"] == "" and m["code"] == "syntax", line


def test_evaluate_of_an_invalid_snapshot_exits_1_in_both_formats(tmp_path):
    f = tmp_path / "town.json"
    f.write_text(json.dumps(BROKEN))
    t = run("evaluate", f, "--as-of", AS_OF, "--format", "text")
    assert t.returncode == 1 and t.stdout == b""
    assert all(ERROR_LINE.match(l) for l in t.stderr.decode().splitlines())
    j = run("evaluate", f, "--as-of", AS_OF)
    assert j.returncode == 1
    assert json.loads(j.stdout)["errors"]


def test_invalid_policy_errors_name_the_policy_file(tmp_path):
    pol = tmp_path / "policy.json"
    pol.write_text(json.dumps({"format": "tiaodu-policy/1",
                               "parameters": {"ledger_due_dayz": [], "review_days": [{"from": "2023-01-01", "value": -1}]}}))
    p = run("evaluate", SAMPLE, "--as-of", AS_OF, "--policy", pol, "--format", "text")
    assert p.returncode == 1
    found = {(m["file"], m["code"]) for m in map(ERROR_LINE.match, p.stderr.decode().splitlines())}
    assert (str(pol), "unknown_parameter") in found
    assert (str(pol), "parameter_range") in found
    # In JSON, the policy's errors when the snapshot is valid.
    j = run("evaluate", SAMPLE, "--as-of", AS_OF, "--policy", pol)
    assert j.returncode == 1
    assert {e["code"] for e in json.loads(j.stdout)["errors"]} == {"unknown_parameter", "parameter_range"}
    # Text mode reports both documents' errors, each under its own name.
    bad = tmp_path / "town.json"
    bad.write_text(json.dumps(BROKEN))
    p = run("validate", bad, "--policy", pol)
    files = {ERROR_LINE.match(l)["file"] for l in p.stderr.decode().splitlines()}
    assert files == {str(bad), str(pol)}


def test_a_valid_policy_changes_the_result(tmp_path):
    pol = tmp_path / "policy.json"
    pol.write_text(json.dumps({"format": "tiaodu-policy/1",
                               "parameters": {"ledger_due_days": [{"from": "2023-01-01", "value": 3}]}}))
    assert run("validate", SAMPLE, "--policy", pol).stdout.decode().endswith("; policy ok\n")
    default = json.loads(run("evaluate", SAMPLE, "--as-of", AS_OF).stdout)
    strict = json.loads(run("evaluate", SAMPLE, "--as-of", AS_OF, "--policy", pol).stdout)
    assert strict["policy"]["ledger_due_days"]["values"] == [{"from": "2023-01-01", "value": 3}]
    late = lambda r: sum(d["rule"] == "ledger_late" for d in r["decisions"])
    assert late(strict) > late(default)


# --- evaluate ----------------------------------------------------------------------

def test_evaluate_json_is_the_result_format():
    p = run("evaluate", SAMPLE, "--as-of", AS_OF)
    assert p.returncode == 0, p.stderr
    r = json.loads(p.stdout)
    assert r["format"] == "tiaodu-result/1" and r["as_of"] == AS_OF
    assert p.stdout.endswith(b"\n")


def test_evaluate_reads_standard_input_like_a_file():
    a = run("evaluate", SAMPLE, "--as-of", AS_OF)
    b = run("evaluate", "-", "--as-of", AS_OF, stdin=SAMPLE.read_bytes())
    assert b.returncode == 0
    assert a.stdout == b.stdout


def test_evaluate_text_report_in_both_languages():
    zh = run("evaluate", SAMPLE, "--as-of", AS_OF, "--format", "text")
    en = run("evaluate", SAMPLE, "--as-of", AS_OF, "--format", "text", "--lang", "en")
    assert zh.returncode == 0 and en.returncode == 0
    assert zh.stdout.decode().splitlines()[1] == "截至 2023-12-31（韶武西委〔2023〕15号）"
    assert en.stdout.decode().splitlines()[1] == "As of 2023-12-31 (notice 韶武西委〔2023〕15号)"
    assert "一、各党组织情况" in zh.stdout.decode()
    assert "1. Organizations" in en.stdout.decode()


# --- demo --------------------------------------------------------------------------

def test_demo_is_the_report_of_the_sample_at_its_january_2024_meeting(tmp_path):
    # Run from an unrelated directory: the sample is built into the program.
    demo = run("demo", cwd=tmp_path)
    assert demo.returncode == 0, demo.stderr
    assert demo.stderr == b""
    same = run("evaluate", SAMPLE, "--as-of", "2024-01-31", "--format", "text")
    assert demo.stdout == same.stdout


def test_demo_options():
    en = run("demo", "--lang", "en", "--as-of", "2023-06-30")
    assert en.returncode == 0
    assert en.stdout == run("evaluate", SAMPLE, "--as-of", "2023-06-30", "--format", "text",
                            "--lang", "en").stdout


def test_demo_sample_prints_the_embedded_snapshot():
    p = run("demo", "--sample")
    assert p.returncode == 0
    assert p.stdout == SAMPLE.read_bytes()  # the build embeds examples/sample-town.json as it is


# --- colour ------------------------------------------------------------------------

def run_on_terminal(args, env):
    """Runs tiaodu with stdout on a pseudo-terminal; returns (exit code, output bytes)."""
    master, slave = pty.openpty()
    full_env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    full_env["TERM"] = "xterm"
    full_env.update(env)
    proc = subprocess.Popen([binary(), *args], stdout=slave, stderr=subprocess.PIPE, env=full_env)
    os.close(slave)
    out = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    return proc.wait(timeout=60), out


def test_colour_on_a_terminal_only():
    code, out = run_on_terminal(["demo"], {})
    assert code == 0
    assert b"\x1b[1m" in out and b"\x1b[1;31m" in out
    # An empty NO_COLOR does not count as set (no-color.org).
    assert b"\x1b[" in run_on_terminal(["demo"], {"NO_COLOR": ""})[1]


def test_no_color_and_dumb_terminals_get_plain_text():
    code, out = run_on_terminal(["demo"], {"NO_COLOR": "1"})
    assert code == 0 and b"\x1b[" not in out and "党组织".encode() in out
    assert b"\x1b[" not in run_on_terminal(["demo"], {"TERM": "dumb"})[1]
    piped = subprocess.run([binary(), "demo"], capture_output=True,
                           env={k: v for k, v in os.environ.items() if k != "NO_COLOR"})
    assert b"\x1b[" not in piped.stdout


# --- forms: exit codes (contents: test_forms.py) -------------------------------------

def test_forms_writes_four_files_and_lists_them(tmp_path):
    out = tmp_path / "forms"  # created
    p = run("forms", SAMPLE, "--out", out, "--dispatch", "d-2023-05-xiaping")
    assert p.returncode == 0, p.stderr
    names = ["forms.html", "a1.csv", "a2.csv", "forms.xlsx"]
    assert p.stdout.decode().splitlines() == [str(out / n) for n in names]
    assert sorted(x.name for x in out.iterdir()) == sorted(names)
    assert p.stderr.decode() == "tiaodu: 2 forms (1 dispatches) as of 2024-01-30\n"


def test_forms_dispatch_is_repeatable_and_may_come_before_file(tmp_path):
    p = run("forms", "--dispatch", "d-2023-04-east", SAMPLE, "--dispatch", "d-2023-01-longwei",
            "--out", tmp_path)
    assert p.returncode == 0, p.stderr
    assert "2 dispatches" in p.stderr.decode()


def test_forms_unknown_or_future_dispatch_is_a_usage_error(tmp_path):
    p = run("forms", SAMPLE, "--out", tmp_path, "--dispatch", "nope")
    assert p.returncode == 2
    assert "no dispatch with id 'nope'" in one_line_error(p)
    p = run("forms", SAMPLE, "--out", tmp_path, "--dispatch", "d-2023-12-xiaping", "--as-of", "2023-06-30")
    assert p.returncode == 2
    assert "after the as-of date 2023-06-30" in one_line_error(p)
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_forms_out_must_be_a_directory(tmp_path):
    f = tmp_path / "file"
    f.write_text("x")
    p = run("forms", SAMPLE, "--out", f)
    assert p.returncode == 2
    assert "cannot create directory" in one_line_error(p)


def test_forms_of_an_invalid_snapshot_exit_1(tmp_path):
    f = tmp_path / "town.json"
    f.write_text(json.dumps(BROKEN))
    p = run("forms", f, "--out", tmp_path / "o")
    assert p.returncode == 1
    assert all(ERROR_LINE.match(l) for l in p.stderr.decode().splitlines())
    assert not (tmp_path / "o").exists()


def test_forms_of_a_town_without_dispatches(tmp_path):
    town = {"format": "tiaodu/1", "organizations": [
        {"id": "t", "name": "T", "kind": "committee", "secretary": {"id": "p", "name": "P"}}]}
    p = run("forms", "-", "--out", tmp_path / "o", stdin=json.dumps(town).encode())
    assert p.returncode == 0
    assert "no dispatch" in p.stderr.decode()
