"""The model from Python: enums, dates, keyword constructors, fields, lists, repr, equality."""

import datetime
import enum
import json
import os
import re

import pytest

import tiaodu
from conftest import tiny_snapshot

T = tiaodu

# The spec's enumerations (spec/rules.md sections 1, 3.3, 3.2), written out here so that a
# member renamed or lost in the C++ headers is caught.
SPEC_ENUMS = {
    "OrgKind": ["committee", "general_branch", "branch"],
    "DispatchForm": ["on_site", "centralized"],
    "CheckResult": ["ok", "problem", "not_applicable"],
    "UpdateStatus": ["in_progress", "reported_done"],
    "LookBackKind": ["look_back", "spot_check"],
    "Finding": ["rectified", "not_rectified", "superficial"],
    "Category": ["organization_building", "development", "livelihood", "superior_tasks"],
    "CheckItem": [
        "three_meetings_one_lesson", "dues_records", "weak_org_rectification", "lost_contact_members",
        "member_transfers", "election_materials", "member_data_consistency", "fund_vouchers",
        "member_development", "organizational_life_meeting", "democratic_evaluation", "themed_party_day",
        "visits_condolences", "archives_by_category", "key_tasks", "leading_role", "monthly_talk",
        "livelihood_projects", "superior_assignments",
    ],
    "Rule": [
        "missed_month", "ledger_late", "ledger_missing", "review", "admonishment_talk", "escalation",
        "accountability", "deduction", "unqualified_rating", "rating_risk",
    ],
    "EscalationLevel": ["written_inquiry", "talk", "notice"],
    "TriggerKind": ["neglect", "ledger_late", "ledger_missing", "perfunctory"],
    "RatingReason": ["ineffective", "long_unresolved", "long_bottom"],
    "ItemStatus": ["open", "reported", "rectified"],
}


# --- enums -------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(SPEC_ENUMS))
def test_enums_are_real_enums_named_as_the_spec(name):
    cls = getattr(tiaodu, name)
    assert isinstance(cls, enum.EnumMeta) and issubclass(cls, enum.Enum)
    assert [m.name for m in cls] == SPEC_ENUMS[name]
    assert [m.value for m in cls] == SPEC_ENUMS[name]
    for m in cls:
        assert cls(m.value) is m and cls[m.name] is m
        assert str(m) == f"{name}.{m.name}"
    assert cls.__module__ == "tiaodu"


def test_check_items_carry_the_catalogue():
    # spec section 1, the CheckItem table: item -> category, and its Chinese wording
    assert T.CheckItem.dues_records.category is T.Category.organization_building
    assert T.CheckItem.dues_records.zh == "党费收缴记录"
    assert T.CheckItem.key_tasks.category is T.Category.development
    assert T.CheckItem.livelihood_projects.category is T.Category.livelihood
    assert T.CheckItem.superior_assignments.category is T.Category.superior_tasks
    assert T.CheckItem.archives_by_category.clause == "6.1"
    assert T.CheckItem.monthly_talk.clause == "3.2"
    assert [i for i in T.CheckItem if i.category is T.Category.organization_building][-1] is T.CheckItem.archives_by_category
    assert all(i.en and i.zh for i in T.CheckItem)
    assert T.Category.livelihood.clause == "3.3" and T.Category.superior_tasks.zh == "上级布置的其他工作"


def test_rules_know_their_clause():
    clauses = {r.name: r.clause for r in T.Rule}
    assert clauses == {
        "missed_month": "4.1", "ledger_late": "A2", "ledger_missing": "A2", "review": "5.1",
        "admonishment_talk": "5.2", "escalation": "5.4", "accountability": "5.4", "deduction": "5.4",
        "unqualified_rating": "5.3", "rating_risk": "5.3",
    }


def test_enum_fields_take_only_their_own_enum():
    check = T.Check(item=T.CheckItem.dues_records, result=T.CheckResult.ok)
    for wrong in ["ok", 0, None, T.Finding.rectified, T.CheckResult]:
        with pytest.raises(TypeError, match=r"Check\.result must be a tiaodu\.CheckResult"):
            check.result = wrong
    assert check.result is T.CheckResult.ok
    check.result = T.CheckResult.problem
    assert check.result is T.CheckResult.problem


def test_an_enum_subclass_look_alike_is_refused():
    class Fake(enum.Enum):
        committee = "committee"
    with pytest.raises(TypeError, match="must be a tiaodu.OrgKind, not Fake"):
        T.Organization(id="x", name="x", kind=Fake.committee, secretary=T.Secretary(id="a", name="b"))


