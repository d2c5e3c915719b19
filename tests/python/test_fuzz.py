"""Random input from Python: malformed JSON and values of every type, everywhere.

Nothing a caller passes may crash the process (a crash fails this whole file) or raise
anything but the documented exceptions: ValidationError for bad documents and models,
TypeError for wrong types, ValueError for bad values, OSError for unreadable files.
Stdlib `random` with a fixed seed, so a failure is reproducible: the message names the
seed and round; TIAODU_FUZZ_SEED and TIAODU_FUZZ_ROUNDS change them.
"""

import datetime
import json
import os
import random

import pytest

import tiaodu
from conftest import DATA, SAMPLE, tiny_snapshot

T = tiaodu
SEED = int(os.environ.get("TIAODU_FUZZ_SEED", "20230213"))  # the notice's date
ROUNDS = int(os.environ.get("TIAODU_FUZZ_ROUNDS", "500"))

SNAPSHOTS = [SAMPLE, *sorted((DATA / "valid").glob("*.json"))]
POLICIES = sorted((DATA / "valid-policy").glob("*.json"))

ALPHABET = '{}[]":,.-+0123456789eEtrufalsn \t\n\\/u' + "镇党委\u00e9\u2028\U0001f600\x00\x7f"

ODD_VALUES = [
    None, True, False, 0, -1, 1, 2 ** 31, 2 ** 63, -(2 ** 63) - 1, 10 ** 400, 1.5, -0.0, 1e308, 1e-320,
    "", " ", "x" * 5000, "2023-02-30", "2023-2-3", "1399-12-31", "9900-01-01", "2023-12-31T00:00",
    "committee", "problem", "town", "b-xiaping", "\u0000", "\ud800", [], [None], [[[]]], {}, {"x": 1},
    {"format": "tiaodu/1"},
]


def mutate_text(rng, text):
    n = len(text)
    i, j = sorted(rng.randrange(n + 1) for _ in range(2))
    op = rng.randrange(6)
    if op == 0:
        return text[:i] + text[j:]                                   # delete a span
    if op == 1:
        return text[:i] + "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(1, 8))) + text[i:]
    if op == 2:
        return text[:i] + text[i:j] + text[i:]                       # duplicate a span
    if op == 3:
        return text[:i]                                              # truncate
    if op == 4:
        return text[:i] + rng.choice(ALPHABET) + text[i + 1:]         # replace a character
    return "[" * rng.randrange(1, 200) + text                        # nesting


def nodes(value, path=()):
    yield path, value
    if isinstance(value, dict):
        for k, v in value.items():
            yield from nodes(v, path + (k,))
    elif isinstance(value, list):
        for k, v in enumerate(value):
            yield from nodes(v, path + (k,))


def mutate_tree(rng, doc):
    """Changes one random place of a parsed document: a value of another type, a
    removed or unknown key, a duplicated or dropped element, an id from elsewhere."""
    places = list(nodes(doc))
    path, _ = rng.choice(places[1:]) if len(places) > 1 else places[0]
    if not path:
        return rng.choice(ODD_VALUES)
    parent = doc
    for k in path[:-1]:
        parent = parent[k]
    key = path[-1]
    op = rng.randrange(5)
    strings = [v for _, v in places if isinstance(v, str)]
    if op == 0:
        parent[key] = rng.choice(ODD_VALUES)
    elif op == 1 and strings:
        parent[key] = rng.choice(strings)             # an id, a date, an enum value from elsewhere
    elif op == 2:
        if isinstance(parent, dict):
            del parent[key]
        else:
            parent.pop(key)
    elif op == 3 and isinstance(parent, list):
        parent.insert(key, json.loads(json.dumps(parent[key])))  # a duplicate (ids, checks, seq)
    elif isinstance(parent, dict):
        parent[rng.choice(["situaton", "id", "x", ""])] = rng.choice(ODD_VALUES)
    else:
        parent[key] = rng.choice(ODD_VALUES)
    return doc


def random_date(rng):
    return datetime.date(2022, 1, 1) + datetime.timedelta(days=rng.randrange(3 * 366))


def check_downstream(rng, snapshot):
    """A snapshot that was read is valid: everything downstream must simply work."""
    result = T.evaluate(snapshot, random_date(rng))
    assert T.Snapshot.from_json(snapshot.to_json()) == snapshot
    assert json.loads(result.to_json())["format"] == "tiaodu-result/1"
    for d in result.decisions:
        d.reasons, d.facts, d.text.en  # noqa: B018 - read every converted field


