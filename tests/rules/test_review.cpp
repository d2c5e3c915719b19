// Clause 5.1 (五(一) 复核问效: 跟踪了解问题整改情况，不定期开展"回头看") — rule review.
#include "tiaodu/rules/review.hpp"

#include "support/town.hpp"

#include <gtest/gtest.h>

using namespace tiaodu;
using namespace tiaodu::testing;

namespace {
Town reported_on(const std::string& date) {
  Town t;
  t.org("b1");
  t.dispatch("d1", "2023-03-01", "b1").problem(CheckItem::fund_vouchers);
  t.item("r1", "d1", "2023-03-31");
  t.report("r1", date);
  return t;
}
}  // namespace

TEST(Clause5_1_Review, PositiveAReportedItemIsToBeReviewed) {
  const auto v = decisions(reported_on("2023-03-20").evaluate("2023-04-01"), Rule::review);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].clause, "5.1");
  EXPECT_EQ(*v[0].item, "r1");
  EXPECT_EQ(*v[0].reported_on, d("2023-03-20"));
  EXPECT_EQ(*v[0].due, d("2023-04-19"));  // + review_days 30
  EXPECT_FALSE(*v[0].overdue);
  EXPECT_EQ(std::get<std::int64_t>(fact(v[0], "review_days")->value), 30);
}

TEST(Clause5_1_Review, BoundaryDayOverdueFromTheDayAfterTheDue) {
  Town t = reported_on("2023-03-20");
  EXPECT_FALSE(*decisions(t.evaluate("2023-04-19"), Rule::review).at(0).overdue);
  EXPECT_TRUE(*decisions(t.evaluate("2023-04-20"), Rule::review).at(0).overdue);
}

TEST(Clause5_1_Review, NegativeNotReportedOrAlreadyVerified) {
  Town open;
  open.org("b1");
  open.dispatch("d1", "2023-03-01", "b1").problem(CheckItem::fund_vouchers);
  open.item("r1", "d1", "2023-03-31");
  open.update("r1", "2023-03-10");  // in progress only
  EXPECT_TRUE(decisions(open.evaluate("2023-04-01"), Rule::review).empty());

  Town verified = reported_on("2023-03-20");
  verified.look_back("lb1", "2023-03-25", "r1", Finding::rectified);
  EXPECT_TRUE(decisions(verified.evaluate("2023-04-01"), Rule::review).empty());
  // ... but before the look-back exists, the review is still due
  EXPECT_EQ(decisions(verified.evaluate("2023-03-24"), Rule::review).size(), 1u);
}

TEST(Clause5_1_Review, ALateReportIsReviewedToo) {
  // reported after the deadline: not pending (overdue), but still awaiting review
  const auto v = decisions(reported_on("2023-04-05").evaluate("2023-04-06"), Rule::review);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(*v[0].due, d("2023-05-05"));
}

TEST(Clause5_1_Review, ReviewDaysAreReadAtTheReportDate) {
  Town t = reported_on("2023-03-20");
  t.policy.set(Param::review_days, {DatedValue{d("2023-03-21"), 7}});
  EXPECT_EQ(*decisions(t.evaluate("2023-04-01"), Rule::review).at(0).due, d("2023-04-19"));
  Town u = reported_on("2023-03-21");
  u.policy.set(Param::review_days, {DatedValue{d("2023-03-21"), 7}});
  EXPECT_EQ(*decisions(u.evaluate("2023-04-01"), Rule::review).at(0).due, d("2023-03-28"));
}
