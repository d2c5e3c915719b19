// Fuzz target: read, then evaluate at a date taken from the input (spec section 3).
//
// Input layout: bytes 0-1 are a signed little-endian day offset from 2023-01-01 (the
// two extreme values stand for the ends of the supported range, 1400-01-01 and
// 9899-12-31, so the calendar's edges are always one mutation away); byte 2 chooses one
// of four fixed policies (the default, every parameter at its upper bound, every one at
// its lower bound, values that change during 2023); the rest is the snapshot's JSON.
//
// For a valid snapshot, evaluation must not throw and its result must hold what the
// spec promises for every input: valid JSON output, the same bytes whatever the order
// of the records, one item per existing rectification, every decision citing its
// clause, deductions capped, scores and ranks in range.
//
// The work of an evaluation grows with organizations x months from period_start to the
// date (docs/reliability.md): inputs above kMaxOrgMonths are read and round-tripped but
// not evaluated, so that a run is not spent on a legitimately huge, slow result.
#include "check.hpp"

#include "tiaodu/evaluate.hpp"
#include "tiaodu/validate.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>

namespace {

using namespace tiaodu;

constexpr std::int64_t kMaxOrgMonths = 20000;

Policy make_policy(int which) {
  Policy p;
  const Date start(1400, 1, 1);
  for (const ParameterInfo& info : parameters) {
    switch (which) {
      case 1: p.set(info.param, {{start, info.max}}); break;
      case 2: {
        // The thresholds must stay ascending from inquiry_threshold's minimum of 1.
        const bool threshold = info.param == Param::talk_threshold || info.param == Param::notice_threshold;
        p.set(info.param, {{start, threshold ? 1.0 : info.min}});
        break;
      }
      case 3:
        // Halved from March, doubled (within range) from October 2023.
        if (info.kind == ValueKind::share) {
          p.set(info.param, {{Date(2023, 3, 1), info.default_value / 2},
                             {Date(2023, 10, 1), std::min(1.0, info.default_value * 2)}});
        } else {
          const double half = std::max(info.min, std::floor(info.default_value / 2));
          p.set(info.param, {{Date(2023, 3, 1), half},
                             {Date(2023, 10, 1), std::min(info.max, info.default_value * 2)}});
        }
        break;
      default: break;
    }
  }
  return p;
}

const std::array<Policy, 4>& policies() {
  static const std::array<Policy, 4> all = [] {
    std::array<Policy, 4> a{make_policy(0), make_policy(1), make_policy(2), make_policy(3)};
    // The thresholds' order must hold in each (inquiry <= talk <= notice): if a policy
    // were invalid every evaluation would throw and the target would test nothing.
    for (const Policy& p : a) TIAODU_FUZZ_CHECK(validate(p).empty());
    return a;
  }();
  return all;
}

Day as_of_from(const std::uint8_t* data) {
  const auto raw = static_cast<std::int16_t>(static_cast<std::uint16_t>(data[0] | (data[1] << 8)));
  if (raw == std::numeric_limits<std::int16_t>::min()) return kMinSupported;
  if (raw == std::numeric_limits<std::int16_t>::max()) return kMaxSupported;
  return std::clamp<Day>(days_from_civil(2023, 1, 1) + raw, kMinSupported, kMaxSupported);
}

// Every list and nested list reversed: a different order, the same facts.
Snapshot reversed(Snapshot s) {
  auto flip = [](auto& list) { if (list) std::reverse(list->begin(), list->end()); };
  flip(s.organizations);
  flip(s.dispatches);
  flip(s.rectifications);
  flip(s.ledger_submissions);
  flip(s.look_backs);
  if (s.dispatches)
    for (Dispatch& d : *s.dispatches) {
      flip(d.checks);
      flip(d.good_practices);
      flip(d.support_requests);
    }
  if (s.rectifications)
    for (Rectification& r : *s.rectifications) flip(r.updates);
  return s;
}

std::int64_t org_months(const Snapshot& s, Day as_of) {
  std::optional<Day> start;
  if (s.period_start) start = to_day(*s.period_start);
  for (const Dispatch& d : each(s.dispatches))
    if (!s.period_start && (!start || to_day(d.date) < *start)) start = to_day(d.date);
  if (!start || *start > as_of) return 0;
  const std::int64_t months = months_between(month_of(*start), month_of(as_of)) + 1;
  return months * static_cast<std::int64_t>(each(s.organizations).size());
}

void check_result(const Snapshot& s, const Policy& policy, Day as_of, const Result& r) {
  TIAODU_FUZZ_CHECK(to_day(r.as_of) == as_of);
  TIAODU_FUZZ_CHECK(r.policy == policy);
  for (const Decision& d : r.decisions) {
    TIAODU_FUZZ_CHECK(d.clause == clause_of(d.rule));
    TIAODU_FUZZ_CHECK(!d.org.empty());
    TIAODU_FUZZ_CHECK(!d.text.zh.empty() && !d.text.en.empty());
    if (d.rule == Rule::deduction) {
      TIAODU_FUZZ_CHECK(d.year && d.points && d.items && !d.items->empty());
      const Day e = std::min(as_of, days_from_civil(*d.year, 12, 31));
      const std::int64_t cap = policy.integer_at(Param::deduction_cap, e);
      const std::int64_t per = policy.integer_at(Param::deduction_per_item, e);
      TIAODU_FUZZ_CHECK(*d.points == std::min(cap, per * static_cast<std::int64_t>(d.items->size())));
    }
  }
  // 3.6: one item per rectification that exists at D (its dispatch's date <= D).
  std::map<std::string, Day> dispatch_day;
  for (const Dispatch& d : each(s.dispatches)) dispatch_day[d.id] = to_day(d.date);
  std::size_t existing = 0;
  for (const Rectification& x : each(s.rectifications)) existing += dispatch_day.at(x.dispatch) <= as_of;
  TIAODU_FUZZ_CHECK(r.items.size() == existing);
  for (const Score& sc : r.scores) {
    TIAODU_FUZZ_CHECK(sc.score >= 0 && sc.score <= 100);
    TIAODU_FUZZ_CHECK(sc.rank >= 1 && sc.rank <= sc.peers);
  }
  for (const Assessment& a : r.assessments) TIAODU_FUZZ_CHECK(a.rank >= 1 && a.rank <= a.peers);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 3) return 0;
  const Day as_of = as_of_from(data);
  const Policy& policy = policies()[data[2] % 4];
  const std::string_view text(reinterpret_cast<const char*>(data + 3), size - 3);

  Parsed<Snapshot> parsed = parse_snapshot(text);
  if (!parsed.ok()) return 0;  // the reader's own target checks refusals
  const Snapshot& s = *parsed.value;
  fuzz::check_round_trip(s, [](std::string_view t) { return parse_snapshot(t); });
  if (org_months(s, as_of) > kMaxOrgMonths) return 0;

  try {
    const Result r = evaluate(s, policy, to_date(as_of));
    check_result(s, policy, as_of, r);
    const std::string json = to_json(r);
    TIAODU_FUZZ_CHECK(fuzz::is_json(json));
    // Pure and order-free (spec 3): the same facts in another order, the same bytes.
    TIAODU_FUZZ_CHECK(to_json(evaluate(reversed(s), policy, to_date(as_of))) == json);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "evaluate threw on a valid snapshot: %s\n", e.what());
    __builtin_trap();
  }
  return 0;
}
