// Tests of the synthetic-snapshot generator (bench/generator.hpp, bench/random.hpp).
#include "generator.hpp"
#include "random.hpp"

#include "tiaodu/index.hpp"
#include "tiaodu/json.hpp"
#include "tiaodu/validate.hpp"

#include <gtest/gtest.h>

#include <map>
#include <numeric>
#include <set>
#include <stdexcept>
#include <string>

using namespace tiaodu;
using tiaodu::bench::GeneratorOptions;

namespace {

GeneratorOptions opts(std::int64_t orgs, std::uint64_t seed, bool free_text = true) {
  GeneratorOptions o;
  o.orgs = orgs;
  o.seed = seed;
  o.free_text = free_text;
  return o;
}

std::string first_errors(const std::vector<Error>& errors) {
  std::string s;
  for (std::size_t i = 0; i < errors.size() && i < 5; ++i)
    s += errors[i].path + " " + std::string(to_string(errors[i].code)) + ": " + errors[i].message + "\n";
  return s;
}

// The snapshot without anything free_text adds.
Snapshot strip_text(Snapshot s) {
  for (Dispatch& d : *s.dispatches) {
    d.situation.reset();
    d.opinion.reset();
    for (Check& c : *d.checks) c.note.reset();
  }
  for (Rectification& r : *s.rectifications)
    if (r.updates)
      for (Update& u : *r.updates) u.note.reset();
  for (LookBack& l : *s.look_backs) l.note.reset();
  return s;
}

}  // namespace

// --- the random numbers: the published reference outputs, so that a change of the
// arithmetic (and with it every synthetic town) cannot pass unnoticed.

TEST(Random, SplitMix64MatchesTheReference) {
  std::uint64_t state = 0;
  EXPECT_EQ(bench::splitmix64(state), 0xe220a8397b1dcdafULL);
  EXPECT_EQ(bench::splitmix64(state), 0x6e789e6aa1b965f4ULL);
  EXPECT_EQ(bench::splitmix64(state), 0x06c45d188009454fULL);
  EXPECT_EQ(bench::splitmix64(state), 0xf88bb8a8724c81ecULL);
}

TEST(Random, Xoshiro256StarStarMatchesTheReference) {
  bench::Rng rng(1, 2, 3, 4);
  EXPECT_EQ(rng.next(), 11520u);
  EXPECT_EQ(rng.next(), 0u);
  EXPECT_EQ(rng.next(), 1509978240u);
  EXPECT_EQ(rng.next(), 1215971899390074240u);
}

TEST(Random, DrawsStayInTheirRangesAndReachBothEnds) {
  bench::Rng rng(42);
  bool lo = false, hi = false;
  for (int i = 0; i < 10000; ++i) {
    const std::int64_t v = rng.between(-3, 3);
    ASSERT_GE(v, -3);
    ASSERT_LE(v, 3);
    lo |= v == -3;
    hi |= v == 3;
    ASSERT_LT(rng.below(7), 7u);
    ASSERT_FALSE(rng.chance(0.0));
    ASSERT_TRUE(rng.chance(1.0));
  }
  EXPECT_TRUE(lo && hi);
  EXPECT_EQ(rng.between(5, 5), 5);
  const double weights[] = {0, 1, 0};
  for (int i = 0; i < 100; ++i) ASSERT_EQ(rng.pick(weights), 1u);
  EXPECT_NE(bench::mix(1, 0), bench::mix(1, 1));
  EXPECT_NE(bench::mix(1, 0), bench::mix(2, 0));
}

// --- determinism

TEST(Generator, SameOptionsSameSnapshotWhateverTheThreads) {
  const Snapshot one = bench::generate(opts(1500, 7));
  EXPECT_EQ(bench::generate(opts(1500, 7)), one);
  for (unsigned threads : {2u, 3u, 0u}) {
    GeneratorOptions o = opts(1500, 7);
    o.threads = threads;
    EXPECT_EQ(bench::generate(o), one) << threads << " threads";
  }
  EXPECT_EQ(to_json(bench::generate(opts(1500, 7))), to_json(one));
}

TEST(Generator, AnotherSeedAnotherSnapshot) {
  EXPECT_NE(bench::generate(opts(500, 1)), bench::generate(opts(500, 2)));
}

TEST(Generator, LeanIsTheSameSnapshotWithoutItsText) {
  const Snapshot full = bench::generate(opts(2000, 11, true));
  const Snapshot lean = bench::generate(opts(2000, 11, false));
  EXPECT_NE(full, lean);
  EXPECT_EQ(strip_text(full), lean);
}

