"""The files of `tiaodu forms`: the XLSX read back cell by cell, the CSV parsed, the HTML
parsed; malicious strings stay inert text in all three; no dispatch id can make a file
appear outside --out."""
import csv
import html.parser
import io
import json
import re
import zipfile
from xml.etree import ElementTree

import pytest

from conftest import SAMPLE, run, sample_json

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
AS_OF = "2023-12-31"


# --- reading the outputs back -------------------------------------------------------

class Workbook:
    """The sheets of an .xlsx, as {sheet name: {cell ref: (text, style index, type)}}."""

    def __init__(self, path):
        self.zip = zipfile.ZipFile(path)
        root = ElementTree.fromstring(self.zip.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(self.zip.read("xl/_rels/workbook.xml.rels"))
        target = {r.get("Id"): r.get("Target") for r in rels}
        shared = []
        if "xl/sharedStrings.xml" in self.zip.namelist():
            for si in ElementTree.fromstring(self.zip.read("xl/sharedStrings.xml")).findall("m:si", NS):
                text = "".join(t.text or "" for t in si.iter("{%s}t" % NS["m"]))
                # OOXML escapes characters XML cannot carry as _xHHHH_ (ECMA-376 ST_Xstring).
                shared.append(re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), text))
        self.shared = shared
        self.names = [s.get("name") for s in root.find("m:sheets", NS)]
        self.xml = {}
        self.cells = {}
        for s in root.find("m:sheets", NS):
            raw = self.zip.read("xl/" + target[s.get(REL)]).decode()
            self.xml[s.get("name")] = raw
            cells = {}
            for c in ElementTree.fromstring(raw).iter("{%s}c" % NS["m"]):
                v = c.find("m:v", NS)
                text = shared[int(v.text)] if c.get("t") == "s" and v is not None else (
                    v.text if v is not None else None)
                cells[c.get("r")] = (text, int(c.get("s", "0")), c.get("t"))
            self.cells[s.get("name")] = cells
        styles = ElementTree.fromstring(self.zip.read("xl/styles.xml"))
        fonts = styles.find("m:fonts", NS)
        self.bold_fonts = {i for i, f in enumerate(fonts) if f.find("m:b", NS) is not None}
        self.xf_font = [int(x.get("fontId", "0")) for x in styles.find("m:cellXfs", NS)]

    def bold(self, sheet, ref):
        return self.xf_font[self.cells[sheet][ref][1]] in self.bold_fonts

    def text(self, sheet, ref):
        return self.cells[sheet].get(ref, (None,))[0]


def read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM"
    text = raw[3:].decode("utf-8")
    assert text.endswith("\r\n")
    return list(csv.reader(io.StringIO(text, newline="")))


class Tags(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.text = set(), [], []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data):
        self.text.append(data)


def parse_html(path):
    p = Tags()
    p.feed(path.read_text(encoding="utf-8"))
    return p


# --- the sample ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample_forms(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample")
    p = run("forms", SAMPLE, "--as-of", AS_OF, "--out", out)
    assert p.returncode == 0, p.stderr
    return out


def expected_pages():
    s = sample_json()
    with_rows = {r["dispatch"] for r in s["rectifications"]}
    # Only the dispatches that exist at AS_OF (the sample goes on into January 2024).
    existing = [d for d in s["dispatches"] if d["date"] <= AS_OF]
    order = sorted(existing, key=lambda d: (d["date"], d["id"]))
    pages = []
    for d in order:
        pages.append(("A1", d["id"]))
        if d["id"] in with_rows:
            pages.append(("A2", d["id"]))
    return pages


def test_one_sheet_per_form_in_print_order(sample_forms):
    wb = Workbook(sample_forms / "forms.xlsx")
    assert wb.names == ["%s %s" % p for p in expected_pages()]
    assert len(set(n.lower() for n in wb.names)) == len(wb.names)
    assert all(len(n) <= 31 for n in wb.names)


def test_no_cell_is_a_formula(sample_forms):
    wb = Workbook(sample_forms / "forms.xlsx")
    for name, xml in wb.xml.items():
        assert "<f>" not in xml and "<f " not in xml, name
        assert all(t == "s" for _, _, t in wb.cells[name].values() if t is not None), name


