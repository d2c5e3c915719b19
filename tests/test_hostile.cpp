// Hostile input (docs/reliability.md, "Hostile input"): whatever a user typed or a
// program built, reading and evaluating give a clear error or a correct result — no
// crash, no stack overflow, no endless loop, nothing silently dropped or merged.
// Each test asserts the precise outcome: the error codes and JSON Pointers, or the value
// read. The sizes are the issue's (10^5 nesting, 100 MB, 10^6 organizations, 10^5 errors).
#include "tiaodu/evaluate.hpp"
#include "tiaodu/index.hpp"
#include "tiaodu/json.hpp"
#include "tiaodu/validate.hpp"

#include <boost/json/parse.hpp>

#include <gtest/gtest.h>

#include <sys/mman.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace tiaodu;

namespace {

// "code pointer" of every error, sorted: the form tests/data/*.expected uses.
std::vector<std::string> codes(const std::vector<Error>& errors) {
  std::vector<std::string> out;
  for (const Error& e : errors) out.push_back(std::string(to_string(e.code)) + " " + e.path);
  std::sort(out.begin(), out.end());
  return out;
}
template <class T>
std::vector<std::string> codes(const Parsed<T>& p) {
  EXPECT_FALSE(p.ok());
  return codes(p.errors);
}

using Lines = std::vector<std::string>;

// A small valid snapshot: the root, branch b1, a dispatch d1 of b1 that found a problem
// with dues_records on `date`, and its rectification r1. The arguments are JSON text.
struct Doc {
  std::string name = R"("一支部")";
  std::string date = R"("2023-03-10")";
  std::string seq = "1";
  std::string deadline = R"("2023-04-10")";
  std::string extra_org;  // more members of b1's object, e.g. R"(,"name":"x")"

  std::string json() const {
    return R"({"format":"tiaodu/1",)"
           R"("organizations":[{"id":"town","name":"镇委","kind":"committee","secretary":{"id":"p0","name":"甲"}},)"
           R"({"id":"b1","name":)" + name + R"(,"kind":"branch","parent":"town","secretary":{"id":"p1","name":"乙"})" +
           extra_org + R"(}],)"
           R"("dispatches":[{"id":"d1","date":)" + date + R"(,"dispatcher":"town","object":"b1","form":"on_site",)"
           R"("checks":[{"item":"dues_records","result":"problem"}]}],)"
           R"("rectifications":[{"id":"r1","dispatch":"d1","seq":)" + seq +
           R"(,"item":"dues_records","problem":"缺记录","deadline":)" + deadline + "}]}";
  }
};

bool is_json(const std::string& text) {
  boost::json::error_code ec;
  boost::json::parse(text, ec);
  return !ec;
}

// A chain town <- o0000000 <- o0000001 <- ... (each the parent of the next); ids of
// equal length so that id order is chain order.
std::string chain_id(std::size_t i) {
  std::string s = std::to_string(i);
  return "o" + std::string(7 - s.size(), '0') + s;
}
Organization org(std::string id, std::optional<std::string> parent, OrgKind kind = OrgKind::branch) {
  Organization o;
  o.id = std::move(id);
  o.name = "n";
  o.kind = kind;
  o.parent = std::move(parent);
  o.secretary = {"p", "p"};
  return o;
}

Snapshot small_model() {
  Snapshot s = read_snapshot(Doc{}.json());
  return s;
}

}  // namespace

// --- depth ------------------------------------------------------------------

TEST(HostileDepth, HundredThousandNestedArraysAreOneSyntaxErrorNamingTheDepth) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  for (const auto& errors : {parse_snapshot(deep).errors, parse_policy(deep).errors}) {
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].code, ErrorCode::syntax);
    EXPECT_EQ(errors[0].path, "");
    EXPECT_NE(errors[0].message.find("nesting deeper than " + std::to_string(kMaxDepth)), std::string::npos)
        << errors[0].message;
    EXPECT_NE(errors[0].message.find("line 1, column " + std::to_string(kMaxDepth + 1)), std::string::npos)
        << errors[0].message;
  }
}

TEST(HostileDepth, HundredThousandNestedObjectsInsideASnapshotAreOneSyntaxError) {
  std::string deep = R"({"format":"tiaodu/1","organizations":)";
  for (int i = 0; i < 100000; ++i) deep += R"({"a":)";
  deep += "1" + std::string(100000, '}') + "}";
  EXPECT_EQ(codes(parse_snapshot(deep)), Lines{"syntax "});
}

