// tiaodu/rules/ledger.hpp — attachment A2: the rectification ledger reaches the town
// committee within 15 days after the dispatch ends.
//
// 附件2 "注：请将此表于调度结束 15 日内纸质版报送镇党委。" — the paper ledger of a dispatch
// that found problems is due `ledger_due_days` (the document's 15) after the dispatch's
// last day.
//
// Decides, for a dispatch with at least one rectification:
//   `ledger_late`    the submission came after the due day (days_late = submitted - due);
//   `ledger_missing` there is no submission and D is past the due day (days_late = D - due).
// ledger_breach() gives the same judgement at E, as an admonishment trigger (5.2);
// describe_ledger renders either decision.
#pragma once

#include "tiaodu/rules/context.hpp"
#include "tiaodu/rules/text.hpp"

#include <algorithm>
#include <optional>

namespace tiaodu::rules {

// The last day the ledger may arrive: end + ledger_due_days, read at the dispatch's end.
inline Day ledger_due(const Context& ctx, DispatchIx d) noexcept {
  const Day end = ctx.index.dispatch_end(d);
  return end + static_cast<Day>(ctx.integer(Param::ledger_due_days, end));
}

// The ledger's standing at X: submitted late, missing, or neither (nullopt).
inline std::optional<TriggerKind> ledger_breach(const Context& ctx, DispatchIx d, Day x) noexcept {
  const Index& ix = ctx.index;
  if (ix.items_of_dispatch(d).empty() || ix.dispatch_date(d) > x) return std::nullopt;
  const Day due = ledger_due(ctx, d);
  const Day submitted = ix.submitted(d);
  if (submitted != kNoDay && submitted <= x)  // the submission exists at x
    return submitted > due ? std::optional(TriggerKind::ledger_late) : std::nullopt;
  return x > due ? std::optional(TriggerKind::ledger_missing) : std::nullopt;
}

inline void ledger(const Context& ctx, OrgIx o, Sink& out) {
  const Index& ix = ctx.index;
  auto& late_list = out.by_rule[static_cast<std::size_t>(Rule::ledger_late)];
  auto& missing_list = out.by_rule[static_cast<std::size_t>(Rule::ledger_missing)];
  const std::size_t late_from = late_list.size(), missing_from = missing_list.size();
  for (DispatchIx d : ix.dispatches_of(o)) {
    const auto breach = ledger_breach(ctx, d, ctx.as_of);
    if (!breach) continue;
    const bool late = *breach == TriggerKind::ledger_late;
    CompactDecision& dec = out.add(late ? Rule::ledger_late : Rule::ledger_missing, o);
    dec.dispatch = d;
    dec.due = ledger_due(ctx, d);
    if (late) dec.submitted = ix.submitted(d);
    dec.days_late = (late ? dec.submitted : ctx.as_of) - dec.due;
  }
  // dispatches_of is by date; the output is by dispatch id (= index).
  auto by_dispatch = [](const CompactDecision& a, const CompactDecision& b) {
    return a.dispatch < b.dispatch;
  };
  std::sort(late_list.begin() + static_cast<std::ptrdiff_t>(late_from), late_list.end(), by_dispatch);
  std::sort(missing_list.begin() + static_cast<std::ptrdiff_t>(missing_from), missing_list.end(),
            by_dispatch);
}

inline Decision describe_ledger(const Describer& c, const CompactDecision& cd) {
  const Index& ix = c.index;
  const OrgIx o = cd.org;
  const DispatchIx d = cd.dispatch;
  const bool late = cd.rule == Rule::ledger_late;
  const Day end = ix.dispatch_end(d);
  const Day due = cd.due;
  const Day until = late ? cd.submitted : c.as_of;
  const std::int64_t days_late = cd.days_late;
  const auto& id = ix.dispatch(d).id;
  Decision dec = make_decision(c, cd);
  dec.dispatch = id;
  dec.due = to_date(due);
  if (late) dec.submitted = to_date(until);
  dec.days_late = days_late;
  dec.facts = {{"dispatch", id},
               {"end", to_date(end)},
               param_fact(c, Param::ledger_due_days, end),
               {"due", to_date(due)},
               {"rectifications", static_cast<std::int64_t>(ix.items_of_dispatch(d).size())}};
  if (late) dec.facts.push_back({"submitted", to_date(until)});
  dec.facts.push_back({"days_late", days_late});
  if (late) {
    dec.text.zh = text::cat(text::org_zh(ix, o), "调度 ", id, " 的整改台账应于 ",
                            format_date(due), " 前报送，实际于 ", format_date(until),
                            " 报送，迟报 ", days_late, " 天。");
    dec.text.en = text::cat("The ledger of dispatch ", id, " of ", text::org_en(ix, o),
                            " was due by ", format_date(due), " and came on ",
                            format_date(until), ", ", text::plural(days_late, "day", "days"),
                            " late.");
  } else {
    dec.text.zh = text::cat(text::org_zh(ix, o), "调度 ", id, " 的整改台账应于 ",
                            format_date(due), " 前报送，至 ", format_date(c.as_of),
                            " 仍未报送，已逾期 ", days_late, " 天。");
    dec.text.en = text::cat("The ledger of dispatch ", id, " of ", text::org_en(ix, o),
                            " was due by ", format_date(due), " and has not come by ",
                            format_date(c.as_of), ", ",
                            text::plural(days_late, "day", "days"), " late.");
  }
  return dec;
}

}  // namespace tiaodu::rules