def test_a2_sheet_cells_read_back(sample_forms):
    wb = Workbook(sample_forms / "forms.xlsx")
    sheet = "A2 d-2023-05-xiaping"
    assert wb.text(sheet, "A1") == "附件2"
    assert wb.text(sheet, "A2") == "基层党建工作问题台账整改情况"
    assert [wb.text(sheet, c + "4") for c in "ABCDE"] == ["序号", "具体问题", "整改时限", "整改情况", "备注"]
    assert all(wb.bold(sheet, c + "4") for c in "ABCDE")  # header row bold
    assert not wb.bold(sheet, "B5")
    # Frozen below the header row; column widths set.
    assert re.search(r'<pane ySplit="4" topLeftCell="A5" activePane="bottomLeft" state="frozen"/>',
                     wb.xml[sheet])
    assert re.search(r'<col min="2" max="2" width="[0-9.]+" customWidth="1"/>', wb.xml[sheet])
    rows = sorted((r for r in sample_json()["rectifications"] if r["dispatch"] == "d-2023-05-xiaping"),
                  key=lambda r: r["seq"])
    statuses = {r[3]: r[6] for r in read_csv(sample_forms / "a2.csv")[1:]}
    for k, r in enumerate(rows):
        n = str(5 + k)
        assert wb.text(sheet, "A" + n) == str(r["seq"])
        assert wb.text(sheet, "B" + n) == r["problem"]
        assert wb.text(sheet, "C" + n) == r["deadline"]
        assert wb.text(sheet, "D" + n) == statuses[r["id"]]  # the same status as the CSV
        assert wb.text(sheet, "E" + n) == r.get("remarks")
    note = wb.text(sheet, "A%d" % (5 + len(rows)))
    assert note.startswith("注：请将此表于调度结束 15 日内纸质版报送镇党委")
    assert "应于 2023-06-01 前报送" in note  # end 2023-05-17 + 15


def test_a1_sheet_cells_read_back(sample_forms):
    wb = Workbook(sample_forms / "forms.xlsx")
    sheet = "A1 d-2023-05-xiaping"
    d = next(x for x in sample_json()["dispatches"] if x["id"] == "d-2023-05-xiaping")
    assert wb.text(sheet, "A2") == "基层党组织调度工作记录表"
    assert [wb.text(sheet, "A%d" % r) for r in range(3, 8)] == [
        "调度部门", "调度对象", "调度内容", "调度情况", "调度对象（党组织）意见"]
    assert all(wb.bold(sheet, "A%d" % r) for r in range(3, 8))
    assert wb.text(sheet, "B3") == d["department"]
    assert wb.text(sheet, "D3") == "2023年5月16日至5月17日（现场调度）"
    assert wb.text(sheet, "B4") == "中共东岭镇下坪村支部委员会"
    for c in d["checks"]:
        if c.get("note"):
            assert c["note"] in wb.text(sheet, "B5")
    assert wb.text(sheet, "B6").startswith(d["situation"])
    assert wb.text(sheet, "B6").endswith("年\u3000\u3000月\u3000\u3000日")
    assert "一式两份" in wb.text(sheet, "A8")
    assert re.search(r'<pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/>',
                     wb.xml[sheet])


def test_csv_records(sample_forms):
    s = sample_json()
    a1 = read_csv(sample_forms / "a1.csv")
    a2 = read_csv(sample_forms / "a2.csv")
    assert a1[0][:3] == ["调度编号", "调度部门", "调度时间"]
    existing = {d["id"] for d in s["dispatches"] if d["date"] <= AS_OF}
    assert len(a1) - 1 == len(existing) < len(s["dispatches"])
    assert sorted(r[0] for r in a1[1:]) == sorted(existing)
    assert a2[0][6] == "整改情况（截至 2023-12-31）"
    assert len(a2) - 1 == len([r for r in s["rectifications"] if r["dispatch"] in existing])
    by_id = {r["id"]: r for r in s["rectifications"]}
    for row in a2[1:]:
        assert row[4] == by_id[row[3]]["problem"]
        assert row[5] == by_id[row[3]]["deadline"]


def test_html_one_page_per_form(sample_forms):
    text = (sample_forms / "forms.html").read_text(encoding="utf-8")
    assert text.count('<section class="page') == len(expected_pages())
    assert '<html lang="zh-CN">' in text and '<meta charset="utf-8">' in text


def test_default_as_of_is_the_latest_recorded_date(tmp_path):
    p = run("forms", SAMPLE, "--out", tmp_path, "--dispatch", "d-2023-12-xiaping")
    assert p.returncode == 0
    assert read_csv(tmp_path / "a2.csv")[0][6] == "整改情况（截至 2024-01-30）"


def test_policy_sets_the_ledger_due_date(tmp_path):
    pol = tmp_path / "p.json"
    pol.write_text(json.dumps({"format": "tiaodu-policy/1",
                               "parameters": {"ledger_due_days": [{"from": "2023-01-01", "value": 10}]}}))
    p = run("forms", SAMPLE, "--out", tmp_path / "o", "--dispatch", "d-2023-05-xiaping",
            "--policy", pol, "--as-of", AS_OF)
    assert p.returncode == 0, p.stderr
    rows = read_csv(tmp_path / "o" / "a2.csv")[1:]
    assert {r[8] for r in rows} == {"2023-05-27"}  # end 05-17 + 10
    assert "请将此表于调度结束 10 日内" in (tmp_path / "o" / "forms.html").read_text(encoding="utf-8")


# --- malicious input ------------------------------------------------------------------

