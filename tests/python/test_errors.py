"""Every way a Python caller can get it wrong raises, with a message that says where."""

import datetime
import pickle

import pytest

import tiaodu
from conftest import DATA, SAMPLE, YEAR_END, tiny_snapshot

T = tiaodu

INVALID = sorted((DATA / "invalid").glob("*.json"))
INVALID_POLICIES = sorted((DATA / "invalid-policy").glob("*.json"))


def expected_errors(path):
    lines = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    return sorted(tuple(line.split(" ", 1)) for line in lines)


def test_the_invalid_corpus_is_there():
    assert len(INVALID) > 50 and len(INVALID_POLICIES) > 10


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_each_invalid_snapshot_raises_validation_error_with_every_problem(path):
    with pytest.raises(T.ValidationError) as info:
        T.Snapshot.load(path)
    e = info.value
    assert isinstance(e, ValueError)
    assert sorted((x.code, x.path) for x in e.errors) == expected_errors(path)
    for x in e.errors:
        assert isinstance(x, T.Error) and x.message and isinstance(x.path, str)
    assert e.errors[0].message in str(e)
    # the same from text
    with pytest.raises(T.ValidationError) as again:
        T.Snapshot.from_json(path.read_bytes())
    assert again.value.errors == e.errors


@pytest.mark.parametrize("path", INVALID_POLICIES, ids=lambda p: p.stem)
def test_each_invalid_policy_raises_validation_error(path):
    with pytest.raises(T.ValidationError) as info:
        T.Policy.load(path)
    assert sorted((x.code, x.path) for x in info.value.errors) == expected_errors(path)


def test_the_message_lists_the_problems():
    with pytest.raises(T.ValidationError) as info:
        T.Snapshot.load(DATA / "invalid" / "many-mistakes.json")
    e = info.value
    assert len(e.errors) == 30
    text = str(e)
    assert text.startswith("30 problems:\n  /") and text.endswith("... and 20 more")
    assert text.count("\n") == 11
    one = T.ValidationError([T.Error(path="", code="syntax", message="not JSON")])
    assert str(one) == "(document): not JSON [syntax]"
    assert str(T.ValidationError()) == "invalid input" and T.ValidationError().errors == []


def test_a_validation_error_is_a_value_error_that_pickles():
    with pytest.raises(ValueError):
        T.Snapshot.from_json("[")
    try:
        T.Snapshot.from_json('{"format": "tiaodu/2"}')
    except T.ValidationError as e:
        back = pickle.loads(pickle.dumps(e))
        assert type(back) is T.ValidationError and back.errors == e.errors and str(back) == str(e)
        assert [(x.path, x.code) for x in e.errors] == [("/format", "format")]


def test_error_records():
    e = T.Error(path="/organizations/0/kind", code="enum", message="unknown kind")
    assert (e.path, e.code, e.message) == ("/organizations/0/kind", "enum", "unknown kind")
    assert e == T.Error("/organizations/0/kind", "enum", "unknown kind") and hash(e) == hash(T.Error(*[e.path, e.code, e.message]))
    assert repr(e) == "Error(path='/organizations/0/kind', code='enum', message='unknown kind')"
    assert pickle.loads(pickle.dumps(e)) == e
    with pytest.raises(ValueError, match="unknown error code 'enum_value'"):
        T.Error(path="", code="enum_value", message="")
    with pytest.raises(TypeError, match=r"Error\(\)\.message must be a str, not int"):
        T.Error(path="", code="syntax", message=3)
    with pytest.raises(AttributeError):
        e.code = "type"


def test_every_error_code_of_the_spec_is_accepted():
    for code in ["syntax", "format", "type", "missing_field", "unknown_field", "enum", "date", "empty",
                 "duplicate_id", "unknown_ref", "root", "cycle", "dispatcher_not_superior", "dispatch_of_root",
                 "duplicate_check", "item_not_problem", "duplicate_seq", "seq", "date_order",
                 "duplicate_submission", "unknown_parameter", "parameter_range", "from_order"]:
        assert T.Error(path="", code=code, message="m").code == code


def test_a_hand_built_snapshot_is_validated_before_it_is_evaluated():
    s = tiny_snapshot()
    s.organizations[1].parent = "nowhere"
    s.rectifications[0].deadline = datetime.date(2023, 3, 1)  # before its dispatch
    s.dispatches[0].checks[0].result = T.CheckResult.ok
    found = T.validate(s)
    assert sorted((e.code, e.path) for e in found) == sorted([
        ("unknown_ref", "/organizations/1/parent"),
        ("date_order", "/rectifications/0/deadline"),
        ("item_not_problem", "/rectifications/0/item"),
    ])
    with pytest.raises(T.ValidationError) as info:
        T.evaluate(s, YEAR_END)
    assert info.value.errors == found
    assert T.validate(tiny_snapshot()) == []


