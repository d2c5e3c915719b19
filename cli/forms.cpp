// Gathers the forms' content from the snapshot and the Result (see forms.hpp).
#include "forms.hpp"

#include "tiaodu/check_items.hpp"
#include "tiaodu/policy.hpp"

#include <algorithm>
#include <map>
#include <string_view>
#include <unordered_map>

namespace tiaodu::cli {

std::size_t Forms::page_count() const noexcept {
  std::size_t n = 0;
  for (const auto& d : dispatches) n += 1 + (d.a2 ? 1 : 0);
  return n;
}

std::string zh_date(Day d) {
  const CivilDate c = civil_from_days(d);
  return std::to_string(c.year) + "年" + std::to_string(c.month) + "月" + std::to_string(c.day) +
         "日";
}

std::string a1_time(const A1Form& a1, bool iso) {
  std::string t = iso ? format_date(a1.date) : zh_date(a1.date);
  if (a1.end != a1.date) {
    const CivilDate a = civil_from_days(a1.date), b = civil_from_days(a1.end);
    if (iso)
      t += " 至 " + format_date(a1.end);
    else if (a.year == b.year)
      t += "至" + std::to_string(b.month) + "月" + std::to_string(b.day) + "日";
    else
      t += "至" + zh_date(a1.end);
  }
  t += a1.form == DispatchForm::on_site ? "（现场调度）" : "（集中调度）";
  return t;
}

std::string_view check_result_zh(CheckResult r) noexcept {
  switch (r) {
    case CheckResult::ok: return "符合要求";
    case CheckResult::problem: return "存在问题";
    case CheckResult::not_applicable: return "不涉及";
  }
  return "";
}

std::vector<ContentLine> a1_content_lines(const A1Form& a1) {
  static constexpr std::string_view kNumerals[] = {"一", "二", "三", "四"};
  std::vector<ContentLine> lines;
  for (const ContentGroup& g : a1.content) {
    // The policy's own numbering: 三、调度内容（一）…（四）.
    const auto c = static_cast<std::size_t>(g.category);
    lines.push_back({true, "（" + std::string(kNumerals[c]) + "）" + std::string(category_zh(g.category))});
    int n = 0;
    for (const CheckLine& ch : g.checks) {
      std::string line = std::to_string(++n) + ". " + std::string(info(ch.item).zh) + "：" +
                         std::string(check_result_zh(ch.result));
      if (!ch.note.empty()) line += "。" + ch.note;
      lines.push_back({false, std::move(line)});
    }
  }
  return lines;
}

std::vector<std::string> a1_situation_paragraphs(const A1Form& a1) {
  std::vector<std::string> out;
  if (!a1.situation.empty()) out.push_back(a1.situation);
  if (!a1.good_practices.empty()) {
    std::string p = "经验做法：";
    for (std::size_t i = 0; i < a1.good_practices.size(); ++i)
      p += (i ? "；" : "") + a1.good_practices[i];
    out.push_back(std::move(p));
  }
  if (!a1.support_requests.empty()) {
    std::string p = "困难和求助：";
    for (std::size_t i = 0; i < a1.support_requests.size(); ++i) {
      p += (i ? "；" : "") + a1.support_requests[i].text;
      if (a1.support_requests[i].superior_coordination) p += "（需上级协调）";
    }
    out.push_back(std::move(p));
  }
  return out;
}

std::string a2_status(const ItemState& item) {
  std::string s;
  switch (item.status) {
    case ItemStatus::open: s = "未整改"; break;
    case ItemStatus::reported:
      s = "已报告整改完成，待复核";
      if (item.reported_on) s += "（" + format_date(*item.reported_on) + "报告）";
      break;
    case ItemStatus::rectified:
      s = "已整改";
      if (item.done_on) s += "（" + format_date(*item.done_on) + "完成）";
      break;
  }
  if (item.overdue_days) s += "；逾期" + std::to_string(*item.overdue_days) + "天";
  if (item.failed) s += "；未按期整改";
  return s;
}

std::string a2_note(const A2Form& a2, bool iso) {
  const auto date = [iso](Day d) { return iso ? format_date(d) : zh_date(d); };
  // The document's sentence, with the number in force (15 unless a policy changed it).
  std::string note = "注：请将此表于调度结束 " + std::to_string(a2.due_days) +
                     " 日内纸质版报送镇党委（本次调度结束于 " + date(a2.end) + "，应于 " +
                     date(a2.due) + " 前报送";
  if (a2.submitted) note += "；" + date(*a2.submitted) + " 已报送";
  if (a2.days_late && *a2.days_late > 0)
    note += a2.submitted ? "，逾期 " + std::to_string(*a2.days_late) + " 天"
                         : "；未报送，已逾期 " + std::to_string(*a2.days_late) + " 天";
  note += "）。";
  return note;
}

Forms build_forms(const Snapshot& snapshot, const Result& result,
                  const std::vector<std::string>& dispatch_ids) {
  const Day as_of = to_day(result.as_of);
  std::unordered_map<std::string_view, const Organization*> orgs;
  for (const Organization& o : each(snapshot.organizations)) orgs.emplace(o.id, &o);
  const auto org_name = [&](const std::string& id) -> std::string {
    auto it = orgs.find(id);
    return it == orgs.end() ? id : it->second->name;
  };
  std::unordered_map<std::string_view, const ItemState*> states;
  for (const ItemState& s : result.items) states.emplace(s.id, &s);
  std::unordered_map<std::string_view, std::vector<const Rectification*>> rows_of;
  for (const Rectification& r : each(snapshot.rectifications)) rows_of[r.dispatch].push_back(&r);
  std::unordered_map<std::string_view, Day> submitted;
  for (const LedgerSubmission& s : each(snapshot.ledger_submissions))
    if (to_day(s.date) <= as_of) submitted.emplace(s.dispatch, to_day(s.date));
  std::unordered_map<std::string_view, std::int64_t> days_late;
  for (const Decision& d : result.decisions)
    if ((d.rule == Rule::ledger_late || d.rule == Rule::ledger_missing) && d.dispatch &&
        d.days_late)
      days_late.emplace(*d.dispatch, *d.days_late);

  // Which dispatches, in print order.
  std::vector<const Dispatch*> chosen;
  if (dispatch_ids.empty()) {
    for (const Dispatch& d : each(snapshot.dispatches))
      if (to_day(d.date) <= as_of) chosen.push_back(&d);  // only those that exist at as-of
  } else {
    std::unordered_map<std::string_view, const Dispatch*> by_id;
    for (const Dispatch& d : each(snapshot.dispatches)) by_id.emplace(d.id, &d);
    for (const std::string& id : dispatch_ids) {
      auto it = by_id.find(id);
      if (it == by_id.end()) throw FormsError("no dispatch with id '" + id + "'");
      if (to_day(it->second->date) > as_of)
        throw FormsError("dispatch '" + id + "' is dated " + format_date(it->second->date) +
                         ", after the as-of date " + format_date(as_of));
      if (std::find(chosen.begin(), chosen.end(), it->second) == chosen.end())
        chosen.push_back(it->second);
    }
  }
  std::sort(chosen.begin(), chosen.end(), [](const Dispatch* a, const Dispatch* b) {
    return a->date != b->date ? a->date < b->date : a->id < b->id;
  });

  Forms forms;
  forms.as_of = as_of;
  for (const Dispatch* d : chosen) {
    DispatchForms df;
    A1Form& a1 = df.a1;
    a1.dispatch = d->id;
    a1.department = d->department ? *d->department : org_name(d->dispatcher);
    a1.date = to_day(d->date);
    a1.end = d->end_date ? to_day(*d->end_date) : a1.date;
    a1.form = d->form;
    a1.object = org_name(d->object);
    a1.object_id = d->object;
    std::map<Category, ContentGroup> groups;  // the policy's order: (一) … (四)
    for (const Check& c : each(d->checks)) {
      ContentGroup& g = groups[info(c.item).category];
      g.category = info(c.item).category;
      g.checks.push_back({c.item, c.result, c.note.value_or("")});
    }
    for (auto& [cat, g] : groups) a1.content.push_back(std::move(g));
    a1.situation = d->situation.value_or("");
    for (const std::string& g : each(d->good_practices)) a1.good_practices.push_back(g);
    for (const SupportRequest& s : each(d->support_requests))
      a1.support_requests.push_back({s.text, s.superior_coordination});
    a1.opinion = d->opinion.value_or("");

    if (auto it = rows_of.find(d->id); it != rows_of.end()) {
      A2Form a2;
      a2.dispatch = d->id;
      a2.object = a1.object;
      a2.object_id = a1.object_id;
      a2.date = a1.date;
      a2.end = a1.end;
      a2.due_days = result.policy.integer_at(Param::ledger_due_days, a1.end);
      a2.due = a1.end + static_cast<Day>(a2.due_days);
      if (auto s = submitted.find(d->id); s != submitted.end()) a2.submitted = s->second;
      if (auto l = days_late.find(d->id); l != days_late.end()) a2.days_late = l->second;
      std::vector<const Rectification*> rows = it->second;
      std::sort(rows.begin(), rows.end(), [](const Rectification* a, const Rectification* b) {
        return a->seq != b->seq ? a->seq < b->seq : a->id < b->id;
      });
      for (const Rectification* r : rows) {
        A2Row row;
        row.seq = r->seq;
        row.item = r->id;
        row.problem = r->problem;
        row.deadline = to_day(r->deadline);
        auto st = states.find(r->id);
        row.status = st == states.end() ? "—" : a2_status(*st->second);
        row.remarks = r->remarks.value_or("");
        a2.rows.push_back(std::move(row));
      }
      df.a2 = std::move(a2);
    }
    forms.dispatches.push_back(std::move(df));
  }
  return forms;
}

}  // namespace tiaodu::cli
