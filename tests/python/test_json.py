"""Reading and writing the JSON formats from Python: round trips, absent vs empty."""

import datetime
import pathlib

import pytest

import tiaodu
from conftest import DATA, SAMPLE, tiny_snapshot

T = tiaodu

VALID = sorted((DATA / "valid").glob("*.json"))
VALID_POLICIES = sorted((DATA / "valid-policy").glob("*.json"))


def test_the_corpus_is_there():
    assert len(VALID) >= 5 and len(VALID_POLICIES) >= 5 and SAMPLE.is_file()


def test_load_takes_str_pathlib_and_bytes_paths(sample_text):
    from_text = T.Snapshot.from_json(sample_text)
    assert T.Snapshot.load(str(SAMPLE)) == from_text
    assert T.Snapshot.load(pathlib.Path(SAMPLE)) == from_text
    assert T.Snapshot.load(bytes(SAMPLE)) == from_text
    assert T.Snapshot.from_json(sample_text.encode("utf-8")) == from_text


def test_load_takes_any_path_like(tmp_path, sample_text):
    class Where:
        def __fspath__(self):
            return str(SAMPLE)
    assert T.Snapshot.load(Where()) == T.Snapshot.from_json(sample_text)


@pytest.mark.parametrize("path", [SAMPLE, *VALID], ids=lambda p: p.name)
def test_a_snapshot_written_back_reads_as_the_same(path):
    s = T.Snapshot.load(path)
    text = s.to_json()
    again = T.Snapshot.from_json(text)
    assert again == s
    assert again.to_json() == text  # writing is deterministic


def test_the_sample_is_written_back_byte_for_byte(sample_text):
    assert T.Snapshot.from_json(sample_text).to_json() == sample_text


def test_absent_and_empty_lists_survive_a_round_trip():
    s = T.Snapshot.load(DATA / "valid" / "empty-lists.json")
    d1, d2 = s.dispatches
    assert (d1.good_practices, d1.support_requests, d2.checks) == ([], [], [])
    assert d2.good_practices is None and d2.support_requests is None
    assert s.rectifications[0].updates == [] and s.look_backs == [] and s.ledger_submissions == []
    # None (absent) and [] are written differently, and read back as they were.
    s.look_backs = None
    d1.good_practices = None
    d2.support_requests = []
    text = s.to_json()
    assert '"look_backs"' not in text and '"ledger_submissions": []' in text
    again = T.Snapshot.from_json(text)
    assert again.look_backs is None and again.ledger_submissions == []
    assert again.dispatches[0].good_practices is None and again.dispatches[1].support_requests == []
    assert again == s


def test_null_is_read_as_absent():
    s = T.Snapshot.load(DATA / "valid" / "nulls.json")
    assert s.period_start is None and s.organizations[0].parent is None
    assert s.dispatches[0].end_date is None and s.dispatches[0].department is None
    assert "null" not in s.to_json()


def test_a_snapshot_built_in_python_round_trips():
    s = tiny_snapshot()
    s.period_start = datetime.date(2023, 3, 1)
    d = s.dispatches[0]
    d.end_date = datetime.date(2023, 3, 11)
    d.department = "镇党建办"
    d.situation = "检查了党费收缴记录"
    d.opinion = "同意"
    d.good_practices = ["“党建月谈”形成问题清单"]
    d.support_requests = [T.SupportRequest(text="需要镇里协调资金", superior_coordination=True)]
    d.checks.append(T.Check(item=T.CheckItem.key_tasks, result=T.CheckResult.not_applicable, note="学校"))
    r = s.rectifications[0]
    r.remarks = "限期补齐"
    r.updates = [T.Update(date=datetime.date(2023, 3, 20), status=T.UpdateStatus.reported_done, note="已补齐")]
    s.ledger_submissions = [T.LedgerSubmission(dispatch="d-1", date=datetime.date(2023, 3, 21))]
    s.look_backs = [T.LookBack(id="lb-1", date=datetime.date(2023, 3, 30), rectification="r-1",
                               kind=T.LookBackKind.look_back, finding=T.Finding.rectified, note="属实")]
    s.organizations[1].active_from = datetime.date(2023, 1, 1)
    s.organizations[1].active_until = datetime.date(2023, 12, 31)
    assert T.validate(s) == []
    text = s.to_json()
    again = T.Snapshot.from_json(text)
    assert again == s
    assert again.dispatches[0].support_requests[0].superior_coordination is True
    assert again.look_backs[0].kind is T.LookBackKind.look_back
    assert again.rectifications[0].updates[0].date == datetime.date(2023, 3, 20)
    assert again.organizations[1].active_until == datetime.date(2023, 12, 31)
    assert '"format": "tiaodu/1"' in text and "镇党建办" in text  # UTF-8, not escaped


@pytest.mark.parametrize("path", VALID_POLICIES, ids=lambda p: p.name)
def test_a_policy_written_back_reads_as_the_same(path):
    p = T.Policy.load(path)
    text = p.to_json()
    assert T.Policy.from_json(text) == p
    assert T.Policy.from_json(text).to_json() == text
    assert T.Policy.from_json(path.read_bytes()) == p


def test_a_policy_gives_its_values_by_date():
    p = T.Policy.load(DATA / "valid-policy" / "ledger-due-days-from-july.json")
    assert p.values("ledger_due_days") == [(datetime.date(2023, 7, 1), 10)]
    assert p.value_at("ledger_due_days", datetime.date(2023, 6, 30)) == 15
    assert p.value_at("ledger_due_days", datetime.date(2023, 7, 1)) == 10
    assert type(p.value_at("ledger_due_days", datetime.date(2023, 7, 1))) is int
    assert p.values("review_days") == []
    assert p != T.Policy()


def test_the_default_policy_is_the_spec_table():
    p = T.Policy()
    assert p == T.Policy() and p == T.Policy.from_json('{"format": "tiaodu-policy/1"}')
    assert T.Policy.parameters == (
        "ledger_due_days", "review_days", "neglect_grace_days", "inquiry_threshold", "talk_threshold",
        "notice_threshold", "deduction_per_item", "deduction_cap", "problem_points", "overdue_points",
        "bottom_share", "min_peers", "effectiveness_min", "long_unresolved_days", "long_bottom_months")
    defaults = {n: T.Policy.default(n) for n in T.Policy.parameters}
    assert defaults == {
        "ledger_due_days": 15, "review_days": 30, "neglect_grace_days": 0, "inquiry_threshold": 1,
        "talk_threshold": 2, "notice_threshold": 3, "deduction_per_item": 2, "deduction_cap": 20,
        "problem_points": 5, "overdue_points": 2, "bottom_share": 0.2, "min_peers": 3,
        "effectiveness_min": 0.6, "long_unresolved_days": 90, "long_bottom_months": 3}
    assert type(defaults["bottom_share"]) is float and type(defaults["min_peers"]) is int
    for n in T.Policy.parameters:
        assert p.value_at(n, datetime.date(2023, 5, 1)) == defaults[n]
        assert p.values(n) == []
    assert repr(p) == "<tiaodu.Policy: defaults>"