def fail(kind, round_, text, error):
    pytest.fail(f"{kind} round {round_} (TIAODU_FUZZ_SEED={SEED}): {type(error).__name__}: {error}\n"
                f"input: {text[:2000]!r}", pytrace=False)


def test_malformed_snapshots_raise_validation_error_only():
    rng = random.Random(SEED)
    bases = [p.read_text(encoding="utf-8") for p in SNAPSHOTS]
    outcomes = {"invalid": 0, "valid": 0}
    for round_ in range(ROUNDS):
        base = rng.choice(bases)
        text = mutate_text(rng, base) if rng.random() < 0.4 else json.dumps(
            mutate_tree(rng, json.loads(base)), ensure_ascii=rng.random() < 0.5)
        try:
            snapshot = T.Snapshot.from_json(text.encode("utf-8", "surrogatepass") if rng.random() < 0.3 else text)
        except T.ValidationError as e:
            outcomes["invalid"] += 1
            if not e.errors or not all(x.code and isinstance(x.path, str) and x.message for x in e.errors):
                fail("snapshot", round_, text, e)
            continue
        except UnicodeEncodeError:
            outcomes["invalid"] += 1  # a lone surrogate in a str cannot even be passed as UTF-8
            continue
        except Exception as e:  # noqa: BLE001
            fail("snapshot", round_, text, e)
        outcomes["valid"] += 1
        try:
            check_downstream(rng, snapshot)
        except Exception as e:  # noqa: BLE001
            fail("evaluating a valid snapshot, ", round_, text, e)
    # Both paths were exercised many times.
    assert outcomes["invalid"] > ROUNDS // 4 and outcomes["valid"] > ROUNDS // 20, outcomes


def test_malformed_policies_raise_validation_error_only(sample):
    rng = random.Random(SEED + 1)
    bases = [p.read_text(encoding="utf-8") for p in POLICIES]
    valid = 0
    for round_ in range(ROUNDS):
        base = rng.choice(bases)
        text = mutate_text(rng, base) if rng.random() < 0.4 else json.dumps(mutate_tree(rng, json.loads(base)))
        try:
            policy = T.Policy.from_json(text)
        except T.ValidationError as e:
            if not e.errors:
                fail("policy", round_, text, e)
            continue
        except Exception as e:  # noqa: BLE001
            fail("policy", round_, text, e)
        valid += 1
        try:
            assert T.Policy.from_json(policy.to_json()) == policy
            T.evaluate(sample, random_date(rng), policy).to_json()
        except Exception as e:  # noqa: BLE001
            fail("evaluating with a valid policy, ", round_, text, e)
    assert valid > 0


MODEL_CLASSES = [T.Snapshot, T.Organization, T.Secretary, T.Dispatch, T.Check, T.SupportRequest,
                 T.Rectification, T.Update, T.LedgerSubmission, T.LookBack]


def odd_python_values():
    s = tiny_snapshot()
    return [
        None, 0, 1, -5, 2 ** 64, True, 1.5, float("nan"), "", "b-1", "\ud800", b"b-1", bytearray(b"x"),
        [], [None], ["x"], (), {}, set(), object(), len, type, ...,
        datetime.date(2023, 3, 1), datetime.datetime(2023, 3, 1), datetime.date(1, 1, 1), datetime.date.max,
        datetime.timedelta(1), T.OrgKind.branch, T.CheckItem.dues_records, T.CheckResult.problem,
        T.Finding.superficial, T.UpdateStatus.reported_done, T.LookBackKind.spot_check, T.DispatchForm.on_site,
        s.organizations[0], s.organizations[0].secretary, s.dispatches[0], s.dispatches[0].checks[0],
        s.rectifications[0], [s.organizations[0]], (s.organizations[1],), [s.dispatches[0].checks[0]],
        T.Policy(), T.Snapshot(),
    ]


TOP_LISTS = ["organizations", "dispatches", "rectifications", "ledger_submissions", "look_backs"]