def test_unreadable_files_raise_os_errors(tmp_path):
    missing = tmp_path / "nope.json"
    with pytest.raises(FileNotFoundError) as info:
        T.Snapshot.load(missing)
    assert info.value.filename == str(missing)
    with pytest.raises(FileNotFoundError):
        T.Policy.load(str(missing))
    with pytest.raises(IsADirectoryError):
        T.Snapshot.load(tmp_path)
    with pytest.raises(ValueError, match="embedded null byte"):
        T.Snapshot.load(str(SAMPLE) + "\0")


def test_an_empty_file_is_a_syntax_error(tmp_path):
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"")
    with pytest.raises(T.ValidationError) as info:
        T.Snapshot.load(empty)
    assert [(e.code, e.path) for e in info.value.errors] == [("syntax", "")]


@pytest.mark.parametrize("call,message", [
    (lambda: T.Snapshot.from_json(None), r"Snapshot\.from_json\(\): text must be a str or bytes, not NoneType"),
    (lambda: T.Snapshot.from_json(bytearray(b"{}")), r"text must be a str or bytes, not bytearray"),
    (lambda: T.Snapshot.from_json({"format": "tiaodu/1"}), r"text must be a str or bytes, not dict"),
    (lambda: T.Snapshot.load(3), r"Snapshot\.load\(\): path must be a str or os\.PathLike, not int"),
    (lambda: T.Policy.load(None), r"Policy\.load\(\): path must be a str or os\.PathLike, not NoneType"),
    (lambda: T.Policy.from_json(1.5), r"Policy\.from_json\(\): text must be a str or bytes, not float"),
    (lambda: T.evaluate(None, YEAR_END), r"evaluate\(\): snapshot must be a tiaodu\.Snapshot, not NoneType"),
    (lambda: T.evaluate(tiny_snapshot(), "2023-12-31"), r"evaluate\(\): as_of must be a datetime\.date, not str"),
    (lambda: T.evaluate(tiny_snapshot(), YEAR_END, "default"), r"evaluate\(\): policy must be a tiaodu\.Policy or None, not str"),
    (lambda: T.evaluate(tiny_snapshot(), YEAR_END, threads="2"), r"evaluate\(\): threads must be an int, not str"),
    (lambda: T.validate(T.Policy()), r"validate\(\): snapshot must be a tiaodu\.Snapshot, not tiaodu\.Policy"),
    (lambda: T.Policy().value_at(1, YEAR_END), r"Policy\.value_at\(\): name must be a str, not int"),
    (lambda: T.Policy().value_at("review_days", 2023), r"Policy\.value_at\(\): date must be a datetime\.date, not int"),
    (lambda: T.Policy().values(None), r"Policy\.values\(\): name must be a str, not NoneType"),
    (lambda: T.Policy.default(b"review_days"), r"Policy\.default\(\): name must be a str, not bytes"),
])
def test_wrong_argument_types_raise_type_error_naming_the_argument(call, message):
    with pytest.raises(TypeError, match=message):
        call()


def test_wrong_arity_is_a_type_error():
    with pytest.raises(TypeError):
        T.evaluate(tiny_snapshot())
    with pytest.raises(TypeError):
        T.Snapshot.load()
    with pytest.raises(TypeError):
        T.Policy(ledger_due_days=10)


def test_unknown_parameter_names_raise_value_error():
    for call in [lambda: T.Policy().value_at("ledger_days", YEAR_END), lambda: T.Policy().values(""),
                 lambda: T.Policy.default("Review_days")]:
        with pytest.raises(ValueError, match="unknown policy parameter"):
            call()


def test_the_result_types_cannot_be_built_or_changed_from_python(year_end_result):
    for cls in [T.Result, T.Decision, T.ItemState, T.Score, T.Assessment, T.Trigger, T.Text,
                T.GoodPracticeEntry, T.SupportRequestEntry]:
        with pytest.raises(TypeError):
            cls()
    with pytest.raises(AttributeError):
        year_end_result.items[0].status = T.ItemStatus.open


@pytest.mark.parametrize("cls", [T.Snapshot, T.Organization, T.Policy, T.Result, T.Decision, T.Score, T.Error])
@pytest.mark.parametrize("state", [None, 3, "x", (None,), (1, 2, 3), [None] * 21, ((("a",),),), {"a": 1}])
def test_a_forged_pickle_state_raises_instead_of_building_garbage(cls, state):
    obj = cls.__new__(cls)
    with pytest.raises((TypeError, ValueError)):
        obj.__setstate__(state)
