// Properties over generated snapshots (docs/reliability.md, "Properties"): what must hold
// for every valid town, checked on synthetic towns of several seeds, sizes and shapes
// (bench/generator.hpp, deterministic by seed; linked by tests/reliability.cmake).
//
//   write -> read -> write        the same model and the same bytes
//   shuffled input                the same result, byte for byte (spec 3: order-free)
//   closed years                  year-Y decisions and assessments identical at Y-12-31
//                                 and at every later date, whatever happened since
//   time travel                   evaluating at D = evaluating the snapshot with every
//                                 record dated after D removed
//   clauses and caps              every decision cites clause_of(rule); a deduction is
//                                 min(cap, per item x items), never above the cap
#include "generator.hpp"

#include "tiaodu/evaluate.hpp"
#include "tiaodu/json.hpp"
#include "tiaodu/state.hpp"
#include "tiaodu/validate.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace tiaodu;

namespace {

struct Town {
  std::string name;
  bench::GeneratorOptions options;
};

// Small towns (the whole test runs in seconds, also under the sanitizers): a normal one,
// one where much goes wrong (so that every rule fires), a lean one without free text, a
// county of several towns, and one with many new and closed organizations.
std::vector<Town> towns() {
  std::vector<Town> out;
  for (std::uint64_t seed : {1u, 7u, 2023u}) {
    bench::GeneratorOptions o;
    o.seed = seed;
    o.orgs = 60;
    out.push_back({"normal-" + std::to_string(seed), o});
  }
  bench::GeneratorOptions troubled;
  troubled.seed = 11;
  troubled.orgs = 150;
  troubled.weak_share = 0.5;
  troubled.refuted_rate = 0.2;
  troubled.ledger_on_time_rate = 0.6;
  troubled.ledger_late_rate = 0.3;
  troubled.on_time_rate = 0.5;
  troubled.late_rate = 0.3;
  out.push_back({"troubled", troubled});
  bench::GeneratorOptions lean;
  lean.seed = 5;
  lean.orgs = 120;
  lean.free_text = false;
  out.push_back({"lean", lean});
  bench::GeneratorOptions county;
  county.seed = 3;
  county.orgs = 500;
  out.push_back({"county", county});
  bench::GeneratorOptions changing;
  changing.seed = 9;
  changing.orgs = 80;
  changing.new_org_share = 0.3;
  changing.closed_org_share = 0.3;
  changing.multi_day_rate = 0.5;
  out.push_back({"changing", changing});
  return out;
}

const Snapshot& town(const Town& t) {
  static std::map<std::string, Snapshot> cache;
  auto it = cache.find(t.name);
  if (it == cache.end()) it = cache.emplace(t.name, bench::generate(t.options)).first;
  return it->second;
}

// A policy that differs from the default on dates inside the year, so that "read at"
// dates matter in the properties too, and whose cap binds (3 points per item, at most 5).
Policy dated_policy() {
  Policy p;
  p.set(Param::ledger_due_days, {{Date(2023, 7, 1), 10}});
  p.set(Param::review_days, {{Date(2023, 5, 1), 20}});
  p.set(Param::deduction_per_item, {{Date(2023, 1, 1), 3}});
  p.set(Param::deduction_cap, {{Date(2023, 1, 1), 5}});
  p.set(Param::problem_points, {{Date(2023, 9, 1), 8}});
  p.set(Param::bottom_share, {{Date(2023, 4, 1), 0.34}});
  p.set(Param::talk_threshold, {{Date(2023, 1, 1), 2}, {Date(2023, 10, 1), 3}});
  p.set(Param::notice_threshold, {{Date(2023, 1, 1), 3}, {Date(2023, 10, 1), 4}});
  return p;
}

std::vector<Policy> policies() { return {Policy{}, dated_policy()}; }

// Every list and nested list of a snapshot in a random order.
Snapshot shuffled(Snapshot s, std::uint32_t seed) {
  std::mt19937 rng(seed);  // the permutation only needs to differ, not to be portable
  auto mix = [&](auto& list) {
    if (list) std::shuffle(list->begin(), list->end(), rng);
  };
  mix(s.organizations);
  mix(s.dispatches);
  mix(s.rectifications);
  mix(s.ledger_submissions);
  mix(s.look_backs);
  for (Dispatch& d : *s.dispatches) {
    mix(d.checks);
    mix(d.good_practices);
    mix(d.support_requests);
  }
  for (Rectification& r : *s.rectifications) mix(r.updates);
  return s;
}

// The snapshot as it was known at D: dispatches after D (with their rectifications and
// those rectifications' look-backs and ledger submissions), and updates, submissions
// and look-backs after D, removed.
Snapshot known_at(Snapshot s, const Date& as_of) {
  std::set<std::string> gone_dispatches, gone_items;
  std::erase_if(*s.dispatches, [&](const Dispatch& d) {
    if (d.date <= as_of) return false;
    gone_dispatches.insert(d.id);
    return true;
  });
  std::erase_if(*s.rectifications, [&](const Rectification& r) {
    if (!gone_dispatches.contains(r.dispatch)) return false;
    gone_items.insert(r.id);
    return true;
  });
  for (Rectification& r : *s.rectifications)
    if (r.updates) std::erase_if(*r.updates, [&](const Update& u) { return u.date > as_of; });
  if (s.ledger_submissions)
    std::erase_if(*s.ledger_submissions, [&](const LedgerSubmission& l) {
      return l.date > as_of || gone_dispatches.contains(l.dispatch);
    });
  if (s.look_backs)
    std::erase_if(*s.look_backs, [&](const LookBack& l) {
      return l.date > as_of || gone_items.contains(l.rectification);
    });
  return s;
}

// What happens after the year: reports, refutations and late ledgers about the year's
// items, and new dispatches with new problems in the next year.
Snapshot with_next_year(Snapshot s) {
  if (!s.look_backs) s.look_backs.emplace();
  if (!s.ledger_submissions) s.ledger_submissions.emplace();
  std::set<std::string> submitted;
  for (const LedgerSubmission& l : *s.ledger_submissions) submitted.insert(l.dispatch);
  std::size_t n = 0;
  for (Rectification& r : *s.rectifications) {
    if (!r.updates) r.updates.emplace();
    r.updates->push_back(Update{std::max(r.deadline, Date(2024, 1, 5)), UpdateStatus::reported_done, std::nullopt});
    const Finding f = n++ % 2 ? Finding::superficial : Finding::rectified;
    s.look_backs->push_back(LookBack{"zz-" + r.id, std::max(r.deadline, Date(2024, 2, 1)), r.id,
                                     LookBackKind::spot_check, f, std::nullopt});
  }
  std::vector<Dispatch> next;
  for (const Dispatch& d : *s.dispatches) {
    if (!submitted.contains(d.id)) s.ledger_submissions->push_back({d.id, Date(2024, 1, 20)});
    // December's dispatches again in January, for objects still active then.
    const auto object = std::find_if(s.organizations->begin(), s.organizations->end(),
                                     [&](const Organization& o) { return o.id == d.object; });
    const bool active = object->active_until.value_or(Date(2024, 1, 10)) >= Date(2024, 1, 10);
    if (d.date.month() == 12 && active) {
      Dispatch x = d;
      x.id = "zz-" + d.id;
      x.date = Date(2024, 1, 10);
      x.end_date.reset();
      next.push_back(x);
    }
  }
  for (const Dispatch& x : next) {
    s.dispatches->push_back(x);
    std::int64_t seq = 1;
    for (const Check& c : each(x.checks))
      if (c.result == CheckResult::problem)
        s.rectifications->push_back(Rectification{"zz-r-" + x.id + "-" + std::to_string(seq), x.id, seq++, c.item,
                                                  "新问题", Date(2024, 2, 10), std::nullopt, std::nullopt});
  }
  return s;
}

std::pair<std::vector<Decision>, std::vector<Assessment>> of_year(const Result& r, int year) {
  std::pair<std::vector<Decision>, std::vector<Assessment>> out;
  for (const Decision& d : r.decisions)
    if (d.year == year) out.first.push_back(d);
  for (const Assessment& a : r.assessments)
    if (a.year == year) out.second.push_back(a);
  return out;
}

class Properties : public testing::TestWithParam<Town> {};

}  // namespace

