// cli/forms.hpp — the two attachments of the notice, filled in from a snapshot and its
// evaluation: A1 基层党组织调度工作记录表 (one per dispatch) and A2 基层党建工作问题台账
// 整改情况 (one per dispatch that has rectifications).
//
// build_forms() gathers what the forms print — the dispatch's own fields and, for A2,
// each row's state as the Result says it is at the as-of date — and the renderers lay
// it out as HTML (A4, one form per page), CSV (UTF-8 with BOM) and XLSX (one sheet per
// form). Nothing here decides a rule: the row status is ItemState (status, overdue_days,
// failed) put into words, the ledger's due date is the dispatch's end plus the
// ledger_due_days parameter the Result's policy has in force on that day (A2's
// "调度结束 15 日内"), and its lateness is the Result's ledger decision, when there is one.
//
// Interface:
//   struct A1Form, A2Row, A2Form, DispatchForms, Forms
//   build_forms(snapshot, result, dispatch_ids)   dispatch_ids empty: every dispatch that
//                                                 exists at result.as_of, by (date, id);
//                                                 throws FormsError for an id that is
//                                                 unknown or dated after the as-of date
//   forms_html(forms)            one HTML document, one page per form, in print order
//   a1_csv(forms), a2_csv(forms) one CSV per attachment: a record per dispatch / per row
//   write_xlsx(forms, path)      one workbook, a sheet per form; throws FormsError
//   Text helpers shared by the renderers: zh_date, a1_time, check_result_zh, a2_status
#pragma once

#include "tiaodu/model.hpp"
#include "tiaodu/result.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tiaodu::cli {

class FormsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct CheckLine {
  CheckItem item = CheckItem::three_meetings_one_lesson;
  CheckResult result = CheckResult::ok;
  std::string note;
};
struct ContentGroup {
  Category category = Category::organization_building;
  std::vector<CheckLine> checks;  // in the dispatch's order
};
struct SupportLine {
  std::string text;
  bool superior_coordination = false;
};

// A1 — 基层党组织调度工作记录表.
struct A1Form {
  std::string dispatch;    // id
  std::string department;  // 调度部门: as written, else the dispatching organization's name
  Day date = 0;            // 调度时间
  Day end = 0;             // == date for a one-day dispatch
  DispatchForm form = DispatchForm::on_site;
  std::string object;      // 调度对象: the organization's name
  std::string object_id;
  std::vector<ContentGroup> content;  // 调度内容, by category in the policy's order
  std::string situation;              // 调度情况
  std::vector<std::string> good_practices;
  std::vector<SupportLine> support_requests;
  std::string opinion;                // 调度对象（党组织）意见
};

// One row of A2 with its status at the as-of date (from Result::items).
struct A2Row {
  std::int64_t seq = 0;   // 序号
  std::string item;       // rectification id
  std::string problem;    // 具体问题
  Day deadline = 0;       // 整改时限
  std::string status;     // 整改情况, e.g. "未整改；逾期30天；未按期整改"
  std::string remarks;    // 备注
};

// A2 — 基层党建工作问题台账整改情况.
struct A2Form {
  std::string dispatch;
  std::string object;
  std::string object_id;
  Day date = 0;
  Day end = 0;
  std::vector<A2Row> rows;               // by seq
  std::int64_t due_days = 0;             // ledger_due_days in force at the dispatch's end
  Day due = 0;                           // end + due_days
  std::optional<Day> submitted;          // the ledger submission, when it exists at as-of
  std::optional<std::int64_t> days_late; // from the ledger_late / ledger_missing decision
};

struct DispatchForms {
  A1Form a1;
  std::optional<A2Form> a2;  // only for a dispatch with rectifications
};

struct Forms {
  Day as_of = 0;
  std::vector<DispatchForms> dispatches;  // in print order: (date, id)
  std::size_t page_count() const noexcept;
};

Forms build_forms(const Snapshot& snapshot, const Result& result,
                  const std::vector<std::string>& dispatch_ids = {});

std::string forms_html(const Forms& forms);
std::string a1_csv(const Forms& forms);
std::string a2_csv(const Forms& forms);
void write_xlsx(const Forms& forms, const std::filesystem::path& path);

// "2023年5月10日"
std::string zh_date(Day d);
// 调度时间: "2023年5月10日（现场调度）", "2023年4月11日至4月12日（现场调度）"; iso: ISO dates
std::string a1_time(const A1Form& a1, bool iso);
std::string_view check_result_zh(CheckResult r) noexcept;
// 调度内容 as lines: headings "（一）党组织建设情况", then "1. 三会一课制度执行落实：存在问题。note"
struct ContentLine {
  bool heading = false;
  std::string text;
};
std::vector<ContentLine> a1_content_lines(const A1Form& a1);
// 调度情况 as paragraphs: the situation, "经验做法：…", "困难和求助：…（需上级协调）"
std::vector<std::string> a1_situation_paragraphs(const A1Form& a1);
// The 整改情况 of an item in words (spec 3.2 as the Result states it).
std::string a2_status(const ItemState& item);
// The A2 note: the document's sentence and this ledger's due date.
std::string a2_note(const A2Form& a2, bool iso);

}  // namespace tiaodu::cli