TEST(HostileDepth, TheLimitIsExactlyKMaxDepth) {
  // kMaxDepth levels are JSON the reader accepts (then refused for its shape, `type`);
  // one more is a syntax error.
  auto nested = [](std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  EXPECT_EQ(codes(parse_snapshot(nested(kMaxDepth))), Lines{"type "});
  EXPECT_EQ(codes(parse_snapshot(nested(kMaxDepth + 1))), Lines{"syntax "});
  // A valid document is far from the limit: the sample nests 5 deep (json.hpp).
  static_assert(kMaxDepth >= 8);
}

// --- size -------------------------------------------------------------------

TEST(HostileSize, AHundredMegabyteNameIsReadWhole) {
  // 100 MB of text, with escapes and a CJK character every 64 KiB so that the reader's
  // unescaping path (string pieces joined in its arena) is taken, not only the view.
  const std::size_t target = 100u << 20;
  std::string raw;  // the name as the model must hold it
  std::string written = "\"";
  raw.reserve(target);
  written.reserve(target + target / 8192 + 2);
  while (raw.size() < target) {
    raw.append(65536 - 4, 'x');
    raw += "\"中";  // 1 + 3 bytes
    written.append(65536 - 4, 'x');
    written += "\\\"\\u4e2d";
  }
  written += '"';
  Doc doc;
  doc.name = written;
  const Parsed<Snapshot> p = parse_snapshot(doc.json());
  ASSERT_TRUE(p.ok()) << (p.errors.empty() ? "" : p.errors[0].message);
  const std::string& name = p.value->organizations->at(1).name;
  EXPECT_EQ(name.size(), raw.size());
  EXPECT_TRUE(name == raw);  // not EXPECT_EQ: a failure would print 100 MB
  // And back: written again it reads as the same model.
  const Parsed<Snapshot> again = parse_snapshot(to_json(*p.value));
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(*again.value == *p.value);
}

TEST(HostileSize, ADocumentOfFourGibibytesIsRefusedBeforeItIsRead) {
  // The reader's offsets are 32-bit (src/detail/tape.hpp): a text of 4 GiB - 1 or more is
  // refused with one clear error. The pages are mapped but never touched (MAP_NORESERVE),
  // so this costs no memory.
  const std::size_t size = (std::size_t{1} << 32) + 16;
  void* p = mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  ASSERT_NE(p, MAP_FAILED);
  const std::string_view huge(static_cast<const char*>(p), size);
  for (const auto& errors : {parse_snapshot(huge).errors, parse_policy(huge).errors}) {
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].code, ErrorCode::syntax);
    EXPECT_NE(errors[0].message.find("too large"), std::string::npos) << errors[0].message;
  }
  munmap(p, size);
}

// --- a million organizations ----------------------------------------------------

class HostileChain : public testing::Test {
 protected:
  static constexpr std::size_t kN = 1000000;
  static Snapshot chain() {
    Snapshot s;
    s.organizations.emplace();
    s.organizations->reserve(kN + 1);
    s.organizations->push_back(org("town", std::nullopt, OrgKind::committee));
    for (std::size_t i = 0; i < kN; ++i)
      s.organizations->push_back(org(chain_id(i), i ? chain_id(i - 1) : "town"));
    return s;
  }
};

TEST_F(HostileChain, AMillionOrganizationsInAChainAreValidAndIndexed) {
  Snapshot s = chain();
  // The deepest org is dispatched by the root, a million levels up: a proper ancestor.
  Dispatch d;
  d.id = "d1";
  d.date = Date(2023, 3, 10);
  d.dispatcher = "town";
  d.object = chain_id(kN - 1);
  s.dispatches.emplace().push_back(d);
  EXPECT_EQ(validate(s), std::vector<Error>{});
  const Index ix(s);
  ASSERT_EQ(ix.org_count(), static_cast<std::int32_t>(kN + 1));
  const OrgIx root = ix.root(), last = ix.find_org(chain_id(kN - 1)), mid = ix.find_org(chain_id(kN / 2));
  EXPECT_EQ(ix.org_id(root), "town");
  EXPECT_EQ(ix.depth(last), static_cast<std::int32_t>(kN));
  EXPECT_TRUE(ix.is_ancestor(root, last));
  EXPECT_TRUE(ix.is_ancestor(mid, last));
  EXPECT_FALSE(ix.is_ancestor(last, mid));
  EXPECT_FALSE(ix.is_ancestor(last, last));
  EXPECT_EQ(ix.parent(last), ix.find_org(chain_id(kN - 2)));
  // Evaluated mid-month (no month elapsed yet, so no million missed months): one item-free
  // dispatch, nothing to decide, and no stack overflow on the way.
  const Result r = evaluate(ix, Policy{}, Date(2023, 3, 20));
  EXPECT_TRUE(r.decisions.empty());
  EXPECT_TRUE(r.items.empty());
}