TEST_P(Properties, TheGeneratedTownIsValid) {
  EXPECT_EQ(validate(town(GetParam())), std::vector<Error>{});
}

TEST_P(Properties, WriteReadWriteIsTheIdentity) {
  const Snapshot& s = town(GetParam());
  const std::string text = to_json(s);
  const Parsed<Snapshot> back = parse_snapshot(text);
  ASSERT_TRUE(back.ok()) << back.errors.front().message;
  EXPECT_TRUE(*back.value == s);
  EXPECT_EQ(to_json(*back.value), text);
  // Policies too.
  for (const Policy& p : policies()) {
    const std::string ptext = to_json(p);
    const Parsed<Policy> pback = parse_policy(ptext);
    ASSERT_TRUE(pback.ok());
    EXPECT_EQ(*pback.value, p);
    EXPECT_EQ(to_json(*pback.value), ptext);
  }
}

TEST_P(Properties, EvaluationIgnoresTheOrderOfTheInput) {
  const Snapshot& s = town(GetParam());
  for (const Policy& policy : policies()) {
    const std::string expected = to_json(evaluate(s, policy, Date(2023, 12, 31)));
    for (std::uint32_t seed : {1u, 2u}) {
      const Snapshot mixed = shuffled(s, seed);
      ASSERT_TRUE(mixed != s);
      EXPECT_EQ(to_json(evaluate(mixed, policy, Date(2023, 12, 31))), expected) << "seed " << seed;
    }
    const Snapshot mixed = shuffled(s, 3);
    EXPECT_EQ(to_json(evaluate(mixed, policy, Date(2023, 8, 17))),
              to_json(evaluate(s, policy, Date(2023, 8, 17))));
  }
}

