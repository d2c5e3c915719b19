// Tests of tiaodu/policy.hpp and of reading, checking and writing tiaodu-policy/1.
#include "tiaodu/json.hpp"
#include "tiaodu/policy.hpp"
#include "tiaodu/validate.hpp"
#include "support/files.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace tiaodu;

using tiaodu::testing::slurp;
using tiaodu::testing::codes;

namespace {

std::vector<std::string> policy_errors(const std::string& parameters) {
  return codes(parse_policy(R"({"format": "tiaodu-policy/1", "parameters": )" + parameters + "}").errors);
}
using V = std::vector<std::string>;

Day day(int y, unsigned m, unsigned d) { return days_from_civil(y, m, d); }

TEST(Policy, DefaultsAreTheSpecsTable) {
  const Policy p;
  const Day any = day(2023, 6, 1);
  EXPECT_EQ(p.at(Param::ledger_due_days, any), 15);
  EXPECT_EQ(p.at(Param::review_days, any), 30);
  EXPECT_EQ(p.at(Param::neglect_grace_days, any), 0);
  EXPECT_EQ(p.at(Param::inquiry_threshold, any), 1);
  EXPECT_EQ(p.at(Param::talk_threshold, any), 2);
  EXPECT_EQ(p.at(Param::notice_threshold, any), 3);
  EXPECT_EQ(p.at(Param::deduction_per_item, any), 2);
  EXPECT_EQ(p.at(Param::deduction_cap, any), 20);
  EXPECT_EQ(p.at(Param::problem_points, any), 5);
  EXPECT_EQ(p.at(Param::overdue_points, any), 2);
  EXPECT_EQ(p.at(Param::bottom_share, any), 0.2);
  EXPECT_EQ(p.at(Param::min_peers, any), 3);
  EXPECT_EQ(p.at(Param::effectiveness_min, any), 0.6);
  EXPECT_EQ(p.at(Param::long_unresolved_days, any), 90);
  EXPECT_EQ(p.at(Param::long_bottom_months, any), 3);
  for (const ParameterInfo& info : parameters) {
    EXPECT_TRUE(p.values(info.param).empty());
    EXPECT_EQ(find_param(info.name), info.param);
  }
  EXPECT_FALSE(find_param("ledger_due_day").has_value());
  EXPECT_TRUE(validate(p).empty());
}

TEST(Policy, DatedValuesAtTheirBoundaryDays) {
  const Policy p = read_policy(R"({"format": "tiaodu-policy/1", "parameters": {
    "ledger_due_days": [{"from": "2023-07-01", "value": 10}, {"from": "2024-01-01", "value": 20}]}})");
  EXPECT_EQ(p.at(Param::ledger_due_days, day(2023, 6, 30)), 15);  // the day before: the default
  EXPECT_EQ(p.at(Param::ledger_due_days, day(2023, 7, 1)), 10);   // from its first day
  EXPECT_EQ(p.at(Param::ledger_due_days, day(2023, 12, 31)), 10);
  EXPECT_EQ(p.at(Param::ledger_due_days, day(2024, 1, 1)), 20);
  EXPECT_EQ(p.at(Param::ledger_due_days, day(9899, 12, 31)), 20);
  EXPECT_EQ(p.integer_at(Param::ledger_due_days, day(2023, 8, 1)), 10);
  EXPECT_EQ(p.value_at("ledger_due_days", Date(2023, 6, 30)), 15);
  EXPECT_EQ(p.value_at("ledger_due_days", Date(2023, 7, 1)), 10);
  EXPECT_THROW((void)p.value_at("no_such", Date(2023, 7, 1)), std::invalid_argument);
  EXPECT_EQ(p.at(Param::review_days, day(2023, 7, 1)), 30);  // others untouched
  ASSERT_EQ(p.values(Param::ledger_due_days).size(), 2u);
  EXPECT_EQ(p.values(Param::ledger_due_days)[0].from, Date(2023, 7, 1));
}