TEST_F(HostileChain, AMillionOrganizationsInAChainReadFromJson) {
  // The same chain as a compact document of some 80 MB.
  std::string json = R"({"format":"tiaodu/1","organizations":[)"
                     R"({"id":"town","name":"n","kind":"committee","secretary":{"id":"p","name":"p"}})";
  json.reserve(kN * 90);
  for (std::size_t i = 0; i < kN; ++i)
    json += R"(,{"id":")" + chain_id(i) + R"(","name":"n","kind":"branch","parent":")" +
            (i ? chain_id(i - 1) : std::string("town")) + R"(","secretary":{"id":"p","name":"p"}})";
  json += "]}";
  const Parsed<Snapshot> p = parse_snapshot(json);
  ASSERT_TRUE(p.ok()) << (p.errors.empty() ? "" : p.errors[0].message);
  EXPECT_EQ(p.value->organizations->size(), kN + 1);
  EXPECT_TRUE(*p.value == chain());
}

TEST_F(HostileChain, AMillionOrganizationsInOneCycleAreOneCycleError) {
  // Every org's parent is the next one, the last's the first: one loop of 10^6, beside a
  // proper root. One error, at the loop's first org in document order.
  Snapshot s;
  s.organizations.emplace();
  s.organizations->push_back(org("town", std::nullopt, OrgKind::committee));
  for (std::size_t i = 0; i < kN; ++i) s.organizations->push_back(org(chain_id(i), chain_id((i + 1) % kN)));
  const auto errors = validate(s);
  EXPECT_EQ(codes(errors), Lines{"cycle /organizations/1/parent"});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message.find("o0000000"), std::string::npos) << errors[0].message;
  try {
    evaluate(s, Policy{}, Date(2023, 12, 31));
    ADD_FAILURE() << "a cycle was evaluated";
  } catch (const ValidationError& e) {
    EXPECT_EQ(codes(e.errors()), Lines{"cycle /organizations/1/parent"});
  }
  EXPECT_THROW(Index{s}, ValidationError);
}

// --- numbers ------------------------------------------------------------------

TEST(HostileNumbers, SeqBeyondSixtyFourBitsOrFractionalIsASeqError) {
  for (const char* seq : {"1e300", "18446744073709551616", "-9223372036854775809", "9223372036854775808",
                          "1e3", "1.0", "-1e300", "0", "-1", "-9223372036854775808",
                          "123456789012345678901234567890123456789012345678901234567890"}) {
    Doc doc;
    doc.seq = seq;
    const Parsed<Snapshot> p = parse_snapshot(doc.json());
    EXPECT_EQ(codes(p), Lines{"seq /rectifications/0/seq"}) << seq;
    // The message shows what was typed (long numbers cut), never a rounded double.
    if (!p.errors.empty() && std::string(seq).size() < 30)
      EXPECT_NE(p.errors[0].message.find(seq), std::string::npos) << p.errors[0].message;
  }
}

TEST(HostileNumbers, TheLargestSeqIsAccepted) {
  // 2^63 - 1 is an integer >= 1: valid, and no arithmetic on it may overflow.
  Doc doc;
  doc.seq = "9223372036854775807";
  const Parsed<Snapshot> p = parse_snapshot(doc.json());
  ASSERT_TRUE(p.ok()) << codes(p.errors).front();
  EXPECT_EQ(p.value->rectifications->at(0).seq, std::numeric_limits<std::int64_t>::max());
  EXPECT_NO_THROW(evaluate(*p.value, Policy{}, Date(2023, 12, 31)));
}

TEST(HostileNumbers, SeqOfTheWrongTypeIsATypeError) {
  for (const char* seq : {R"("1")", "true", "[1]", "{}"}) {
    Doc doc;
    doc.seq = seq;
    EXPECT_EQ(codes(parse_snapshot(doc.json())), Lines{"type /rectifications/0/seq"}) << seq;
  }
}

// --- dates --------------------------------------------------------------------

TEST(HostileDates, TheEndsOfTheSupportedRangeAreAccepted) {
  Doc doc;
  doc.date = R"("1400-01-01")";
  doc.deadline = R"("9899-12-31")";
  const Parsed<Snapshot> p = parse_snapshot(doc.json());
  ASSERT_TRUE(p.ok()) << codes(p.errors).front();
  EXPECT_EQ(p.value->dispatches->at(0).date, Date(1400, 1, 1));
  EXPECT_EQ(p.value->rectifications->at(0).deadline, Date(9899, 12, 31));
  EXPECT_EQ(parse_date("1400-01-01"), Date(1400, 1, 1));
  EXPECT_EQ(parse_date("9899-12-31"), Date(9899, 12, 31));
}

