// The documentation cannot rot: every example decision shown in docs/rules.md is one the
// library really makes on the sample town (at 2023-06-30 or 2023-12-31).
#include "tiaodu/evaluate.hpp"
#include "tiaodu/json.hpp"
#include "support/files.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

using tiaodu::testing::slurp;

namespace {
}  // namespace

TEST(Docs, EveryExampleDecisionInRulesMdIsARealOne) {
  const auto snapshot = tiaodu::read_snapshot(slurp(TIAODU_SOURCE_DIR "/examples/sample-town.json"));
  boost::json::array decisions;
  for (const char* day : {"2023-06-30", "2023-12-31"}) {
    const auto result = tiaodu::evaluate(snapshot, tiaodu::Policy{}, *tiaodu::parse_date(day));
    const boost::json::value written = boost::json::parse(tiaodu::to_json(result));
    for (const auto& d : written.at("decisions").as_array()) decisions.push_back(d);
  }
  const std::string doc = slurp(TIAODU_SOURCE_DIR "/docs/rules.md");
  int examples = 0;
  for (std::size_t at = doc.find("```json\n"); at != std::string::npos; at = doc.find("```json\n", at)) {
    at += 8;
    const std::size_t end = doc.find("```", at);
    ASSERT_NE(end, std::string::npos);
    const boost::json::value example = boost::json::parse(doc.substr(at, end - at));
    bool found = false;
    for (const auto& d : decisions) found |= d == example;
    EXPECT_TRUE(found) << "docs/rules.md example not produced by the library:\n" << example;
    ++examples;
    at = end;
  }
  EXPECT_GE(examples, 10);  // one per rule
}