// --- validity, at sizes around the shape's edges and at a few seeds

TEST(Generator, ValidAtEverySizeAndSeed) {
  for (std::int64_t orgs : {1, 2, 19, 50, 80, 81, 100, 101, 1000, 20000})
    for (std::uint64_t seed : {1u, 2u, 99u}) {
      if (orgs == 20000 && seed != 1) continue;  // one large county is enough
      const Snapshot s = bench::generate(opts(orgs, seed, seed != 2));
      const auto errors = validate(s);
      EXPECT_TRUE(errors.empty()) << orgs << " orgs, seed " << seed << ":\n" << first_errors(errors);
      ASSERT_EQ(static_cast<std::int64_t>(each(s.organizations).size()), orgs);
      EXPECT_NO_THROW(Index{s});
    }
}

TEST(Generator, JsonRoundTrip) {
  const Snapshot s = bench::generate(opts(300, 5));
  const std::string json = to_json(s);
  const Parsed<Snapshot> back = parse_snapshot(json);
  ASSERT_TRUE(back.ok()) << first_errors(back.errors);
  EXPECT_EQ(*back.value, s);
}

// --- shape

TEST(Generator, TownsOfTwentyToEightyUnderOneRoot) {
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    const GeneratorOptions o = opts(4000, seed);
    const auto sizes = bench::town_sizes(o);
    EXPECT_EQ(std::accumulate(sizes.begin(), sizes.end(), std::int64_t{0}), 3999);
    for (int size : sizes) {
      EXPECT_GE(size, 20);
      EXPECT_LE(size, 80);
    }
    const Snapshot s = bench::generate(o);
    std::map<std::string, const Organization*> by_id;
    for (const Organization& org : each(s.organizations)) by_id[org.id] = &org;
    std::map<std::string, int> committee_size, general_branch_children;
    int roots = 0;
    for (const Organization& org : each(s.organizations)) {
      if (!org.parent) {
        ++roots;
        EXPECT_EQ(org.id, "root");
        continue;
      }
      const Organization& parent = *by_id.at(*org.parent);
      switch (org.kind) {
        case OrgKind::committee:  // a town committee, right under the county root
          EXPECT_EQ(parent.id, "root");
          ++committee_size[org.id];
          break;
        case OrgKind::general_branch:
          EXPECT_EQ(parent.kind, OrgKind::committee);
          EXPECT_TRUE(parent.parent.has_value());
          ++committee_size[parent.id];
          break;
        case OrgKind::branch: {  // under the town committee or one of its general branches
          if (parent.kind == OrgKind::general_branch) ++general_branch_children[parent.id];
          else EXPECT_EQ(parent.kind, OrgKind::committee);
          const Organization& town = parent.kind == OrgKind::committee ? parent : *by_id.at(*parent.parent);
          EXPECT_EQ(town.kind, OrgKind::committee);
          ++committee_size[town.id];
          break;
        }
      }
    }
    EXPECT_EQ(roots, 1);
    EXPECT_EQ(committee_size.size(), sizes.size());
    std::multiset<int> got, want(sizes.begin(), sizes.end());
    for (const auto& [id, n] : committee_size) got.insert(n);
    EXPECT_EQ(got, want);
    for (const auto& [id, n] : general_branch_children) EXPECT_GE(n, 2) << id;
    EXPECT_FALSE(general_branch_children.empty());  // some towns have three levels
  }
}

TEST(Generator, OneTownIsItsOwnRoot) {
  const Snapshot s = bench::generate(opts(50, 4));
  ASSERT_EQ(each(s.organizations).size(), 50u);
  int roots = 0;
  for (const Organization& org : each(s.organizations)) {
    if (org.parent) continue;
    ++roots;
    EXPECT_EQ(org.kind, OrgKind::committee);
  }
  EXPECT_EQ(roots, 1);
  EXPECT_EQ(bench::town_sizes(opts(50, 4)), std::vector<int>{50});
}

// --- the year's records: rates near those of the sample, nothing after the year's end