TEST(HostileDates, DatesOutsideTheRangeOrCalendarAreDateErrors) {
  for (const char* date : {"1399-12-31", "9900-01-01", "0000-01-01", "9999-12-31", "2023-02-29",
                           "2023-13-01", "2023-00-10", "2023-04-31", "2023-1-01", "20230101",
                           "+2023-01-01", "2023-01-01T00:00", " 2023-01-01", "２０２３-01-01",
                           "2023-01-0\\u0031x", ""}) {
    Doc doc;
    doc.date = std::string("\"") + date + "\"";
    EXPECT_EQ(codes(parse_snapshot(doc.json())), Lines{"date /dispatches/0/date"}) << date;
    EXPECT_FALSE(parse_date(date).has_value()) << date;
  }
  // A leap day is a day.
  Doc leap;
  leap.date = R"("2024-02-29")";
  leap.deadline = R"("2024-03-01")";
  EXPECT_TRUE(parse_snapshot(leap.json()).ok());
}

TEST(HostileDates, EvaluatingAtTheEdgesOfTheCalendar) {
  // A dispatch on the first supported day, its rectification due on the last: evaluated
  // at both ends with the default policy and with every parameter at its maximum (due
  // dates up to 36 500 days past 9899-12-31 are still written as four-digit years).
  Doc doc;
  doc.date = R"("1400-01-01")";
  doc.deadline = R"("9899-12-31")";
  const Snapshot s = read_snapshot(doc.json());
  Policy max;
  for (const ParameterInfo& p : parameters) max.set(p.param, {{Date(1400, 1, 1), p.max}});
  ASSERT_EQ(validate(max), std::vector<Error>{});
  for (const Policy& policy : {Policy{}, max}) {
    const Result first = evaluate(s, policy, Date(1400, 1, 1));
    EXPECT_EQ(first.items.size(), 1u);
    EXPECT_TRUE(is_json(to_json(first)));
    const Result last = evaluate(s, policy, Date(9899, 12, 31));
    // b1 was dispatched in January 1400 only: every later month to December 9899 is missed.
    std::size_t missed = 0;
    for (const Decision& d : last.decisions) missed += d.rule == Rule::missed_month;
    EXPECT_EQ(missed, static_cast<std::size_t>((9899 - 1400 + 1) * 12 - 1));
    const std::string json = to_json(last);
    EXPECT_TRUE(is_json(json));
    EXPECT_NE(json.find("\"9899-11\""), std::string::npos);
  }
  EXPECT_THROW(evaluate(s, Policy{}, Date(9900, 1, 1)), std::out_of_range);
}

TEST(HostileDates, AHandBuiltModelWithAnUnsetOrOutOfRangeDateIsRefused) {
  Snapshot s = small_model();
  s.dispatches->at(0).date = Date(boost::date_time::not_a_date_time);
  EXPECT_EQ(codes(validate(s)), Lines{"date /dispatches/0/date"});
  EXPECT_THROW(evaluate(s, Policy{}, Date(2023, 12, 31)), ValidationError);
  s = small_model();
  s.rectifications->at(0).deadline = Date(9950, 1, 1);
  EXPECT_EQ(codes(validate(s)), Lines{"date /rectifications/0/deadline"});
  EXPECT_THROW(evaluate(s, Policy{}, Date(2023, 12, 31)), ValidationError);
}

// --- bytes ----------------------------------------------------------------------

TEST(HostileBytes, InvalidUtf8InAStringOrKeyIsASyntaxError) {
  for (const std::string bad : {"\x80", "\xC3\x28", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80",
                                "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFF", "\xE4\xB8"}) {
    Doc doc;
    doc.name = "\"ab" + bad + "cd\"";
    const auto p = parse_snapshot(doc.json());
    ASSERT_EQ(codes(p), Lines{"syntax "});
    EXPECT_NE(p.errors[0].message.find("UTF-8"), std::string::npos) << p.errors[0].message;
    Doc key;
    key.extra_org = ",\"k" + bad + "\":1";
    EXPECT_EQ(codes(parse_snapshot(key.json())), Lines{"syntax "});
  }
}

