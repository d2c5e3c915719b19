// tiaodu/rules/accountability.hpp — clause 5.4 责任挂钩: the escalation ladder, the branch
// head's accountability and the year-end deduction.
//
// 五(四) "对调度存在问题的党组织，镇党委将作出限时整改，在规定时间内不整改或整改不到位的，
// 镇党委将对相关党组织负责人进行函询、约谈、通报，并追究党支部负责人责任，且在年终考评时予以
// 扣分。" — problems get a deadline; not rectified in time, or not properly (an item is
// `failed`, state.hpp), leads to a written inquiry, a talk, a circulated notice of the
// responsible person, accountability of the branch head, and points off at year end.
//
// For organization O and year Y, n = O's items whose failure date lies in Y, on or
// before E = min(D, Y-12-31). Decides:
//   `escalation`     n >= inquiry_threshold; level notice (n >= notice_threshold),
//                    talk (n >= talk_threshold) or written_inquiry; the person is the
//                    secretary, the first responsible person (6.2);
//   `accountability` the escalation reached `notice` (追究党支部负责人责任);
//   `deduction`      n >= 1: min(deduction_cap, deduction_per_item * n) points.
// Thresholds and points are read at E.
#pragma once

#include "tiaodu/rules/context.hpp"
#include "tiaodu/rules/text.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace tiaodu::rules {

inline std::string_view level_zh(EscalationLevel l) noexcept {
  constexpr std::string_view names[] = {"函询", "约谈", "通报"};
  return names[static_cast<int>(l)];
}
inline std::string_view level_en(EscalationLevel l) noexcept {
  constexpr std::string_view names[] = {"a written inquiry", "a talk", "a circulated notice"};
  return names[static_cast<int>(l)];
}

struct YearDeduction {
  int year;
  std::int64_t points;
};

// Emits the three 5.4 decisions of O; returns O's deductions per year (for 3.5).
inline std::vector<YearDeduction> accountability(const Context& ctx, OrgIx o, Sink& out) {
  const Index& ix = ctx.index;
  std::vector<YearDeduction> deductions;
  if (o == ix.root()) return deductions;
  // Failed items grouped by the year of their failure date (items_of is in id order,
  // so each year's list comes out sorted).
  std::map<int, std::vector<std::string>> failed_in;
  for (ItemIx i : ix.items_of(o)) {
    const Day f = ctx.failure_of(i);
    if (f == kNoDay) continue;
    const int y = year_of(f);
    if (ctx.period.evaluated(y) && f <= ctx.at_year(y)) failed_in[y].push_back(ix.item(i).id);
  }
  const Secretary& secretary = ix.org(o).secretary;
  for (auto& [y, items] : failed_in) {
    const Day e = ctx.at_year(y);
    const auto n = static_cast<std::int64_t>(items.size());
    const std::int64_t inquiry = ctx.integer(Param::inquiry_threshold, e);
    const std::int64_t talk = ctx.integer(Param::talk_threshold, e);
    const std::int64_t notice = ctx.integer(Param::notice_threshold, e);
    const std::string list_zh = text::join(items, "、");
    const std::string list = text::join(items);
    if (n >= inquiry) {
      const EscalationLevel level = n >= notice ? EscalationLevel::notice
                                    : n >= talk ? EscalationLevel::talk
                                                : EscalationLevel::written_inquiry;
      Decision d = make_decision(ctx, Rule::escalation, o);
      d.person = secretary.id;
      d.year = y;
      d.level = level;
      d.items = items;
      d.facts = {{"year", std::int64_t{y}},
                 {"failed_items", n},
                 param_fact(ctx, Param::inquiry_threshold, e),
                 param_fact(ctx, Param::talk_threshold, e),
                 param_fact(ctx, Param::notice_threshold, e),
                 {"evaluated_at", to_date(e)}};
      d.text.zh = text::cat("镇党委对", text::org_zh(ix, o), "负责人", secretary.name, "（",
                            secretary.id, "）进行", level_zh(level), "：", y, " 年有 ", n,
                            " 项问题未按期整改或整改不到位（", list_zh, "）。");
      d.text.en = text::cat("The town committee addresses ", level_en(level), " to ",
                            secretary.name, " (", secretary.id, "), head of ", text::org_en(ix, o),
                            ": ", text::plural(n, "item was", "items were"), " not rectified in time or not properly in ",
                            y, " (", list, ").");
      emit(out, o, y, kNone, std::move(d));
      if (level == EscalationLevel::notice) {
        Decision a = make_decision(ctx, Rule::accountability, o);
        a.person = secretary.id;
        a.year = y;
        a.items = items;
        a.facts = {{"year", std::int64_t{y}},
                   {"failed_items", n},
                   param_fact(ctx, Param::notice_threshold, e),
                   {"evaluated_at", to_date(e)}};
        a.text.zh = text::cat("通报", text::org_zh(ix, o), "并追究党支部负责人", secretary.name,
                              "（", secretary.id, "）责任：", y, " 年 ", n, " 项问题未按期整改（",
                              list_zh, "）。");
        a.text.en = text::cat(secretary.name, " (", secretary.id, "), head of ",
                              text::org_en(ix, o), ", is held accountable and named in a notice: ",
                              text::plural(n, "item", "items"), " failed in ", y, " (", list, ").");
        emit(out, o, y, kNone, std::move(a));
      }
    }
    const std::int64_t per_item = ctx.integer(Param::deduction_per_item, e);
    const std::int64_t cap = ctx.integer(Param::deduction_cap, e);
    const std::int64_t points = std::min(cap, per_item * n);
    Decision d = make_decision(ctx, Rule::deduction, o);
    d.year = y;
    d.points = points;
    d.items = items;
    d.facts = {{"year", std::int64_t{y}},
               {"failed_items", n},
               param_fact(ctx, Param::deduction_per_item, e),
               param_fact(ctx, Param::deduction_cap, e),
               {"evaluated_at", to_date(e)}};
    d.text.zh = text::cat(text::org_zh(ix, o), y, " 年终考评扣 ", points, " 分：", n,
                          " 项问题未按期整改或整改不到位（每项 ", per_item, " 分，上限 ", cap, " 分）。");
    d.text.en = text::cat(text::org_en(ix, o), " loses ", text::plural(points, "point", "points"),
                          " in the ", y, " year-end assessment: ", text::plural(n, "failed item", "failed items"),
                          " at ", per_item, " each, capped at ", cap, ".");
    emit(out, o, y, kNone, std::move(d));
    deductions.push_back({y, points});
  }
  return deductions;
}

}  // namespace tiaodu::rules