TEST(Generator, RatesOfTheSample) {
  const GeneratorOptions o = opts(20000, 3, false);
  const Snapshot s = bench::generate(o);
  const Day year_last = days_from_civil(o.year, 12, 31);

  // Active org-months (every non-root org, months where it is active the whole month).
  const Index index(s);
  std::int64_t active_months = 0;
  for (OrgIx org = 0; org < index.org_count(); ++org) {
    if (org == index.root()) continue;
    for (unsigned m = 1; m <= 12; ++m) {
      const Month month{o.year, m};
      active_months += index.active_from(org) <= first_day(month) && index.active_until(org) >= last_day(month);
    }
  }
  std::int64_t checks = 0, problems = 0, not_applicable = 0, centralized = 0;
  std::set<std::pair<std::string, int>> org_months;
  std::map<std::string, int> problems_of_dispatch;
  for (const Dispatch& d : each(s.dispatches)) {
    const auto n = each(d.checks).size();
    ASSERT_GE(n, 5u);
    ASSERT_LE(n, 7u);
    checks += static_cast<std::int64_t>(n);
    for (const Check& c : each(d.checks)) {
      problems += c.result == CheckResult::problem;
      not_applicable += c.result == CheckResult::not_applicable;
    }
    problems_of_dispatch[d.id] = static_cast<int>(
        std::count_if(d.checks->begin(), d.checks->end(), [](const Check& c) { return c.result == CheckResult::problem; }));
    centralized += d.form == DispatchForm::centralized;
    EXPECT_TRUE(org_months.emplace(d.object, d.date.month().as_number()).second)
        << "two dispatches of " << d.object << " in one month";
    EXPECT_LE(to_day(d.end_date.value_or(d.date)), year_last);
  }
  const double dispatches = static_cast<double>(each(s.dispatches).size());
  // Expected coverage: 92 % of weak org-months, 98 % of the others.
  const double coverage = o.weak_share * o.weak_dispatch_rate + (1 - o.weak_share) * o.dispatch_rate;
  EXPECT_NEAR(dispatches / static_cast<double>(active_months), coverage, 0.005);
  EXPECT_NEAR(static_cast<double>(problems) / static_cast<double>(checks), o.problem_rate, 0.005);
  EXPECT_NEAR(static_cast<double>(not_applicable) / static_cast<double>(checks), 142.0 / 881, 0.02);
  EXPECT_NEAR(static_cast<double>(checks) / dispatches, 6.0, 0.05);
  EXPECT_NEAR(centralized / dispatches, 35.0 / 147, 0.1);

  // One ledger row per problem found, numbered 1.. within its dispatch.
  std::map<std::string, int> rows;
  for (const Rectification& r : each(s.rectifications)) {
    EXPECT_EQ(r.seq, ++rows[r.dispatch]);
    for (const Update& u : each(r.updates)) EXPECT_LE(to_day(u.date), year_last);
  }
  for (const auto& [id, p] : problems_of_dispatch) EXPECT_EQ(rows.count(id) ? rows[id] : 0, p) << id;

  // Most items are reported done in time; most reports are looked back at.
  std::int64_t on_time = 0, reported = 0;
  for (const Rectification& r : each(s.rectifications))
    for (const Update& u : each(r.updates))
      if (u.status == UpdateStatus::reported_done) {
        ++reported;
        on_time += u.date <= r.deadline;
        break;
      }
  const double items = static_cast<double>(each(s.rectifications).size());
  EXPECT_GT(on_time / items, 0.6);
  EXPECT_LT(on_time / items, 0.85);
  EXPECT_GT(static_cast<double>(each(s.look_backs).size()) / items, 0.6);

  // Ledgers: most dispatches with problems have one, on time; none after the year.
  for (const LedgerSubmission& l : each(s.ledger_submissions)) {
    EXPECT_GT(rows.count(l.dispatch), 0u);
    EXPECT_LE(to_day(l.date), year_last);
  }
  EXPECT_GT(static_cast<double>(each(s.ledger_submissions).size()) / static_cast<double>(rows.size()), 0.85);
  for (const LookBack& l : each(s.look_backs)) EXPECT_LE(to_day(l.date), year_last);
}

TEST(Generator, RefusesBadOptions) {
  EXPECT_THROW(bench::generate(opts(0, 1)), std::invalid_argument);
  GeneratorOptions o = opts(100, 1);
  o.max_town = 30;  // below 2 * min_town: the last town could not be sized
  EXPECT_THROW(bench::generate(o), std::invalid_argument);
  o = opts(100, 1);
  o.problem_rate = 1.5;
  EXPECT_THROW(bench::generate(o), std::invalid_argument);
  o = opts(100, 1);
  o.on_time_rate = 0.8;
  o.late_rate = 0.3;
  EXPECT_THROW(bench::generate(o), std::invalid_argument);
  o = opts(100, 1);
  o.max_checks = 20;
  EXPECT_THROW(bench::generate(o), std::invalid_argument);
}
