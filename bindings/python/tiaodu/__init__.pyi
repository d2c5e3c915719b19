# Type stub of the tiaodu package (the extension tiaodu._tiaodu, re-exported).
# tests/python/test_stub.py checks that it names exactly what the module has.
import builtins
import datetime
import enum
import os
from typing import Any, ClassVar, Iterable, Sequence

__version__: str

_Path = str | bytes | os.PathLike[str] | os.PathLike[bytes]
_FactValue = bool | int | float | str | datetime.date | list[str]

# --- enums (members named and valued as in spec/rules.md) -------------------

class OrgKind(enum.Enum):
    committee = "committee"
    general_branch = "general_branch"
    branch = "branch"

class DispatchForm(enum.Enum):
    on_site = "on_site"
    centralized = "centralized"

class CheckResult(enum.Enum):
    ok = "ok"
    problem = "problem"
    not_applicable = "not_applicable"

class UpdateStatus(enum.Enum):
    in_progress = "in_progress"
    reported_done = "reported_done"

class LookBackKind(enum.Enum):
    look_back = "look_back"
    spot_check = "spot_check"

class Finding(enum.Enum):
    rectified = "rectified"
    not_rectified = "not_rectified"
    superficial = "superficial"

class Category(enum.Enum):
    organization_building = "organization_building"
    development = "development"
    livelihood = "livelihood"
    superior_tasks = "superior_tasks"
    @property
    def zh(self) -> str: ...
    @property
    def en(self) -> str: ...
    @property
    def clause(self) -> str: ...

class CheckItem(enum.Enum):
    three_meetings_one_lesson = "three_meetings_one_lesson"
    dues_records = "dues_records"
    weak_org_rectification = "weak_org_rectification"
    lost_contact_members = "lost_contact_members"
    member_transfers = "member_transfers"
    election_materials = "election_materials"
    member_data_consistency = "member_data_consistency"
    fund_vouchers = "fund_vouchers"
    member_development = "member_development"
    organizational_life_meeting = "organizational_life_meeting"
    democratic_evaluation = "democratic_evaluation"
    themed_party_day = "themed_party_day"
    visits_condolences = "visits_condolences"
    archives_by_category = "archives_by_category"
    key_tasks = "key_tasks"
    leading_role = "leading_role"
    monthly_talk = "monthly_talk"
    livelihood_projects = "livelihood_projects"
    superior_assignments = "superior_assignments"
    @property
    def category(self) -> Category: ...
    @property
    def zh(self) -> str: ...
    @property
    def en(self) -> str: ...
    @property
    def clause(self) -> str: ...

class Rule(enum.Enum):
    missed_month = "missed_month"
    ledger_late = "ledger_late"
    ledger_missing = "ledger_missing"
    review = "review"
    admonishment_talk = "admonishment_talk"
    escalation = "escalation"
    accountability = "accountability"
    deduction = "deduction"
    unqualified_rating = "unqualified_rating"
    rating_risk = "rating_risk"
    @property
    def clause(self) -> str: ...

class EscalationLevel(enum.Enum):
    written_inquiry = "written_inquiry"
    talk = "talk"
    notice = "notice"

class TriggerKind(enum.Enum):
    neglect = "neglect"
    ledger_late = "ledger_late"
    ledger_missing = "ledger_missing"
    perfunctory = "perfunctory"

class RatingReason(enum.Enum):
    ineffective = "ineffective"
    long_unresolved = "long_unresolved"
    long_bottom = "long_bottom"

class ItemStatus(enum.Enum):
    open = "open"
    reported = "reported"
    rectified = "rectified"

# --- errors ----------------------------------------------------------------

class Error:
    """One problem in bad input (a record, not an exception)."""
    def __init__(self, path: str, code: str, message: str) -> None: ...
    @property
    def path(self) -> str: ...
    @property
    def code(self) -> str: ...
    @property
    def message(self) -> str: ...
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...

class ValidationError(ValueError):
    errors: list[Error]
    def __init__(self, errors: Iterable[Error] = ...) -> None: ...

