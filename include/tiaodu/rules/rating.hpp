// tiaodu/rules/rating.hpp — clause 5.3 年终评级: the secretary rated "unqualified".
//
// 五(三) "对于整改效果不明显的、问题长期得不到解决的，或者党建工作长期排名靠后的，对存在上述
// 情况的基层党组织书记在年底党员民主评议中直接评定为'不合格'等次。" — where rectification has
// no clear effect, problems stay unsolved for long, or the organization ranks near the
// bottom for long, its secretary is rated "unqualified" outright at year end.
//
// Reasons at E for organization O and year Y (the library's reading, all parameters):
//   ineffective      of O's items with deadline in Y and <= E, leaving out those pending
//                    at E, fewer than effectiveness_min were rectified on time (m >= 1);
//   long_unresolved  an item neither rectified nor pending at E, deadline +
//                    long_unresolved_days < E (whatever its deadline's year);
//   long_bottom      bottom of its peers (ranking.hpp) in long_bottom_months consecutive
//                    months of Y elapsed at E.
// Decides: `unqualified_rating` for a closed year (E = Y-12-31 <= D) with any reason;
// `rating_risk` for D's own year before its end (E = D) with any reason — the warning
// while there is still time. Parameters are read at E. describe_rating renders either.
#pragma once

#include "tiaodu/rules/context.hpp"
#include "tiaodu/rules/ranking.hpp"
#include "tiaodu/rules/text.hpp"

#include <algorithm>
#include <span>
#include <string>
#include <vector>