TEST(HostileBytes, ARawNulByteIsASyntaxError) {
  Doc in_string;
  in_string.name = std::string("\"a\0b\"", 5);
  const auto p = parse_snapshot(in_string.json());
  ASSERT_EQ(codes(p), Lines{"syntax "});
  EXPECT_NE(p.errors[0].message.find("0x00"), std::string::npos) << p.errors[0].message;
  std::string between = Doc{}.json();
  between.insert(1, 1, '\0');
  EXPECT_EQ(codes(parse_snapshot(between)), Lines{"syntax "});
  std::string after = Doc{}.json() + std::string(1, '\0');
  EXPECT_EQ(codes(parse_snapshot(after)), Lines{"syntax "});
  EXPECT_EQ(codes(parse_policy(std::string("{\"format\":\"tiaodu-policy/1\"}\0", 29))), Lines{"syntax "});
}

TEST(HostileBytes, AnEscapedNulIsTextAndRoundTrips) {
  Doc doc;
  doc.name = R"("a\u0000b")";
  const Parsed<Snapshot> p = parse_snapshot(doc.json());
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.value->organizations->at(1).name, std::string("a\0b", 3));
  const std::string out = to_json(*p.value);
  EXPECT_NE(out.find(R"("a\u0000b")"), std::string::npos);
  EXPECT_TRUE(*read_snapshot(out).organizations == *p.value->organizations);
}

TEST(HostileBytes, ALoneSurrogateEscapeIsASyntaxError) {
  for (const char* name : {R"("\ud800")", R"("\udc00x")", R"("\ud83d\u0041")"}) {
    Doc doc;
    doc.name = name;
    EXPECT_EQ(codes(parse_snapshot(doc.json())), Lines{"syntax "}) << name;
  }
  Doc pair;  // a proper pair is one character
  pair.name = R"("\ud83d\ude00")";
  EXPECT_EQ(read_snapshot(pair.json()).organizations->at(1).name, "\xF0\x9F\x98\x80");
}

TEST(HostileBytes, InvalidUtf8InAHandBuiltModelStillWritesValidJson) {
  Snapshot s = small_model();
  s.organizations->at(1).name = "bad \xFF\xC3 and \xED\xA0\x80 end";
  const std::string out = to_json(s);
  EXPECT_TRUE(is_json(out));
  EXPECT_TRUE(is_json(to_json(evaluate(s, Policy{}, Date(2023, 12, 31)))));
}

TEST(HostileBytes, AByteOrderMarkAtTheStartIsAccepted) {
  const std::string bom = "\xEF\xBB\xBF";
  const Parsed<Snapshot> s = parse_snapshot(bom + Doc{}.json());
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(*s.value == small_model());
  EXPECT_TRUE(parse_policy(bom + R"({"format":"tiaodu-policy/1"})").ok());
  // Only one, and only at the very start.
  EXPECT_EQ(codes(parse_snapshot(bom + bom + Doc{}.json())), Lines{"syntax "});
  EXPECT_EQ(codes(parse_snapshot(" " + bom + Doc{}.json())), Lines{"syntax "});
  EXPECT_EQ(codes(parse_snapshot(bom)), Lines{"syntax "});
}

// --- shape of the document ------------------------------------------------------------

TEST(HostileShape, EmptyAndWhitespaceOnlyInputAreSyntaxErrors) {
  for (const std::string text : {std::string(), std::string(" \n\t\r "), std::string(1 << 20, ' ')}) {
    const auto p = parse_snapshot(text);
    ASSERT_EQ(codes(p), Lines{"syntax "});
    EXPECT_NE(p.errors[0].message.find("empty"), std::string::npos) << p.errors[0].message;
    EXPECT_EQ(codes(parse_policy(text)), Lines{"syntax "});
  }
}

TEST(HostileShape, ATopLevelValueThatIsNotAnObjectIsATypeError) {
  for (const char* text : {"[]", "[{\"format\":\"tiaodu/1\"}]", "\"tiaodu/1\"", "1", "null", "true"}) {
    const auto s = parse_snapshot(text);
    ASSERT_EQ(codes(s), Lines{"type "}) << text;
    EXPECT_NE(s.errors[0].message.find("must be a JSON object"), std::string::npos);
    EXPECT_EQ(codes(parse_policy(text)), Lines{"type "}) << text;
  }
}

TEST(HostileShape, TwoDocumentsInOneTextAreASyntaxError) {
  EXPECT_EQ(codes(parse_snapshot(Doc{}.json() + Doc{}.json())), Lines{"syntax "});
  EXPECT_EQ(codes(parse_snapshot(Doc{}.json() + " x")), Lines{"syntax "});
}

// --- duplicate keys -------------------------------------------------------------------

