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
// while there is still time. Parameters are read at E.
#pragma once

#include "tiaodu/rules/context.hpp"
#include "tiaodu/rules/ranking.hpp"
#include "tiaodu/rules/text.hpp"

#include <algorithm>
#include <span>
#include <string>
#include <vector>

namespace tiaodu::rules {

struct RatingFindings {
  std::vector<RatingReason> codes;  // sorted by name
  std::vector<Fact> facts;
  std::string zh, en;               // the reasons, as clauses of a sentence
};

inline RatingFindings rating_findings(const Context& ctx, OrgIx o, int y,
                                      std::span<const MonthScore> scores) {
  const Index& ix = ctx.index;
  const Day e = ctx.at_year(y);
  RatingFindings r;
  auto add = [&r](std::string zh, std::string en) {
    if (!r.zh.empty()) { r.zh += "；"; r.en += "; "; }
    r.zh += zh;
    r.en += en;
  };

  // 整改效果不明显
  std::int64_t considered = 0, on_time = 0;
  std::vector<std::string> unresolved;
  const std::int64_t long_days = ctx.integer(Param::long_unresolved_days, e);
  for (ItemIx i : ix.items_of(o)) {
    if (ix.item_date(i) > e) continue;  // does not exist at E
    const Day deadline = ix.deadline(i);
    const Standing s = ctx.standing_at(i, e);
    if (year_of(deadline) == y && deadline <= e && !s.pending) {
      ++considered;
      on_time += s.on_time;
    }
    // 问题长期得不到解决
    if (s.machine.status != ItemStatus::rectified && !s.pending &&
        static_cast<std::int64_t>(deadline) + long_days < e)
      unresolved.push_back(ix.item(i).id);
  }
  const double min_share = ctx.share(Param::effectiveness_min, e);
  const double share = considered ? static_cast<double>(on_time) / static_cast<double>(considered) : 0;
  const bool ineffective = considered >= 1 && share < min_share;

  // 党建工作长期排名靠后: the longest run of consecutive bottom months of Y elapsed at E.
  const std::int64_t long_months = ctx.integer(Param::long_bottom_months, e);
  std::size_t run = 0, best = 0;
  Month previous{}, best_last{};
  for (const MonthScore& s : scores) {
    if (s.month.year != y || last_day(s.month) > e) continue;
    if (!s.bottom) run = 0;
    else {
      run = (run > 0 && s.month == next_month(previous)) ? run + 1 : 1;
      if (run > best) { best = run; best_last = s.month; }
    }
    previous = s.month;
  }
  const bool long_bottom = static_cast<std::int64_t>(best) >= long_months;

  // The codes sorted by name: ineffective < long_bottom < long_unresolved.
  if (ineffective) {
    r.codes.push_back(RatingReason::ineffective);
    r.facts.push_back({"considered_items", considered});
    r.facts.push_back({"on_time_items", on_time});
    r.facts.push_back({"on_time_share", share});
    r.facts.push_back(param_fact(ctx, Param::effectiveness_min, e));
    add(text::cat("整改效果不明显（", y, " 年到期的 ", considered, " 项问题中按期整改 ", on_time, " 项）"),
        text::cat("rectification was ineffective (", on_time, " of ", considered, " items due in ", y,
                  " rectified on time, below the share required)"));
  }
  if (long_bottom) {
    std::vector<std::string> months(best);  // the run, formatted only when it counts
    Month m = best_last;
    for (std::size_t k = best; k-- > 0; m = previous_month(m)) months[k] = format_month(m);
    r.codes.push_back(RatingReason::long_bottom);
    r.facts.push_back({"bottom_months", months});
    r.facts.push_back(param_fact(ctx, Param::long_bottom_months, e));
    add(text::cat("党建工作长期排名靠后（", months.front(), " 至 ", months.back(), " 连续 ", best,
                  " 个月排名靠后）"),
        text::cat("it ranked at the bottom of its peers for ", best, " consecutive months (",
                  months.front(), " to ", months.back(), ")"));
  }
  if (!unresolved.empty()) {
    r.codes.push_back(RatingReason::long_unresolved);
    r.facts.push_back({"long_unresolved_items", unresolved});
    r.facts.push_back(param_fact(ctx, Param::long_unresolved_days, e));
    add(text::cat("问题长期得不到解决（", text::join(unresolved, "、"), " 超过整改时限 ", long_days,
                  " 天仍未解决）"),
        text::cat("problems stayed unsolved for long (", text::join(unresolved),
                  " more than ", long_days, " days past the deadline)"));
  }
  return r;
}

inline void ratings(const Context& ctx, OrgIx o, std::span<const MonthScore> scores, Sink& out) {
  const Index& ix = ctx.index;
  if (o == ix.root() || !ctx.period.has_start) return;
  const Secretary& secretary = ix.org(o).secretary;
  for (int y = ctx.period.first_year; y <= ctx.period.last_year; ++y) {
    const bool closed = Context::year_end(y) <= ctx.as_of;
    RatingFindings f = rating_findings(ctx, o, y, scores);
    if (f.codes.empty()) continue;
    const Day e = ctx.at_year(y);
    Decision d = make_decision(ctx, closed ? Rule::unqualified_rating : Rule::rating_risk, o);
    d.person = secretary.id;
    d.year = y;
    d.codes = std::move(f.codes);
    d.facts.push_back({"year", std::int64_t{y}});
    d.facts.push_back({"evaluated_at", to_date(e)});
    for (Fact& fact : f.facts) d.facts.push_back(std::move(fact));
    const std::string who_zh = text::cat(text::org_zh(ix, o), "书记", secretary.name, "（", secretary.id, "）");
    const std::string who_en = text::cat(secretary.name, " (", secretary.id, "), secretary of ", text::org_en(ix, o));
    if (closed) {
      d.text.zh = text::cat(who_zh, "在 ", y, " 年底党员民主评议中直接评定为“不合格”等次：", f.zh, "。");
      d.text.en = text::cat(who_en, ", is rated \"unqualified\" outright in the ", y,
                            " year-end democratic evaluation: ", f.en, ".");
    } else {
      d.text.zh = text::cat("预警：截至 ", format_date(e), "，", who_zh, "存在年底被直接评定为“不合格”等次的情形：",
                            f.zh, "。");
      d.text.en = text::cat("Warning: as of ", format_date(e), ", ", who_en,
                            " faces an \"unqualified\" rating at the end of ", y, ": ", f.en, ".");
    }
    emit(out, o, y, kNone, std::move(d));
  }
}

}  // namespace tiaodu::rules