# --- dates -------------------------------------------------------------------

def test_dates_are_datetime_dates_both_ways():
    u = T.Update(date=datetime.date(2023, 2, 28), status=T.UpdateStatus.in_progress)
    assert type(u.date) is datetime.date and u.date == datetime.date(2023, 2, 28)
    u.date = datetime.date(2024, 2, 29)
    assert u.date == datetime.date(2024, 2, 29)


def test_a_datetime_is_refused_because_its_time_would_be_lost():
    u = T.Update(date=datetime.date(2023, 2, 28), status=T.UpdateStatus.in_progress)
    with pytest.raises(TypeError, match=r"Update\.date must be a datetime\.date, not datetime\.datetime \(use \.date\(\)"):
        u.date = datetime.datetime(2023, 3, 1, 12, 0)
    assert u.date == datetime.date(2023, 2, 28)


@pytest.mark.parametrize("text", ["2023-03-01", 20230301, 1.5, None, (2023, 3, 1)])
def test_a_date_field_refuses_other_types(text):
    u = T.Update(date=datetime.date(2023, 2, 28), status=T.UpdateStatus.in_progress)
    with pytest.raises(TypeError, match=r"Update\.date must be a datetime\.date"):
        u.date = text


@pytest.mark.parametrize("bad,ok", [
    (datetime.date(1399, 12, 31), datetime.date(1400, 1, 1)),
    (datetime.date(9900, 1, 1), datetime.date(9899, 12, 31)),
    (datetime.date(1, 1, 1), datetime.date(2023, 1, 1)),
    (datetime.date.max, datetime.date(2023, 1, 1)),
])
def test_dates_outside_the_supported_range_raise_value_error(bad, ok):
    u = T.Update(date=ok, status=T.UpdateStatus.in_progress)
    assert u.date == ok
    with pytest.raises(ValueError, match=r"Update\.date: date .* is outside the supported range 1400-01-01 to 9899-12-31"):
        u.date = bad
    assert u.date == ok
    with pytest.raises(ValueError, match="outside the supported range"):
        T.evaluate(tiny_snapshot(), bad)


def test_a_date_subclass_that_is_not_a_datetime_is_a_date():
    class MyDate(datetime.date):
        pass
    u = T.Update(date=MyDate(2023, 5, 6), status=T.UpdateStatus.in_progress)
    assert u.date == datetime.date(2023, 5, 6) and type(u.date) is datetime.date


# --- constructors ------------------------------------------------------------

def test_constructors_take_the_spec_fields_as_keywords():
    org = T.Organization(id="b-1", name="一支部", kind=T.OrgKind.branch, parent="town",
                         secretary=T.Secretary(id="p-2", name="何"),
                         active_from=datetime.date(2023, 4, 1))
    assert (org.id, org.name, org.kind, org.parent) == ("b-1", "一支部", T.OrgKind.branch, "town")
    assert org.secretary == T.Secretary(id="p-2", name="何")
    assert org.active_from == datetime.date(2023, 4, 1) and org.active_until is None


def test_required_fields_are_required_and_named():
    with pytest.raises(TypeError, match=r"Organization\(\) missing required keyword argument\(s\): 'id', 'name', 'kind', 'secretary'"):
        T.Organization()
    with pytest.raises(TypeError, match=r"Rectification\(\) missing required keyword argument\(s\): 'problem', 'deadline'"):
        T.Rectification(id="r", dispatch="d", seq=1, item=T.CheckItem.dues_records)


def test_optional_fields_default_to_none_and_lists_to_absent():
    d = T.Dispatch(id="d", date=datetime.date(2023, 1, 5), dispatcher="town", object="b", form=T.DispatchForm.on_site)
    assert d.end_date is None and d.department is None and d.situation is None and d.opinion is None
    assert d.checks is None and d.good_practices is None and d.support_requests is None
    s = T.Snapshot()
    assert [s.period_start, s.organizations, s.dispatches, s.rectifications, s.ledger_submissions, s.look_backs] == [None] * 6


def test_a_misspelt_keyword_is_named():
    with pytest.raises(TypeError, match=r"Secretary\(\) got an unexpected keyword argument 'nmae'"):
        T.Secretary(id="a", nmae="b")


def test_positional_arguments_are_refused():
    with pytest.raises(TypeError, match=r"Secretary\(\) takes keyword arguments only \(2 positional given\)"):
        T.Secretary("a", "b")