TEST(Policy, EmptyListsAndAbsentParametersMeanNoOverride) {
  for (const char* doc : {R"({"format": "tiaodu-policy/1"})", R"({"format": "tiaodu-policy/1", "parameters": null})",
                          R"({"format": "tiaodu-policy/1", "parameters": {}})",
                          R"({"format": "tiaodu-policy/1", "parameters": {"review_days": []}})",
                          R"({"format": "tiaodu-policy/1", "parameters": {"review_days": null}})"}) {
    auto p = parse_policy(doc);
    ASSERT_TRUE(p.ok()) << doc;
    EXPECT_EQ(*p.value, Policy{}) << doc;
  }
}

TEST(Policy, ReadingErrors) {
  EXPECT_EQ(policy_errors(R"({"review_day": []})"), V{"unknown_parameter /parameters/review_day"});
  EXPECT_EQ(policy_errors(R"({"a/b": []})"), V{"unknown_parameter /parameters/a~1b"});
  EXPECT_EQ(policy_errors(R"([])"), V{"type /parameters"});
  EXPECT_EQ(policy_errors(R"({"review_days": {}})"), V{"type /parameters/review_days"});
  EXPECT_EQ(policy_errors(R"({"review_days": [3]})"), V{"type /parameters/review_days/0"});
  EXPECT_EQ(policy_errors(R"({"review_days": [{"from": "2023-01-01", "value": 2.5}]})"),
            V{"type /parameters/review_days/0/value"});
  EXPECT_EQ(policy_errors(R"({"review_days": [{"from": "2023-01-01", "value": 2.0}]})"),
            V{"type /parameters/review_days/0/value"});
  EXPECT_EQ(policy_errors(R"({"review_days": [{"from": "2023-01-01", "value": "2"}]})"),
            V{"type /parameters/review_days/0/value"});
  EXPECT_EQ(policy_errors(R"({"bottom_share": [{"from": "2023-01-01", "value": true}]})"),
            V{"type /parameters/bottom_share/0/value"});
  EXPECT_EQ(policy_errors(R"({"review_days": [{"from": 20230101, "value": 2}]})"),
            V{"type /parameters/review_days/0/from"});
  EXPECT_EQ(policy_errors(R"({"review_days": [{"from": "2023-02-29", "value": 2}]})"),
            V{"date /parameters/review_days/0/from"});
  EXPECT_EQ(policy_errors(R"({"review_days": [{"value": 2}]})"), V{"missing_field /parameters/review_days/0/from"});
  EXPECT_EQ(policy_errors(R"({"review_days": [{"from": "2023-01-01", "value": null}]})"),
            V{"missing_field /parameters/review_days/0/value"});
  EXPECT_EQ(policy_errors(R"({"review_days": [{"from": "2023-01-01", "value": 2, "until": "2024-01-01"}]})"),
            V{"unknown_field /parameters/review_days/0/until"});
  EXPECT_EQ(codes(parse_policy(R"({"format": "tiaodu-policy/1", "paramters": {}})").errors),
            V{"unknown_field /paramters"});
  EXPECT_EQ(codes(parse_policy(R"({"parameters": {}})").errors), V{"format /format"});
  EXPECT_EQ(codes(parse_policy(R"({"format": "tiaodu/1", "organizations": []})").errors), V{"format /format"});
}

