// The invalid-input corpus: every tests/data/invalid/*.json (snapshots) and
// tests/data/invalid-policy/*.json (policies) must yield exactly the errors listed in the
// .expected file beside it — compared as a multiset of "code pointer" lines, messages
// not compared (tests/data/README.md). One test case per file, found at run time.
#include "tiaodu/json.hpp"
#include "support/files.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace tiaodu;

using tiaodu::testing::slurp;

namespace {

struct Case {
  fs::path json;
  bool policy;
};

std::vector<Case> corpus() {
  std::vector<Case> out;
  for (const auto& [dir, policy] : {std::pair{"invalid", false}, std::pair{"invalid-policy", true}}) {
    const fs::path d = fs::path(TIAODU_SOURCE_DIR) / "tests" / "data" / dir;
    if (!fs::is_directory(d)) continue;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(d))
      if (e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) out.push_back({f, policy});
  }
  return out;
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  std::string name = (info.param.policy ? "policy_" : "snapshot_") + info.param.json.stem().string();
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

class InvalidCorpus : public ::testing::TestWithParam<Case> {};

TEST_P(InvalidCorpus, ReportsExactlyTheExpectedErrors) {
  const Case& c = GetParam();
  fs::path expected_path = c.json;
  expected_path.replace_extension(".expected");
  ASSERT_TRUE(fs::exists(expected_path)) << expected_path;

  std::vector<std::string> expected;
  {
    std::istringstream lines(slurp(expected_path));
    for (std::string line; std::getline(lines, line);)
      if (!line.empty()) expected.push_back(line);
  }
  ASSERT_FALSE(expected.empty()) << "an invalid document must expect at least one error";

  const std::string text = slurp(c.json);
  std::vector<Error> errors;
  bool ok;
  if (c.policy) {
    auto p = parse_policy(text);
    ok = p.ok();
    errors = p.errors;
  } else {
    auto p = parse_snapshot(text);
    ok = p.ok();
    errors = p.errors;
  }
  EXPECT_FALSE(ok);
  std::vector<std::string> got;
  std::string messages;
  for (const Error& e : errors) {
    got.push_back(std::string(to_string(e.code)) + " " + e.path);
    messages += "  " + got.back() + "  — " + e.message + "\n";
    EXPECT_FALSE(e.message.empty()) << got.back();
  }
  std::sort(expected.begin(), expected.end());
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, expected) << "reported:\n" << messages;
}

INSTANTIATE_TEST_SUITE_P(Files, InvalidCorpus, ::testing::ValuesIn(corpus()), case_name);

// The corpus itself must be there: an empty directory would make the suite vacuous.
TEST(InvalidCorpusFiles, Present) {
  const auto cases = corpus();
  const auto policies = std::count_if(cases.begin(), cases.end(), [](const Case& c) { return c.policy; });
  EXPECT_GE(cases.size() - static_cast<std::size_t>(policies), 20u);
  EXPECT_GE(policies, 10);
}

}  // namespace
