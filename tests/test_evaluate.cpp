// Tests of tiaodu/evaluate.hpp: the sample town against reviewed expectations, and the
// properties every evaluation must have (spec 3: pure, order-free, closed years frozen,
// only facts dated on or before D exist).
#include "tiaodu/evaluate.hpp"

#include "tiaodu/json.hpp"
#include "support/summary.hpp"
#include "support/town.hpp"
#include "support/files.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

using namespace tiaodu;
using namespace tiaodu::testing;

namespace {

const Snapshot& sample() {
  static const Snapshot s = read_snapshot(slurp(TIAODU_SOURCE_DIR "/examples/sample-town.json"));
  return s;
}

// Every list and nested list of a snapshot in a random order.
Snapshot shuffled(Snapshot s, std::uint32_t seed) {
  std::mt19937 rng(seed);  // the permutation only needs to differ, not to be portable
  auto mix = [&](auto& opt) { if (opt) std::shuffle(opt->begin(), opt->end(), rng); };
  mix(s.organizations);
  mix(s.dispatches);
  mix(s.rectifications);
  mix(s.ledger_submissions);
  mix(s.look_backs);
  for (auto& d : *s.dispatches) { mix(d.checks); mix(d.good_practices); mix(d.support_requests); }
  for (auto& r : *s.rectifications) mix(r.updates);
  return s;
}

// The snapshot as it was known at D: every record dated after D removed.
Snapshot known_at(Snapshot s, const Date& as_of) {
  std::set<std::string> gone_dispatches, gone_items;
  auto& ds = *s.dispatches;
  std::erase_if(ds, [&](const Dispatch& d) {
    return d.date > as_of && gone_dispatches.insert(d.id).second;
  });
  std::erase_if(*s.rectifications, [&](const Rectification& r) {
    return gone_dispatches.contains(r.dispatch) && gone_items.insert(r.id).second;
  });
  for (auto& r : *s.rectifications)
    if (r.updates) std::erase_if(*r.updates, [&](const Update& u) { return u.date > as_of; });
  std::erase_if(*s.ledger_submissions, [&](const LedgerSubmission& l) { return l.date > as_of; });
  std::erase_if(*s.look_backs, [&](const LookBack& l) {
    return l.date > as_of || gone_items.contains(l.rectification);
  });
  return s;
}

Result at(const Snapshot& s, const char* iso, unsigned threads = 1) {
  const Index ix(s);
  return evaluate(ix, Policy{}, d(iso), Options{threads, 1});  // threads even for a town
}

}  // namespace

// The expectations were derived independently from spec/rules.md (examples/sample-town.md
// lists what each record was designed to trigger) and reviewed against this output.
TEST(SampleTown, At20230630MatchesTheReviewedExpectation) {
  EXPECT_EQ(summary(at(sample(), "2023-06-30")),
            read_lines(TIAODU_SOURCE_DIR "/tests/data/expected/sample-2023-06-30.tsv"));
}

TEST(SampleTown, At20231231MatchesTheReviewedExpectation) {
  EXPECT_EQ(summary(at(sample(), "2023-12-31")),
            read_lines(TIAODU_SOURCE_DIR "/tests/data/expected/sample-2023-12-31.tsv"));
}

TEST(SampleTown, EveryRuleFiresAcrossTheTwoDates) {
  std::set<Rule> fired;
  for (const char* day : {"2023-06-30", "2023-12-31"})
    for (const auto& dec : at(sample(), day).decisions) fired.insert(dec.rule);
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<Rule>>(
      [&](auto e) { EXPECT_TRUE(fired.contains(e.value)) << e.name; });
}

TEST(Evaluate, DeterministicToTheByte) {
  EXPECT_EQ(to_json(at(sample(), "2023-12-31")), to_json(at(sample(), "2023-12-31")));
}

TEST(Evaluate, TheOrderOfTheInputDoesNotMatter) {
  const std::string expected = to_json(at(sample(), "2023-12-31"));
  for (std::uint32_t seed : {1u, 2u, 3u}) {
    const Snapshot s = shuffled(sample(), seed);
    ASSERT_NE(s, sample());
    EXPECT_EQ(to_json(at(s, "2023-12-31")), expected) << "seed " << seed;
  }
}

TEST(Evaluate, AnyThreadCountGivesTheSameResult) {
  const Result one = at(sample(), "2023-12-31", 1);
  for (unsigned t : {2u, 3u, 8u, 0u}) EXPECT_EQ(at(sample(), "2023-12-31", t), one) << t;
}

