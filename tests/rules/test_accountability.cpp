// Clause 5.4 (五(四) 责任挂钩: 函询、约谈、通报，并追究党支部负责人责任，且在年终考评时予以扣分)
// — rules escalation, accountability, deduction.
#include "tiaodu/rules/accountability.hpp"

#include "support/town.hpp"

#include <gtest/gtest.h>

using namespace tiaodu;
using namespace tiaodu::testing;

namespace {
// b1 with n items, all open past their deadline 2023-03-31 (failed on 2023-04-01).
Town failing(int n, const std::string& deadline = "2023-03-31") {
  Town t;
  t.org("b1");
  auto dp = t.dispatch("d1", "2023-03-01", "b1");
  for (int k = 0; k < n; ++k) dp.problem(static_cast<CheckItem>(k));
  for (int k = 0; k < n; ++k) t.item("r" + std::to_string(k + 1), "d1", deadline);
  t.submit("d1", "2023-03-05");
  return t;
}
}  // namespace

TEST(Clause5_4_Escalation, PositiveOneFailedItemIsAWrittenInquiry) {
  const Result r = failing(1).evaluate("2023-12-31");
  const auto e = decisions(r, Rule::escalation, "b1");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].clause, "5.4");
  EXPECT_EQ(*e[0].level, EscalationLevel::written_inquiry);
  EXPECT_EQ(*e[0].person, "p-b1");
  EXPECT_EQ(*e[0].year, 2023);
  EXPECT_EQ(*e[0].items, std::vector<std::string>{"r1"});
  EXPECT_TRUE(decisions(r, Rule::accountability).empty());
  EXPECT_NE(e[0].text.zh.find("函询"), std::string::npos);
}

TEST(Clause5_4_Escalation, TheLadderTalkThenNoticeWithAccountability) {
  EXPECT_EQ(*decisions(failing(2).evaluate("2023-12-31"), Rule::escalation).at(0).level,
            EscalationLevel::talk);
  const Result r = failing(3).evaluate("2023-12-31");
  EXPECT_EQ(*decisions(r, Rule::escalation).at(0).level, EscalationLevel::notice);
  const auto a = decisions(r, Rule::accountability, "b1");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].clause, "5.4");
  EXPECT_EQ(*a[0].person, "p-b1");
  EXPECT_EQ(*a[0].items, (std::vector<std::string>{"r1", "r2", "r3"}));
}

TEST(Clause5_4_Escalation, NegativeRectifiedInTimeIsNoFailure) {
  Town t = failing(1);
  t.report("r1", "2023-03-20");
  t.look_back("lb1", "2023-04-10", "r1", Finding::rectified);
  const Result r = t.evaluate("2023-12-31");
  EXPECT_TRUE(decisions(r, Rule::escalation).empty());
  EXPECT_TRUE(decisions(r, Rule::deduction).empty());
}

TEST(Clause5_4_Escalation, BoundaryDayFailureTheDayAfterTheDeadline) {
  Town t = failing(1);
  EXPECT_TRUE(decisions(t.evaluate("2023-03-31"), Rule::escalation).empty());
  EXPECT_EQ(decisions(t.evaluate("2023-04-01"), Rule::escalation).size(), 1u);
}

TEST(Clause5_4_Escalation, AFailureCountsInTheYearOfItsFailureDate) {
  const Result r = failing(1, "2023-12-31").evaluate("2024-03-31");  // fails 2024-01-01
  const auto e = decisions(r, Rule::escalation, "b1");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(*e[0].year, 2024);
}

TEST(Clause5_4_Escalation, ThresholdsAreReadAtE) {
  // From 2023-06-01 a single failed item already means a talk.
  Town t = failing(1);
  t.policy.set(Param::talk_threshold, {DatedValue{d("2023-06-01"), 1}});
  t.policy.set(Param::notice_threshold, {DatedValue{d("2023-06-01"), 3}});
  EXPECT_EQ(*decisions(t.evaluate("2023-05-31"), Rule::escalation).at(0).level,
            EscalationLevel::written_inquiry);
  EXPECT_EQ(*decisions(t.evaluate("2023-06-01"), Rule::escalation).at(0).level,
            EscalationLevel::talk);
}

TEST(Clause5_4_Escalation, BelowTheInquiryThresholdStillADeduction) {
  Town t = failing(1);
  t.policy.set(Param::inquiry_threshold, {DatedValue{d("2023-01-01"), 2}});
  t.policy.set(Param::talk_threshold, {DatedValue{d("2023-01-01"), 2}});
  const Result r = t.evaluate("2023-12-31");
  EXPECT_TRUE(decisions(r, Rule::escalation).empty());
  EXPECT_EQ(*decisions(r, Rule::deduction).at(0).points, 2);
}

TEST(Clause5_4_Deduction, PointsPerItemUpToTheCap) {
  EXPECT_EQ(*decisions(failing(3).evaluate("2023-12-31"), Rule::deduction).at(0).points, 6);
  Town t = failing(12);
  const auto v = decisions(t.evaluate("2023-12-31"), Rule::deduction);
  EXPECT_EQ(*v.at(0).points, 20);  // 24 capped at deduction_cap
  EXPECT_EQ(v.at(0).items->size(), 12u);
  EXPECT_EQ(std::get<std::int64_t>(fact(v.at(0), "deduction_cap")->value), 20);
}