TEST(Policy, RangesAndOrderWhenRead) {
  EXPECT_EQ(policy_errors(R"({"review_days": [{"from": "2023-01-01", "value": -1}]})"),
            V{"parameter_range /parameters/review_days/0/value"});
  EXPECT_EQ(policy_errors(R"({"review_days": [{"from": "2023-01-01", "value": 36501}]})"),
            V{"parameter_range /parameters/review_days/0/value"});
  EXPECT_TRUE(parse_policy(R"({"format": "tiaodu-policy/1", "parameters": {"review_days": [{"from": "2023-01-01", "value": 36500}]}})").ok());
  EXPECT_EQ(policy_errors(R"({"problem_points": [{"from": "2023-01-01", "value": 99999999999999999999999}]})"),
            V{"parameter_range /parameters/problem_points/0/value"});
  EXPECT_EQ(policy_errors(R"({"min_peers": [{"from": "2023-01-01", "value": 0}]})"),
            V{"parameter_range /parameters/min_peers/0/value"});
  EXPECT_EQ(policy_errors(R"({"bottom_share": [{"from": "2023-01-01", "value": 1.5}]})"),
            V{"parameter_range /parameters/bottom_share/0/value"});
  EXPECT_EQ(policy_errors(R"({"bottom_share": [{"from": "2023-01-01", "value": 1e999}]})"),
            V{"parameter_range /parameters/bottom_share/0/value"});
  EXPECT_TRUE(parse_policy(R"({"format": "tiaodu-policy/1", "parameters": {"bottom_share": [{"from": "2023-01-01", "value": 0}, {"from": "2023-02-01", "value": 1}]}})").ok());
  EXPECT_EQ(policy_errors(R"({"review_days": [{"from": "2023-02-01", "value": 1}, {"from": "2023-02-01", "value": 2}]})"),
            V{"from_order /parameters/review_days/1/from"});
  EXPECT_EQ(policy_errors(R"({"review_days": [{"from": "2023-03-01", "value": 1}, {"from": "2023-01-01", "value": 2}, {"from": "2023-02-01", "value": 2}]})"),
            (V{"from_order /parameters/review_days/1/from", "from_order /parameters/review_days/2/from"}));
  // Thresholds: each entry that starts a broken order, once.
  EXPECT_EQ(policy_errors(R"({"talk_threshold": [{"from": "2023-01-01", "value": 5}]})"),
            V{"parameter_range /parameters/talk_threshold/0"});
  EXPECT_EQ(policy_errors(R"({"notice_threshold": [{"from": "2023-01-01", "value": 2}, {"from": "2023-06-01", "value": 1}]})"),
            V{"parameter_range /parameters/notice_threshold/1"});
  // Both moved together on one day, in order: fine.
  EXPECT_TRUE(parse_policy(R"({"format": "tiaodu-policy/1", "parameters": {
    "talk_threshold": [{"from": "2023-06-01", "value": 5}],
    "notice_threshold": [{"from": "2023-06-01", "value": 6}]}})").ok());
  // A threshold that is out of range is not also judged for its order.
  EXPECT_EQ(policy_errors(R"({"inquiry_threshold": [{"from": "2023-01-01", "value": 0}], "talk_threshold": [{"from": "2023-01-01", "value": -1}]})"),
            (V{"parameter_range /parameters/inquiry_threshold/0/value", "parameter_range /parameters/talk_threshold/0/value"}));
}

TEST(Policy, ValidateAHandBuiltPolicy) {
  Policy p;
  p.set(Param::review_days, {{Date(2023, 1, 1), 3.5}});
  p.set(Param::bottom_share, {{Date(2023, 1, 1), std::nan("")}});
  p.set(Param::min_peers, {{Date(2023, 5, 1), 2}, {Date(2023, 4, 1), 3}});
  p.set(Param::deduction_cap, {{Date(9950, 1, 1), 3}});
  EXPECT_EQ(codes(validate(p)),
            (V{"date /parameters/deduction_cap/0/from", "from_order /parameters/min_peers/1/from",
               "parameter_range /parameters/bottom_share/0/value", "parameter_range /parameters/review_days/0/value"}));
  Policy q;
  q.set(Param::inquiry_threshold, {{Date(2023, 1, 1), 4}});
  EXPECT_EQ(codes(validate(q)), V{"parameter_range /parameters/inquiry_threshold/0"});
}

std::vector<fs::path> valid_policies() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(fs::path(TIAODU_SOURCE_DIR) / "tests/data/valid-policy"))
    if (e.path().extension() == ".json") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

class ValidPolicy : public ::testing::TestWithParam<fs::path> {};

TEST_P(ValidPolicy, ReadsAndRoundTrips) {
  auto p = parse_policy(slurp(GetParam()));
  ASSERT_TRUE(p.ok()) << p.errors.front().path << " " << p.errors.front().message;
  EXPECT_TRUE(validate(*p.value).empty());
  const std::string once = to_json(*p.value);
  const Policy again = read_policy(once);
  EXPECT_EQ(again, *p.value);
  EXPECT_EQ(to_json(again), once);
}

INSTANTIATE_TEST_SUITE_P(Files, ValidPolicy, ::testing::ValuesIn(valid_policies()),
                         [](const ::testing::TestParamInfo<fs::path>& info) {
                           std::string n = info.param.stem().string();
                           for (char& c : n)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });

TEST(Policy, ValidPolicyFilesArePresent) { EXPECT_GE(valid_policies().size(), 5u); }

}  // namespace
