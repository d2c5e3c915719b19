"""evaluate() on the sample from Python, and the result as Python objects."""

import collections.abc
import datetime
import enum
import gc
import json
import os
import subprocess

import pytest

import tiaodu
from conftest import DATA, MID_YEAR, SAMPLE, YEAR_END, tiny_snapshot

T = tiaodu


def summary_line(d):
    """One decision as a line of tests/data/expected/*.tsv (tests/support/summary.hpp),
    built from the Python objects: the reviewed expectations then check the bindings'
    reading of every field the line uses."""
    key = next((str(k) for k in (d.month, d.dispatch, d.item, d.year) if k is not None), "")
    R = T.Rule
    if d.rule is R.missed_month:
        decided = ""
    elif d.rule in (R.ledger_late, R.ledger_missing):
        decided = f"due {d.due.isoformat()}, {d.days_late} days late"
    elif d.rule is R.review:
        decided = f"due {d.due.isoformat()}" + (", overdue" if d.overdue else "")
    elif d.rule is R.admonishment_talk:
        decided = f"by {d.conductor}:" + "".join(f" {t.kind.name}({t.ref})" for t in d.triggers)
    elif d.rule is R.escalation:
        decided = f"{d.level.name}, {len(d.items)} items"
    elif d.rule is R.accountability:
        decided = f"{len(d.items)} items"
    elif d.rule is R.deduction:
        decided = f"{d.points} points, {len(d.items)} items"
    else:
        decided = " ".join(r.name for r in d.reasons)
    return f"{d.rule.name}\t{d.org}\t{key}\t{decided}"


def expected_lines(as_of):
    path = DATA / "expected" / f"sample-{as_of.isoformat()}.tsv"
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


@pytest.mark.parametrize("as_of", [MID_YEAR, YEAR_END], ids=str)
def test_the_sample_at_two_dates_gives_the_reviewed_decisions(sample, as_of):
    result = T.evaluate(sample, as_of)
    assert result.as_of == as_of
    assert [summary_line(d) for d in result.decisions] == expected_lines(as_of)


