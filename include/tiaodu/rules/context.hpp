// tiaodu/rules/context.hpp — what every rule reads: the indexed snapshot, the policy,
// the evaluation date D and the few facts derived once for all rules.
//
// Interface:
//   struct Period                the months and years that count (spec 3.1)
//   struct Context               index, policy, D, period; per item its failure date and
//                                its registers at D; the period's elapsed months
//     year_end(y), at_year(y)    Y-12-31 and E = min(D, Y-12-31)
//     standing_at(i, x)          Standing of item i at x (state.hpp)
//     integer(p, day), share(p, day)   a parameter's value in force on a day
//   struct Sink                  where a chunk of organizations decides into
//   struct Describer             what describe_* functions read
//   make_decision(describer, compact), param_fact(describer, p, day)
#pragma once

#include "tiaodu/compact.hpp"
#include "tiaodu/index.hpp"
#include "tiaodu/policy.hpp"
#include "tiaodu/result.hpp"
#include "tiaodu/state.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace tiaodu::rules {

// 3.1 — only months from period_start's month on count; the years evaluated are those
// from period_start's year to D's year.
struct Period {
  bool has_start = false;   // false: no period_start and no dispatch, so no months
  Month first{};            // the first month that counts
  int first_year = 0;
  int last_year = -1;       // D's year; first_year > last_year: no years
  bool has_elapsed = false; // some month from `first` on has ended by D
  Month last_elapsed{};     // the last month whose last day is <= D

  bool evaluated(int year) const noexcept {
    return has_start && year >= first_year && year <= last_year;
  }
};

inline Period make_period(const Index& index, Day as_of) noexcept {
  Period p;
  const auto& start = index.snapshot().period_start;
  Day begin = kNoDay;
  if (start) begin = to_day(*start);
  else if (index.earliest_dispatch() != kNoDay) begin = index.earliest_dispatch();
  if (begin == kNoDay) return p;
  p.has_start = true;
  p.first = month_of(begin);
  p.first_year = p.first.year;
  p.last_year = month_of(as_of).year;
  Month last = month_of(as_of);
  if (last_day(last) > as_of) last = previous_month(last);
  p.has_elapsed = last >= p.first;
  p.last_elapsed = last;
  return p;
}

struct Context {
  const Index& index;
  const Policy& policy;
  Day as_of;                 // D
  int as_of_year;            // D's year: E = D for it and every later year
  Period period;
  std::vector<Day> failure;  // per item: failure_date (state.hpp), kNoDay if never
  std::vector<Replay> now;   // per item: the registers at D, asked for by several rules
  // The elapsed months of the period (3.1), from period.first to period.last_elapsed,
  // with their last days: computed once, so that the rules walk them without calendar
  // arithmetic.
  std::vector<Month> elapsed_months;
  std::vector<Day> elapsed_ends;

  // Failure dates and the registers at D are computed for items [0, item_count) by
  // compute_failures, which evaluate() runs in parallel over ranges of items.
  Context(const Index& ix, const Policy& pol, Day d)
      : index(ix), policy(pol), as_of(d), as_of_year(year_of(d)), period(make_period(ix, d)),
        failure(static_cast<std::size_t>(ix.item_count()), kNoDay),
        now(static_cast<std::size_t>(ix.item_count())) {
    if (!period.has_elapsed) return;
    for (Month m = period.first; m <= period.last_elapsed; m = next_month(m)) {
      elapsed_months.push_back(m);
      elapsed_ends.push_back(last_day(m));
    }
  }
  void compute_failures(ItemIx begin, ItemIx end) noexcept {
    for (ItemIx i = begin; i < end; ++i) {
      failure[static_cast<std::size_t>(i)] = failure_date(index, i);
      now[static_cast<std::size_t>(i)] = replay(index.events(i), as_of);
    }
  }

  static Day year_end(int year) noexcept { return days_from_civil(year, 12, 31); }
  // E of spec 3: a decision of year Y sees the facts that exist at min(D, Y-12-31).
  Day at_year(int year) const noexcept { return year >= as_of_year ? as_of : year_end(year); }

  std::int64_t integer(Param p, Day day) const noexcept { return policy.integer_at(p, day); }
  double share(Param p, Day day) const noexcept { return policy.at(p, day); }
  Day failure_of(ItemIx i) const noexcept { return failure[static_cast<std::size_t>(i)]; }
  const Replay& replay_at_as_of(ItemIx i) const noexcept { return now[static_cast<std::size_t>(i)]; }
  Standing standing_at(ItemIx i, Day x) const noexcept {
    if (x == as_of) return standing_of(replay_at_as_of(i), index.deadline(i), x, failure_of(i));
    return standing(index, i, x, failure_of(i));
  }
};

// Where a chunk of organizations decides into: one list per rule (each rule emits an
// organization's decisions in the order of spec 4 within the rule, and organizations
// come in id order, so concatenating the lists rule by rule is the output order), and the
// side arrays the decisions' ranges point into (rebased when chunks are joined).
struct Sink {
  std::array<std::vector<CompactDecision>, kRuleCount> by_rule;
  std::vector<CompactTrigger> triggers;
  std::vector<ItemIx> item_lists;

  CompactDecision& add(Rule rule, OrgIx org) {
    CompactDecision& d = by_rule[static_cast<std::size_t>(rule)].emplace_back();
    d.rule = rule;
    d.org = org;
    return d;
  }
};

// What a describe_* function reads to render a compact decision: the same index,
// policy and D as the rules, and the compact result the decision's ranges point into.
struct Describer {
  const Index& index;
  const Policy& policy;
  Day as_of;
  const CompactResult& result;

  Day at_year(int year) const noexcept { return std::min(as_of, Context::year_end(year)); }
  std::int64_t integer(Param p, Day day) const noexcept { return policy.integer_at(p, day); }
  // The ids of the decision's `items`, in their order.
  std::vector<std::string> item_ids(const CompactDecision& d) const {
    std::vector<std::string> ids;
    ids.reserve(d.items.size);
    for (ItemIx i : result.items_of(d)) ids.push_back(index.item(i).id);
    return ids;
  }
};

// The Decision a describe_* function fills in: rule, clause and organization.
inline Decision make_decision(const Describer& c, const CompactDecision& d) {
  Decision out;
  out.rule = d.rule;
  out.clause = std::string(clause_of(d.rule));
  out.org = std::string(c.index.org_id(d.org));
  return out;
}

// The parameter's value as a fact: integers as integers, shares as doubles.
inline Fact param_fact(const Describer& c, Param p, Day day) {
  const auto& pi = info(p);
  if (pi.kind == ValueKind::share) return {std::string(pi.name), c.policy.at(p, day)};
  return {std::string(pi.name), c.policy.integer_at(p, day)};
}

}  // namespace tiaodu::rules
