// Tests of tiaodu/compact.hpp: the CompactResult the rules decide into, and expand(),
// which renders it as the Result every front end shows.
#include "tiaodu/compact.hpp"

#include "tiaodu/evaluate.hpp"
#include "tiaodu/json.hpp"

#include "support/files.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>

using namespace tiaodu;

namespace {

const Snapshot& sample() {
  static const Snapshot s = read_snapshot(tiaodu::testing::slurp(TIAODU_SOURCE_DIR "/examples/sample-town.json"));
  return s;
}

const Index& sample_index() {
  static const Index ix(sample());
  return ix;
}

const Date kDates[] = {Date(2023, 3, 15), Date(2023, 6, 30), Date(2023, 12, 31), Date(2024, 1, 31)};

}  // namespace

// evaluate() is expand(evaluate_compact()): the same Result, to the byte.
TEST(Compact, ExpandedIsTheResult) {
  const Index& ix = sample_index();
  for (const Date& day : kDates) {
    const CompactResult c = evaluate_compact(ix, Policy{}, day);
    const Result r = expand(c, ix, Policy{});
    EXPECT_EQ(to_json(r), to_json(evaluate(sample(), Policy{}, day))) << format_date(day);
    ASSERT_EQ(c.decisions.size(), r.decisions.size());
    ASSERT_EQ(c.items.size(), r.items.size());
    ASSERT_EQ(c.scores.size(), r.scores.size());
    ASSERT_EQ(c.assessments.size(), r.assessments.size());
    EXPECT_EQ(c.as_of, to_day(day));
  }
}

// Each compact decision names what its rendering says: the rule, the org, the ids.
TEST(Compact, DecisionsRenderTheirOwnFields) {
  const Index& ix = sample_index();
  const CompactResult c = evaluate_compact(ix, Policy{}, Date(2024, 1, 31));
  const Result r = expand(c, ix, Policy{});
  std::size_t with_items = 0, with_triggers = 0;
  for (std::size_t k = 0; k < c.decisions.size(); ++k) {
    const CompactDecision& cd = c.decisions[k];
    const Decision& d = r.decisions[k];
    EXPECT_EQ(d.rule, cd.rule);
    EXPECT_EQ(d.org, ix.org_id(cd.org));
    if (d.dispatch) EXPECT_EQ(*d.dispatch, ix.dispatch(cd.dispatch).id);
    if (d.item) EXPECT_EQ(*d.item, ix.item(cd.item).id);
    if (d.items) {
      ++with_items;
      const auto items = c.items_of(cd);
      ASSERT_EQ(d.items->size(), items.size());
      for (std::size_t i = 0; i < items.size(); ++i) EXPECT_EQ((*d.items)[i], ix.item(items[i]).id);
    }
    if (d.triggers) {
      ++with_triggers;
      EXPECT_EQ(d.triggers->size(), c.triggers_of(cd).size());
    }
  }
  EXPECT_GT(with_items, 0u);
  EXPECT_GT(with_triggers, 0u);
}

// The decisions come in the order of spec section 4 (rule, then org), and the ranges of
// the side arrays lie inside them.
TEST(Compact, DecisionsInSpecOrderAndRangesInBounds) {
  const Index& ix = sample_index();
  for (const Date& day : kDates) {
    const CompactResult c = evaluate_compact(ix, Policy{}, day);
    EXPECT_TRUE(std::is_sorted(c.decisions.begin(), c.decisions.end(), [](const auto& a, const auto& b) {
      return std::tie(a.rule, a.org) < std::tie(b.rule, b.org);
    }));
    for (const CompactDecision& d : c.decisions) {
      EXPECT_LE(std::size_t{d.triggers.begin} + d.triggers.size, c.triggers.size());
      EXPECT_LE(std::size_t{d.items.begin} + d.items.size, c.item_lists.size());
    }
    EXPECT_TRUE(std::is_sorted(c.items.begin(), c.items.end(),
                               [](const auto& a, const auto& b) { return a.item < b.item; }));
  }
}

// Any thread count gives an equal CompactResult — side arrays included, as chunks do
// not depend on the thread count — and expand() on threads renders the same Result.
TEST(Compact, AnyThreadCountGivesAnEqualCompactResult) {
  const Index& ix = sample_index();
  const CompactResult serial = evaluate_compact(ix, Policy{}, Date(2023, 12, 31));
  const std::string bytes = to_json(expand(serial, ix, Policy{}));
  for (unsigned threads : {2u, 3u}) {
    const Options o{threads, 1};
    EXPECT_TRUE(evaluate_compact(ix, Policy{}, Date(2023, 12, 31), o) == serial) << threads;
    EXPECT_EQ(to_json(expand(serial, ix, Policy{}, o)), bytes) << threads;
  }
}

// The same checks of the arguments as evaluate().
TEST(Compact, BadArgumentsAreRefused) {
  const Index& ix = sample_index();
  EXPECT_THROW(evaluate_compact(ix, Policy{}, Date(boost::date_time::not_a_date_time)), std::out_of_range);
  EXPECT_THROW(evaluate_compact(ix, Policy{}, Date(9950, 1, 1)), std::out_of_range);
  Policy bad;
  bad.set(Param::bottom_share, {{Date(2023, 1, 1), 2.0}});
  EXPECT_THROW(evaluate_compact(ix, bad, Date(2023, 12, 31)), ValidationError);
}

// A CompactResult's indices mean something only for its own Index: expand() refuses an
// Index of another shape instead of reading out of bounds.
TEST(Compact, ExpandRefusesAnotherIndex) {
  const CompactResult c = evaluate_compact(sample_index(), Policy{}, Date(2023, 12, 31));
  Snapshot smaller = sample();
  smaller.look_backs->pop_back();
  const Index other(smaller);
  EXPECT_THROW(expand(c, other, Policy{}), std::invalid_argument);
  EXPECT_EQ(c.shape.orgs, sample_index().org_count());
  EXPECT_NO_THROW(expand(c, sample_index(), Policy{}));
}
