// The forms as one printable HTML document: A4, one form per page, laid out like the
// notice's attachments (title centred, ruled table, 签章 and 年 月 日 left blank).
// Every string from the snapshot goes through html_escape: it can only ever be text.
#include "escape.hpp"
#include "forms.hpp"

#include <string>
#include <string_view>

namespace tiaodu::cli {

namespace {

constexpr std::string_view kStyle = R"css(
@page { size: A4; margin: 18mm 18mm 15mm 18mm; }
html { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", SimSun,
       "Songti SC", serif; font-size: 12pt; line-height: 1.45; color: #000; }
body { margin: 0; }
.page { break-after: page; page-break-after: always; }
.page:last-child { break-after: auto; page-break-after: auto; }
.top { display: flex; justify-content: space-between; align-items: baseline; margin-bottom: 3mm; }
.attach { font-family: "Noto Sans CJK SC", "Source Han Sans SC", SimHei, "Heiti SC", sans-serif;
          font-size: 14pt; }
.ref { font-size: 9pt; color: #444; }
h1 { text-align: center; font-size: 20pt; font-weight: bold; letter-spacing: 0.05em;
     margin: 0 0 5mm 0; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 1px solid #000; padding: 2mm 2.5mm; vertical-align: top;
         overflow-wrap: anywhere; }
th { font-weight: normal; text-align: center; vertical-align: middle; }
thead th { white-space: nowrap; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.content { font-size: 10pt; line-height: 1.4; height: 50mm; }
td.content p { margin: 0; }
td.content p.group { font-weight: bold; }
td.signed { height: 34mm; position: relative; padding-bottom: 12mm; }
td.signed p { margin: 0 0 1.5mm 0; text-indent: 2em; }
.sign { position: absolute; right: 6mm; bottom: 3mm; white-space: pre; }
.meta { margin: 0 0 3mm 0; white-space: pre-wrap; }
td.seq { text-align: center; }
td.date { text-align: center; }
tr.blank td { height: 11mm; }
.note { margin-top: 3mm; font-size: 11pt; }
@media screen {
  body { background: #e8e8e8; }
  .page { background: #fff; width: 210mm; min-height: 297mm; box-sizing: border-box;
          margin: 8mm auto; padding: 18mm 18mm 15mm 18mm; box-shadow: 0 0 3mm #999; }
}
)css";

// 签章：　　　　年　　月　　日 — blanks the signer fills in by hand.
constexpr std::string_view kSignature =
    "签章：\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日";

std::string paragraphs(const std::vector<std::string>& ps, std::string_view cls = {}) {
  std::string out;
  for (const std::string& p : ps) {
    out += cls.empty() ? "<p>" : "<p class=\"" + std::string(cls) + "\">";
    out += html_escape(p);
    out += "</p>";
  }
  return out;
}

void a1_page(std::string& h, const A1Form& a1) {
  h += "<section class=\"page a1\">\n<div class=\"top\"><span class=\"attach\">附件1</span>"
       "<span class=\"ref\">调度编号：";
  h += html_escape(a1.dispatch);
  h += "</span></div>\n<h1>基层党组织调度工作记录表</h1>\n<table>\n"
       "<colgroup><col style=\"width:17%\"><col style=\"width:33%\"><col style=\"width:17%\">"
       "<col style=\"width:33%\"></colgroup>\n<tr><th>调度部门</th><td>";
  h += html_escape(a1.department);
  h += "</td><th>调度时间</th><td>";
  h += html_escape(a1_time(a1, false));
  h += "</td></tr>\n<tr><th>调度对象</th><td colspan=\"3\">";
  h += html_escape(a1.object);
  h += "</td></tr>\n<tr><th>调度内容</th><td colspan=\"3\" class=\"content\">";
  for (const ContentLine& line : a1_content_lines(a1)) {
    h += line.heading ? "<p class=\"group\">" : "<p>";
    h += html_escape(line.text);
    h += "</p>";
  }
  h += "</td></tr>\n<tr><th>调度情况</th><td colspan=\"3\" class=\"signed\">";
  h += paragraphs(a1_situation_paragraphs(a1));
  h += "<div class=\"sign\">";
  h += kSignature;
  h += "</div></td></tr>\n<tr><th>调度对象<br>（党组织）<br>意见</th>"
       "<td colspan=\"3\" class=\"signed\">";
  if (!a1.opinion.empty()) h += paragraphs({a1.opinion});
  h += "<div class=\"sign\">";
  h += kSignature;
  h += "</div></td></tr>\n</table>\n"
       "<p class=\"note\">注：此表一式两份，调度部门留存一份，本单位留存一份。</p>\n"
       "</section>\n";
}

void a2_page(std::string& h, const A2Form& a2, Day as_of) {
  h += "<section class=\"page a2\">\n<div class=\"top\"><span class=\"attach\">附件2</span>"
       "<span class=\"ref\">调度编号：";
  h += html_escape(a2.dispatch);
  h += "</span></div>\n<h1>基层党建工作问题台账整改情况</h1>\n<p class=\"meta\">党组织：";
  h += html_escape(a2.object);
  h += "\u3000\u3000调度时间：";
  h += html_escape(zh_date(a2.date));
  if (a2.end != a2.date) h += "至" + html_escape(zh_date(a2.end));
  h += "\u3000\u3000整改情况截至：";
  h += html_escape(zh_date(as_of));
  h += "</p>\n<table>\n<colgroup><col style=\"width:8%\"><col style=\"width:33%\">"
       "<col style=\"width:17%\"><col style=\"width:27%\"><col style=\"width:15%\"></colgroup>\n"
       "<thead><tr><th>序号</th><th>具体问题</th><th>整改时限</th><th>整改情况</th>"
       "<th>备注</th></tr></thead>\n<tbody>\n";
  for (const A2Row& r : a2.rows) {
    h += "<tr><td class=\"seq\">" + std::to_string(r.seq) + "</td><td>";
    h += html_escape(r.problem);
    h += "</td><td class=\"date\">";
    h += html_escape(zh_date(r.deadline));
    h += "</td><td>";
    h += html_escape(r.status);
    h += "</td><td>";
    h += html_escape(r.remarks);
    h += "</td></tr>\n";
  }
  // The paper form has six rows; a short ledger keeps its ruled blank rows.
  for (std::size_t i = a2.rows.size(); i < 6; ++i)
    h += "<tr class=\"blank\"><td></td><td></td><td></td><td></td><td></td></tr>\n";
  h += "</tbody>\n</table>\n<p class=\"note\">";
  h += html_escape(a2_note(a2, false));
  h += "</p>\n</section>\n";
}

}  // namespace

std::string forms_html(const Forms& forms) {
  std::string h;
  h.reserve(4096 + forms.page_count() * 4096);
  h += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
       "<meta name=\"generator\" content=\"tiaodu\">\n<title>基层党组织调度工作记录表、问题台账整改情况（截至 ";
  h += format_date(forms.as_of);
  h += "）</title>\n<style>";
  h += kStyle;
  h += "</style>\n</head>\n<body>\n";
  for (const DispatchForms& d : forms.dispatches) {
    a1_page(h, d.a1);
    if (d.a2) a2_page(h, *d.a2, forms.as_of);
  }
  h += "</body>\n</html>\n";
  return h;
}

}  // namespace tiaodu::cli