@pytest.mark.parametrize("field,value,expected", [
    ("id", 1, "a str"), ("id", b"b-1", "a str"), ("name", None, "a str"),
    ("parent", 3, "a str or None"), ("kind", "branch", "a tiaodu.OrgKind"),
    ("secretary", ("a", "b"), "a tiaodu.Secretary"), ("active_from", "2023-01-01", "a datetime.date or None"),
])
def test_wrong_field_types_raise_type_error_naming_the_field(field, value, expected):
    org = tiny_snapshot().organizations[1]
    before = repr(org)
    with pytest.raises(TypeError, match=rf"^Organization\.{field} must be {re.escape(expected)}, not "):
        setattr(org, field, value)
    assert repr(org) == before


def test_ints_and_bools_are_strict():
    r = tiny_snapshot().rectifications[0]
    for wrong in [True, 1.0, "1", None]:
        with pytest.raises(TypeError, match=r"Rectification\.seq must be an int"):
            r.seq = wrong
    r.seq = 7
    assert r.seq == 7
    with pytest.raises(OverflowError, match=r"Rectification\.seq is too large"):
        r.seq = 2 ** 64
    sr = T.SupportRequest(text="路灯", superior_coordination=False)
    for wrong in [1, 0, None, "yes"]:
        with pytest.raises(TypeError, match=r"SupportRequest\.superior_coordination must be a bool"):
            sr.superior_coordination = wrong
    sr.superior_coordination = True
    assert sr.superior_coordination is True


def test_a_lone_surrogate_cannot_enter_a_string_field():
    with pytest.raises(UnicodeEncodeError):
        T.Secretary(id="a", name="\ud800")


# --- lists and nested objects --------------------------------------------------

def test_lists_are_live_python_lists(tiny):
    lb = T.LookBack(id="lb-1", date=datetime.date(2023, 4, 1), rectification="r-1",
                    kind=T.LookBackKind.spot_check, finding=T.Finding.rectified)
    assert tiny.look_backs is None
    tiny.look_backs = []
    tiny.look_backs.append(lb)
    assert len(tiny.look_backs) == 1 and tiny.look_backs[0] is lb
    assert '"spot_check"' in tiny.to_json()
    # Changing an element changes the snapshot: the list holds the objects themselves.
    tiny.look_backs[0].finding = T.Finding.superficial
    assert '"superficial"' in tiny.to_json()
    tiny.organizations[1].name = "第一支部"
    assert T.Snapshot.from_json(tiny.to_json()).organizations[1].name == "第一支部"


def test_an_assigned_list_is_shared_and_a_tuple_is_copied(tiny):
    mine = list(tiny.organizations)
    tiny.organizations = mine
    assert tiny.organizations is mine
    del mine[1]
    assert len(tiny.organizations) == 1
    tiny.organizations = tuple(tiny_snapshot().organizations)
    assert type(tiny.organizations) is list and len(tiny.organizations) == 2


def test_nested_struct_fields_are_the_objects_themselves(tiny):
    org = tiny.organizations[0]
    sec = org.secretary
    assert org.secretary is sec
    sec.name = "周建国"
    assert org.secretary.name == "周建国"
    assert '"周建国"' in tiny.to_json()


def test_a_list_element_of_the_wrong_type_is_caught_on_assignment_and_on_use(tiny):
    with pytest.raises(TypeError, match=r"Snapshot\.organizations\[1\] must be a tiaodu\.Organization, not str"):
        tiny.organizations = [tiny.organizations[0], "b-1"]
    with pytest.raises(TypeError, match=r"Snapshot\.dispatches must be a list or None, not dict"):
        tiny.dispatches = {}
    # A list changed after assignment is checked when it is used.
    tiny.dispatches[0].checks.append("dues_records")
    message = r"Snapshot\.dispatches\[0\]\.checks\[1\] must be a tiaodu\.Check, not str"
    with pytest.raises(TypeError, match=message):
        tiny.to_json()
    with pytest.raises(TypeError, match=message):
        T.evaluate(tiny, datetime.date(2023, 12, 31))
    with pytest.raises(TypeError, match=message):
        T.validate(tiny)
    tiny.dispatches[0].checks.pop()
    assert T.validate(tiny) == []