TEST(HostileDuplicateKeys, AKeyTwiceInOneObjectIsAnErrorNotLastOneWins) {
  {
    Doc doc;
    doc.extra_org = R"(,"name":"二支部")";
    EXPECT_EQ(codes(parse_snapshot(doc.json())), Lines{"duplicate_key /organizations/1/name"});
  }
  {
    Doc doc;  // the same value twice is still two keys
    doc.extra_org = R"(,"name":"一支部")";
    EXPECT_EQ(codes(parse_snapshot(doc.json())), Lines{"duplicate_key /organizations/1/name"});
  }
  {
    Doc doc;  // an unknown key twice: unknown once, duplicate once
    doc.extra_org = R"(,"nmae":1,"nmae":2)";
    EXPECT_EQ(codes(parse_snapshot(doc.json())),
              (Lines{"duplicate_key /organizations/1/nmae", "unknown_field /organizations/1/nmae"}));
  }
  {
    Doc doc;  // in a nested object
    doc.extra_org = R"(,"secretary":{"id":"p9","name":"丙"})";
    EXPECT_EQ(codes(parse_snapshot(doc.json())), Lines{"duplicate_key /organizations/1/secretary"});
  }
  {
    std::string json = Doc{}.json();  // a top-level list twice
    json.insert(json.size() - 1, R"(,"look_backs":[],"look_backs":[])");
    EXPECT_EQ(codes(parse_snapshot(json)), Lines{"duplicate_key /look_backs"});
  }
  {
    std::string json = Doc{}.json();  // format twice
    json.insert(1, R"("format":"tiaodu/1",)");
    EXPECT_EQ(codes(parse_snapshot(json)), Lines{"duplicate_key /format"});
  }
  EXPECT_EQ(codes(parse_policy(R"({"format":"tiaodu-policy/1","parameters":{"review_days":[)"
                               R"({"from":"2023-01-01","value":10,"value":20}]}})")),
            Lines{"duplicate_key /parameters/review_days/0/value"});
  EXPECT_EQ(codes(parse_policy(R"({"format":"tiaodu-policy/1","parameters":{"review_days":[],"review_days":[]}})")),
            Lines{"duplicate_key /parameters/review_days"});
}

// --- many errors --------------------------------------------------------------------

TEST(HostileManyErrors, AHundredThousandErrorsAreAllReported) {
  constexpr std::size_t kBad = 100000;
  std::string json = R"({"format":"tiaodu/1","organizations":[)"
                     R"({"id":"town","name":"n","kind":"committee","secretary":{"id":"p","name":"p"}})";
  for (std::size_t i = 0; i < kBad; ++i)
    json += R"(,{"id":"b)" + std::to_string(i) +
            R"(","name":"n","kind":"brunch","parent":"town","secretary":{"id":"p","name":"p"}})";
  json += "]}";
  const auto p = parse_snapshot(json);
  ASSERT_FALSE(p.ok());
  ASSERT_EQ(p.errors.size(), kBad);
  std::set<std::string> pointers;
  for (const Error& e : p.errors) {
    EXPECT_EQ(e.code, ErrorCode::enum_value);
    pointers.insert(e.path);
  }
  EXPECT_EQ(pointers.size(), kBad);
  EXPECT_TRUE(pointers.contains("/organizations/1/kind"));
  EXPECT_TRUE(pointers.contains("/organizations/100000/kind"));
  EXPECT_TRUE(is_json(errors_to_json(p.errors)));
}

TEST(HostileManyErrors, AHundredThousandDuplicateIdsAreAllReported) {
  constexpr std::size_t kDup = 100000;
  std::string json = R"({"format":"tiaodu/1","organizations":[)"
                     R"({"id":"town","name":"n","kind":"committee","secretary":{"id":"p","name":"p"}})";
  for (std::size_t i = 0; i <= kDup; ++i)
    json += R"(,{"id":"b","name":"n","kind":"branch","parent":"town","secretary":{"id":"p","name":"p"}})";
  json += "]}";
  const auto p = parse_snapshot(json);
  ASSERT_EQ(p.errors.size(), kDup);
  for (const Error& e : p.errors) ASSERT_EQ(e.code, ErrorCode::duplicate_id) << e.path;
}

