"""Shared fixtures of the Python tests (tests/python.cmake runs them under CTest).

Environment (set by tests/python.cmake): PYTHONPATH=<build>/bindings/python, so
`import tiaodu` is the module just built; TIAODU_SOURCE_DIR, the repository;
TIAODU_CLI, the `tiaodu` command of the same build.
"""

import datetime
import os
import pathlib

import pytest

import tiaodu

SOURCE_DIR = pathlib.Path(os.environ.get("TIAODU_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
SAMPLE = SOURCE_DIR / "examples" / "sample-town.json"
DATA = SOURCE_DIR / "tests" / "data"
# The two dates of tests/data/expected: mid-year (the year open) and year end.
MID_YEAR = datetime.date(2023, 6, 30)
YEAR_END = datetime.date(2023, 12, 31)


@pytest.fixture
def sample():
    """The sample town, freshly read (tests may change it)."""
    return tiaodu.Snapshot.load(SAMPLE)


@pytest.fixture(scope="session")
def sample_text():
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def year_end_result():
    return tiaodu.evaluate(tiaodu.Snapshot.load(SAMPLE), YEAR_END)


@pytest.fixture(scope="session")
def mid_year_result():
    return tiaodu.evaluate(tiaodu.Snapshot.load(SAMPLE), MID_YEAR)


def tiny_snapshot():
    """A small valid town built in Python: root, one branch, one dispatch with a problem
    and its ledger row."""
    T = tiaodu
    return T.Snapshot(
        organizations=[
            T.Organization(id="town", name="镇党委", kind=T.OrgKind.committee,
                           secretary=T.Secretary(id="p-1", name="周")),
            T.Organization(id="b-1", name="一支部", kind=T.OrgKind.branch, parent="town",
                           secretary=T.Secretary(id="p-2", name="何")),
        ],
        dispatches=[
            T.Dispatch(id="d-1", date=datetime.date(2023, 3, 10), dispatcher="town", object="b-1",
                       form=T.DispatchForm.on_site,
                       checks=[T.Check(item=T.CheckItem.dues_records, result=T.CheckResult.problem)]),
        ],
        rectifications=[
            T.Rectification(id="r-1", dispatch="d-1", seq=1, item=T.CheckItem.dues_records,
                            problem="党费记录不全", deadline=datetime.date(2023, 4, 10)),
        ],
    )


@pytest.fixture
def tiny():
    return tiny_snapshot()
