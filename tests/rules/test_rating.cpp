// Clause 5.3 (五(三) 年终评级: 整改效果不明显、问题长期得不到解决、党建工作长期排名靠后 → 书记直接
// 评定为"不合格") — rules unqualified_rating and rating_risk.
#include "tiaodu/rules/rating.hpp"

#include "support/town.hpp"

#include <gtest/gtest.h>

using namespace tiaodu;
using namespace tiaodu::testing;

namespace {
// b1 with `total` items due 2023-03-31, of which `on_time` are verified rectified in time
// and the rest found done late (rectified, so they are not long unresolved).
Town effectiveness(int on_time, int total) {
  Town t;
  t.org("b1");
  auto dp = t.dispatch("d1", "2023-03-01", "b1");
  for (int k = 0; k < total; ++k) dp.problem(static_cast<CheckItem>(k));
  t.submit("d1", "2023-03-05");
  for (int k = 0; k < total; ++k) {
    const std::string id = "r" + std::to_string(k + 1);
    t.item(id, "d1", "2023-03-31");
    t.update(id, "2023-03-15");
    t.look_back("lb" + std::to_string(k + 1), k < on_time ? "2023-03-30" : "2023-04-15", id,
                Finding::rectified);
  }
  return t;
}
std::vector<RatingReason> reasons(const Result& r, Rule rule, const std::string& org = "b1") {
  const auto v = decisions(r, rule, org);
  return v.empty() ? std::vector<RatingReason>{} : *v.at(0).codes;
}
}  // namespace

TEST(Clause5_3_Unqualified, BoundaryThreeOfFiveOnTimeIsEffective) {
  EXPECT_TRUE(reasons(effectiveness(3, 5).evaluate("2023-12-31"), Rule::unqualified_rating).empty());
}

TEST(Clause5_3_Unqualified, PositiveTwoOfFiveOnTimeIsIneffective) {
  const Result r = effectiveness(2, 5).evaluate("2023-12-31");
  const auto v = decisions(r, Rule::unqualified_rating, "b1");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].clause, "5.3");
  EXPECT_EQ(*v[0].person, "p-b1");
  EXPECT_EQ(*v[0].year, 2023);
  EXPECT_EQ(*v[0].codes, std::vector<RatingReason>{RatingReason::ineffective});
  EXPECT_EQ(std::get<std::int64_t>(fact(v[0], "on_time_items")->value), 2);
  EXPECT_EQ(std::get<std::int64_t>(fact(v[0], "considered_items")->value), 5);
  EXPECT_NE(v[0].text.zh.find("不合格"), std::string::npos);
}

TEST(Clause5_3_Unqualified, PendingItemsAreLeftOut) {
  Town t = effectiveness(1, 2);  // 1/2 = 0.5 < 0.6 …
  t.dispatch("d2", "2023-04-01", "b1").problem(CheckItem::dues_records);
  t.item("rp", "d2", "2023-05-31");
  t.report("rp", "2023-05-30");  // … a pending item does not count either way
  t.submit("d2", "2023-04-02");
  const Result r = t.evaluate("2023-12-31");
  EXPECT_EQ(reasons(r, Rule::unqualified_rating), std::vector<RatingReason>{RatingReason::ineffective});
  EXPECT_EQ(std::get<std::int64_t>(fact(decisions(r, Rule::unqualified_rating)[0], "considered_items")->value), 2);
}

TEST(Clause5_3_Unqualified, BoundaryDayLongUnresolvedAfterNinetyDays) {
  Town t;
  t.org("b1");
  t.dispatch("d1", "2023-01-05", "b1").problem(CheckItem::dues_records);
  t.item("r1", "d1", "2023-09-30");
  t.update("r1", "2023-09-01");
  t.submit("d1", "2023-01-06");
  // deadline + 90 = 2023-12-29: at E = 12-31 it is long unresolved, ...
  auto codes = reasons(t.evaluate("2023-12-31"), Rule::unqualified_rating);
  EXPECT_EQ(codes, (std::vector<RatingReason>{RatingReason::ineffective, RatingReason::long_unresolved}));
  // ... with a deadline two days later (+90 = 12-31, not < E) it is not.
  t.snapshot.rectifications->at(0).deadline = d("2023-10-02");
  codes = reasons(t.evaluate("2023-12-31"), Rule::unqualified_rating);
  EXPECT_EQ(codes, std::vector<RatingReason>{RatingReason::ineffective});
}

