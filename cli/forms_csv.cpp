// The forms as CSV: UTF-8 with a byte-order mark (without it Excel and WPS read the
// file in the local ANSI code page and the Chinese is garbled), RFC 4180 records ended
// by CRLF, every field quoted and neutralized against formula injection (escape.hpp).
// a1.csv has one record per dispatch, a2.csv one per ledger row; dates are ISO so that
// a spreadsheet sorts them.
#include "escape.hpp"
#include "forms.hpp"

#include <string>
#include <vector>

namespace tiaodu::cli {

namespace {
std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) out += (i ? "\n" : "") + lines[i];
  return out;
}
}  // namespace

std::string a1_csv(const Forms& forms) {
  std::string out(kUtf8Bom);
  const std::vector<std::string> header{"调度编号", "调度部门", "调度时间", "调度结束",
                                        "调度形式", "调度对象", "调度对象编号", "调度内容",
                                        "调度情况", "调度对象（党组织）意见"};
  out += csv_record(header);
  for (const DispatchForms& d : forms.dispatches) {
    const A1Form& a1 = d.a1;
    std::vector<std::string> content;
    for (const ContentLine& l : a1_content_lines(a1)) content.push_back(l.text);
    const std::vector<std::string> rec{
        a1.dispatch,
        a1.department,
        format_date(a1.date),
        format_date(a1.end),
        a1.form == DispatchForm::on_site ? "现场调度" : "集中调度",
        a1.object,
        a1.object_id,
        join(content),
        join(a1_situation_paragraphs(a1)),
        a1.opinion};
    out += csv_record(rec);
  }
  return out;
}

std::string a2_csv(const Forms& forms) {
  std::string out(kUtf8Bom);
  const std::vector<std::string> header{
      "调度编号", "调度对象", "序号", "整改编号", "具体问题", "整改时限",
      "整改情况（截至 " + format_date(forms.as_of) + "）", "备注", "台账报送期限",
      "台账报送日期"};
  out += csv_record(header);
  for (const DispatchForms& d : forms.dispatches) {
    if (!d.a2) continue;
    const A2Form& a2 = *d.a2;
    for (const A2Row& r : a2.rows) {
      const std::vector<std::string> rec{a2.dispatch,
                                         a2.object,
                                         std::to_string(r.seq),
                                         r.item,
                                         r.problem,
                                         format_date(r.deadline),
                                         r.status,
                                         r.remarks,
                                         format_date(a2.due),
                                         a2.submitted ? format_date(*a2.submitted) : ""};
      out += csv_record(rec);
    }
  }
  return out;
}

}  // namespace tiaodu::cli
