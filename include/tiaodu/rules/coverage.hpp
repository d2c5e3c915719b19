// tiaodu/rules/coverage.hpp — clause 4.1: every organization is dispatched every month.
//
// 四(一) "采取现场调度与集中调度相结合。镇党委主要领导每月不定期到各党组织进行党建工作检查"
// — the principal leaders inspect every organization each month, on site or at a
// dispatch meeting. Clause 2 (二、调度对象: 镇属各党组织) makes every organization but the
// town committee itself a dispatch object.
//
// Decides: `missed_month` — a non-root organization, active for the whole of an elapsed
// month, has no dispatch dated in that month (a dispatch belongs to the month of its
// date, whatever its end_date; either form counts).
// describe_missed_month renders one as a Decision (facts, zh/en sentences).
#pragma once

#include "tiaodu/rules/context.hpp"
#include "tiaodu/rules/text.hpp"

namespace tiaodu::rules {

// An organization is active in M when active_from <= M's first day and active_until >=
// M's last day (3.1); only missed_month and dispatch validity look at active periods.
inline bool active_between(const Index& ix, OrgIx o, Day first, Day last) noexcept {
  return ix.active_from(o) <= first && ix.active_until(o) >= last;
}

inline void missed_months(const Context& ctx, OrgIx o, Sink& out) {
  const Index& ix = ctx.index;
  if (o == ix.root() || !ctx.period.has_elapsed) return;
  const auto dispatches = ix.dispatches_of(o);  // by date
  std::size_t next = 0;
  // Walk the org's dispatches alongside the elapsed months (both ascending); each
  // month's first day is the day after the previous month's last.
  Day first = first_day(ctx.period.first);
  for (std::size_t k = 0; k < ctx.elapsed_ends.size(); ++k) {
    const Day last = ctx.elapsed_ends[k];
    bool dispatched = false;
    while (next < dispatches.size() && ix.dispatch_date(dispatches[next]) <= last) {
      dispatched |= ix.dispatch_date(dispatches[next]) >= first;
      ++next;
    }
    if (!dispatched && active_between(ix, o, first, last))
      out.add(Rule::missed_month, o).month = ctx.elapsed_months[k];
    first = last + 1;
  }
}

inline Decision describe_missed_month(const Describer& c, const CompactDecision& cd) {
  const Index& ix = c.index;
  const OrgIx o = cd.org;
  Decision d = make_decision(c, cd);
  d.month = format_month(cd.month);
  d.facts = {{"month", *d.month}, {"dispatches_in_month", std::int64_t{0}}};
  d.text.zh = text::cat(text::org_zh(ix, o), text::month_zh(cd.month),
                        "无调度记录（镇党委主要领导每月到各党组织进行党建工作检查）。");
  d.text.en = text::cat("No dispatch of ", text::org_en(ix, o), " took place in ", *d.month,
                        "; every organization is to be dispatched each month.");
  return d;
}

}  // namespace tiaodu::rules