def records_of(s):
    """The model objects in a (possibly mangled) snapshot: some of each kind."""
    model = tuple(MODEL_CLASSES)
    out = [s]
    for name in TOP_LISTS:
        out += [x for x in (getattr(s, name) or [])[:10] if isinstance(x, model)]
    for x in list(out):
        for name in ("checks", "support_requests", "updates"):
            out += [y for y in (getattr(x, name, None) or []) if isinstance(y, model)]
        if isinstance(x, T.Organization) and isinstance(x.secretary, T.Secretary):
            out.append(x.secretary)
    return out


def fields_of(obj):
    return [n for n in dir(type(obj)) if not n.startswith("_") and isinstance(getattr(type(obj), n), property)]


def test_any_value_in_any_field_raises_or_is_kept():
    rng = random.Random(SEED + 2)
    values = odd_python_values()
    kept = refused = 0
    for round_ in range(ROUNDS):
        if round_ % 50 == 0:
            s = T.Snapshot.load(SAMPLE)  # a fresh one now and then, so changes do not pile up forever
        records = records_of(s)
        obj = rng.choice(records)
        name = rng.choice(fields_of(obj))
        value = rng.choice(values)
        try:
            setattr(obj, name, value)
        except (TypeError, ValueError, OverflowError):
            refused += 1
        except Exception as e:  # noqa: BLE001
            fail(f"{type(obj).__name__}.{name} = ", round_, repr(value), e)
        else:
            kept += 1
            got = getattr(obj, name)
            assert got == value or got is value or (isinstance(value, tuple) and got == list(value)), (name, value)
        if rng.random() < 0.1:
            lists = [getattr(s, n) for n in TOP_LISTS] + [x.checks for x in records if isinstance(x, T.Dispatch)]
            lists = [x for x in lists if x is not None]
            if lists:
                rng.choice(lists).append(rng.choice(values))  # junk straight into a list
        if round_ % 10 == 9:
            for call in (T.validate, lambda x: T.evaluate(x, random_date(rng)), lambda x: x.to_json(),
                         lambda x: x == T.Snapshot.load(SAMPLE)):
                try:
                    call(s)
                except (T.ValidationError, TypeError):
                    pass
                except Exception as e:  # noqa: BLE001
                    fail("using a changed snapshot, ", round_, repr(s), e)
    assert kept > 0 and refused > 0


def test_any_value_as_any_argument_raises_or_works(year_end_result):
    rng = random.Random(SEED + 3)
    values = odd_python_values() + [SAMPLE, str(SAMPLE), "/nonexistent/x.json", "", slice(None, None, -1),
                                    slice(0, 10 ** 30, 7), slice(None, None, 0), -1, 10 ** 30, -(10 ** 30)]
    r = year_end_result
    calls = [
        lambda a, b, c: T.evaluate(a, b, c), lambda a, b, c: T.evaluate(T.Snapshot.load(SAMPLE), a, b),
        lambda a, b, c: T.evaluate(a, datetime.date(2023, 12, 31), threads=b), lambda a, b, c: T.validate(a),
        lambda a, b, c: T.Snapshot.from_json(a), lambda a, b, c: T.Snapshot.load(a), lambda a, b, c: T.Policy.load(a),
        lambda a, b, c: T.Policy.from_json(a), lambda a, b, c: T.Policy().value_at(a, b),
        lambda a, b, c: T.Policy().values(a), lambda a, b, c: T.Policy.default(a),
        lambda a, b, c: r.decisions[a], lambda a, b, c: r.items[a], lambda a, b, c: r.scores.index(a),
        lambda a, b, c: a in r.assessments, lambda a, b, c: r.decisions == a, lambda a, b, c: r == a,
        lambda a, b, c: T.Error(a, b, c), lambda a, b, c: T.ValidationError(a) if isinstance(a, list) else None,
        lambda a, b, c: T.Secretary(id=a, name=b), lambda a, b, c: T.Check(item=a, result=b, note=c),
        lambda a, b, c: T.Snapshot(organizations=a, dispatches=b, period_start=c),
        lambda a, b, c: T.OrgKind(a) if isinstance(a, str) else None,
    ]
    allowed = (TypeError, ValueError, IndexError, OverflowError, OSError)  # ValidationError is a ValueError
    for round_ in range(ROUNDS * 3):
        call = rng.choice(calls)
        args = [rng.choice(values) for _ in range(3)]
        try:
            call(*args)
        except allowed:
            pass
        except Exception as e:  # noqa: BLE001
            fail("call with ", round_, repr(args), e)
