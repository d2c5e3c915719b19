#!/usr/bin/python3
"""Prints the forms of the sample town (and of a town full of malicious strings) with
headless Chromium to PDF, then checks the PDF with poppler: one page per form, each page
the expected form of the expected dispatch, every problem text and ledger due date on its
A2 page, the malicious strings printed as text.

Exit 0 passed, 1 failed, 77 skipped: only when chromium is not installed (CTest's
SKIP_RETURN_CODE; the reason is printed). pdfinfo, pdftotext and a Chinese font
(fc-list :lang=zh) are required.
Usage: browser_test.py --out DIR   (TIAODU_CLI and TIAODU_SOURCE_DIR from the environment)
"""
import argparse
import datetime
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from conftest import SAMPLE, run, sample_json  # noqa: E402

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-pdf-header-footer"]
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what)


def squeeze(s):
    """Text without any whitespace: table cells wrap lines wherever the width ends."""
    return re.sub(r"\s+", "", s)


def zh_date(iso):
    y, m, d = map(int, iso.split("-"))
    return "%d年%d月%d日" % (y, m, d)


def print_pdf(chromium, html, pdf):
    profile = tempfile.mkdtemp(prefix="tiaodu-chromium-")
    try:
        p = subprocess.run([chromium, *CHROMIUM_FLAGS, "--user-data-dir=" + profile,
                            "--print-to-pdf=" + str(pdf), html.resolve().as_uri()],
                           capture_output=True, timeout=300)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    if p.returncode != 0 or not pdf.exists():
        print(p.stderr.decode(errors="replace")[-2000:])
        raise SystemExit("FAIL: chromium did not print %s" % html)


def pdf_pages(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    # -raw: the content stream order, which keeps the text of one table cell together.
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          check=True).stdout.decode("utf-8")
    return pages, (float(size.group(1)), float(size.group(2))), text.split("\f")[:pages]


def sample_test(chromium, out):
    forms = out / "sample"
    p = run("forms", SAMPLE, "--as-of", "2023-12-31", "--out", forms)
    check(p.returncode == 0, "tiaodu forms on the sample: %s" % p.stderr)
    pdf = forms / "forms.pdf"
    print_pdf(chromium, forms / "forms.html", pdf)
    pages, size, texts = pdf_pages(pdf)

    s = sample_json()
    rows = {}
    for r in s["rectifications"]:
        rows.setdefault(r["dispatch"], []).append(r)
    expected = []
    # Only the dispatches that exist at 2023-12-31 (the sample goes on into January 2024).
    existing = [d for d in s["dispatches"] if d["date"] <= "2023-12-31"]
    for d in sorted(existing, key=lambda d: (d["date"], d["id"])):
        expected.append(("A1", d))
        if d["id"] in rows:
            expected.append(("A2", d))
    check(pages == len(expected), "pages: %d, forms: %d" % (pages, len(expected)))
    check(abs(size[0] - 595) < 2 and abs(size[1] - 842) < 2, "A4 pages, got %s" % (size,))

    for k, ((kind, d), text) in enumerate(zip(expected, texts), 1):
        t = squeeze(text)
        where = "page %d (%s %s)" % (k, kind, d["id"])
        check(squeeze("调度编号：" + d["id"]) in t, where + ": dispatch id")
        if kind == "A1":
            check("基层党组织调度工作记录表" in t, where + ": A1 title")
            check("一式两份" in t and "签章：" in t, where + ": A1 note and signature")
            check(squeeze(d.get("situation", "")) in t, where + ": situation")
        else:
            check("基层党建工作问题台账整改情况" in t, where + ": A2 title")
            for r in rows[d["id"]]:
                check(squeeze(r["problem"]) in t, where + ": problem " + r["id"])
                check(zh_date(r["deadline"]) in t, where + ": deadline " + r["id"])
            end = d.get("end_date", d["date"])
            y, m, dd = map(int, end.split("-"))
            due = (datetime.date(y, m, dd) + datetime.timedelta(days=15)).isoformat()
            check(squeeze("应于%s前报送" % zh_date(due)) in t, where + ": due date " + due)
    return pages


def evil_test(chromium, out):
    forms = out / "evil"
    src = out / "evil.json"
    evil = ["<script>alert(1)</script>", '=HYPERLINK("http://evil.example/","x")',
            "</td></tr></table><img src=x onerror=alert(1)>"]
    town = {"format": "tiaodu/1", "organizations": [
        {"id": "t", "name": "T", "kind": "committee", "secretary": {"id": "p", "name": "P"}},
        {"id": "b", "name": "<b>B&amp;</b>", "kind": "branch", "parent": "t",
         "secretary": {"id": "q", "name": "Q"}}],
        "dispatches": [{"id": "<d1>", "date": "2023-05-01", "dispatcher": "t", "object": "b",
                        "form": "on_site", "situation": "<script>alert(2)</script>",
                        "checks": [{"item": "dues_records", "result": "problem"}]}],
        "rectifications": [{"id": "r%d" % k, "dispatch": "<d1>", "seq": k, "item": "dues_records",
                            "problem": e, "deadline": "2023-06-01"} for k, e in enumerate(evil, 1)]}
    src.write_text(json.dumps(town), encoding="utf-8")
    p = run("forms", src, "--out", forms, "--as-of", "2023-12-31")
    check(p.returncode == 0, "tiaodu forms on the malicious town: %s" % p.stderr)
    pdf = forms / "forms.pdf"
    print_pdf(chromium, forms / "forms.html", pdf)
    pages, _, texts = pdf_pages(pdf)
    check(pages == 2, "malicious town: 2 pages, got %d" % pages)
    everything = squeeze("".join(texts))
    for e in evil + ["<script>alert(2)</script>", "<b>B&amp;</b>", "<d1>"]:
        check(squeeze(e) in everything, "printed as text: %r" % e)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("SKIPPED: chromium is not installed (Debian package 'chromium'; .ci/install-deps.sh "
              "installs it), so the forms could not be printed to PDF")
        return 77
    for tool in ("pdfinfo", "pdftotext"):
        if not shutil.which(tool):
            print("FAIL: %s is missing (Debian package poppler-utils)" % tool)
            return 1
    # Without a Chinese font Chromium prints boxes, yet the PDF's text layer would still
    # read right: make the missing font a failure rather than a silent pass.
    fonts = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True).stdout
    if not fonts.strip():
        print("FAIL: no Chinese font is installed (Debian package fonts-noto-cjk)")
        return 1
    out = pathlib.Path(args.out)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    pages = sample_test(chromium, out)
    evil_test(chromium, out)
    if failures:
        print("%d checks failed" % len(failures))
        return 1
    print("ok: %d sample pages printed and checked, malicious strings printed as text" % pages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