TEST(Evaluate, AClosedYearIsFrozen) {
  // Every decision that carries the year 2023, and every 2023 assessment, is the same at
  // 2023-12-31 and at any later date, whatever happened since.
  auto of_2023 = [](const Result& r) {
    std::vector<Decision> out;
    for (const auto& dec : r.decisions)
      if (dec.year == 2023) out.push_back(dec);
    std::vector<Assessment> as;
    for (const auto& a : r.assessments)
      if (a.year == 2023) as.push_back(a);
    return std::pair(out, as);
  };
  Snapshot later = sample();
  // 2024 facts about 2023 items: late submissions, look-backs, reports. (The sample's own
  // January 2024 items are left alone: their dispatches may be dated after 2024-01-05.)
  std::set<std::string> dispatched_in_2023;
  for (const auto& dp : *later.dispatches)
    if (dp.date <= d("2023-12-31")) dispatched_in_2023.insert(dp.id);
  for (auto& r : *later.rectifications) {
    if (!dispatched_in_2023.contains(r.dispatch)) continue;
    if (!r.updates) r.updates.emplace();
    r.updates->push_back(Update{d("2024-01-05"), UpdateStatus::reported_done, std::nullopt});
    later.look_backs->push_back(LookBack{"lb-2024-" + r.id, d("2024-02-01"), r.id,
                                         LookBackKind::spot_check, Finding::superficial, std::nullopt});
  }
  const auto frozen = of_2023(at(sample(), "2023-12-31"));
  ASSERT_FALSE(frozen.first.empty());
  for (const char* day : {"2024-01-01", "2024-06-30", "2026-12-31"})
    EXPECT_EQ(of_2023(at(later, day)), frozen) << day;
}

TEST(Evaluate, OnlyFactsDatedOnOrBeforeTheDateExist) {
  for (const char* day : {"2023-02-15", "2023-03-31", "2023-06-30", "2023-09-17", "2023-12-31"}) {
    const Snapshot then = known_at(sample(), d(day));
    EXPECT_EQ(to_json(at(then, day)), to_json(at(sample(), day))) << day;
  }
}

TEST(Evaluate, EveryDecisionCitesItsClauseAndSaysItTwice) {
  for (const char* day : {"2023-06-30", "2023-12-31"}) {
    for (const auto& dec : at(sample(), day).decisions) {
      EXPECT_EQ(dec.clause, clause_of(dec.rule));
      EXPECT_FALSE(dec.text.zh.empty());
      EXPECT_FALSE(dec.text.en.empty());
      EXPECT_FALSE(dec.facts.empty()) << summary_line(dec);
    }
  }
}

TEST(Evaluate, LadderAndDeductionsAreConsistent) {
  const Result r = at(sample(), "2023-12-31");
  for (const auto& dec : r.decisions) {
    if (dec.rule == Rule::deduction) {
      EXPECT_LE(*dec.points, 20);
      EXPECT_EQ(*dec.points, std::min<std::int64_t>(20, 2 * static_cast<std::int64_t>(dec.items->size())));
    }
    if (dec.rule == Rule::accountability) {
      const auto esc = decisions(r, Rule::escalation, dec.org);
      ASSERT_EQ(esc.size(), 1u);
      EXPECT_EQ(*esc[0].level, EscalationLevel::notice);
      EXPECT_EQ(*esc[0].items, *dec.items);
    }
  }
}

TEST(Evaluate, ResultListsAreInTheirSpecOrder) {
  const Result r = at(sample(), "2023-12-31");
  EXPECT_TRUE(std::is_sorted(r.items.begin(), r.items.end(),
                             [](const auto& a, const auto& b) { return a.id < b.id; }));
  EXPECT_TRUE(std::is_sorted(r.scores.begin(), r.scores.end(), [](const auto& a, const auto& b) {
    return std::tie(a.org, a.month) < std::tie(b.org, b.month);
  }));
  EXPECT_TRUE(std::is_sorted(r.assessments.begin(), r.assessments.end(), [](const auto& a, const auto& b) {
    return std::tie(a.year, a.org) < std::tie(b.year, b.org);
  }));
  EXPECT_TRUE(std::is_sorted(r.decisions.begin(), r.decisions.end(), [](const auto& a, const auto& b) {
    return std::tie(a.rule, a.org) < std::tie(b.rule, b.org);
  }));
  EXPECT_EQ(r.items.size(), 72u);
  EXPECT_FALSE(r.good_practices.empty());
  EXPECT_FALSE(r.support_requests.empty());
  // By (date, dispatch, text); the sample has a dispatch with two good practices.
  EXPECT_TRUE(std::is_sorted(r.good_practices.begin(), r.good_practices.end(), [](const auto& a, const auto& b) {
    return std::tie(a.date, a.dispatch, a.text) < std::tie(b.date, b.dispatch, b.text);
  }));
  EXPECT_TRUE(std::adjacent_find(r.good_practices.begin(), r.good_practices.end(), [](const auto& a, const auto& b) {
                return a.dispatch == b.dispatch;
              }) != r.good_practices.end());
  EXPECT_TRUE(std::is_sorted(r.support_requests.begin(), r.support_requests.end(), [](const auto& a, const auto& b) {
    return std::tie(a.date, a.dispatch, a.text) < std::tie(b.date, b.dispatch, b.text);
  }));
}

TEST(Evaluate, BadArgumentsAreRefusedNotCrashed) {
  EXPECT_THROW(evaluate(sample(), Policy{}, Date(boost::date_time::not_a_date_time)), std::out_of_range);
  EXPECT_THROW(evaluate(sample(), Policy{}, Date(9950, 1, 1)), std::out_of_range);
  Snapshot broken = sample();
  broken.dispatches->at(0).object = "no-such-org";
  EXPECT_THROW(evaluate(broken, Policy{}, d("2023-12-31")), ValidationError);
}
