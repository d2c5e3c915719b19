// Clause 5.2 (五(二) 诫勉约谈: 整改不重视、未按时报送台账、应付敷衍 → 上级党组织诫勉约谈).
#include "tiaodu/rules/admonishment.hpp"

#include "support/town.hpp"

#include <gtest/gtest.h>

using namespace tiaodu;
using namespace tiaodu::testing;

namespace {
// b1 sits under a general branch gb, so the talk is the general branch's to hold.
Town branch_with_item(const std::string& deadline = "2023-03-31") {
  Town t;
  t.org("gb", "", OrgKind::general_branch);
  t.org("b1", "gb");
  t.dispatch("d1", "2023-03-01", "b1", "gb").problem(CheckItem::themed_party_day);
  t.item("r1", "d1", deadline);
  t.submit("d1", "2023-03-05");
  return t;
}
std::vector<Trigger> triggers(const Result& r, const std::string& org = "b1") {
  const auto v = decisions(r, Rule::admonishment_talk, org);
  return v.empty() ? std::vector<Trigger>{} : *v.at(0).triggers;
}
}  // namespace

TEST(Clause5_2_Admonishment, PositiveNeglectIsDatedTheDayAfterTheDeadline) {
  const Result r = branch_with_item().evaluate("2023-06-30");
  const auto v = decisions(r, Rule::admonishment_talk, "b1");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].clause, "5.2");
  EXPECT_EQ(*v[0].conductor, "gb");  // the parent, by affiliation
  EXPECT_EQ(*v[0].year, 2023);
  ASSERT_EQ(v[0].triggers->size(), 1u);
  EXPECT_EQ(v[0].triggers->at(0), (Trigger{TriggerKind::neglect, d("2023-04-01"), "r1"}));
  EXPECT_NE(v[0].text.zh.find("诫勉约谈"), std::string::npos);
}

TEST(Clause5_2_Admonishment, BoundaryDayAnUpdateOnTheDeadlineIsAResponse) {
  Town on = branch_with_item();
  on.update("r1", "2023-03-31");  // in progress, on the last day
  EXPECT_TRUE(triggers(on.evaluate("2023-06-30")).empty());
  Town late = branch_with_item();
  late.update("r1", "2023-04-01");
  EXPECT_EQ(triggers(late.evaluate("2023-06-30")).size(), 1u);
}

TEST(Clause5_2_Admonishment, BoundaryDayTheTriggerExistsFromItsDate) {
  Town t = branch_with_item();
  EXPECT_TRUE(triggers(t.evaluate("2023-03-31")).empty());
  EXPECT_EQ(triggers(t.evaluate("2023-04-01")).size(), 1u);
}

TEST(Clause5_2_Admonishment, NegativeRectifiedByTheDeadlineWithoutUpdateIsNoNeglect) {
  Town t = branch_with_item();
  t.look_back("lb1", "2023-03-20", "r1", Finding::rectified);
  EXPECT_TRUE(decisions(t.evaluate("2023-12-31"), Rule::admonishment_talk).empty());
}

TEST(Clause5_2_Admonishment, GraceDaysAreReadAtTheDeadline) {
  Town t = branch_with_item();
  t.policy.set(Param::neglect_grace_days, {DatedValue{d("2023-03-31"), 5}});
  t.update("r1", "2023-04-05");  // within grace
  EXPECT_TRUE(triggers(t.evaluate("2023-06-30")).empty());
  Town u = branch_with_item();
  u.policy.set(Param::neglect_grace_days, {DatedValue{d("2023-03-31"), 5}});
  EXPECT_EQ(triggers(u.evaluate("2023-06-30")).at(0).date, d("2023-04-06"));
}

TEST(Clause5_2_Admonishment, LedgerLateAndMissingAreTriggersDatedDuePlusOne) {
  Town t = branch_with_item();
  t.update("r1", "2023-03-10");
  t.snapshot.ledger_submissions->clear();
  t.dispatch("d2", "2023-05-02", "b1", "gb").problem(CheckItem::dues_records);
  t.item("r2", "d2", "2023-06-30");
  t.update("r2", "2023-05-10");
  t.submit("d2", "2023-05-20");  // due 05-17: late
  const auto v = triggers(t.evaluate("2023-12-31"));
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0], (Trigger{TriggerKind::ledger_missing, d("2023-03-17"), "d1"}));
  EXPECT_EQ(v[1], (Trigger{TriggerKind::ledger_late, d("2023-05-18"), "d2"}));
}

TEST(Clause5_2_Admonishment, PerfunctoryIsEveryRefutation) {
  Town t = branch_with_item();
  t.report("r1", "2023-03-10");
  t.look_back("lb1", "2023-03-15", "r1", Finding::not_rectified);
  t.look_back("lb2", "2023-03-20", "r1", Finding::not_rectified);  // open: no refutation
  t.look_back("lb3", "2023-03-25", "r1", Finding::superficial, LookBackKind::spot_check);
  const auto v = triggers(t.evaluate("2023-12-31"));
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0], (Trigger{TriggerKind::perfunctory, d("2023-03-15"), "lb1"}));
  EXPECT_EQ(v[1], (Trigger{TriggerKind::perfunctory, d("2023-03-25"), "lb3"}));
}

TEST(Clause5_2_Admonishment, OneTalkPerYearOfTheTriggers) {
  Town t = branch_with_item("2023-12-31");  // no update at all: neglect dated 2024-01-01
  t.dispatch("d2", "2023-03-02", "b1", "gb").problem(CheckItem::dues_records);
  t.item("r2", "d2", "2023-03-31");
  t.submit("d2", "2023-03-05");
  t.report("r2", "2023-03-10");  // an update, so no neglect of r2 ...
  t.look_back("lb1", "2023-04-01", "r2", Finding::superficial);  // ... but perfunctory
  const Result r = t.evaluate("2024-06-30");
  const auto v = decisions(r, Rule::admonishment_talk, "b1");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(*v[0].year, 2023);
  EXPECT_EQ(v[0].triggers->at(0).kind, TriggerKind::perfunctory);
  EXPECT_EQ(*v[1].year, 2024);
  EXPECT_EQ(v[1].triggers->at(0), (Trigger{TriggerKind::neglect, d("2024-01-01"), "r1"}));
}

TEST(Clause5_2_Admonishment, TriggersSortByDateThenKindNameThenRef) {
  Town t = branch_with_item("2023-03-16");  // neglect on 03-17, ledger missing on 03-17
  t.snapshot.ledger_submissions->clear();
  const auto v = triggers(t.evaluate("2023-06-30"));
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].kind, TriggerKind::ledger_missing);  // "ledger_missing" < "neglect"
  EXPECT_EQ(v[1].kind, TriggerKind::neglect);
}

// Triggers of one date are ordered by their kind's name, as every code in the output;
// trigger_name_rank is that order without comparing strings.
TEST(Clause5_2_Admonishment, TriggerKindsRankByTheirNames) {
  const TriggerKind kinds[] = {TriggerKind::neglect, TriggerKind::ledger_late,
                               TriggerKind::ledger_missing, TriggerKind::perfunctory};
  for (TriggerKind a : kinds)
    for (TriggerKind b : kinds)
      EXPECT_EQ(rules::trigger_name_rank(a) < rules::trigger_name_rank(b),
                std::string_view(boost::describe::enum_to_string(a, "")) <
                    std::string_view(boost::describe::enum_to_string(b, "")));
}
