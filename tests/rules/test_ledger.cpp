// Attachment A2 (附件2: 请将此表于调度结束 15 日内纸质版报送镇党委) — ledger_late, ledger_missing.
#include "tiaodu/rules/ledger.hpp"

#include "support/town.hpp"

#include <gtest/gtest.h>

using namespace tiaodu;
using namespace tiaodu::testing;

namespace {
// A dispatch on 2023-03-01 with one rectification; the ledger is due 2023-03-16.
Town one_problem(const std::string& date = "2023-03-01") {
  Town t;
  t.org("b1");
  t.dispatch("d1", date, "b1").problem(CheckItem::dues_records);
  t.item("r1", "d1", "2023-12-31");
  return t;
}
}  // namespace

TEST(ClauseA2_LedgerLate, BoundaryDayTheFifteenthDayIsInTime) {
  Town t = one_problem();
  t.submit("d1", "2023-03-16");
  const Result r = t.evaluate("2023-06-30");
  EXPECT_TRUE(decisions(r, Rule::ledger_late).empty());
  EXPECT_TRUE(decisions(r, Rule::ledger_missing).empty());
}

TEST(ClauseA2_LedgerLate, BoundaryDayTheSixteenthDayIsOneDayLate) {
  Town t = one_problem();
  t.submit("d1", "2023-03-17");
  const auto late = decisions(t.evaluate("2023-06-30"), Rule::ledger_late);
  ASSERT_EQ(late.size(), 1u);
  EXPECT_EQ(late[0].clause, "A2");
  EXPECT_EQ(*late[0].dispatch, "d1");
  EXPECT_EQ(*late[0].due, d("2023-03-16"));
  EXPECT_EQ(*late[0].submitted, d("2023-03-17"));
  EXPECT_EQ(*late[0].days_late, 1);
  EXPECT_EQ(std::get<std::int64_t>(fact(late[0], "ledger_due_days")->value), 15);
  EXPECT_NE(late[0].text.en.find("1 day late"), std::string::npos);
  EXPECT_NE(late[0].text.zh.find("迟报 1 天"), std::string::npos);
}

TEST(ClauseA2_LedgerLate, PositiveSixDaysLateCountsFromTheEndDate) {
  Town t = one_problem();
  t.snapshot.dispatches->at(0).end_date = d("2023-03-12");  // due 03-27
  t.submit("d1", "2023-04-02");
  const auto late = decisions(t.evaluate("2023-06-30"), Rule::ledger_late);
  ASSERT_EQ(late.size(), 1u);
  EXPECT_EQ(*late[0].due, d("2023-03-27"));
  EXPECT_EQ(*late[0].days_late, 6);
}

TEST(ClauseA2_LedgerLate, NegativeNoRectificationNoLedgerDue) {
  Town t;
  t.org("b1");
  t.dispatch("d1", "2023-03-01", "b1").problem(CheckItem::dues_records);  // no ledger row
  const Result r = t.evaluate("2023-12-31");
  EXPECT_TRUE(decisions(r, Rule::ledger_missing).empty());
  EXPECT_TRUE(decisions(r, Rule::ledger_late).empty());
}

TEST(ClauseA2_LedgerMissing, BoundaryDayMissingFromTheDayAfterTheDue) {
  Town t = one_problem();
  EXPECT_TRUE(decisions(t.evaluate("2023-03-16"), Rule::ledger_missing).empty());
  const auto missing = decisions(t.evaluate("2023-03-17"), Rule::ledger_missing);
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(*missing[0].due, d("2023-03-16"));
  EXPECT_EQ(*missing[0].days_late, 1);
  EXPECT_FALSE(missing[0].submitted.has_value());
}

TEST(ClauseA2_LedgerMissing, ASubmissionAfterTheAsOfDateDoesNotExistYet) {
  Town t = one_problem();
  t.submit("d1", "2023-04-10");
  const Result before = t.evaluate("2023-04-01");
  ASSERT_EQ(decisions(before, Rule::ledger_missing).size(), 1u);
  EXPECT_EQ(*decisions(before, Rule::ledger_missing)[0].days_late, 16);
  const Result after = t.evaluate("2023-04-10");
  EXPECT_TRUE(decisions(after, Rule::ledger_missing).empty());
  EXPECT_EQ(*decisions(after, Rule::ledger_late).at(0).days_late, 25);
}

TEST(ClauseA2_LedgerLate, TheDueDaysAreReadAtTheDispatchEnd) {
  // From 2023-07-01 the ledger is due in 10 days: a June dispatch keeps 15, a July one
  // gets 10, and a dispatch from June 28 to July 2 is read at its end (July).
  auto run = [](const std::string& date, const std::string& end) {
    Town t = one_problem(date);
    if (!end.empty()) t.snapshot.dispatches->at(0).end_date = d(end);
    t.policy.set(Param::ledger_due_days, {DatedValue{d("2023-07-01"), 10}});
    return *decisions(t.evaluate("2023-09-30"), Rule::ledger_missing).at(0).due;
  };
  EXPECT_EQ(run("2023-06-20", ""), d("2023-07-05"));
  EXPECT_EQ(run("2023-07-03", ""), d("2023-07-13"));
  EXPECT_EQ(run("2023-06-28", "2023-07-02"), d("2023-07-12"));
  EXPECT_EQ(run("2023-06-28", "2023-06-30"), d("2023-07-15"));
}