# --- the snapshot (spec section 1) ------------------------------------------
# Keyword-only constructors; the fields without a default are required. A list field
# accepts a list (kept, shared) or a tuple (copied into a list) or None (absent).

class Secretary:
    id: str
    name: str
    def __init__(self, *, id: str, name: str) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class Organization:
    id: str
    name: str
    kind: OrgKind
    parent: str | None
    secretary: Secretary
    active_from: datetime.date | None
    active_until: datetime.date | None
    def __init__(
        self,
        *,
        id: str,
        name: str,
        kind: OrgKind,
        secretary: Secretary,
        parent: str | None = None,
        active_from: datetime.date | None = None,
        active_until: datetime.date | None = None,
    ) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class Check:
    item: CheckItem
    result: CheckResult
    note: str | None
    def __init__(self, *, item: CheckItem, result: CheckResult, note: str | None = None) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class SupportRequest:
    text: str
    superior_coordination: bool
    def __init__(self, *, text: str, superior_coordination: bool) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class Dispatch:
    id: str
    date: datetime.date
    end_date: datetime.date | None
    dispatcher: str
    department: str | None
    object: str
    form: DispatchForm
    checks: list[Check] | None
    situation: str | None
    opinion: str | None
    good_practices: list[str] | None
    support_requests: list[SupportRequest] | None
    def __init__(
        self,
        *,
        id: str,
        date: datetime.date,
        dispatcher: str,
        object: str,
        form: DispatchForm,
        end_date: datetime.date | None = None,
        department: str | None = None,
        checks: Sequence[Check] | None = None,
        situation: str | None = None,
        opinion: str | None = None,
        good_practices: Sequence[str] | None = None,
        support_requests: Sequence[SupportRequest] | None = None,
    ) -> None: ...
    def __eq__(self, other: builtins.object) -> bool: ...  # `object` is a field here
    __hash__: ClassVar[None]  # type: ignore[assignment]

class Update:
    date: datetime.date
    status: UpdateStatus
    note: str | None
    def __init__(self, *, date: datetime.date, status: UpdateStatus, note: str | None = None) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class Rectification:
    id: str
    dispatch: str
    seq: int
    item: CheckItem
    problem: str
    deadline: datetime.date
    remarks: str | None
    updates: list[Update] | None
    def __init__(
        self,
        *,
        id: str,
        dispatch: str,
        seq: int,
        item: CheckItem,
        problem: str,
        deadline: datetime.date,
        remarks: str | None = None,
        updates: Sequence[Update] | None = None,
    ) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class LedgerSubmission:
    dispatch: str
    date: datetime.date
    def __init__(self, *, dispatch: str, date: datetime.date) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class LookBack:
    id: str
    date: datetime.date
    rectification: str
    kind: LookBackKind
    finding: Finding
    note: str | None
    def __init__(
        self,
        *,
        id: str,
        date: datetime.date,
        rectification: str,
        kind: LookBackKind,
        finding: Finding,
        note: str | None = None,
    ) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class Snapshot:
    period_start: datetime.date | None
    organizations: list[Organization] | None
    dispatches: list[Dispatch] | None
    rectifications: list[Rectification] | None
    ledger_submissions: list[LedgerSubmission] | None
    look_backs: list[LookBack] | None
    def __init__(
        self,
        *,
        period_start: datetime.date | None = None,
        organizations: Sequence[Organization] | None = None,
        dispatches: Sequence[Dispatch] | None = None,
        rectifications: Sequence[Rectification] | None = None,
        ledger_submissions: Sequence[LedgerSubmission] | None = None,
        look_backs: Sequence[LookBack] | None = None,
    ) -> None: ...
    @staticmethod
    def from_json(text: str | bytes) -> Snapshot: ...
    @staticmethod
    def load(path: _Path) -> Snapshot: ...
    def to_json(self) -> str: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

# --- the policy (spec section 2) --------------------------------------------

class Policy:
    parameters: ClassVar[tuple[str, ...]]
    def __init__(self) -> None: ...
    @staticmethod
    def from_json(text: str | bytes) -> Policy: ...
    @staticmethod
    def load(path: _Path) -> Policy: ...
    @staticmethod
    def default(name: str) -> int | float: ...
    def to_json(self) -> str: ...
    def value_at(self, name: str, date: datetime.date) -> int | float: ...
    def values(self, name: str) -> list[tuple[datetime.date, int | float]]: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