def test_string_lists_take_only_strings(tiny):
    d = tiny.dispatches[0]
    d.good_practices = ["台账规范"]
    with pytest.raises(TypeError, match=r"Dispatch\.good_practices\[1\] must be a str, not int"):
        d.good_practices = ["台账规范", 3]
    assert d.good_practices == ["台账规范"]


def test_a_snapshot_read_from_json_keeps_its_lists_until_touched(sample, sample_text):
    # The lists are made into Python objects only when read; either way the content is the same.
    untouched = T.Snapshot.from_json(sample_text)
    assert untouched == sample
    assert len(sample.dispatches) == sample_text.count('"dispatcher"')
    assert untouched == sample and untouched.to_json() == sample.to_json()


# --- repr and equality --------------------------------------------------------------

def test_repr_is_readable_and_rebuilds_an_equal_object():
    org = T.Organization(id="b-1", name="一支部", kind=T.OrgKind.branch, parent="town",
                         secretary=T.Secretary(id="p-2", name="何"), active_from=datetime.date(2023, 4, 1))
    text = repr(org)
    assert text == ("Organization(id='b-1', name='一支部', kind=OrgKind.branch, parent='town', "
                    "secretary=Secretary(id='p-2', name='何'), active_from=datetime.date(2023, 4, 1))")
    namespace = {"datetime": datetime, **{n: getattr(T, n) for n in T.__all__}}
    assert eval(text, namespace) == org


def test_repr_of_a_snapshot_counts_its_records(sample, sample_text):
    doc = json.loads(sample_text)
    counts = " ".join(f"{k}={len(doc[k])}" for k in
                      ["organizations", "dispatches", "rectifications", "ledger_submissions", "look_backs"])
    start = datetime.date.fromisoformat(doc["period_start"])
    assert repr(sample) == f"<tiaodu.Snapshot period_start={start!r} {counts}>"
    tiny = tiny_snapshot()
    assert repr(tiny) == ("<tiaodu.Snapshot period_start=None organizations=2 dispatches=1 rectifications=1 "
                          "ledger_submissions=None look_backs=None>")


def test_equality_is_by_value():
    a, b = tiny_snapshot(), tiny_snapshot()
    assert a == b and not (a != b)
    b.rectifications[0].remarks = "备注"
    assert a != b
    assert a.organizations[0] == b.organizations[0]
    assert a.organizations[0] != a.organizations[1]
    assert a.organizations[0] != "town" and a != None  # noqa: E711
    b.rectifications[0].remarks = None
    assert a == b
    # absent and empty lists differ (they are written differently)
    b.look_backs = []
    assert a != b


def test_model_objects_are_unhashable_like_dataclasses():
    with pytest.raises(TypeError, match="unhashable"):
        hash(T.Secretary(id="a", name="b"))


def test_new_without_init_is_refused_not_crashed():
    for cls in [T.Organization, T.Snapshot, T.Policy, T.Result, T.Decision, T.Error, T.Score, T.Text]:
        obj = cls.__new__(cls)
        with pytest.raises(TypeError, match="created without calling __init__"):
            repr(obj)
    raw = T.Snapshot.__new__(T.Snapshot)
    with pytest.raises(TypeError, match="created without calling __init__"):
        T.evaluate(raw, datetime.date(2023, 1, 1))
    with pytest.raises(TypeError, match="created without calling __init__"):
        raw.organizations


def test_a_subclass_must_call_init():
    class Mine(T.Secretary):
        def __init__(self):
            pass
    with pytest.raises(TypeError, match="__init__"):
        Mine()

    class Good(T.Secretary):
        def label(self):
            return f"{self.name} ({self.id})"
    assert Good(id="p-1", name="周").label() == "周 (p-1)"


def test_the_version_is_the_projects():
    assert tiaodu.__version__ == os.environ["TIAODU_VERSION"]  # the top CMakeLists' project(VERSION)
    assert re.fullmatch(r"\d+\.\d+\.\d+", tiaodu.__version__)


def test_repr_survives_a_list_that_holds_itself_or_nests_without_end(tiny):
    d = tiny.dispatches[0]
    d.checks.append(d.checks)
    assert repr(d).endswith("checks=[Check(item=CheckItem.dues_records, result=CheckResult.problem), [...]])")
    with pytest.raises(TypeError, match=r"Snapshot\.dispatches\[0\]\.checks\[1\] must be a tiaodu\.Check, not list"):
        tiny.to_json()
    deep = []
    for _ in range(100_000):
        deep = [deep]
    d.checks = []
    d.checks.append(deep)
    with pytest.raises(RecursionError):
        repr(d)
