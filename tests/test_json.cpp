// Tests of tiaodu/json.hpp: reading (structure, syntax, limits), writing (layout, escaping,
// numbers, the result format) and round trips of every valid document in the repository.
#include "tiaodu/json.hpp"
#include "tiaodu/validate.hpp"
#include "support/files.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace tiaodu;

using tiaodu::testing::slurp;
using tiaodu::testing::codes;

namespace {

std::vector<std::string> snapshot_errors(std::string_view json) {
  auto p = parse_snapshot(json);
  EXPECT_EQ(p.ok(), p.errors.empty());
  return codes(p.errors);
}
using V = std::vector<std::string>;

// A small valid snapshot to which the tests add one mistake at a time.
const char* const kTown = R"({
  "format": "tiaodu/1",
  "organizations": [
    {"id": "town", "name": "镇党委", "kind": "committee", "secretary": {"id": "p-1", "name": "张"}},
    {"id": "b-1", "name": "一村", "kind": "branch", "parent": "town", "secretary": {"id": "p-2", "name": "王"}}
  ],
  "dispatches": [
    {"id": "d-1", "date": "2023-03-10", "dispatcher": "town", "object": "b-1", "form": "on_site",
     "checks": [{"item": "dues_records", "result": "problem"}]}
  ],
  "rectifications": [
    {"id": "r-1", "dispatch": "d-1", "seq": 1, "item": "dues_records", "problem": "记录不全",
     "deadline": "2023-03-31"}
  ]
})";

std::string with(std::string_view from, std::string_view to) {
  std::string s = kTown;
  const auto at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

TEST(JsonRead, TheBaseDocumentIsValid) {
  auto p = parse_snapshot(kTown);
  ASSERT_TRUE(p.ok()) << (p.errors.empty() ? "" : p.errors[0].message);
  const Snapshot& s = *p.value;
  ASSERT_EQ(each(s.organizations).size(), 2u);
  EXPECT_EQ(s.organizations->at(1).parent, std::optional<std::string>("town"));
  EXPECT_FALSE(s.organizations->at(0).parent.has_value());
  EXPECT_EQ(s.dispatches->at(0).date, Date(2023, 3, 10));
  EXPECT_EQ(s.rectifications->at(0).item, CheckItem::dues_records);
  EXPECT_FALSE(s.look_backs.has_value());  // absent stays absent
}

TEST(JsonRead, SyntaxErrorsGiveLineAndColumnAndNothingElse) {
  auto p = parse_snapshot("{\n  \"format\": \"tiaodu/1\",\n  \"organizations\": [1,]\n}");
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_EQ(p.errors[0].code, ErrorCode::syntax);
  EXPECT_EQ(p.errors[0].path, "");
  EXPECT_NE(p.errors[0].message.find("line 3, column 23"), std::string::npos) << p.errors[0].message;
  // Columns count characters, not bytes: 调度 is six bytes, two characters.
  auto q = parse_snapshot("{\"调度\": x}");
  ASSERT_EQ(q.errors.size(), 1u);
  EXPECT_NE(q.errors[0].message.find("line 1, column 8"), std::string::npos) << q.errors[0].message;
}

TEST(JsonRead, WhatIsNotJsonIsSyntax) {
  for (std::string bad : {std::string(""), std::string("  \n"), std::string("{\"format\": 'tiaodu/1'}"),
                          std::string("{} {}"), std::string("{\"format\": \"tiaodu/1\"} x"),
                          std::string("{\"a\": \"\xff\"}"),                  // invalid UTF-8
                          std::string("{\"a\": \"\xc0\xaf\"}"),              // overlong
                          std::string("{\"a\": \"\xed\xa0\x80\"}"),          // a surrogate
                          std::string("{\"a\": \"x\ny\"}"),                  // raw control character
                          std::string("{\"format\": \"tiaodu/1\"}\0", 23),   // a raw NUL
                          std::string("{\"a\": 1 /* c */}"), std::string("{\"a\": [1,],}"),
                          std::string("{\"a\": tru}"), std::string("{\"a\": 01}"), std::string("\xEF\xBB\xBF"),
                          std::string("\xEF\xBB\xBF\xEF\xBB\xBF{}")}) {
    auto p = parse_snapshot(bad);
    EXPECT_EQ(codes(p.errors), V{"syntax "}) << bad;
    auto q = parse_policy(bad);
    EXPECT_EQ(codes(q.errors), V{"syntax "}) << bad;
  }
}

TEST(JsonRead, DeepNestingIsRefusedWithoutExhaustingTheStack) {
  for (std::size_t depth : {kMaxDepth + 1, std::size_t{100000}, std::size_t{2000000}}) {
    const std::string deep = std::string(depth, '[') + std::string(depth, ']');
    auto p = parse_snapshot(deep);
    ASSERT_EQ(p.errors.size(), 1u);
    EXPECT_EQ(p.errors[0].code, ErrorCode::syntax);
    EXPECT_NE(p.errors[0].message.find("nesting deeper than 32"), std::string::npos) << p.errors[0].message;
  }
  // kMaxDepth itself is accepted by the parser (and then judged as a snapshot).
  std::string ok = "{\"format\": \"tiaodu/1\", \"x\": " + std::string(kMaxDepth - 1, '[') +
                   std::string(kMaxDepth - 1, ']') + "}";
  EXPECT_EQ(snapshot_errors(ok), (V{"root ", "unknown_field /x"}));
}

TEST(JsonRead, ByteOrderMarkIsSkipped) {
  auto p = parse_snapshot("\xEF\xBB\xBF" + std::string(kTown));
  EXPECT_TRUE(p.ok());
  auto q = parse_policy("\xEF\xBB\xBF{\"format\": \"tiaodu-policy/1\"}");
  EXPECT_TRUE(q.ok());
}

TEST(JsonRead, NulEscapesAreKeptAndRoundTrip) {
  const std::string doc = with(R"("problem": "记录不全")", R"("problem": "a\u0000b")");
  auto p = parse_snapshot(doc);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.value->rectifications->at(0).problem, std::string("a\0b", 3));
  const std::string out = to_json(*p.value);
  EXPECT_NE(out.find(R"("a\u0000b")"), std::string::npos);
  EXPECT_EQ(read_snapshot(out), *p.value);
}

