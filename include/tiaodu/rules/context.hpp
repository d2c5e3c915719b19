// tiaodu/rules/context.hpp — what every rule reads: the indexed snapshot, the policy,
// the evaluation date D and the few facts derived once for all rules.
//
// Interface:
//   struct Period                the months and years that count (spec 3.1)
//   struct Context               index, policy, D, period, failure date per item
//     year_end(y), at_year(y)    Y-12-31 and E = min(D, Y-12-31)
//     integer(p, day), share(p, day)   a parameter's value in force on a day
//   struct Keyed, struct Sink    decisions with their sort key (spec 4)
//   make_decision(ctx, rule, org)
#pragma once

#include "tiaodu/index.hpp"
#include "tiaodu/policy.hpp"
#include "tiaodu/result.hpp"
#include "tiaodu/state.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <tuple>
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

  bool counts(Month m) const noexcept { return has_start && m >= first; }
  bool elapsed(Month m) const noexcept { return has_elapsed && m >= first && m <= last_elapsed; }
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
  Period period;
  std::vector<Day> failure;  // per item: failure_date (state.hpp), kNoDay if never

  // Failure dates are computed for items [0, item_count) by compute_failures, which
  // evaluate() runs in parallel over ranges of items.
  Context(const Index& ix, const Policy& pol, Day d)
      : index(ix), policy(pol), as_of(d), period(make_period(ix, d)),
        failure(static_cast<std::size_t>(ix.item_count()), kNoDay) {}
  void compute_failures(ItemIx begin, ItemIx end) noexcept {
    for (ItemIx i = begin; i < end; ++i) failure[static_cast<std::size_t>(i)] = failure_date(index, i);
  }

  static Day year_end(int year) noexcept { return days_from_civil(year, 12, 31); }
  // E of spec 3: a decision of year Y sees the facts that exist at min(D, Y-12-31).
  Day at_year(int year) const noexcept { return std::min(as_of, year_end(year)); }

  std::int64_t integer(Param p, Day day) const noexcept { return policy.integer_at(p, day); }
  double share(Param p, Day day) const noexcept { return policy.at(p, day); }
  Day failure_of(ItemIx i) const noexcept { return failure[static_cast<std::size_t>(i)]; }
  Standing standing_at(ItemIx i, Day x) const noexcept {
    return standing(index, i, x, failure_of(i));
  }
};

inline int year_of(Day d) noexcept { return civil_from_days(d).year; }

// A decision with the key section 4 sorts by: rule order, org id, year or month, then
// dispatch or item id. Ids are dense indices in id order, so the key is all integers.
struct Keyed {
  Rule rule;
  OrgIx org;
  std::int64_t period;  // year, or year * 12 + month - 1 for a month; 0 when none
  std::int32_t ref;     // dispatch or item index; -1 when none
  Decision decision;

  auto key() const noexcept { return std::tuple(static_cast<int>(rule), org, period, ref); }
};
using Sink = std::vector<Keyed>;

inline std::int64_t month_key(Month m) noexcept {
  return static_cast<std::int64_t>(m.year) * 12 + m.month - 1;
}

inline Decision make_decision(const Context& ctx, Rule rule, OrgIx org) {
  Decision d;
  d.rule = rule;
  d.clause = std::string(clause_of(rule));
  d.org = std::string(ctx.index.org_id(org));
  return d;
}

inline void emit(Sink& sink, OrgIx org, std::int64_t period, std::int32_t ref, Decision d) {
  const Rule rule = d.rule;
  sink.push_back(Keyed{rule, org, period, ref, std::move(d)});
}

// The parameter's value as a fact: integers as integers, shares as doubles.
inline Fact param_fact(const Context& ctx, Param p, Day day) {
  const auto& pi = info(p);
  if (pi.kind == ValueKind::share) return {std::string(pi.name), ctx.share(p, day)};
  return {std::string(pi.name), ctx.integer(p, day)};
}

}  // namespace tiaodu::rules
