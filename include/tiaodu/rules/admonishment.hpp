// tiaodu/rules/admonishment.hpp — clause 5.2 诫勉约谈: the superior organization holds an
// admonishment talk.
//
// 五(二) "对于调度工作发现问题整改不重视的，未按时报送台账整改情况，或存在应付敷衍的，按党组织
// 隶属关系由上级党组织层层诫勉约谈。" — where rectification is not taken seriously, the
// ledger's rectification status is not reported on time, or the response is
// perfunctory, the parent organization (by affiliation, level by level) holds the talk.
//
// Decides: `admonishment_talk` — one per organization and year Y with any trigger dated
// in Y and on or before E = min(D, Y-12-31); conducted by the parent. Triggers:
//   neglect        (整改不重视) an item with no update by deadline + neglect_grace_days
//                  and not rectified then; dated the day after.
//   ledger_late /  (未按时报送台账) the dispatch's ledger judged at E (ledger.hpp);
//   ledger_missing dated due + 1.
//   perfunctory    (应付敷衍) each look-back that refutes a report or a finding; dated
//                  as the look-back.
#pragma once

#include "tiaodu/rules/context.hpp"
#include "tiaodu/rules/ledger.hpp"
#include "tiaodu/rules/text.hpp"

#include <algorithm>
#include <string_view>
#include <tuple>

namespace tiaodu::rules {

struct DatedTrigger {
  Day date;
  TriggerKind kind;
  std::string_view ref;
};

// The day a neglect trigger falls on, or kNoDay: no update dated <= deadline + grace and
// not rectified at that day.
inline Day neglect_day(const Context& ctx, ItemIx i) noexcept {
  const Index& ix = ctx.index;
  const Day deadline = ix.deadline(i);
  const Day last = deadline + static_cast<Day>(ctx.integer(Param::neglect_grace_days, deadline));
  for (const ItemEvent& e : ix.events(i)) {
    if (e.date > last) break;
    if (e.kind == EventKind::in_progress || e.kind == EventKind::reported_done) return kNoDay;
  }
  if (replay(ix.events(i), last).status == ItemStatus::rectified) return kNoDay;
  return last + 1;
}

inline std::string_view trigger_name(TriggerKind k) noexcept {
  constexpr std::string_view names[] = {"neglect", "ledger_late", "ledger_missing", "perfunctory"};
  return names[static_cast<int>(k)];
}

inline void admonishment_talks(const Context& ctx, OrgIx o, Sink& out) {
  const Index& ix = ctx.index;
  if (o == ix.root()) return;
  std::vector<DatedTrigger> triggers;
  // A trigger counts for the year of its date Y when it is on or before E(Y).
  auto counts = [&](Day t) {
    const int y = year_of(t);
    return ctx.period.evaluated(y) && t <= ctx.at_year(y);
  };
  for (ItemIx i : ix.items_of(o)) {
    if (const Day t = neglect_day(ctx, i); t != kNoDay && counts(t))
      triggers.push_back({t, TriggerKind::neglect, ix.item(i).id});
    replay(ix.events(i), kNoEnd, [&](const ItemEvent& e) {  // every refutation
      if (counts(e.date))
        triggers.push_back({e.date, TriggerKind::perfunctory, ix.look_back(e.look_back).id});
    });
  }
  for (DispatchIx d : ix.dispatches_of(o)) {
    if (ix.items_of_dispatch(d).empty()) continue;
    const Day t = ledger_due(ctx, d) + 1;
    if (!counts(t)) continue;
    if (const auto breach = ledger_breach(ctx, d, ctx.at_year(year_of(t))))
      triggers.push_back({t, *breach, ix.dispatch(d).id});
  }
  if (triggers.empty()) return;
  // (date, kind, ref); kinds compare by their names, as every other code in the output.
  std::sort(triggers.begin(), triggers.end(), [](const DatedTrigger& a, const DatedTrigger& b) {
    return std::tuple(a.date, trigger_name(a.kind), a.ref) <
           std::tuple(b.date, trigger_name(b.kind), b.ref);
  });
  const OrgIx parent = ix.parent(o);
  for (std::size_t first = 0; first < triggers.size();) {
    const int y = year_of(triggers[first].date);
    std::size_t last = first;
    std::int64_t count[4] = {0, 0, 0, 0};
    Decision d = make_decision(ctx, Rule::admonishment_talk, o);
    d.year = y;
    d.conductor = std::string(ix.org_id(parent));
    d.triggers.emplace();
    for (; last < triggers.size() && year_of(triggers[last].date) == y; ++last) {
      const auto& t = triggers[last];
      ++count[static_cast<int>(t.kind)];
      d.triggers->push_back(Trigger{t.kind, to_date(t.date), std::string(t.ref)});
    }
    const Day evaluated_at = ctx.at_year(y);
    d.facts = {{"year", std::int64_t{y}},
               {"conductor", std::string(ix.org_id(parent))},
               {"neglect", count[0]},
               {"ledger_late", count[1]},
               {"ledger_missing", count[2]},
               {"perfunctory", count[3]},
               {"evaluated_at", to_date(evaluated_at)}};
    std::string zh_parts, en_parts;
    auto part = [&](std::int64_t n, std::string_view zh, std::string_view en_one,
                    std::string_view en_many) {
      if (n == 0) return;
      if (!zh_parts.empty()) { zh_parts += "，"; en_parts += ", "; }
      zh_parts += text::cat(zh, " ", n, " 项");
      en_parts += text::plural(n, en_one, en_many);
    };
    part(count[0], "整改不重视（到期未报送整改情况）", "item neglected (no update by its deadline)",
         "items neglected (no update by their deadline)");
    part(count[1] + count[2], "未按时报送台账", "ledger not submitted on time",
         "ledgers not submitted on time");
    part(count[3], "应付敷衍（回头看发现未整改或表面整改）", "perfunctory response found by a look-back",
         "perfunctory responses found by look-backs");
    d.text.zh = text::cat(text::org_zh(ix, parent), "应对", text::org_zh(ix, o), "进行诫勉约谈（", y,
                          " 年）：", zh_parts, "。");
    d.text.en = text::cat(text::org_en(ix, parent), " is to hold an admonishment talk with ",
                          text::org_en(ix, o), " for ", y, ": ", en_parts, ".");
    emit(out, o, y, kNone, std::move(d));
    first = last;
  }
}

}  // namespace tiaodu::rules
