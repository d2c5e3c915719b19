"""The report and the sample's CSV against reviewed golden files, byte for byte, and the
report's coverage of every rule of spec section 3.3.

Regenerate the golden files with tests/cli/update-golden after an intended change.
"""
import difflib
import json

import pytest

from conftest import GOLDEN, SAMPLE, evaluate_json, run, sample_json

REPORTS = {
    "report-zh.txt": ["demo"],
    "report-en.txt": ["demo", "--lang", "en"],
    "report-zh-2023-06-30.txt": ["demo", "--as-of", "2023-06-30"],
}


def same_bytes(name, actual):
    expected = (GOLDEN / name).read_bytes()
    if actual != expected:
        diff = difflib.unified_diff(expected.decode("utf-8", "replace").splitlines(),
                                    actual.decode("utf-8", "replace").splitlines(),
                                    "golden/" + name, "actual", lineterm="", n=1)
        pytest.fail("differs from golden/%s (tests/cli/update-golden regenerates it):\n%s"
                    % (name, "\n".join(list(diff)[:40])))


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_report_matches_golden(name):
    p = run(*REPORTS[name])
    assert p.returncode == 0, p.stderr
    same_bytes(name, p.stdout)


def test_sample_csv_matches_golden(tmp_path):
    p = run("forms", SAMPLE, "--as-of", "2023-12-31", "--out", tmp_path)
    assert p.returncode == 0, p.stderr
    same_bytes("sample-a1.csv", (tmp_path / "a1.csv").read_bytes())
    same_bytes("sample-a2.csv", (tmp_path / "a2.csv").read_bytes())


# Each rule's label in the report (cli/report.cpp); escalation shows its level.
LABELS = {
    "missed_month": ("未调度月份", "missed months"),
    "ledger_late": ("台账逾期报送", "ledger late"),
    "ledger_missing": ("台账未报送", "ledger missing"),
    "review": ("待复核", "review due"),
    "admonishment_talk": ("诫勉约谈", "admonishment talk"),
    "accountability": ("追究责任", "accountability"),
    "deduction": ("年终考评扣分", "deduction"),
    "unqualified_rating": ("评定为不合格", "rated unqualified"),
    "rating_risk": ("评级风险", "rating risk"),
}
LEVELS = {"written_inquiry": ("函询", "written inquiry"), "talk": ("约谈", "talk"),
          "notice": ("通报", "notice")}


ALL_RULES = {"missed_month", "ledger_late", "ledger_missing", "review", "admonishment_talk",
             "escalation", "accountability", "deduction", "unqualified_rating", "rating_risk"}

# demo's default date (cli/commands.hpp kSampleAsOf, docs/cli.md): the sample's last day,
# the town's meeting at the end of January 2024.
DEMO_AS_OF = "2024-01-31"
# The as-of date and language of each golden report.
REPORT_DATES = {"report-zh.txt": (DEMO_AS_OF, "zh"), "report-en.txt": (DEMO_AS_OF, "en"),
                "report-zh-2023-06-30.txt": ("2023-06-30", "zh")}


def report_lines(as_of, lang):
    p = run("demo", "--as-of", as_of, "--lang", lang)
    assert p.returncode == 0
    return p.stdout.decode().splitlines()


def rules_on_their_lines(as_of, lines, lang):
    """Asserts that each decision of the sample at as_of is on a line of the report that
    starts with its clause id and names its rule (its level, for an escalation); returns
    the rules seen."""
    k = 0 if lang == "zh" else 1
    seen = set()
    for d in evaluate_json(SAMPLE, as_of)["decisions"]:
        seen.add(d["rule"])
        if d["rule"] == "missed_month":
            # One line per organization lists its missed months.
            want = [l for l in lines if LABELS["missed_month"][k] in l and d["month"] in l]
        else:
            label = LEVELS[d["level"]][k] if d["rule"] == "escalation" else LABELS[d["rule"]][k]
            want = [l for l in lines if d["text"][lang] in l and label in l]
        assert want, (as_of, d["rule"], d["org"])
        assert want[0].startswith("  [%s]" % d["clause"]), want[0]
    return seen


@pytest.mark.parametrize("name", sorted(REPORT_DATES))
def test_every_decision_is_in_its_report_on_a_line_with_its_clause(name):
    as_of, lang = REPORT_DATES[name]
    p = run(*REPORTS[name])
    assert p.returncode == 0, p.stderr
    rules_on_their_lines(as_of, p.stdout.decode().splitlines(), lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_default_demo_report_alone_shows_every_rule(lang):
    """`tiaodu demo` as it is, without --as-of: at 2024-01-31 the closed year 2023 has its
    decisions (unqualified_rating among them) and the running year 2024 its rating_risk
    (spec 3.3: D before 2024-12-31), so all ten rules of spec 3.3 are in one report."""
    p = run(*(["demo", "--lang", "en"] if lang == "en" else ["demo"]))
    assert p.returncode == 0, p.stderr
    lines = p.stdout.decode().splitlines()
    assert lines[1].startswith("截至 %s" % DEMO_AS_OF if lang == "zh" else "As of %s" % DEMO_AS_OF), lines[1]
    assert rules_on_their_lines(DEMO_AS_OF, lines, lang) == ALL_RULES


def test_report_lists_overdue_items_talk_conductors_ranking_and_requests():
    result = evaluate_json(SAMPLE, "2023-12-31")
    text = "\n".join(report_lines("2023-12-31", "zh"))
    problems = {r["id"]: r["problem"] for r in sample_json()["rectifications"]}
    overdue = [i for i in result["items"] if i.get("overdue_days")]
    assert overdue
    for i in overdue:
        assert "%s「%s」整改时限 %s，逾期 %d 天" % (i["id"], problems[i["id"]], i["deadline"],
                                             i["overdue_days"]) in text
    names = {o["id"]: o["name"] for o in sample_json()["organizations"]}
    for d in result["decisions"]:
        if d["rule"] == "admonishment_talk":
            assert names[d["conductor"]] in text
    ranking = text[text.index("2023-12 月度排名（5.3）"):]
    for s in result["scores"]:
        if s["month"] == "2023-12":
            assert names[s["org"]] in ranking
    # Support requests: those that need a superior's coordination, and only those.
    coordination = {s["text"] for s in result["support_requests"] if s["superior_coordination"]}
    assert coordination
    for s in result["support_requests"]:
        assert (s["text"] in text) == (s["text"] in coordination), s
    for g in result["good_practices"]:
        assert g["text"] in text
    for o in sample_json()["organizations"][1:]:
        assert "■ %s（%s）" % (o["name"], o["id"]) in text