TEST_P(Properties, AClosedYearIsFrozen) {
  const Snapshot& s = town(GetParam());
  const Snapshot later = with_next_year(s);
  ASSERT_EQ(validate(later), std::vector<Error>{});
  for (const Policy& policy : policies()) {
    const auto frozen = of_year(evaluate(s, policy, Date(2023, 12, 31)), 2023);
    ASSERT_FALSE(frozen.first.empty());
    ASSERT_FALSE(frozen.second.empty());
    // The added facts do change the later result (else the comparison proves nothing).
    EXPECT_TRUE(evaluate(later, policy, Date(2024, 6, 30)).items !=
                evaluate(s, policy, Date(2024, 6, 30)).items);
    for (const Date day : {Date(2023, 12, 31), Date(2024, 1, 1), Date(2024, 3, 31), Date(2025, 12, 31)})
      EXPECT_TRUE(of_year(evaluate(later, policy, day), 2023) == frozen) << format_date(day);
  }
}

TEST_P(Properties, EvaluatingAtADateIgnoresEverythingAfterIt) {
  const Snapshot& s = town(GetParam());
  for (const Policy& policy : policies()) {
    for (const Date day : {Date(2023, 1, 31), Date(2023, 3, 15), Date(2023, 6, 30), Date(2023, 7, 1),
                           Date(2023, 9, 30), Date(2023, 11, 11), Date(2023, 12, 31)}) {
      const Snapshot then = known_at(s, day);
      // Before the year's end something is removed (else this compares a thing to itself).
      if (day < Date(2023, 12, 31)) ASSERT_TRUE(then != s) << format_date(day);
      EXPECT_EQ(to_json(evaluate(then, policy, day)), to_json(evaluate(s, policy, day))) << format_date(day);
    }
  }
}