TEST(JsonRead, FormatMissingWrongOrOfAnotherKind) {
  std::string s = kTown;
  s.replace(s.find("\"format\": \"tiaodu/1\","), 21, "");
  EXPECT_EQ(snapshot_errors(s), V{"format /format"});
  // Another format: that one error, nothing about the fields.
  EXPECT_EQ(snapshot_errors(R"({"format": "tiaodu-policy/1", "parameters": {}})"), V{"format /format"});
  EXPECT_EQ(snapshot_errors(R"({"format": 1, "x": 2})"), V{"format /format"});
  EXPECT_EQ(codes(parse_policy(kTown).errors), V{"format /format"});
  EXPECT_EQ(snapshot_errors("[]"), V{"type "});
  EXPECT_EQ(snapshot_errors("\"tiaodu/1\""), V{"type "});
}

TEST(JsonRead, DuplicateKeysAreErrorsNeverLastOneWins) {
  EXPECT_EQ(snapshot_errors(with(R"("name": "一村",)", R"("name": "一村", "name": "二村",)")),
            V{"duplicate_key /organizations/1/name"});
  EXPECT_EQ(snapshot_errors(with(R"("format": "tiaodu/1",)", R"("format": "tiaodu/1", "format": "tiaodu/1",)")),
            V{"duplicate_key /format"});
  // An unknown key given twice: unknown once, duplicate once.
  EXPECT_EQ(snapshot_errors(with(R"("seq": 1,)", R"("seq": 1, "a/b~c": 1, "a/b~c": 2,)")),
            (V{"duplicate_key /rectifications/0/a~1b~0c", "unknown_field /rectifications/0/a~1b~0c"}));
  EXPECT_EQ(codes(parse_policy(R"({"format": "tiaodu-policy/1", "parameters": {"review_days": [],
            "review_days": [{"from": "2023-01-01", "value": 1}]}})").errors),
            V{"duplicate_key /parameters/review_days"});
}

