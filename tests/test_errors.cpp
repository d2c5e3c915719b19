// Tests of tiaodu/errors.hpp: the stable codes, their spelling, ValidationError.
#include "tiaodu/errors.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

using namespace tiaodu;

TEST(Errors, EveryCodeHasOneStableName) {
  std::set<std::string> names;
  for (int i = 0; i <= static_cast<int>(ErrorCode::duplicate_key); ++i) {
    const auto code = static_cast<ErrorCode>(i);
    const std::string name(to_string(code));
    EXPECT_FALSE(name.empty());
    EXPECT_TRUE(names.insert(name).second) << name;
    EXPECT_EQ(parse_error_code(name), code) << name;
  }
  EXPECT_EQ(names.size(), 24u);
}

TEST(Errors, TheSpecsSpellings) {
  // Section 5 of the spec, in its order, plus the duplicate_key extension.
  const char* spec[] = {"syntax", "format", "type", "missing_field", "unknown_field", "enum", "date", "empty",
                        "duplicate_id", "unknown_ref", "root", "cycle", "dispatcher_not_superior",
                        "dispatch_of_root", "duplicate_check", "item_not_problem", "duplicate_seq", "seq",
                        "date_order", "duplicate_submission", "unknown_parameter", "parameter_range",
                        "from_order", "duplicate_key"};
  for (int i = 0; i < 24; ++i) EXPECT_EQ(to_string(static_cast<ErrorCode>(i)), spec[i]);
  EXPECT_EQ(to_string(ErrorCode::enum_value), "enum");
  EXPECT_FALSE(parse_error_code("enum_value").has_value());
  EXPECT_FALSE(parse_error_code("").has_value());
  EXPECT_FALSE(parse_error_code("Syntax").has_value());
}

TEST(Errors, ValidationErrorSummarisesAndKeepsAll) {
  const ValidationError one({{"/a", ErrorCode::type, "a must be a string"}});
  EXPECT_STREQ(one.what(), "a must be a string");
  const ValidationError three({{"/a", ErrorCode::type, "first"}, {"/b", ErrorCode::date, "second"},
                               {"", ErrorCode::root, "third"}});
  EXPECT_STREQ(three.what(), "first (and 2 more)");
  ASSERT_EQ(three.errors().size(), 3u);
  EXPECT_EQ(three.errors()[2].code, ErrorCode::root);
  const ValidationError none({});
  EXPECT_STREQ(none.what(), "invalid input");
}

TEST(Errors, ParsedIsOkOnlyWithAValue) {
  Parsed<int> p;
  EXPECT_FALSE(p.ok());
  EXPECT_FALSE(static_cast<bool>(p));
  p.value = 3;
  EXPECT_TRUE(p.ok());
}
