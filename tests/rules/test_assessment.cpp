// Clause 5.4 (五(四) 且在年终考评时予以扣分) — the year-end assessment (spec 3.5).
#include "tiaodu/rules/assessment.hpp"

#include "support/town.hpp"

#include <gtest/gtest.h>

using namespace tiaodu;
using namespace tiaodu::testing;

namespace {
Town year() {
  Town t;
  for (const char* b : {"b1", "b2", "b3"}) t.org(b);
  t.dispatch("d1", "2023-03-10", "b1").problem(CheckItem::dues_records);   // 95
  t.dispatch("d2", "2023-04-10", "b1");                                     // 100
  t.dispatch("d3", "2023-03-10", "b2");                                     // 100
  t.dispatch("d4", "2023-03-10", "b3").problem(CheckItem::dues_records).problem(CheckItem::fund_vouchers);
  t.item("r1", "d4", "2023-03-31");   // fails 04-01: deduction 2; March score 100-10 = 90
  t.submit("d4", "2023-03-12");
  return t;
}
const Assessment& of(const Result& r, const std::string& org) {
  for (const auto& a : r.assessments)
    if (a.org == org) return a;
  throw std::logic_error("no assessment of " + org);
}
}  // namespace

TEST(Clause5_4_Assessment, PositiveMeanLessDeductionsRankedAmongPeers) {
  const Result r = year().evaluate("2023-12-31");
  EXPECT_DOUBLE_EQ(of(r, "b1").mean, 97.5);
  EXPECT_EQ(of(r, "b1").deductions, 0);
  EXPECT_DOUBLE_EQ(of(r, "b3").mean, 90);
  EXPECT_EQ(of(r, "b3").deductions, 2);
  EXPECT_DOUBLE_EQ(of(r, "b3").final, 88);
  EXPECT_EQ(of(r, "b2").rank, 1);
  EXPECT_EQ(of(r, "b1").rank, 2);
  EXPECT_EQ(of(r, "b3").rank, 3);
  EXPECT_EQ(of(r, "b3").peers, 3);
  EXPECT_EQ(of(r, "b1").year, 2023);
}

TEST(Clause5_4_Assessment, BoundaryDayOnlyClosedYears) {
  EXPECT_TRUE(year().evaluate("2023-12-30").assessments.empty());
  EXPECT_EQ(year().evaluate("2023-12-31").assessments.size(), 3u);
}

TEST(Clause5_4_Assessment, NegativeNoScoreNoAssessment) {
  Town t = year();
  t.org("b4");  // never dispatched
  const Result r = t.evaluate("2024-01-31");
  for (const auto& a : r.assessments) EXPECT_NE(a.org, "b4");
  EXPECT_EQ(r.assessments.size(), 3u);  // and none yet for 2024
}

TEST(Clause5_4_Assessment, FinalsWithinEpsilonTie) {
  Town t;
  for (const char* b : {"b1", "b2", "b3"}) t.org(b);
  t.dispatch("d1", "2023-03-10", "b1");
  t.dispatch("d2", "2023-03-10", "b2");
  t.dispatch("d3", "2023-03-10", "b3").problem(CheckItem::dues_records);
  const Result r = t.evaluate("2023-12-31");
  EXPECT_EQ(of(r, "b1").rank, 1);
  EXPECT_EQ(of(r, "b2").rank, 1);
  EXPECT_EQ(of(r, "b3").rank, 3);
}