TEST(JsonRead, PointersEscapeTildeAndSlash) {
  EXPECT_EQ(snapshot_errors(with(R"("form": "on_site",)", R"("form": "on_site", "~/": 0,)")),
            V{"unknown_field /dispatches/0/~0~1"});
}

TEST(JsonRead, StructuralErrorsAtTheirPointers) {
  EXPECT_EQ(snapshot_errors(with(R"("kind": "branch")", R"("kind": "Branch")")),
            V{"enum /organizations/1/kind"});
  EXPECT_EQ(snapshot_errors(with(R"("kind": "branch")", R"("kind": 3)")), V{"type /organizations/1/kind"});
  EXPECT_EQ(snapshot_errors(with(R"("name": "一村",)", "")), V{"missing_field /organizations/1/name"});
  EXPECT_EQ(snapshot_errors(with(R"("name": "一村",)", R"("name": null,)")),
            V{"missing_field /organizations/1/name"});
  EXPECT_EQ(snapshot_errors(with(R"("date": "2023-03-10")", R"("date": "2023-02-29")")),
            V{"date /dispatches/0/date"});
  EXPECT_EQ(snapshot_errors(with(R"("date": "2023-03-10")", R"("date": 20230310)")),
            V{"type /dispatches/0/date"});
  EXPECT_EQ(snapshot_errors(with(R"("checks": [)", R"("chekcs": [)")),
            (V{"item_not_problem /rectifications/0/item", "unknown_field /dispatches/0/chekcs"}));
  EXPECT_EQ(snapshot_errors(with(R"("checks": [{"item": "dues_records", "result": "problem"}])", R"("checks": {})")),
            V{"type /dispatches/0/checks"});
  EXPECT_EQ(snapshot_errors(with(R"("form": "on_site",)", R"("form": "on_site", "good_practices": [""], )")),
            V{"empty /dispatches/0/good_practices/0"});
  EXPECT_EQ(snapshot_errors(with(R"("secretary": {"id": "p-2", "name": "王"})", R"("secretary": "王")")),
            V{"type /organizations/1/secretary"});
  EXPECT_EQ(snapshot_errors(with(R"("secretary": {"id": "p-2", "name": "王"})", R"("secretary": {"id": "", "name": "王"})")),
            V{"empty /organizations/1/secretary/id"});
  EXPECT_EQ(snapshot_errors(with(R"("organizations": [)", R"("organizations": [7, )")),
            V{"type /organizations/0"});
}

TEST(JsonRead, SeqMustBeAnIntegerAtLeastOne) {
  for (const char* bad : {"0", "-1", "1.5", "1.0", "1e3", "9223372036854775808", "18446744073709551616",
                          "123456789012345678901234567890", "-9223372036854775809"})
    EXPECT_EQ(snapshot_errors(with(R"("seq": 1,)", std::string(R"("seq": )") + bad + ",")),
              V{"seq /rectifications/0/seq"})
        << bad;
  EXPECT_EQ(snapshot_errors(with(R"("seq": 1,)", R"("seq": "1",)")), V{"type /rectifications/0/seq"});
  EXPECT_TRUE(parse_snapshot(with(R"("seq": 1,)", R"("seq": 9223372036854775807,)")).ok());
}

TEST(JsonRead, MessagesNameTheOffendingValue) {
  auto p = parse_snapshot(with(R"("parent": "town")", R"("parent": "b-9")"));
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_EQ(p.errors[0].message, R"(organization "b-1": parent "b-9" does not exist)");
  auto q = parse_snapshot(with(R"("deadline": "2023-03-31")", R"("deadline": "2023-02-30")"));
  ASSERT_EQ(q.errors.size(), 1u);
  EXPECT_NE(q.errors[0].message.find("2023-02-30 is not a date (YYYY-MM-DD, 1400-01-01 to 9899-12-31)"),
            std::string::npos)
      << q.errors[0].message;
  // A long or odd value is quoted and cut, so that a message stays one readable line.
  auto r = parse_snapshot(with(R"("kind": "branch")", "\"kind\": \"" + std::string(500, 'x') + "\\n\""));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_LT(r.errors[0].message.size(), 200u);
  EXPECT_EQ(r.errors[0].message.find('\n'), std::string::npos);
}