TEST(Clause5_3_Unqualified, LongUnresolvedWhateverTheDeadlinesYear) {
  Town t;
  t.org("b1");
  t.dispatch("d1", "2022-06-01", "b1").problem(CheckItem::dues_records);
  t.item("r1", "d1", "2022-07-01");
  t.update("r1", "2022-06-15");
  t.submit("d1", "2022-06-02");
  t.snapshot.period_start = d("2023-01-01");
  const auto v = decisions(t.evaluate("2023-12-31"), Rule::unqualified_rating, "b1");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(*v[0].codes, std::vector<RatingReason>{RatingReason::long_unresolved});
}

TEST(Clause5_3_Unqualified, LongBottomNeedsConsecutiveMonths) {
  Town t;
  for (const char* b : {"b1", "b2", "b3"}) t.org(b);
  int n = 0;
  auto month = [&](const std::string& day, bool b1_bad) {
    for (const char* b : {"b1", "b2", "b3"}) {
      auto dp = t.dispatch("d" + std::to_string(++n), day, b);
      if (b1_bad && std::string(b) == "b1") dp.problem(CheckItem::dues_records);
    }
  };
  month("2023-03-10", true);
  month("2023-04-10", true);
  month("2023-05-10", false);  // breaks the run
  month("2023-06-10", true);
  month("2023-07-10", true);
  EXPECT_TRUE(reasons(t.evaluate("2023-12-31"), Rule::unqualified_rating).empty());
  month("2023-08-10", true);  // June–August: three in a row
  const auto v = decisions(t.evaluate("2023-12-31"), Rule::unqualified_rating, "b1");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(*v[0].codes, std::vector<RatingReason>{RatingReason::long_bottom});
  EXPECT_EQ(std::get<std::vector<std::string>>(fact(v[0], "bottom_months")->value),
            (std::vector<std::string>{"2023-06", "2023-07", "2023-08"}));
  // A month without any score also breaks the run: move b1's July dispatch out.
  Town u = t;
  for (auto& dp : *u.snapshot.dispatches)
    if (dp.object == "b1" && dp.date == d("2023-07-10")) dp.date = d("2023-06-20");
  EXPECT_TRUE(reasons(u.evaluate("2023-12-31"), Rule::unqualified_rating).empty());
}

TEST(Clause5_3_RatingRisk, PositiveWarnsDuringTheYear) {
  const Result r = effectiveness(2, 5).evaluate("2023-06-30");
  EXPECT_TRUE(decisions(r, Rule::unqualified_rating).empty());
  const auto v = decisions(r, Rule::rating_risk, "b1");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].clause, "5.3");
  EXPECT_EQ(*v[0].codes, std::vector<RatingReason>{RatingReason::ineffective});
  EXPECT_NE(v[0].text.en.find("Warning"), std::string::npos);
}

TEST(Clause5_3_RatingRisk, BoundaryDayOnTheLastDayOfTheYearItIsTheRatingItself) {
  Town t = effectiveness(2, 5);
  EXPECT_EQ(decisions(t.evaluate("2023-12-30"), Rule::rating_risk).size(), 1u);
  EXPECT_TRUE(decisions(t.evaluate("2023-12-31"), Rule::rating_risk).empty());
  EXPECT_EQ(decisions(t.evaluate("2023-12-31"), Rule::unqualified_rating).size(), 1u);
}

TEST(Clause5_3_RatingRisk, NegativeNoReasonNoRisk) {
  EXPECT_TRUE(decisions(effectiveness(5, 5).evaluate("2023-06-30"), Rule::rating_risk).empty());
}

TEST(Clause5_3_Unqualified, AClosedYearDoesNotChangeLater) {
  Town t = effectiveness(2, 5);
  // Facts of 2024 (a late look-back that would make 2023's items on time if they counted).
  t.look_back("lbx", "2024-02-01", "r3", Finding::superficial);
  const auto at_end = decisions(t.evaluate("2023-12-31"), Rule::unqualified_rating);
  const auto later = decisions(t.evaluate("2026-06-30"), Rule::unqualified_rating);
  ASSERT_FALSE(later.empty());
  EXPECT_EQ(at_end.at(0), later.at(0));
}
