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
// describe_admonishment_talk renders a talk with its triggers and counts.
#pragma once

#include "tiaodu/rules/context.hpp"
#include "tiaodu/rules/ledger.hpp"
#include "tiaodu/rules/text.hpp"

#include <algorithm>
#include <string_view>
#include <tuple>

namespace tiaodu::rules {

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

// Triggers sort by (date, kind, ref), kinds by their names as every other code in the
// output; refs of one kind are indices of one list, in id order.
inline int trigger_name_rank(TriggerKind k) noexcept {
  constexpr int rank[] = {2, 0, 1, 3};  // ledger_late < ledger_missing < neglect < perfunctory
  return rank[static_cast<int>(k)];
}

inline void admonishment_talks(const Context& ctx, OrgIx o, Sink& out) {
  const Index& ix = ctx.index;
  if (o == ix.root()) return;
  const std::size_t first_trigger = out.triggers.size();
  auto& triggers = out.triggers;
  // A trigger counts for the year of its date Y when it is on or before E(Y).
  auto counts = [&](Day t) {
    const int y = year_of(t);
    return ctx.period.evaluated(y) && t <= ctx.at_year(y);
  };
  for (ItemIx i : ix.items_of(o)) {
    if (const Day t = neglect_day(ctx, i); t != kNoDay && counts(t))
      triggers.push_back({t, TriggerKind::neglect, i});
    replay(ix.events(i), kNoEnd, [&](const ItemEvent& e) {  // every refutation
      if (counts(e.date)) triggers.push_back({e.date, TriggerKind::perfunctory, e.look_back});
    });
  }
  for (DispatchIx d : ix.dispatches_of(o)) {
    if (ix.items_of_dispatch(d).empty()) continue;
    const Day t = ledger_due(ctx, d) + 1;
    if (!counts(t)) continue;
    if (const auto breach = ledger_breach(ctx, d, ctx.at_year(year_of(t))))
      triggers.push_back({t, *breach, d});
  }
  const auto begin = triggers.begin() + static_cast<std::ptrdiff_t>(first_trigger);
  std::sort(begin, triggers.end(), [](const CompactTrigger& a, const CompactTrigger& b) {
    return std::tuple(a.date, trigger_name_rank(a.kind), a.ref) <
           std::tuple(b.date, trigger_name_rank(b.kind), b.ref);
  });
  // One talk per year, with that year's triggers.
  for (std::size_t first = first_trigger; first < triggers.size();) {
    const int y = year_of(triggers[first].date);
    std::size_t last = first;
    while (last < triggers.size() && year_of(triggers[last].date) == y) ++last;
    CompactDecision& d = out.add(Rule::admonishment_talk, o);
    d.year = y;
    d.triggers = {static_cast<std::uint32_t>(first), static_cast<std::uint32_t>(last - first)};
    first = last;
  }
}

inline Decision describe_admonishment_talk(const Describer& c, const CompactDecision& cd) {
  const Index& ix = c.index;
  const OrgIx o = cd.org;
  const int y = cd.year;
  const OrgIx parent = ix.parent(o);
  Decision d = make_decision(c, cd);
  d.year = y;
  d.conductor = std::string(ix.org_id(parent));
  d.triggers.emplace();
  std::int64_t count[4] = {0, 0, 0, 0};
  for (const CompactTrigger& t : c.result.triggers_of(cd)) {
    ++count[static_cast<int>(t.kind)];
    const std::string& ref = t.kind == TriggerKind::neglect       ? ix.item(t.ref).id
                             : t.kind == TriggerKind::perfunctory ? ix.look_back(t.ref).id
                                                                  : ix.dispatch(t.ref).id;
    d.triggers->push_back(Trigger{t.kind, to_date(t.date), ref});
  }
  d.facts = {{"year", std::int64_t{y}},
             {"conductor", *d.conductor},
             {"neglect", count[0]},
             {"ledger_late", count[1]},
             {"ledger_missing", count[2]},
             {"perfunctory", count[3]},
             {"evaluated_at", to_date(c.at_year(y))}};
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
  return d;
}

}  // namespace tiaodu::rules