TEST(JsonRead, DatesOutsideTheRangeAreNotDates) {
  EXPECT_EQ(snapshot_errors(with(R"("deadline": "2023-03-31")", R"("deadline": "9900-01-01")")),
            V{"date /rectifications/0/deadline"});
  EXPECT_EQ(snapshot_errors(with(R"("format": "tiaodu/1",)", R"("format": "tiaodu/1", "period_start": "1399-12-31",)")),
            V{"date /period_start"});
  EXPECT_TRUE(parse_snapshot(with(R"("deadline": "2023-03-31")", R"("deadline": "9899-12-31")")).ok());
}

TEST(JsonRead, NoCascadeFromAnIdThatCouldNotBeRead) {
  // b-1's id is a number: the dispatch's reference to "7"... is not reported as unknown.
  const std::string doc = with(R"("id": "b-1")", R"("id": 7)");
  std::string s = doc;
  s.replace(s.find(R"("object": "b-1")"), 15, R"("object": "7")");
  EXPECT_EQ(snapshot_errors(s), V{"type /organizations/1/id"});
  // A bad date of a dispatch gives no date_order for its rectification's deadline.
  EXPECT_EQ(snapshot_errors(with(R"("date": "2023-03-10")", R"("date": "2023-13-10")")),
            V{"date /dispatches/0/date"});
  // A check with a bad item gives no item_not_problem for the rectification of that item.
  EXPECT_EQ(snapshot_errors(with(R"({"item": "dues_records", "result": "problem"})",
                                 R"({"item": "dues_record", "result": "problem"})")),
            V{"enum /dispatches/0/checks/0/item"});
}

TEST(JsonRead, ReadThrowsWithEveryError) {
  const std::string doc = with(R"("kind": "branch")", R"("kind": "x")");
  try {
    read_snapshot(doc);
    FAIL() << "read_snapshot accepted an invalid document";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.errors().size(), 1u);
    EXPECT_EQ(e.errors()[0].path, "/organizations/1/kind");
    EXPECT_NE(std::string(e.what()).find("kind"), std::string::npos);
  }
  EXPECT_THROW(read_policy("{"), ValidationError);
}

TEST(JsonRead, LoadReportsUnreadableFilesWithTheirPath) {
  const fs::path missing = fs::temp_directory_path() / "tiaodu-test-no-such-file.json";
  try {
    load_snapshot(missing);
    FAIL();
  } catch (const std::system_error& e) {
    EXPECT_NE(std::string(e.what()).find(missing.string()), std::string::npos) << e.what();
    EXPECT_EQ(e.code(), std::errc::no_such_file_or_directory);
  }
  EXPECT_THROW(load_policy(fs::temp_directory_path()), std::system_error);  // a directory
  EXPECT_THROW(load_snapshot(fs::path(TIAODU_SOURCE_DIR) / "tests/data/invalid/cycle-two-orgs.json"),
               ValidationError);
  const Snapshot s = load_snapshot(fs::path(TIAODU_SOURCE_DIR) / "tests/data/valid/minimal.json");
  EXPECT_FALSE(each(s.organizations).empty());
}

// Thousands of small corruptions of a valid document (deterministic): reading never
// crashes, is valid exactly when it reports no error, and whatever it accepts is a model
// that validate() accepts and that writes back to itself.
TEST(JsonRead, CorruptedDocumentsNeverCrashOrHalfSucceed) {
  const std::string base = kTown;
  std::uint64_t state = 12345;
  auto next = [&] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::size_t>(state >> 33);
  };
  const std::string alphabet = std::string("{}[]\",:0123456789-.eE \n\\u\xff") + '\0' + "abtnrfl";
  int accepted = 0, rejected = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string doc = base;
    for (int k = 0, edits = 1 + static_cast<int>(next() % 3); k < edits; ++k) {
      const std::size_t at = next() % doc.size();
      switch (next() % 3) {
        case 0: doc.erase(at, 1 + next() % 8); break;
        case 1: doc.insert(at, 1, alphabet[next() % alphabet.size()]); break;
        default: doc[at] = alphabet[next() % alphabet.size()];
      }
      if (doc.empty()) doc = "{";
    }
    auto p = parse_snapshot(doc);
    ASSERT_EQ(p.ok(), p.errors.empty()) << doc;
    for (const Error& e : p.errors) {
      ASSERT_FALSE(e.message.empty());
      ASSERT_TRUE(e.path.empty() || e.path[0] == '/') << e.path;
    }
    if (p.ok()) {
      ++accepted;
      ASSERT_TRUE(validate(*p.value).empty()) << doc;
      const std::string out = to_json(*p.value);
      ASSERT_EQ(read_snapshot(out), *p.value) << doc;
    } else {
      ++rejected;
    }
    auto q = parse_policy(doc);
    ASSERT_EQ(q.ok(), q.errors.empty());
  }
  EXPECT_GT(rejected, 2000);  // the corruptions are real
  EXPECT_GT(accepted, 0);     // and some are harmless (whitespace, a note's text)
}