TEST(HostileManyErrors, TenThousandOfEachMeaningErrorAreAllReportedOnce) {
  // Six kinds of mistake, 10^4 of each, in one document: every one is reported, exactly
  // once, and none hides or multiplies another.
  constexpr int kEach = 10000;
  auto org = [](const std::string& id, const std::string& parent) {
    return R"({"id":")" + id + R"(","name":"n","kind":"branch",)" +
           (parent.empty() ? "" : R"("parent":")" + parent + R"(",)") + R"("secretary":{"id":"p","name":"p"}})";
  };
  std::string json = R"({"format":"tiaodu/1","organizations":[)"
                     R"({"id":"town","name":"n","kind":"committee","secretary":{"id":"p","name":"p"}},)" +
                     org("b", "town");
  for (int i = 0; i < kEach; ++i) {
    json += "," + org("root" + std::to_string(i), "");                         // root
    json += "," + org("x" + std::to_string(i), "y" + std::to_string(i));       // cycle x <-> y
    json += "," + org("y" + std::to_string(i), "x" + std::to_string(i));
    json += "," + org("lost" + std::to_string(i), "nowhere" + std::to_string(i));  // unknown_ref
  }
  json += R"(],"dispatches":[{"id":"d","date":"2023-01-02","dispatcher":"town","object":"b","form":"on_site",)"
          R"("checks":[{"item":"dues_records","result":"problem"}]})";
  for (int i = 0; i < kEach; ++i)  // dispatch_of_root
    json += R"(,{"id":"dr)" + std::to_string(i) + R"(","date":"2023-01-02","dispatcher":"b","object":"town","form":"on_site"})";
  json += R"(],"rectifications":[)";
  for (int i = 0; i <= kEach; ++i)  // duplicate_seq
    json += std::string(i ? "," : "") + R"({"id":"r)" + std::to_string(i) +
            R"(","dispatch":"d","seq":1,"item":"dues_records","problem":"p","deadline":"2023-02-01"})";
  json += R"(],"ledger_submissions":[)";
  for (int i = 0; i <= kEach; ++i)  // duplicate_submission
    json += std::string(i ? "," : "") + R"({"dispatch":"d","date":"2023-01-03"})";
  json += "]}";
  const auto p = parse_snapshot(json);
  std::map<std::string, int> count;
  std::set<std::pair<std::string, ErrorCode>> unique;
  for (const Error& e : p.errors) {
    ++count[std::string(to_string(e.code))];
    unique.insert({e.path, e.code});
  }
  EXPECT_EQ(count, (std::map<std::string, int>{{"root", kEach}, {"cycle", kEach}, {"unknown_ref", kEach},
                                                {"dispatch_of_root", kEach}, {"duplicate_seq", kEach},
                                                {"duplicate_submission", kEach}}));
  EXPECT_EQ(unique.size(), p.errors.size());
}

// --- hand-built models ------------------------------------------------------------

TEST(HostileModel, ACycleInAHandBuiltSnapshotIsRefusedByEvaluate) {
  Snapshot s = small_model();
  s.organizations->push_back(org("x", "y"));
  s.organizations->push_back(org("y", "x"));
  try {
    evaluate(s, Policy{}, Date(2023, 12, 31));
    ADD_FAILURE() << "evaluated a cycle";
  } catch (const ValidationError& e) {
    EXPECT_EQ(codes(e.errors()), Lines{"cycle /organizations/2/parent"});
  }
  // The root its own parent.
  s = small_model();
  s.organizations->at(0).parent = "town";
  EXPECT_THROW(evaluate(s, Policy{}, Date(2023, 12, 31)), ValidationError);
}

TEST(HostileModel, DanglingReferencesInAHandBuiltSnapshotAreRefusedByEvaluate) {
  auto refused = [](const Snapshot& s) -> Lines {
    try {
      evaluate(s, Policy{}, Date(2023, 12, 31));
    } catch (const ValidationError& e) {
      return codes(e.errors());
    }
    return {"evaluated"};
  };
  Snapshot s = small_model();
  s.organizations->at(1).parent = "nowhere";
  // Only the primary mistake: b1 is outside the tree, so its dispatch is not judged too.
  EXPECT_EQ(refused(s), Lines{"unknown_ref /organizations/1/parent"});
  s = small_model();
  s.dispatches->at(0).object = "nobody";
  EXPECT_EQ(refused(s), Lines{"unknown_ref /dispatches/0/object"});
  s = small_model();
  s.rectifications->at(0).dispatch = "d9";
  EXPECT_EQ(refused(s), Lines{"unknown_ref /rectifications/0/dispatch"});
  s = small_model();
  s.look_backs.emplace().push_back(LookBack{"lb1", Date(2023, 5, 1), "r9", LookBackKind::look_back,
                                            Finding::rectified, std::nullopt});
  EXPECT_EQ(refused(s), Lines{"unknown_ref /look_backs/0/rectification"});
  s = small_model();
  s.ledger_submissions.emplace().push_back(LedgerSubmission{"d9", Date(2023, 5, 1)});
  EXPECT_EQ(refused(s), Lines{"unknown_ref /ledger_submissions/0/dispatch"});
  s = small_model();
  s.organizations.reset();
  EXPECT_EQ(refused(s), (Lines{"root ", "unknown_ref /dispatches/0/dispatcher", "unknown_ref /dispatches/0/object"}));
  s = small_model();
  s.rectifications->at(0).seq = 0;
  EXPECT_EQ(refused(s), Lines{"seq /rectifications/0/seq"});
  s = small_model();
  s.organizations->at(1).id.clear();
  // The id is gone, so the dispatch of "b1" refers to nothing: two facts, both true.
  EXPECT_EQ(refused(s), (Lines{"empty /organizations/1/id", "unknown_ref /dispatches/0/object"}));
}

