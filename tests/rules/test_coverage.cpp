// Clause 4.1 (四(一) 每月不定期到各党组织进行党建工作检查) — rule missed_month.
#include "tiaodu/rules/coverage.hpp"

#include "support/town.hpp"

#include <gtest/gtest.h>

using namespace tiaodu;
using namespace tiaodu::testing;

namespace {
Town two_branches() {
  Town t;
  t.org("b1");
  t.org("b2");
  t.dispatch("d0", "2023-01-05", "b1");  // sets the period's start: 2023-01
  t.dispatch("d00", "2023-01-06", "b2");
  return t;
}
std::vector<std::string> months(const Result& r, const std::string& org) {
  std::vector<std::string> out;
  for (const auto& d : decisions(r, Rule::missed_month, org)) out.push_back(*d.month);
  return out;
}
}  // namespace

TEST(Clause4_1_MissedMonth, PositiveAMonthWithoutDispatch) {
  Town t = two_branches();
  t.dispatch("d1", "2023-02-10", "b1");
  const Result r = t.evaluate("2023-02-28");
  EXPECT_TRUE(months(r, "b1").empty());
  EXPECT_EQ(months(r, "b2"), std::vector<std::string>{"2023-02"});
  const auto dec = decisions(r, Rule::missed_month, "b2").at(0);
  EXPECT_EQ(dec.clause, "4.1");
  EXPECT_NE(dec.text.zh.find("2023年2月"), std::string::npos);
  EXPECT_NE(dec.text.en.find("2023-02"), std::string::npos);
}

TEST(Clause4_1_MissedMonth, NegativeEitherFormCountsAndTheRootIsNoObject) {
  Town t = two_branches();
  t.dispatch("d1", "2023-02-10", "b1").dispatch.form = DispatchForm::on_site;
  t.dispatch("d2", "2023-02-11", "b2").dispatch.form = DispatchForm::centralized;
  const Result r = t.evaluate("2023-03-15");
  EXPECT_TRUE(decisions(r, Rule::missed_month).empty());  // root "town" never listed
}

TEST(Clause4_1_MissedMonth, BoundaryDayTheMonthMustHaveEnded) {
  Town t = two_branches();
  EXPECT_TRUE(months(t.evaluate("2023-02-27"), "b2").empty());  // February not over
  EXPECT_EQ(months(t.evaluate("2023-02-28"), "b2"), std::vector<std::string>{"2023-02"});
}

TEST(Clause4_1_MissedMonth, BoundaryDayADispatchOnTheLastDayCountsForItsMonth) {
  Town t = two_branches();
  t.dispatch("d1", "2023-02-28", "b2").ends("2023-03-02");  // belongs to February
  const Result r = t.evaluate("2023-03-31");
  EXPECT_EQ(months(r, "b2"), std::vector<std::string>{"2023-03"});
}

TEST(Clause4_1_MissedMonth, OnlyMonthsOfTheWholeActivePeriod) {
  Town t = two_branches();
  t.org("b3").active_from = d("2023-02-15");  // active from March only
  t.org("b4").active_until = d("2023-03-30");  // not active for the whole of March
  t.dispatch("d1", "2023-02-10", "b1");
  t.dispatch("d2", "2023-02-10", "b2");
  t.dispatch("d3", "2023-03-10", "b1");
  t.dispatch("d4", "2023-03-10", "b2");
  const Result r = t.evaluate("2023-03-31");
  EXPECT_EQ(months(r, "b3"), std::vector<std::string>{"2023-03"});
  EXPECT_EQ(months(r, "b4"), (std::vector<std::string>{"2023-01", "2023-02"}));
}

TEST(Clause4_1_MissedMonth, PeriodStartLimitsTheMonths) {
  Town t = two_branches();
  t.snapshot.period_start = d("2023-03-01");
  const Result r = t.evaluate("2023-04-30");
  EXPECT_EQ(months(r, "b1"), (std::vector<std::string>{"2023-03", "2023-04"}));
}

TEST(Clause4_1_MissedMonth, NoDispatchAndNoPeriodStartMeansNoMonths) {
  Town t;
  t.org("b1");
  EXPECT_TRUE(t.evaluate("2023-12-31").decisions.empty());
}