// --- round trips

std::vector<fs::path> valid_snapshots() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(fs::path(TIAODU_SOURCE_DIR) / "tests/data/valid"))
    if (e.path().extension() == ".json") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  const fs::path sample = fs::path(TIAODU_SOURCE_DIR) / "examples/sample-town.json";
  if (fs::exists(sample)) out.push_back(sample);
  return out;
}

class ValidSnapshot : public ::testing::TestWithParam<fs::path> {};

TEST_P(ValidSnapshot, ReadsAndRoundTrips) {
  const std::string text = slurp(GetParam());
  auto p = parse_snapshot(text);
  ASSERT_TRUE(p.ok()) << p.errors.front().path << " " << p.errors.front().message;
  EXPECT_TRUE(validate(*p.value).empty());
  const std::string once = to_json(*p.value);
  auto again = parse_snapshot(once);
  ASSERT_TRUE(again.ok()) << again.errors.front().message;
  EXPECT_EQ(*again.value, *p.value);
  EXPECT_EQ(to_json(*again.value), once);
  EXPECT_EQ(once.back(), '\n');
  EXPECT_EQ(once.rfind("{\n  \"format\": \"tiaodu/1\"", 0), 0u);
}

INSTANTIATE_TEST_SUITE_P(Files, ValidSnapshot, ::testing::ValuesIn(valid_snapshots()),
                         [](const ::testing::TestParamInfo<fs::path>& info) {
                           std::string n = info.param.stem().string();
                           for (char& c : n)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });

TEST(JsonRoundTrip, TheSampleTownIsPresent) {
  EXPECT_TRUE(fs::exists(fs::path(TIAODU_SOURCE_DIR) / "examples/sample-town.json"));
  EXPECT_GE(valid_snapshots().size(), 5u);
}

TEST(JsonRoundTrip, NullIsAbsentAndEmptyListsStayEmpty) {
  const std::string doc = with(R"("form": "on_site",)", R"("form": "on_site", "end_date": null, "good_practices": [], "support_requests": null,)");
  const Snapshot s = read_snapshot(doc);
  const Dispatch& d = s.dispatches->at(0);
  EXPECT_FALSE(d.end_date.has_value());
  ASSERT_TRUE(d.good_practices.has_value());
  EXPECT_TRUE(d.good_practices->empty());
  EXPECT_FALSE(d.support_requests.has_value());
  const std::string out = to_json(s);
  EXPECT_NE(out.find("\"good_practices\": []"), std::string::npos);
  EXPECT_EQ(out.find("support_requests"), std::string::npos);
  EXPECT_EQ(out.find("end_date"), std::string::npos);
  EXPECT_EQ(out.find("null"), std::string::npos);
}

// --- writing

TEST(JsonWrite, SnapshotLayoutIsExact) {
  Snapshot s;
  Organization town;
  town.id = "town";
  town.name = "镇\"党\"委\\";
  town.kind = OrgKind::committee;
  town.secretary = {"p-1", "张\t三\x01"};
  s.organizations = std::vector<Organization>{town};
  s.look_backs = std::vector<LookBack>{};
  EXPECT_EQ(to_json(s), R"({
  "format": "tiaodu/1",
  "organizations": [
    {
      "id": "town",
      "name": "镇\"党\"委\\",
      "kind": "committee",
      "secretary": {
        "id": "p-1",
        "name": "张\t三\u0001"
      }
    }
  ],
  "look_backs": []
}
)");
}

