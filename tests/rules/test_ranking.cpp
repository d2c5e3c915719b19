// Clause 5.3 (五(三) 党建工作长期排名靠后) — monthly scores, peers and the bottom (spec 3.4).
#include "tiaodu/rules/ranking.hpp"

#include "support/town.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

using namespace tiaodu;
using namespace tiaodu::testing;

namespace {
// n branches, each dispatched once in March 2023 with problems[k] problem checks.
Town peers(const std::vector<int>& problems) {
  Town t;
  for (std::size_t k = 0; k < problems.size(); ++k) {
    const std::string id = "b" + std::to_string(k + 1);
    t.org(id);
    auto dp = t.dispatch("d" + std::to_string(k + 1), "2023-03-10", id);
    for (int p = 0; p < problems[k]; ++p) dp.problem(static_cast<CheckItem>(p));
  }
  return t;
}
std::map<std::string, Score> march(const Result& r) {
  std::map<std::string, Score> out;
  for (const Score& s : r.scores)
    if (s.month == "2023-03") out[s.org] = s;
  return out;
}
}  // namespace

TEST(Clause5_3_Ranking, ScoreIsFullLessProblemsAndOverdueItems) {
  Town t = peers({2, 0, 0});
  t.item("r1", "d1", "2023-03-20");  // open at 03-31: overdue
  t.item("r2", "d1", "2023-03-31");  // due on the last day: not overdue yet
  const auto s = march(t.evaluate("2023-03-31"));
  EXPECT_EQ(s.at("b1").score, 100 - 5 * 2 - 2 * 1);
  EXPECT_EQ(s.at("b2").score, 100);
  EXPECT_FALSE(s.contains("town"));  // the root is no dispatch object
}

TEST(Clause5_3_Ranking, BoundaryDayOnlyElapsedMonthsAreScored) {
  Town t = peers({1, 0, 0});
  EXPECT_TRUE(march(t.evaluate("2023-03-30")).empty());
  EXPECT_EQ(march(t.evaluate("2023-03-31")).size(), 3u);
}

TEST(Clause5_3_Ranking, RanksCountStrictlyHigherPeers) {
  const auto s = march(peers({1, 0, 0, 1, 3}).evaluate("2023-04-30"));
  EXPECT_EQ(s.at("b2").rank, 1);
  EXPECT_EQ(s.at("b3").rank, 1);
  EXPECT_EQ(s.at("b1").rank, 3);
  EXPECT_EQ(s.at("b4").rank, 3);
  EXPECT_EQ(s.at("b5").rank, 5);
  EXPECT_EQ(s.at("b5").peers, 5);
}

TEST(Clause5_3_Ranking, PositiveTheLowestShareIsBottom) {
  // n = 5, share 0.2: k = 1, the lowest score (85) is the bottom.
  const auto s = march(peers({1, 0, 0, 1, 3}).evaluate("2023-04-30"));
  EXPECT_TRUE(s.at("b5").bottom);
  EXPECT_FALSE(s.at("b1").bottom);
  // n = 6: k = ceil(1.2) = 2, the two lowest (with ties of the 2nd lowest) are bottom.
  const auto t = march(peers({1, 0, 0, 1, 3, 0}).evaluate("2023-04-30"));
  EXPECT_TRUE(t.at("b5").bottom);
  EXPECT_TRUE(t.at("b1").bottom);
  EXPECT_TRUE(t.at("b4").bottom);
  EXPECT_FALSE(t.at("b2").bottom);
}

TEST(Clause5_3_Ranking, BoundaryTheShareTimesNIsNotRoundedUpByBinaryNoise) {
  // n = 10, share 0.2 → k = 2 exactly (10 × 0.2 is 2.0000000000000004 in binary).
  const auto s = march(peers({5, 4, 3, 0, 0, 0, 0, 0, 0, 0}).evaluate("2023-04-30"));
  EXPECT_TRUE(s.at("b1").bottom);
  EXPECT_TRUE(s.at("b2").bottom);
  EXPECT_FALSE(s.at("b3").bottom);
}

TEST(Clause5_3_Ranking, NegativeTooFewPeersOrAllEqualMeansNoBottom) {
  for (const auto& [org, s] : march(peers({3, 0}).evaluate("2023-04-30"))) EXPECT_FALSE(s.bottom) << org;
  for (const auto& [org, s] : march(peers({1, 1, 1}).evaluate("2023-04-30"))) EXPECT_FALSE(s.bottom) << org;
  // min_peers 3 → with 3 peers there is a bottom
  EXPECT_TRUE(march(peers({3, 0, 0}).evaluate("2023-04-30")).at("b1").bottom);
}