# --- the result (spec sections 3, 4): read-only ------------------------------

class Trigger:
    @property
    def kind(self) -> TriggerKind: ...
    @property
    def date(self) -> datetime.date: ...
    @property
    def ref(self) -> str: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class Text:
    @property
    def zh(self) -> str: ...
    @property
    def en(self) -> str: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class Decision:
    @property
    def rule(self) -> Rule: ...
    @property
    def clause(self) -> str: ...
    @property
    def org(self) -> str: ...
    @property
    def month(self) -> str | None: ...
    @property
    def year(self) -> int | None: ...
    @property
    def dispatch(self) -> str | None: ...
    @property
    def item(self) -> str | None: ...
    @property
    def due(self) -> datetime.date | None: ...
    @property
    def submitted(self) -> datetime.date | None: ...
    @property
    def days_late(self) -> int | None: ...
    @property
    def reported_on(self) -> datetime.date | None: ...
    @property
    def overdue(self) -> bool | None: ...
    @property
    def conductor(self) -> str | None: ...
    @property
    def triggers(self) -> list[Trigger] | None: ...
    @property
    def person(self) -> str | None: ...
    @property
    def level(self) -> EscalationLevel | None: ...
    @property
    def items(self) -> list[str] | None: ...
    @property
    def points(self) -> int | None: ...
    @property
    def reasons(self) -> dict[str, _FactValue] | list[RatingReason]: ...
    @property
    def facts(self) -> dict[str, _FactValue]: ...
    @property
    def text(self) -> Text: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class ItemState:
    @property
    def id(self) -> str: ...
    @property
    def dispatch(self) -> str: ...
    @property
    def org(self) -> str: ...
    @property
    def status(self) -> ItemStatus: ...
    @property
    def deadline(self) -> datetime.date: ...
    @property
    def reported_on(self) -> datetime.date | None: ...
    @property
    def done_on(self) -> datetime.date | None: ...
    @property
    def overdue_days(self) -> int | None: ...
    @property
    def failed(self) -> bool: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class Score:
    @property
    def org(self) -> str: ...
    @property
    def month(self) -> str: ...
    @property
    def score(self) -> int: ...
    @property
    def rank(self) -> int: ...
    @property
    def peers(self) -> int: ...
    @property
    def bottom(self) -> bool: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class Assessment:
    @property
    def org(self) -> str: ...
    @property
    def year(self) -> int: ...
    @property
    def mean(self) -> float: ...
    @property
    def deductions(self) -> int: ...
    @property
    def final(self) -> float: ...
    @property
    def rank(self) -> int: ...
    @property
    def peers(self) -> int: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class GoodPracticeEntry:
    @property
    def org(self) -> str: ...
    @property
    def dispatch(self) -> str: ...
    @property
    def date(self) -> datetime.date: ...
    @property
    def text(self) -> str: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class SupportRequestEntry:
    @property
    def org(self) -> str: ...
    @property
    def dispatch(self) -> str: ...
    @property
    def date(self) -> datetime.date: ...
    @property
    def text(self) -> str: ...
    @property
    def superior_coordination(self) -> bool: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

class Result:
    @property
    def as_of(self) -> datetime.date: ...
    @property
    def policy(self) -> Policy: ...
    @property
    def decisions(self) -> Sequence[Decision]: ...
    @property
    def items(self) -> Sequence[ItemState]: ...
    @property
    def scores(self) -> Sequence[Score]: ...
    @property
    def assessments(self) -> Sequence[Assessment]: ...
    @property
    def good_practices(self) -> Sequence[GoodPracticeEntry]: ...
    @property
    def support_requests(self) -> Sequence[SupportRequestEntry]: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

# --- functions ----------------------------------------------------------------

def evaluate(
    snapshot: Snapshot,
    as_of: datetime.date,
    policy: Policy | None = None,
    *,
    threads: int = 1,
) -> Result: ...
def validate(snapshot: Snapshot) -> list[Error]: ...