// The monthly scores (3.4), which the evaluator computes from runs of each item's state,
// against the definition replayed day by day: P problems found in the month's
// dispatches, Q items overdue at its last day (standing() at that day).
TEST_P(Properties, MonthlyScoresAreTheDefinition) {
  const Snapshot& s = town(GetParam());
  const Index ix(s);
  for (const Policy& policy : policies()) {
    for (const Date day : {Date(2023, 6, 30), Date(2023, 12, 31)}) {
      const Result r = evaluate(ix, policy, day);
      ASSERT_FALSE(r.scores.empty());
      std::int64_t overdue_seen = 0;
      for (const Score& sc : r.scores) {
        const OrgIx o = ix.find_org(sc.org);
        ASSERT_NE(o, kNone) << sc.org;
        const Month m = *parse_month(sc.month);
        const Day end = last_day(m);
        std::int64_t problems = 0, overdue = 0;
        for (DispatchIx d : ix.dispatches_of(o))
          if (month_of(ix.dispatch_date(d)) == m) problems += ix.problem_count(d);
        for (ItemIx i : ix.items_of(o))
          if (ix.item_date(i) <= end && standing(ix, i, end, failure_date(ix, i)).overdue) ++overdue;
        overdue_seen += overdue;
        const std::int64_t want =
            std::max<std::int64_t>(0, 100 - policy.integer_at(Param::problem_points, end) * problems -
                                          policy.integer_at(Param::overdue_points, end) * overdue);
        EXPECT_EQ(sc.score, want) << sc.org << " " << sc.month;
      }
      EXPECT_GT(overdue_seen, 0);  // the towns do have overdue items, so Q is tested
    }
  }
}

TEST_P(Properties, EveryDecisionCitesItsClauseAndDeductionsAreCapped) {
  const Snapshot& s = town(GetParam());
  for (const Policy& policy : policies()) {
    for (const Date day : {Date(2023, 6, 30), Date(2023, 12, 31), Date(2024, 12, 31)}) {
      const Result r = evaluate(s, policy, day);
      ASSERT_FALSE(r.decisions.empty());
      for (const Decision& d : r.decisions) {
        EXPECT_EQ(d.clause, clause_of(d.rule));
        EXPECT_FALSE(d.facts.empty());
        EXPECT_FALSE(d.text.zh.empty());
        EXPECT_FALSE(d.text.en.empty());
        if (d.rule != Rule::deduction) continue;
        ASSERT_TRUE(d.year && d.points && d.items);
        const Day e = std::min(to_day(day), days_from_civil(*d.year, 12, 31));
        const std::int64_t cap = policy.integer_at(Param::deduction_cap, e);
        EXPECT_LE(*d.points, cap);
        EXPECT_EQ(*d.points, std::min(cap, policy.integer_at(Param::deduction_per_item, e) *
                                               static_cast<std::int64_t>(d.items->size())));
      }
      for (const Assessment& a : r.assessments) {
        EXPECT_LE(a.deductions, policy.integer_at(Param::deduction_cap, days_from_civil(a.year, 12, 31)));
        EXPECT_DOUBLE_EQ(a.final, a.mean - static_cast<double>(a.deductions));
      }
    }
  }
}

TEST(PropertiesCoverage, TheTownsTogetherFireEveryRule) {
  // The properties above are only as strong as the decisions they compare.
  std::set<Rule> fired;
  for (const Town& t : towns())
    for (const Date day : {Date(2023, 6, 30), Date(2023, 12, 31)})
      for (const Decision& d : evaluate(town(t), Policy{}, day).decisions) fired.insert(d.rule);
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<Rule>>(
      [&](auto e) { EXPECT_TRUE(fired.contains(e.value)) << e.name; });
}

INSTANTIATE_TEST_SUITE_P(Towns, Properties, testing::ValuesIn(towns()),
                         [](const testing::TestParamInfo<Town>& info) {
                           std::string n = info.param.name;
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });
