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
// Thresholds and points are read at E. describe_accountability renders any of the three.
#pragma once

#include "tiaodu/rules/context.hpp"
#include "tiaodu/rules/text.hpp"

#include <algorithm>
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

// The level n failed items reach, given the thresholds in force.
inline EscalationLevel escalation_level(std::int64_t n, std::int64_t talk,
                                        std::int64_t notice) noexcept {
  return n >= notice ? EscalationLevel::notice
         : n >= talk ? EscalationLevel::talk
                     : EscalationLevel::written_inquiry;
}

// Emits the three 5.4 decisions of O; appends O's deductions per year (for 3.5).
inline void accountability(const Context& ctx, OrgIx o, Sink& out,
                           std::vector<YearDeduction>& deductions) {
  const Index& ix = ctx.index;
  if (o == ix.root()) return;
  // Failed items by the year of their failure date, each year's items in id order
  // (items_of is in id order and the sort is stable): the list of the decisions.
  struct Failed {
    int year;
    ItemIx item;
  };
  std::vector<Failed> failed;
  for (ItemIx i : ix.items_of(o)) {
    const Day f = ctx.failure_of(i);
    if (f == kNoDay) continue;
    const int y = year_of(f);
    if (ctx.period.evaluated(y) && f <= ctx.at_year(y)) failed.push_back({y, i});
  }
  if (failed.empty()) return;
  std::stable_sort(failed.begin(), failed.end(),
                   [](const Failed& a, const Failed& b) { return a.year < b.year; });
  for (std::size_t first = 0; first < failed.size();) {
    const int y = failed[first].year;
    const auto list_begin = static_cast<std::uint32_t>(out.item_lists.size());
    std::size_t last = first;
    for (; last < failed.size() && failed[last].year == y; ++last)
      out.item_lists.push_back(failed[last].item);
    const IndexRange items{list_begin, static_cast<std::uint32_t>(last - first)};
    first = last;
    const Day e = ctx.at_year(y);
    const std::int64_t n = items.size;
    if (n >= ctx.integer(Param::inquiry_threshold, e)) {
      CompactDecision& d = out.add(Rule::escalation, o);
      d.year = y;
      d.level = escalation_level(n, ctx.integer(Param::talk_threshold, e),
                                 ctx.integer(Param::notice_threshold, e));
      d.items = items;
      if (d.level == EscalationLevel::notice) {
        CompactDecision& a = out.add(Rule::accountability, o);
        a.year = y;
        a.items = items;
      }
    }
    const std::int64_t points = std::min(ctx.integer(Param::deduction_cap, e),
                                         ctx.integer(Param::deduction_per_item, e) * n);
    CompactDecision& d = out.add(Rule::deduction, o);
    d.year = y;
    d.points = static_cast<std::int32_t>(points);  // <= deduction_cap <= 10^6
    d.items = items;
    deductions.push_back({y, points});
  }
}

// The three decisions, rendered: the escalation, the accountability and the deduction.
inline Decision describe_accountability(const Describer& c, const CompactDecision& cd) {
  const Index& ix = c.index;
  const OrgIx o = cd.org;
  const int y = cd.year;
  const Day e = c.at_year(y);
  const Secretary& secretary = ix.org(o).secretary;
  std::vector<std::string> items = c.item_ids(cd);
  const auto n = static_cast<std::int64_t>(items.size());
  Decision d = make_decision(c, cd);
  d.year = y;
  switch (cd.rule) {
    case Rule::escalation: {
      const EscalationLevel level = cd.level;
      d.person = secretary.id;
      d.level = level;
      d.facts = {{"year", std::int64_t{y}},
                 {"failed_items", n},
                 param_fact(c, Param::inquiry_threshold, e),
                 param_fact(c, Param::talk_threshold, e),
                 param_fact(c, Param::notice_threshold, e),
                 {"evaluated_at", to_date(e)}};
      d.text.zh = text::cat("镇党委对", text::org_zh(ix, o), "负责人", secretary.name, "（",
                            secretary.id, "）进行", level_zh(level), "：", y, " 年有 ", n,
                            " 项问题未按期整改或整改不到位（", text::join(items, "、"), "）。");
      d.text.en = text::cat("The town committee addresses ", level_en(level), " to ",
                            secretary.name, " (", secretary.id, "), head of ", text::org_en(ix, o),
                            ": ", text::plural(n, "item was", "items were"),
                            " not rectified in time or not properly in ", y, " (",
                            text::join(items), ").");
      break;
    }
    case Rule::accountability:
      d.person = secretary.id;
      d.facts = {{"year", std::int64_t{y}},
                 {"failed_items", n},
                 param_fact(c, Param::notice_threshold, e),
                 {"evaluated_at", to_date(e)}};
      d.text.zh = text::cat("通报", text::org_zh(ix, o), "并追究党支部负责人", secretary.name,
                            "（", secretary.id, "）责任：", y, " 年 ", n, " 项问题未按期整改（",
                            text::join(items, "、"), "）。");
      d.text.en = text::cat(secretary.name, " (", secretary.id, "), head of ",
                            text::org_en(ix, o), ", is held accountable and named in a notice: ",
                            text::plural(n, "item", "items"), " failed in ", y, " (",
                            text::join(items), ").");
      break;
    default: {  // deduction
      const std::int64_t per_item = c.integer(Param::deduction_per_item, e);
      const std::int64_t cap = c.integer(Param::deduction_cap, e);
      const std::int64_t points = cd.points;
      d.points = points;
      d.facts = {{"year", std::int64_t{y}},
                 {"failed_items", n},
                 param_fact(c, Param::deduction_per_item, e),
                 param_fact(c, Param::deduction_cap, e),
                 {"evaluated_at", to_date(e)}};
      d.text.zh = text::cat(text::org_zh(ix, o), y, " 年终考评扣 ", points, " 分：", n,
                            " 项问题未按期整改或整改不到位（每项 ", per_item, " 分，上限 ", cap,
                            " 分）。");
      d.text.en = text::cat(text::org_en(ix, o), " loses ", text::plural(points, "point", "points"),
                            " in the ", y, " year-end assessment: ",
                            text::plural(n, "failed item", "failed items"), " at ", per_item,
                            " each, capped at ", cap, ".");
      break;
    }
  }
  d.items = std::move(items);
  return d;
}

}  // namespace tiaodu::rules
