"""tiaodu — the Xilian monthly-dispatch policy (韶武西委〔2023〕15号), executable.

Load a town's snapshot, evaluate it at a date, read the decisions::

    import datetime, tiaodu
    snapshot = tiaodu.Snapshot.load("examples/sample-town.json")
    result = tiaodu.evaluate(snapshot, datetime.date(2023, 12, 31))
    for d in result.decisions:
        print(d.rule, d.org, d.text.en)

The names are the spec's (spec/rules.md); docs/python.md is the tutorial.
"""

from ._tiaodu import (
    Assessment,
    Category,
    Check,
    CheckItem,
    CheckResult,
    Decision,
    Dispatch,
    DispatchForm,
    Error,
    EscalationLevel,
    Finding,
    GoodPracticeEntry,
    ItemState,
    ItemStatus,
    LedgerSubmission,
    LookBack,
    LookBackKind,
    Organization,
    OrgKind,
    Policy,
    RatingReason,
    Rectification,
    Result,
    Rule,
    Score,
    Secretary,
    Snapshot,
    SupportRequest,
    SupportRequestEntry,
    Text,
    Trigger,
    TriggerKind,
    Update,
    UpdateStatus,
    ValidationError,
    __version__,
    evaluate,
    validate,
)

__all__ = [
    "Assessment",
    "Category",
    "Check",
    "CheckItem",
    "CheckResult",
    "Decision",
    "Dispatch",
    "DispatchForm",
    "Error",
    "EscalationLevel",
    "Finding",
    "GoodPracticeEntry",
    "ItemState",
    "ItemStatus",
    "LedgerSubmission",
    "LookBack",
    "LookBackKind",
    "Organization",
    "OrgKind",
    "Policy",
    "RatingReason",
    "Rectification",
    "Result",
    "Rule",
    "Score",
    "Secretary",
    "Snapshot",
    "SupportRequest",
    "SupportRequestEntry",
    "Text",
    "Trigger",
    "TriggerKind",
    "Update",
    "UpdateStatus",
    "ValidationError",
    "evaluate",
    "validate",
]