TEST(JsonWrite, InvalidUtf8InAModelBecomesReplacementCharacters) {
  Snapshot s = read_snapshot(kTown);
  s.organizations->at(1).name = "a\xff" "b\xe4\xb8";  // a stray byte, a cut sequence
  const std::string out = to_json(s);
  EXPECT_NE(out.find("\"a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD\""), std::string::npos);
  EXPECT_TRUE(parse_snapshot(out).ok());
}

TEST(JsonWrite, PolicyWritesOnlyDatedParametersIntegersAsIntegers) {
  Policy p;
  EXPECT_EQ(to_json(p), "{\n  \"format\": \"tiaodu-policy/1\",\n  \"parameters\": {}\n}\n");
  p.set(Param::ledger_due_days, {{Date(2023, 7, 1), 10}});
  p.set(Param::bottom_share, {{Date(2023, 1, 1), 0.25}, {Date(2024, 1, 1), 1}});
  const std::string out = to_json(p);
  EXPECT_EQ(out, R"({
  "format": "tiaodu-policy/1",
  "parameters": {
    "ledger_due_days": [
      {
        "from": "2023-07-01",
        "value": 10
      }
    ],
    "bottom_share": [
      {
        "from": "2023-01-01",
        "value": 0.25
      },
      {
        "from": "2024-01-01",
        "value": 1.0
      }
    ]
  }
}
)");
  EXPECT_EQ(read_policy(out), p);
}

TEST(JsonWrite, ErrorsToJson) {
  EXPECT_EQ(errors_to_json({}), "{\n  \"errors\": []\n}\n");
  EXPECT_EQ(errors_to_json({{"/a~1b", ErrorCode::enum_value, "x \"y\""}}), R"({
  "errors": [
    {
      "path": "/a~1b",
      "code": "enum",
      "message": "x \"y\""
    }
  ]
}
)");
}

Result sample_result() {
  Result r;
  r.as_of = Date(2023, 12, 31);
  r.policy.set(Param::ledger_due_days, {{Date(2023, 7, 1), 10}});
  Decision late;
  late.rule = Rule::ledger_late;
  late.clause = "A2";
  late.org = "b-1";
  late.dispatch = "d-1";
  late.due = Date(2023, 3, 25);
  late.submitted = Date(2023, 3, 27);
  late.days_late = 2;
  late.facts = {{"ledger_due_days", std::int64_t{15}}, {"end", Date(2023, 3, 10)}, {"share", 0.5},
                {"on_time", false}, {"items", std::vector<std::string>{"r-1", "r-2"}}, {"note", std::string("台账")}};
  late.text = {"逾期2日", "2 days late"};
  Decision rating;
  rating.rule = Rule::unqualified_rating;
  rating.clause = "5.3";
  rating.org = "b-1";
  rating.year = 2023;
  rating.person = "p-2";
  rating.codes = std::vector<RatingReason>{RatingReason::ineffective, RatingReason::long_bottom};
  rating.facts = {{"on_time", std::int64_t{1}}};
  rating.text = {"不合格", "unqualified"};
  Decision talk;
  talk.rule = Rule::admonishment_talk;
  talk.clause = "5.2";
  talk.org = "b-1";
  talk.year = 2023;
  talk.conductor = "town";
  talk.triggers = std::vector<Trigger>{{TriggerKind::neglect, Date(2023, 4, 1), "r-1"}};
  r.decisions = {late, talk, rating};
  r.items = {{"r-1", "d-1", "b-1", ItemStatus::reported, Date(2023, 3, 31), Date(2023, 3, 30), std::nullopt,
              std::nullopt, false}};
  r.scores = {{"b-1", "2023-03", 95, 1, 3, false}};
  r.assessments = {{"b-1", 2023, 95, 2, 93, 1, 3}};
  r.good_practices = {{"b-1", "d-1", Date(2023, 3, 10), "好做法"}};
  r.support_requests = {{"b-1", "d-1", Date(2023, 3, 10), "求助", true}};
  return r;
}