TEST(Clause5_3_Ranking, PeersAreTheOrgsWithTheSameParentAndAScore) {
  Town t = peers({3, 0, 0});
  t.org("gb", "", OrgKind::general_branch);
  t.org("x1", "gb");
  t.dispatch("dx", "2023-03-12", "x1", "gb").problem(CheckItem::dues_records);
  const auto s = march(t.evaluate("2023-04-30"));
  EXPECT_EQ(s.at("x1").peers, 1);   // alone under gb
  EXPECT_FALSE(s.at("x1").bottom);
  EXPECT_EQ(s.at("b1").peers, 3);   // gb has no score in March, so it is no peer
}

TEST(Clause5_3_Ranking, PointsAreReadAtTheMonthsLastDay) {
  Town t = peers({1, 0, 0});
  t.policy.set(Param::problem_points, {DatedValue{d("2023-03-31"), 10}});
  EXPECT_EQ(march(t.evaluate("2023-04-30")).at("b1").score, 90);
}

TEST(Clause5_3_Ranking, TheScoreNeverGoesBelowZero) {
  Town t = peers({19, 0, 0});
  EXPECT_EQ(march(t.evaluate("2023-04-30")).at("b1").score, 5);
  t.policy.set(Param::problem_points, {DatedValue{d("2023-01-01"), 50}});
  EXPECT_EQ(march(t.evaluate("2023-04-30")).at("b1").score, 0);
}

// Peers grouped by month when their months lie a century apart (few entries over many
// months: grouped by a sort rather than by counting) rank within each month alone.
TEST(Clause5_3_Ranking, MonthsFarApartRankSeparately) {
  Town t;
  t.org("b1");
  t.org("b2");
  t.dispatch("d1", "2023-03-10", "b1").problem(static_cast<CheckItem>(0));
  t.dispatch("d2", "2023-03-12", "b2");
  t.dispatch("d3", "2123-03-10", "b1");
  auto late = t.dispatch("d4", "2123-03-11", "b2");
  late.problem(static_cast<CheckItem>(0));
  late.problem(static_cast<CheckItem>(1));
  const Result r = t.evaluate("2123-03-31");
  std::map<std::pair<std::string, std::string>, Score> by;
  for (const Score& s : r.scores) by[{s.org, s.month}] = s;
  ASSERT_EQ(r.scores.size(), 4u);
  EXPECT_EQ(by.at({"b1", "2023-03"}).rank, 2);
  EXPECT_EQ(by.at({"b2", "2023-03"}).rank, 1);
  EXPECT_EQ(by.at({"b1", "2123-03"}).rank, 1);
  EXPECT_EQ(by.at({"b2", "2123-03"}).rank, 2);
  EXPECT_EQ(by.at({"b2", "2123-03"}).score, 100 - 5 * 2);
  EXPECT_EQ(by.at({"b1", "2123-03"}).peers, 2);
}

// A peer group larger than kSortedRankMax is ranked by a histogram of scores: the ranks
// and the bottom must be those the definition gives (computed here by brute force).
TEST(Clause5_3_Ranking, LargePeerGroupRanksByDefinition) {
  std::vector<int> problems;
  for (int k = 0; k < 40; ++k) problems.push_back((k * 7) % 5);  // scores 100, 95 .. 80
  const auto s = march(peers(problems).evaluate("2023-03-31"));
  ASSERT_EQ(s.size(), 40u);
  std::vector<std::int64_t> all;
  for (const auto& [org, score] : s) all.push_back(score.score);
  std::sort(all.begin(), all.end());
  const std::int64_t kth = 8;  // ceil(40 × 0.2)
  const std::int64_t threshold = all[kth - 1];
  for (const auto& [org, score] : s) {
    const auto higher = std::count_if(all.begin(), all.end(), [&](std::int64_t v) { return v > score.score; });
    EXPECT_EQ(score.rank, 1 + higher) << org;
    EXPECT_EQ(score.peers, 40) << org;
    EXPECT_EQ(score.bottom, score.score <= threshold && score.score < all.back()) << org;
  }
  EXPECT_EQ(std::count_if(s.begin(), s.end(), [](const auto& e) { return e.second.bottom; }), 8);
}

TEST(Clause5_3_Ranking, NegativeLargePeerGroupAllEqualHasNoBottom) {
  const auto s = march(peers(std::vector<int>(40, 1)).evaluate("2023-03-31"));
  ASSERT_EQ(s.size(), 40u);
  for (const auto& [org, score] : s) {
    EXPECT_EQ(score.rank, 1) << org;
    EXPECT_FALSE(score.bottom) << org;
  }
}