TEST(HostileModel, AHandBuiltPolicyOutOfRangeIsRefusedByEvaluate) {
  const Snapshot s = small_model();
  const Date from(2023, 1, 1);
  for (const auto& [param, value] :
       {std::pair{Param::bottom_share, std::nan("")}, std::pair{Param::ledger_due_days, HUGE_VAL},
        std::pair{Param::ledger_due_days, -1.0}, std::pair{Param::review_days, 1e300},
        std::pair{Param::min_peers, 0.0}, std::pair{Param::problem_points, 2.5},
        std::pair{Param::effectiveness_min, 1.5}}) {
    Policy p;
    p.set(param, {{from, value}});
    EXPECT_FALSE(validate(p).empty()) << info(param).name << " " << value;
    EXPECT_THROW(evaluate(s, p, Date(2023, 12, 31)), ValidationError) << info(param).name << " " << value;
  }
  Policy unordered;
  unordered.set(Param::review_days, {{Date(2023, 6, 1), 10}, {Date(2023, 1, 1), 20}});
  EXPECT_THROW(evaluate(s, unordered, Date(2023, 12, 31)), ValidationError);
}

// --- the fuzzing dictionary -----------------------------------------------------------

namespace {

std::set<std::string> dictionary_entries() {
  std::ifstream in(TIAODU_SOURCE_DIR "/tests/fuzz/tiaodu.dict");
  std::set<std::string> out;
  for (std::string line; std::getline(in, line);) {
    const auto q = line.find('"');
    if (line.empty() || line[0] == '#' || q == std::string::npos) continue;
    out.insert(line.substr(q));  // the quoted value, escapes as written
  }
  return out;
}

template <class T>
void expect_members(const std::set<std::string>& dict) {
  boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
      [&](auto m) {
        EXPECT_TRUE(dict.contains("\"\\\"" + std::string(m.name) + "\\\"\"")) << m.name;
      });
}
template <class E>
void expect_enumerators(const std::set<std::string>& dict) {
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto e) {
    EXPECT_TRUE(dict.contains("\"\\\"" + std::string(e.name) + "\\\"\"")) << e.name;
  });
}

}  // namespace

TEST(FuzzDictionary, HasEveryKeyEnumValueAndParameterOfTheFormats) {
  const auto dict = dictionary_entries();
  ASSERT_GT(dict.size(), 80u);
  expect_members<Snapshot>(dict);
  expect_members<Organization>(dict);
  expect_members<Secretary>(dict);
  expect_members<Dispatch>(dict);
  expect_members<Check>(dict);
  expect_members<SupportRequest>(dict);
  expect_members<Rectification>(dict);
  expect_members<Update>(dict);
  expect_members<LedgerSubmission>(dict);
  expect_members<LookBack>(dict);
  expect_enumerators<OrgKind>(dict);
  expect_enumerators<DispatchForm>(dict);
  expect_enumerators<CheckResult>(dict);
  expect_enumerators<UpdateStatus>(dict);
  expect_enumerators<LookBackKind>(dict);
  expect_enumerators<Finding>(dict);
  expect_enumerators<CheckItem>(dict);
  for (const ParameterInfo& p : parameters)
    EXPECT_TRUE(dict.contains("\"\\\"" + std::string(p.name) + "\\\"\"")) << p.name;
  for (const char* key : {"format", "parameters", "from", "value"})
    EXPECT_TRUE(dict.contains("\"\\\"" + std::string(key) + "\\\"\"")) << key;
  EXPECT_TRUE(dict.contains("\"\\\"tiaodu/1\\\"\""));
  EXPECT_TRUE(dict.contains("\"\\\"tiaodu-policy/1\\\"\""));
}