def jsonable(value):
    """A Python value of the result as the JSON writes it."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (T.Trigger, T.Text)):
        names = ["kind", "date", "ref"] if isinstance(value, T.Trigger) else ["zh", "en"]
        return {n: jsonable(getattr(value, n)) for n in names}
    return value


def public_fields(obj):
    return [n for n in dir(type(obj)) if not n.startswith("_") and isinstance(getattr(type(obj), n), property)]


def assert_same_as_json(obj, record, skip=()):
    # Every field the JSON has, Python has with the same value; every other Python field is None.
    for key, value in record.items():
        assert jsonable(getattr(obj, key)) == value, (key, record)
    for name in public_fields(obj):
        if name not in record and name not in skip:
            assert getattr(obj, name) is None, (name, record)


@pytest.mark.parametrize("fixture", ["mid_year_result", "year_end_result"])
def test_every_python_field_is_the_json_field(fixture, request):
    result = request.getfixturevalue(fixture)
    doc = result.to_dict()
    assert doc == json.loads(result.to_json())
    assert doc["format"] == "tiaodu-result/1" and doc["as_of"] == result.as_of.isoformat()
    lists = ["decisions", "items", "scores", "assessments", "good_practices", "support_requests"]
    assert [k for k in doc if k in lists] == lists
    for name in lists:
        view = getattr(result, name)
        assert len(view) == len(doc[name]), name
        if fixture == "year_end_result":
            assert len(view) > 0, name  # the sample has records of every kind at year end
        for obj, record in zip(view, doc[name]):
            if name == "decisions":
                rating = obj.rule in (T.Rule.unqualified_rating, T.Rule.rating_risk)
                # facts are the JSON "reasons" object, except for the rating rules (whose
                # reasons are codes and whose facts are written as "facts")
                assert obj.facts == obj.reasons if not rating else jsonable(obj.facts) == record["facts"]
                assert_same_as_json(obj, record, skip=("facts",))
            else:
                assert_same_as_json(obj, record)
    for name in T.Policy.parameters:
        entry = doc["policy"][name]
        assert entry["default"] == T.Policy.default(name)
        assert entry["values"] == [{"from": f.isoformat(), "value": v} for f, v in result.policy.values(name)]


def test_result_values_have_python_types(year_end_result):
    r = year_end_result
    assert type(r.as_of) is datetime.date
    seen = set()
    for d in r.decisions:
        seen.add(d.rule)
        assert isinstance(d.rule, T.Rule) and d.clause == d.rule.clause
        assert isinstance(d.text.zh, str) and isinstance(d.text.en, str) and d.text.zh and d.text.en
        assert isinstance(d.facts, dict) and all(isinstance(k, str) for k in d.facts)
        if d.rule in (T.Rule.unqualified_rating, T.Rule.rating_risk):
            assert isinstance(d.reasons, list) and d.reasons
            assert all(isinstance(x, T.RatingReason) for x in d.reasons)
            assert d.reasons == sorted(d.reasons, key=lambda x: x.value)
        else:
            assert isinstance(d.reasons, dict)
        if d.rule is T.Rule.admonishment_talk:
            assert all(isinstance(t.kind, T.TriggerKind) and type(t.date) is datetime.date for t in d.triggers)
            assert d.triggers == sorted(d.triggers, key=lambda t: (t.date, t.kind.value, t.ref))
        if d.rule is T.Rule.escalation:
            assert isinstance(d.level, T.EscalationLevel) and d.items == sorted(d.items)
    assert {T.Rule.missed_month, T.Rule.ledger_late, T.Rule.admonishment_talk, T.Rule.unqualified_rating} <= seen
    for item in r.items:
        assert isinstance(item.status, T.ItemStatus) and type(item.deadline) is datetime.date
        assert type(item.failed) is bool
        assert (item.overdue_days is None) or (type(item.overdue_days) is int and item.overdue_days > 0)
    assert all(type(s.score) is int and type(s.bottom) is bool and s.month[4] == "-" for s in r.scores)
    assert all(type(a.mean) is float and type(a.year) is int for a in r.assessments)


def test_result_lists_are_read_only_sequences(year_end_result):
    ds = year_end_result.decisions
    assert isinstance(ds, collections.abc.Sequence)
    n = len(ds)
    assert ds[-1] == ds[n - 1] and ds[0] == list(ds)[0]
    assert list(ds) == [ds[i] for i in range(n)]
    assert ds[1:4] == list(ds)[1:4] and ds[::-3] == list(ds)[::-3] and ds[5:2] == []
    assert list(reversed(ds)) == list(ds)[::-1]
    assert ds[3] in ds and ds.index(ds[3]) == 3 and ds.count(ds[3]) == 1
    assert "missed_month" not in ds
    with pytest.raises(ValueError):
        ds.index("x")
    with pytest.raises(IndexError, match="decisions index out of range"):
        ds[n]
    with pytest.raises(IndexError):
        ds[-n - 1]
    with pytest.raises(TypeError, match="decisions indices must be integers or slices, not str"):
        ds["0"]
    with pytest.raises(TypeError):
        ds[0] = ds[1]
    with pytest.raises(AttributeError):
        ds[0].org = "x"
    with pytest.raises(AttributeError):
        year_end_result.decisions = []
    assert repr(ds) == f"<{n} decisions>"


def test_two_evaluations_give_equal_results(sample, year_end_result):
    again = T.evaluate(sample, YEAR_END)
    assert again == year_end_result and again is not year_end_result
    assert again.decisions == year_end_result.decisions
    assert again.decisions == list(year_end_result.decisions)
    assert again.items[0] == year_end_result.items[0]
    assert again != T.evaluate(sample, MID_YEAR)
    assert again.decisions != again.items


def test_what_a_result_hands_out_keeps_it_alive(sample):
    r = T.evaluate(sample, YEAR_END)
    expected = r.to_json()
    decisions = r.decisions
    first = r.decisions[0]
    talk = next(d for d in r.decisions if d.rule is T.Rule.admonishment_talk)
    trigger, text, policy = talk.triggers[0], talk.text, r.policy
    del r, sample
    gc.collect()
    assert first.rule is T.Rule.missed_month and len(decisions) > 0
    assert trigger.ref and text.en and policy == T.Policy()
    assert json.loads(expected)["decisions"][0]["org"] == first.org


def test_changing_the_snapshot_afterwards_does_not_change_the_result(sample):
    r = T.evaluate(sample, YEAR_END)
    before = r.to_json()
    sample.dispatches.clear()
    sample.organizations[3].name = "改名"
    assert r.to_json() == before


def test_a_policy_changes_the_decisions(sample):
    july = T.Policy.load(DATA / "valid-policy" / "ledger-due-days-from-july.json")
    default = T.evaluate(sample, YEAR_END)
    changed = T.evaluate(sample, YEAR_END, july)
    assert changed.policy == july and default.policy == T.Policy()
    assert T.evaluate(sample, YEAR_END, policy=None) == default
    assert T.evaluate(sample, YEAR_END, T.Policy()) == default
    ledger = (T.Rule.ledger_late, T.Rule.ledger_missing)
    # ledger_due_days is read at the dispatch's end (spec section 2): 10 days from July on.
    for result, days_from_july in [(default, 15), (changed, 10)]:
        decisions = [d for d in result.decisions if d.rule in ledger]
        assert decisions
        for d in decisions:
            days = days_from_july if d.facts["end"] >= datetime.date(2023, 7, 1) else 15
            assert d.facts["ledger_due_days"] == days
            assert d.due == d.facts["end"] + datetime.timedelta(days=days)
    assert len([d for d in changed.decisions if d.rule in ledger]) > len([d for d in default.decisions if d.rule in ledger])


def test_keyword_arguments_and_threads(sample, year_end_result):
    assert T.evaluate(snapshot=sample, as_of=YEAR_END) == year_end_result
    assert T.evaluate(sample, YEAR_END, threads=2) == year_end_result
    assert T.evaluate(sample, YEAR_END, threads=0) == year_end_result
    with pytest.raises(ValueError, match="threads must be 0"):
        T.evaluate(sample, YEAR_END, threads=-1)
    with pytest.raises(TypeError):
        T.evaluate(sample, YEAR_END, None, 2)  # threads is keyword-only


def test_a_town_built_in_python_is_evaluated():
    s = tiny_snapshot()
    r = T.evaluate(s, datetime.date(2023, 5, 31))
    # d-1 (March) has a problem and no ledger: missing 15 days after 03-10; April and May
    # were not dispatched; r-1 passed its deadline (04-10) with no update.
    rules = [(d.rule, d.month or d.dispatch or d.year) for d in r.decisions]
    assert (T.Rule.missed_month, "2023-04") in rules and (T.Rule.missed_month, "2023-05") in rules
    missing = next(d for d in r.decisions if d.rule is T.Rule.ledger_missing)
    assert missing.dispatch == "d-1" and missing.due == datetime.date(2023, 3, 25)
    assert missing.days_late == (datetime.date(2023, 5, 31) - datetime.date(2023, 3, 25)).days
    (item,) = r.items
    assert item.id == "r-1" and item.status is T.ItemStatus.open and item.failed
    assert item.overdue_days == (datetime.date(2023, 5, 31) - datetime.date(2023, 4, 10)).days


def test_to_json_is_the_clis_json_byte_for_byte(tmp_path):
    cli = os.environ.get("TIAODU_CLI")
    assert cli, "TIAODU_CLI is not set: tests/python.cmake sets it when the CLI is built"
    policy = DATA / "valid-policy" / "several.json"
    for as_of, extra, pol in [(YEAR_END, [], None), (MID_YEAR, [], None),
                              (YEAR_END, ["--policy", str(policy)], T.Policy.load(policy))]:
        out = subprocess.run([cli, "evaluate", str(SAMPLE), "--as-of", as_of.isoformat(), "--format", "json", *extra],
                             check=True, stdout=subprocess.PIPE).stdout
        mine = T.evaluate(T.Snapshot.load(SAMPLE), as_of, pol).to_json()
        assert mine.encode("utf-8") == out