namespace tiaodu::rules {

inline constexpr std::uint8_t reason_bit(RatingReason r) noexcept {
  return static_cast<std::uint8_t>(1u << static_cast<int>(r));
}

// Finds the reasons of O for year Y at E into `d` (reasons, counts, the bottom run, the
// unresolved items). Returns whether there is any.
inline bool rating_findings(const Context& ctx, OrgIx o, int y, std::span<const MonthScore> scores,
                            Sink& out, CompactDecision& d) {
  const Index& ix = ctx.index;
  const Day e = ctx.at_year(y);

  // 整改效果不明显, and 问题长期得不到解决
  std::int32_t considered = 0, on_time = 0;
  const auto unresolved_begin = static_cast<std::uint32_t>(out.item_lists.size());
  const std::int64_t long_days = ctx.integer(Param::long_unresolved_days, e);
  for (ItemIx i : ix.items_of(o)) {
    if (ix.item_date(i) > e) continue;  // does not exist at E
    const Day deadline = ix.deadline(i);
    const Standing s = ctx.standing_at(i, e);
    if (year_of(deadline) == y && deadline <= e && !s.pending) {
      ++considered;
      on_time += s.on_time;
    }
    if (s.machine.status != ItemStatus::rectified && !s.pending &&
        static_cast<std::int64_t>(deadline) + long_days < e)
      out.item_lists.push_back(i);
  }
  const auto unresolved = static_cast<std::uint32_t>(out.item_lists.size()) - unresolved_begin;
  const double min_share = ctx.share(Param::effectiveness_min, e);
  const double share = considered ? static_cast<double>(on_time) / static_cast<double>(considered) : 0;
  const bool ineffective = considered >= 1 && share < min_share;

  // 党建工作长期排名靠后: the longest run of consecutive bottom months of Y elapsed at E.
  const std::int64_t long_months = ctx.integer(Param::long_bottom_months, e);
  std::int32_t run = 0, best = 0;
  Month previous{}, best_last{};
  for (const MonthScore& s : scores) {
    if (s.month.year != y || s.end > e) continue;
    if (!s.bottom) run = 0;
    else {
      run = (run > 0 && s.month == next_month(previous)) ? run + 1 : 1;
      if (run > best) { best = run; best_last = s.month; }
    }
    previous = s.month;
  }
  const bool long_bottom = best >= long_months;

  d.reasons = 0;
  if (ineffective) {
    d.reasons |= reason_bit(RatingReason::ineffective);
    d.considered_items = considered;
    d.on_time_items = on_time;
  }
  if (long_bottom) {
    d.reasons |= reason_bit(RatingReason::long_bottom);
    d.month = best_last;
    d.bottom_months = best;
  }
  if (unresolved > 0) {
    d.reasons |= reason_bit(RatingReason::long_unresolved);
    d.items = {unresolved_begin, unresolved};
  }
  return d.reasons != 0;
}

inline void ratings(const Context& ctx, OrgIx o, std::span<const MonthScore> scores, Sink& out) {
  const Index& ix = ctx.index;
  if (o == ix.root() || !ctx.period.has_start) return;
  for (int y = ctx.period.first_year; y <= ctx.period.last_year; ++y) {
    const bool closed = Context::year_end(y) <= ctx.as_of;
    CompactDecision d;
    d.rule = closed ? Rule::unqualified_rating : Rule::rating_risk;
    d.org = o;
    d.year = y;
    const std::size_t list_size = out.item_lists.size();
    if (rating_findings(ctx, o, y, scores, out, d))
      out.by_rule[static_cast<std::size_t>(d.rule)].push_back(d);
    else
      out.item_lists.resize(list_size);
  }
}

inline Decision describe_rating(const Describer& c, const CompactDecision& cd) {
  const Index& ix = c.index;
  const OrgIx o = cd.org;
  const int y = cd.year;
  const Day e = c.at_year(y);
  const Secretary& secretary = ix.org(o).secretary;
  Decision d = make_decision(c, cd);
  d.person = secretary.id;
  d.year = y;
  d.codes.emplace();
  d.facts = {{"year", std::int64_t{y}}, {"evaluated_at", to_date(e)}};
  std::string zh, en;  // the reasons, as clauses of a sentence
  auto add = [&](std::string z, std::string n) {
    if (!zh.empty()) { zh += "；"; en += "; "; }
    zh += z;
    en += n;
  };
  // The codes sorted by name: ineffective < long_bottom < long_unresolved.
  if (cd.has(RatingReason::ineffective)) {
    const std::int64_t considered = cd.considered_items, on_time = cd.on_time_items;
    d.codes->push_back(RatingReason::ineffective);
    d.facts.push_back({"considered_items", considered});
    d.facts.push_back({"on_time_items", on_time});
    d.facts.push_back({"on_time_share", static_cast<double>(on_time) / static_cast<double>(considered)});
    d.facts.push_back(param_fact(c, Param::effectiveness_min, e));
    add(text::cat("整改效果不明显（", y, " 年到期的 ", considered, " 项问题中按期整改 ", on_time, " 项）"),
        text::cat("rectification was ineffective (", on_time, " of ", considered, " items due in ", y,
                  " rectified on time, below the share required)"));
  }
  if (cd.has(RatingReason::long_bottom)) {
    const auto best = static_cast<std::size_t>(cd.bottom_months);
    std::vector<std::string> months(best);
    Month m = cd.month;
    for (std::size_t k = best; k-- > 0; m = previous_month(m)) months[k] = format_month(m);
    d.codes->push_back(RatingReason::long_bottom);
    const std::string first = months.front(), last = months.back();
    d.facts.push_back({"bottom_months", std::move(months)});
    d.facts.push_back(param_fact(c, Param::long_bottom_months, e));
    add(text::cat("党建工作长期排名靠后（", first, " 至 ", last, " 连续 ", best, " 个月排名靠后）"),
        text::cat("it ranked at the bottom of its peers for ", best, " consecutive months (", first,
                  " to ", last, ")"));
  }
  if (cd.has(RatingReason::long_unresolved)) {
    std::vector<std::string> unresolved = c.item_ids(cd);
    const std::int64_t long_days = c.integer(Param::long_unresolved_days, e);
    d.codes->push_back(RatingReason::long_unresolved);
    add(text::cat("问题长期得不到解决（", text::join(unresolved, "、"), " 超过整改时限 ", long_days,
                  " 天仍未解决）"),
        text::cat("problems stayed unsolved for long (", text::join(unresolved), " more than ",
                  long_days, " days past the deadline)"));
    d.facts.push_back({"long_unresolved_items", std::move(unresolved)});
    d.facts.push_back(param_fact(c, Param::long_unresolved_days, e));
  }
  const std::string who_zh = text::cat(text::org_zh(ix, o), "书记", secretary.name, "（", secretary.id, "）");
  const std::string who_en = text::cat(secretary.name, " (", secretary.id, "), secretary of ", text::org_en(ix, o));
  if (cd.rule == Rule::unqualified_rating) {
    d.text.zh = text::cat(who_zh, "在 ", y, " 年底党员民主评议中直接评定为“不合格”等次：", zh, "。");
    d.text.en = text::cat(who_en, ", is rated \"unqualified\" outright in the ", y,
                          " year-end democratic evaluation: ", en, ".");
  } else {
    d.text.zh = text::cat("预警：截至 ", format_date(e), "，", who_zh, "存在年底被直接评定为“不合格”等次的情形：",
                          zh, "。");
    d.text.en = text::cat("Warning: as of ", format_date(e), ", ", who_en,
                          " faces an \"unqualified\" rating at the end of ", y, ": ", en, ".");
  }
  return d;
}

}  // namespace tiaodu::rules