TEST(JsonWrite, ResultDecisionShapes) {
  const std::string out = to_json(sample_result());
  EXPECT_EQ(out, to_json(sample_result()));  // the same bytes twice
  const auto at = out.find("\"decisions\"");
  ASSERT_NE(at, std::string::npos);
  EXPECT_NE(out.find(R"(    {
      "rule": "ledger_late",
      "clause": "A2",
      "org": "b-1",
      "dispatch": "d-1",
      "due": "2023-03-25",
      "submitted": "2023-03-27",
      "days_late": 2,
      "reasons": {
        "ledger_due_days": 15,
        "end": "2023-03-10",
        "share": 0.5,
        "on_time": false,
        "items": [
          "r-1",
          "r-2"
        ],
        "note": "台账"
      },
      "text": {
        "zh": "逾期2日",
        "en": "2 days late"
      }
    },)"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find(R"(      "rule": "unqualified_rating",
      "clause": "5.3",
      "org": "b-1",
      "year": 2023,
      "person": "p-2",
      "reasons": [
        "ineffective",
        "long_bottom"
      ],
      "facts": {
        "on_time": 1
      },
      "text": {)"),
            std::string::npos);
  EXPECT_NE(out.find(R"(      "conductor": "town",
      "triggers": [
        {
          "kind": "neglect",
          "date": "2023-04-01",
          "ref": "r-1"
        }
      ],
      "reasons": {},)"),
            std::string::npos);
}

TEST(JsonWrite, ResultTopLevelPolicyAndRows) {
  const std::string out = to_json(sample_result());
  // Top-level keys in the order of spec section 4.
  std::vector<std::size_t> pos;
  for (const char* k : {"\"format\": \"tiaodu-result/1\"", "\"as_of\": \"2023-12-31\"", "\"policy\"",
                        "\"decisions\"", "\"items\"", "\"scores\"", "\"assessments\"", "\"good_practices\"",
                        "\"support_requests\""}) {
    pos.push_back(out.find(std::string("\n  ") + k));
    EXPECT_NE(pos.back(), std::string::npos) << k;
  }
  EXPECT_TRUE(std::is_sorted(pos.begin(), pos.end()));
  // Every parameter, in table order, with its default and its dated values.
  std::size_t last = 0;
  for (const ParameterInfo& p : parameters) {
    const auto at = out.find("\n    \"" + std::string(p.name) + "\": {\n      \"default\": ");
    ASSERT_NE(at, std::string::npos) << p.name;
    EXPECT_GT(at, last);
    last = at;
  }
  EXPECT_NE(out.find("\"ledger_due_days\": {\n      \"default\": 15,\n      \"values\": [\n        {\n"
                     "          \"from\": \"2023-07-01\",\n          \"value\": 10\n        }\n      ]\n    },"),
            std::string::npos);
  EXPECT_NE(out.find("\"bottom_share\": {\n      \"default\": 0.2,\n      \"values\": []\n    },"), std::string::npos);
  // Rows: struct order, unset optionals left out, doubles with a point.
  EXPECT_NE(out.find(R"("items": [
    {
      "id": "r-1",
      "dispatch": "d-1",
      "org": "b-1",
      "status": "reported",
      "deadline": "2023-03-31",
      "reported_on": "2023-03-30",
      "failed": false
    }
  ],)"),
            std::string::npos);
  EXPECT_NE(out.find("\"mean\": 95.0,\n      \"deductions\": 2,\n      \"final\": 93.0,"), std::string::npos);
  EXPECT_NE(out.find("\"text\": \"求助\",\n      \"superior_coordination\": true\n"), std::string::npos);
  EXPECT_EQ(out.back(), '\n');
}

TEST(JsonWrite, DoublesAreShortestAndReadBackAsDoubles) {
  Result r;
  r.as_of = Date(2023, 1, 31);
  Assessment a;
  a.org = "x";
  a.mean = 0.1;
  a.final = -1e21;
  r.assessments = {a};
  const std::string out = to_json(r);
  EXPECT_NE(out.find("\"mean\": 0.1,"), std::string::npos);
  EXPECT_NE(out.find("\"final\": -1e+21,"), std::string::npos);
}

}  // namespace