EVIL = [
    "<script>alert(1)</script>",
    '=HYPERLINK("http://evil.example/","click")',
    "+1+1",
    "-1+1",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
]
EVIL_IDS = ["../../evil", "a/b\\c:d*e?f[g]h'", "../" * 12 + "etc/evil", "History", "x" * 40, "X" * 40 + "y"]


def evil_town():
    orgs = [{"id": "town", "name": "镇 <b>&amp;\"'", "kind": "committee", "secretary": {"id": "p0", "name": "P"}},
            {"id": "b", "name": "</td></tr></table><img src=x onerror=alert(1)>", "kind": "branch",
             "parent": "town", "secretary": {"id": "p1", "name": "<i>q</i>"}}]
    dispatches, rects = [], []
    for k, did in enumerate(EVIL_IDS):
        dispatches.append({
            "id": did, "date": "2023-05-%02d" % (k + 1), "dispatcher": "town", "object": "b",
            "department": "<script>document.cookie</script>", "form": "on_site",
            "checks": [{"item": "dues_records", "result": "problem", "note": "<img src=x onerror=alert(2)>"}],
            "situation": "</td></tr></table><script>alert(3)</script>",
            "opinion": "=1+1", "good_practices": ["<u>gp</u>"],
            "support_requests": [{"text": "@help", "superior_coordination": True}]})
        for seq, text in enumerate(EVIL, 1):
            rects.append({"id": "r-%d-%d" % (k, seq), "dispatch": did, "seq": seq, "item": "dues_records",
                          "problem": text, "deadline": "2023-06-30", "remarks": EVIL[-seq]})
    return {"format": "tiaodu/1", "organizations": orgs, "dispatches": dispatches, "rectifications": rects}


@pytest.fixture(scope="module")
def evil_forms(tmp_path_factory):
    base = tmp_path_factory.mktemp("evil")
    cwd = base / "work" / "deep"
    cwd.mkdir(parents=True)
    src = base / "town.json"
    src.write_text(json.dumps(evil_town()), encoding="utf-8")
    p = run("forms", src, "--out", "out", "--as-of", AS_OF, cwd=cwd)
    assert p.returncode == 0, p.stderr
    return base, cwd / "out"


def test_ids_cannot_lead_a_file_outside_out(evil_forms):
    base, out = evil_forms
    files = sorted(str(p.relative_to(base)) for p in base.rglob("*") if p.is_file())
    assert files == ["town.json"] + ["work/deep/out/" + n for n in
                                     sorted(["forms.html", "a1.csv", "a2.csv", "forms.xlsx"])]
    assert not list(base.parent.rglob("evil")), "nothing named after an id was written"


def test_html_shows_malicious_strings_as_text(evil_forms):
    _, out = evil_forms
    parsed = parse_html(out / "forms.html")
    assert parsed.tags <= {"html", "head", "meta", "title", "style", "body", "section", "div", "span",
                           "h1", "table", "colgroup", "col", "tr", "th", "td", "p", "br", "thead",
                           "tbody"}, parsed.tags
    assert all(not name.startswith("on") for name, _ in parsed.attrs)
    text = "".join(parsed.text)
    for s in EVIL[:2] + ["</td></tr></table><img src=x onerror=alert(1)>", "<script>alert(3)</script>",
                         "<img src=x onerror=alert(2)>", "../../evil", "<script>document.cookie</script>"]:
        assert s in text, s


def test_csv_cells_are_neutralized(evil_forms):
    _, out = evil_forms
    for name in ["a1.csv", "a2.csv"]:
        for row in read_csv(out / name):
            for cell in row:
                assert not cell[:1] in ("=", "+", "-", "@", "\t", "\r"), (name, cell)
    problems = [r[4] for r in read_csv(out / "a2.csv")[1:]]
    for s in EVIL:
        expected = "'" + s if s[0] in "=+-@\t\r" else s
        assert problems.count(expected) == len(EVIL_IDS), s
    opinions = [r[9] for r in read_csv(out / "a1.csv")[1:]]
    assert set(opinions) == {"'=1+1"}


def test_xlsx_keeps_malicious_strings_as_string_cells(evil_forms):
    _, out = evil_forms
    wb = Workbook(out / "forms.xlsx")
    assert len(wb.names) == 2 * len(EVIL_IDS)
    assert len({n.lower() for n in wb.names}) == len(wb.names)
    for n in wb.names:
        assert 1 <= len(n) <= 31 and not set(n) & set("[]:*?/\\") and n[0] != "'" and n[-1] != "'", n
    for name, xml in wb.xml.items():
        assert "<f>" not in xml and "<f " not in xml
    for s in EVIL:
        assert s in wb.shared, s  # verbatim: a string, no quote added, never a formula
    sheet = wb.names[1]
    assert [wb.text(sheet, "B%d" % r) for r in range(5, 5 + len(EVIL))] == EVIL
    assert all(wb.cells[sheet]["B%d" % r][2] == "s" for r in range(5, 5 + len(EVIL)))
