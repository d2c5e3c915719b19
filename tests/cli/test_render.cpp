// The CLI's renderers on hand-made values: display width and UTF-8, escaping for HTML,
// CSV and sheet names, the report's lines and columns, the forms' content and their
// HTML/CSV/XLSX. Independent of the evaluator: every Result here is built by hand.
#include "escape.hpp"
#include "forms.hpp"
#include "report.hpp"
#include "text_width.hpp"

#include "tiaodu/index.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <unistd.h>

using namespace tiaodu;
using namespace tiaodu::cli;

namespace {

std::size_t count(std::string_view hay, std::string_view needle) {
  std::size_t n = 0;
  for (auto p = hay.find(needle); p != std::string_view::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

bool is_valid_utf8(std::string_view s) { return valid_utf8(s) == s; }

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

}  // namespace

// --- display width ------------------------------------------------------------------

TEST(TextWidth, CountsColumnsNotBytes) {
  EXPECT_EQ(display_width("abc"), 3u);
  EXPECT_EQ(display_width("党建"), 4u);              // CJK Unified Ideographs
  EXPECT_EQ(display_width("，。、《》"), 10u);        // CJK and fullwidth punctuation
  EXPECT_EQ(display_width("（）：；"), 8u);          // FF08, FF09, FF1A, FF1B
  EXPECT_EQ(display_width("\u3000"), 2u);            // ideographic space
  EXPECT_EQ(display_width("한글"), 4u);              // Hangul syllables
  EXPECT_EQ(display_width("e\u0301"), 1u);           // combining acute: no column
  EXPECT_EQ(display_width("\U00020000"), 2u);        // Extension B
  EXPECT_EQ(display_width("·“”"), 3u);              // ambiguous width: narrow
  EXPECT_EQ(display_width("\xE2\x80\x8B"), 0u);      // zero-width space
}

TEST(TextWidth, DecodesStrictlyAndNeverSwallowsBytes) {
  const auto decode_all = [](std::string_view s) {
    std::vector<char32_t> cps;
    for (std::size_t pos = 0; pos < s.size();) cps.push_back(decode(s, pos));
    return cps;
  };
  EXPECT_EQ(decode_all("a\xE4\xB8\xADz"), (std::vector<char32_t>{'a', 0x4E2D, 'z'}));
  EXPECT_EQ(decode_all("\xFF" "a"), (std::vector<char32_t>{kReplacement, 'a'}));
  EXPECT_EQ(decode_all("\xC0\xAF"), (std::vector<char32_t>{kReplacement, kReplacement}));  // overlong
  EXPECT_EQ(decode_all("\xED\xA0\x80").front(), kReplacement);                           // surrogate
  EXPECT_EQ(decode_all("\xF4\x90\x80\x80").front(), kReplacement);                       // > U+10FFFF
  EXPECT_EQ(decode_all("\xE4\xB8"), (std::vector<char32_t>{kReplacement, kReplacement}));  // cut short
  EXPECT_EQ(decode_all("\xE4" "a"), (std::vector<char32_t>{kReplacement, 'a'}));
  EXPECT_EQ(decode_all("\xF0\x9F\x98\x80"), (std::vector<char32_t>{0x1F600}));
  EXPECT_EQ(valid_utf8("a\xFF" "b"), "a\uFFFD" "b");
}

TEST(TextWidth, TruncatesAtCharacterBoundaries) {
  EXPECT_EQ(truncate_to_width("中文字符", 8), "中文字符");
  EXPECT_EQ(truncate_to_width("中文字符", 7), "中文字…");
  EXPECT_EQ(truncate_to_width("中文字符", 6), "中文…");  // 字 would need columns 5-6 + …
  EXPECT_EQ(truncate_to_width("abcdef", 4), "abc…");
  // Every width, every string: valid UTF-8, within the width, never half a character.
  const std::string samples[] = {"中共东岭镇下坪村支部委员会", "a中b文c", "x\xFFy\xE4\xB8z", "😀😀😀"};
  for (const std::string& s : samples)
    for (std::size_t w = 0; w <= display_width(s) + 1; ++w) {
      const std::string t = truncate_to_width(s, w);
      EXPECT_TRUE(is_valid_utf8(t)) << s << " @" << w;
      EXPECT_LE(display_width(t), w) << s << " @" << w;
    }
}

TEST(TextWidth, PadsByDisplayWidth) {
  EXPECT_EQ(pad_right("党建", 6), "党建  ");
  EXPECT_EQ(pad_left("党建", 6), "  党建");
  EXPECT_EQ(pad_right("abc", 2), "abc");  // never cuts
  EXPECT_EQ(display_width(pad_right("党a", 9)), 9u);
}

TEST(TextWidth, TerminalSafeRemovesControlsLineBreaksAndBidiOverrides) {
  const std::string t = terminal_safe("a\x1b[2Jb\nc\rd\te\x7f\xC2\x9B" "f\u202Eg\u2028h\xFF");
  EXPECT_EQ(t.find('\x1b'), std::string::npos);
  EXPECT_EQ(t.find('\n'), std::string::npos);
  EXPECT_EQ(t.find('\r'), std::string::npos);
  EXPECT_EQ(t.find("\u202E"), std::string::npos);
  EXPECT_EQ(t.find("\xC2\x9B"), std::string::npos);  // C1 CSI
  EXPECT_EQ(t, "a\uFFFD[2Jb c d e\uFFFD\uFFFD" "f\uFFFDg h\uFFFD");
}

// --- escaping -------------------------------------------------------------------------

TEST(Escape, HtmlEscapesEverySpecialCharacter) {
  EXPECT_EQ(html_escape("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
  EXPECT_EQ(html_escape("a&b \"c\" 'd'"), "a&amp;b &quot;c&quot; &#39;d&#39;");
  EXPECT_EQ(html_escape("&amp;"), "&amp;amp;");  // already-escaped text stays what it was
  EXPECT_EQ(html_escape(std::string("a\0b", 3)), "a\uFFFD" "b");
  EXPECT_EQ(html_escape("党\xFF"), "党\uFFFD");
}

TEST(Escape, CsvNeutralizesFormulaTriggers) {
  EXPECT_EQ(csv_field("=1+2"), "\"'=1+2\"");
  EXPECT_EQ(csv_field("+SUM(A1)"), "\"'+SUM(A1)\"");
  EXPECT_EQ(csv_field("-2+3"), "\"'-2+3\"");
  EXPECT_EQ(csv_field("@SUM(A1)"), "\"'@SUM(A1)\"");
  EXPECT_EQ(csv_field("\t=1"), "\"'\t=1\"");
  EXPECT_EQ(csv_field("\r=1"), "\"'\r=1\"");
  EXPECT_EQ(csv_field("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
  EXPECT_EQ(csv_field("a=1"), "\"a=1\"");        // only the first character matters
  EXPECT_EQ(csv_field("党建-1"), "\"党建-1\"");
  EXPECT_EQ(csv_field(""), "\"\"");
  EXPECT_EQ(csv_field("a,b\nc"), "\"a,b\nc\"");  // RFC 4180: quoted, line break kept
}

TEST(Escape, CsvRecordsEndWithCrlf) {
  const std::vector<std::string> f{"a", "b\"c", "=x"};
  EXPECT_EQ(csv_record(f), "\"a\",\"b\"\"c\",\"'=x\"\r\n");
}

TEST(Escape, SheetNamesAreValidAndUnique) {
  std::set<std::string> used;
  const auto valid = [](const std::string& n) {
    std::size_t cps = 0;
    for (std::size_t pos = 0; pos < n.size(); ++cps) decode(n, pos);
    return cps >= 1 && cps <= 31 && n.find_first_of("[]:*?/\\") == std::string::npos &&
           n.front() != '\'' && n.back() != '\'';
  };
  const std::string a = sheet_name("A1 ../../x:y*z?[w]\\", used);
  EXPECT_TRUE(valid(a)) << a;
  EXPECT_EQ(a, "A1 .._.._x_y_z__w__");
  const std::string b = sheet_name("A1 ../../x:y*z?[w]\\", used);  // same base: made unique
  EXPECT_NE(a, b);
  EXPECT_TRUE(valid(b)) << b;
  const std::string c = sheet_name("A1 .._.._X_Y_Z__W__", used);  // Excel ignores case
  EXPECT_TRUE(valid(c));
  EXPECT_EQ(used.size(), 3u);
  const std::string long_cjk = sheet_name("A2 中共东岭镇下坪村支部委员会中共东岭镇下坪村支部委员会", used);
  EXPECT_TRUE(valid(long_cjk)) << long_cjk;
  EXPECT_TRUE(is_valid_utf8(long_cjk));
  EXPECT_TRUE(valid(sheet_name("'quoted'", used)));
  EXPECT_TRUE(valid(sheet_name("", used)));
  EXPECT_EQ(sheet_name("History", used), "History_");
  // A cut at 31 characters that would end on an apostrophe.
  EXPECT_TRUE(valid(sheet_name(std::string(30, 'x') + "'y", used)));
  // Thirty identical long bases still give thirty distinct names.
  std::set<std::string> names;
  for (int i = 0; i < 30; ++i) {
    const std::string n = sheet_name(std::string(40, 'q'), used);
    EXPECT_TRUE(valid(n)) << n;
    names.insert(n);
  }
  EXPECT_EQ(names.size(), 30u);
}

// --- a hand-made town -----------------------------------------------------------------

namespace {

Organization org(std::string id, std::string name, std::optional<std::string> parent,
                 std::string secretary) {
  Organization o;
  o.id = std::move(id);
  o.name = std::move(name);
  o.kind = parent ? OrgKind::branch : OrgKind::committee;
  o.parent = std::move(parent);
  o.secretary = {"p-" + o.id, std::move(secretary)};
  return o;
}

// root "town"; "b-a" (东村党支部) and "b-b" under it; "b-c" under b-a.
Snapshot town() {
  Snapshot s;
  s.organizations = std::vector<Organization>{
      org("town", "中共某镇委员会", std::nullopt, "周书记"),
      org("b-a", "东村党支部", "town", "甲书记"),
      org("b-b", "West Village Branch", "town", "乙"),
      org("b-c", "东村第一党小组\x1b[2J", "b-a", "丙"),
  };
  Dispatch d;
  d.id = "d-1";
  d.date = Date(2023, 5, 10);
  d.end_date = Date(2023, 5, 11);
  d.dispatcher = "town";
  d.object = "b-a";
  d.form = DispatchForm::centralized;
  d.checks = std::vector<Check>{
      {CheckItem::livelihood_projects, CheckResult::ok, std::nullopt},
      {CheckItem::dues_records, CheckResult::problem, std::string("收缴不全")},
      {CheckItem::three_meetings_one_lesson, CheckResult::problem, std::nullopt},
  };
  d.situation = "现场查阅台账";
  d.opinion = "照单全收";
  d.good_practices = std::vector<std::string>{"党员积分制"};
  d.support_requests = std::vector<SupportRequest>{{"需镇规划办协调", true}, {"自行解决", false}};
  Dispatch d2;
  d2.id = "d-2";
  d2.date = Date(2023, 6, 1);
  d2.dispatcher = "town";
  d2.department = "镇党建办";
  d2.object = "b-b";
  d2.checks = std::vector<Check>{{CheckItem::key_tasks, CheckResult::ok, std::nullopt}};
  Dispatch late;  // after the as-of date used below
  late.id = "d-3";
  late.date = Date(2024, 1, 5);
  late.dispatcher = "town";
  late.object = "b-b";
  s.dispatches = std::vector<Dispatch>{late, d2, d};

  Rectification r1;
  r1.id = "r-2";
  r1.dispatch = "d-1";
  r1.seq = 2;
  r1.item = CheckItem::three_meetings_one_lesson;
  r1.problem = "<script>alert(1)</script>";
  r1.deadline = Date(2023, 6, 10);
  r1.remarks = "=HYPERLINK(\"http://evil.example\",\"x\")";
  Rectification r2;
  r2.id = "r-1";
  r2.dispatch = "d-1";
  r2.seq = 1;
  r2.item = CheckItem::dues_records;
  r2.problem = "党费收缴记录不全";
  r2.deadline = Date(2023, 6, 10);
  s.rectifications = std::vector<Rectification>{r1, r2};
  s.ledger_submissions = std::vector<LedgerSubmission>{{"d-1", Date(2023, 5, 30)}};
  return s;
}

Decision decision(Rule rule, std::string org, std::string zh, std::string en) {
  Decision d;
  d.rule = rule;
  d.clause = std::string(clause_of(rule));
  d.org = std::move(org);
  d.text = {std::move(zh), std::move(en)};
  return d;
}

// One decision of every rule, sentences marked so the test can find each.
Result result_of_every_rule() {
  Result r;
  r.as_of = Date(2023, 12, 15);
  auto add = [&r](Rule rule, std::string org, std::string tag) {
    r.decisions.push_back(decision(rule, std::move(org), "ZH-" + tag, "EN-" + tag));
    return &r.decisions.back();
  };
  add(Rule::missed_month, "b-a", "missed-07")->month = "2023-07";
  add(Rule::missed_month, "b-a", "missed-08")->month = "2023-08";
  auto* late = add(Rule::ledger_late, "b-a", "ledger-late");
  late->dispatch = "d-1";
  late->days_late = 4;
  add(Rule::ledger_missing, "b-a", "ledger-missing")->dispatch = "d-1";
  add(Rule::review, "b-a", "review")->overdue = true;
  add(Rule::admonishment_talk, "b-a", "talk")->conductor = "town";
  auto* esc = add(Rule::escalation, "b-a", "escalation");
  esc->level = EscalationLevel::notice;
  add(Rule::accountability, "b-a", "accountability");
  add(Rule::deduction, "b-a", "deduction")->points = 4;
  add(Rule::unqualified_rating, "b-a", "unqualified");
  add(Rule::rating_risk, "b-a", "risk");
  add(Rule::escalation, "b-b", "escalation-b")->level = EscalationLevel::written_inquiry;
  add(Rule::missed_month, "ghost", "ghost")->month = "2023-09";  // an org the snapshot lacks

  ItemState open;
  open.id = "r-1";
  open.dispatch = "d-1";
  open.org = "b-a";
  open.status = ItemStatus::open;
  open.deadline = Date(2023, 6, 10);
  open.overdue_days = 188;
  open.failed = true;
  ItemState done = open;
  done.id = "r-2";
  done.status = ItemStatus::rectified;
  done.done_on = Date(2023, 6, 1);
  done.overdue_days.reset();
  done.failed = false;
  r.items = {open, done};

  r.scores = {{"b-a", "2023-11", 90, 2, 2, true},  {"b-b", "2023-11", 100, 1, 2, false},
              {"b-c", "2023-11", 80, 1, 1, false}, {"b-a", "2023-10", 11, 1, 2, false},
              {"b-a", "2023-12", 22, 1, 2, false}};
  r.good_practices = {{"b-a", "d-1", Date(2023, 5, 10), "党员积分制"}};
  r.support_requests = {{"b-a", "d-1", Date(2023, 5, 10), "需镇规划办协调", true},
                        {"b-a", "d-1", Date(2023, 5, 10), "自行解决", false}};
  return r;
}

}  // namespace

// --- report ---------------------------------------------------------------------------

TEST(Report, LastElapsedMonth) {
  EXPECT_EQ(last_elapsed_month(Date(2023, 12, 31)), "2023-12");
  EXPECT_EQ(last_elapsed_month(Date(2023, 12, 30)), "2023-11");
  EXPECT_EQ(last_elapsed_month(Date(2024, 1, 1)), "2023-12");
  EXPECT_EQ(last_elapsed_month(Date(2024, 2, 29)), "2024-02");
}

TEST(Report, EveryRuleHasAClausedLineInRuleOrder) {
  const Snapshot s = town();
  const Index ix(s);
  const std::string rep = render_report(ix, result_of_every_rule(), {Lang::zh, false});
  const std::vector<std::pair<std::string, std::string>> expected{
      {"[4.1]", "2023-07、2023-08（共 2 个月）"},
      {"[A2]", "ZH-ledger-late"},
      {"[A2]", "ZH-ledger-missing"},
      {"[5.4]", "r-1「党费收缴记录不全」整改时限 2023-06-10，逾期 188 天"},
      {"[5.1]", "ZH-review"},
      {"[5.2]", "ZH-talk"},
      {"[5.4]", "ZH-escalation"},
      {"[5.4]", "ZH-accountability"},
      {"[5.4]", "ZH-deduction"},
      {"[5.3]", "ZH-unqualified"},
      {"[5.3]", "ZH-risk"},
  };
  std::size_t last = 0;
  for (const auto& [clause, text] : expected) {
    const std::size_t at = rep.find(text);
    ASSERT_NE(at, std::string::npos) << text << "\n" << rep;
    EXPECT_GT(at, last) << text << " out of order";
    last = at;
    const std::size_t bol = rep.rfind('\n', at) + 1;
    EXPECT_EQ(rep.substr(bol, 2 + clause.size()), "  " + clause) << text;
  }
  // The escalation's label is its level; the talk names who holds it.
  EXPECT_NE(rep.find("通报"), std::string::npos);
  EXPECT_NE(rep.find("函询"), std::string::npos);
  EXPECT_NE(rep.find("ZH-talk；约谈人：中共某镇委员会"), std::string::npos);
  // An id the snapshot does not know is shown as it is; nothing crashes.
  EXPECT_NE(rep.find("ghost"), std::string::npos);
  // Organizations without anything to act on say so.
  EXPECT_NE(rep.find("（无待办事项）"), std::string::npos);
}

TEST(Report, TextColumnIsAlignedByDisplayWidth) {
  const Snapshot s = town();
  const Index ix(s);
  for (Lang lang : {Lang::zh, Lang::en}) {
    const std::string rep = render_report(ix, result_of_every_rule(), {lang, false});
    std::set<std::size_t> columns;
    for (const std::string& l : lines_of(rep)) {
      for (std::string_view tag : {"ZH-", "EN-"}) {
        const auto p = l.find(tag);
        if (l.rfind("  [", 0) == 0 && p != std::string::npos)
          columns.insert(display_width(std::string_view(l).substr(0, p)));
      }
    }
    EXPECT_EQ(columns.size(), 1u) << rep;  // every sentence starts in the same column
  }
}

TEST(Report, EnglishUsesTheEnglishSentences) {
  const Snapshot s = town();
  const Index ix(s);
  const std::string rep = render_report(ix, result_of_every_rule(), {Lang::en, false});
  EXPECT_NE(rep.find("EN-unqualified"), std::string::npos);
  EXPECT_EQ(rep.find("ZH-"), std::string::npos);
  EXPECT_NE(rep.find("2023-07, 2023-08 (2 months)"), std::string::npos);
  EXPECT_NE(rep.find("r-1 \"党费收缴记录不全\": deadline 2023-06-10, overdue by 188 days"),
            std::string::npos);
}

TEST(Report, RankingShowsOnlyTheLastElapsedMonthByPeerGroup) {
  const Snapshot s = town();
  const Index ix(s);
  const std::string rep = render_report(ix, result_of_every_rule(), {Lang::zh, false});
  EXPECT_NE(rep.find("2023-11 月度排名（5.3）"), std::string::npos);
  const auto ranking = rep.substr(rep.find("月度排名"));
  EXPECT_EQ(ranking.find("   11"), std::string::npos);  // 2023-10's score is not shown
  EXPECT_EQ(ranking.find("   22"), std::string::npos);  // nor 2023-12's (not elapsed)
  // Peers of town: b-b first (rank 1), then b-a (rank 2, bottom); b-c in its own group.
  const auto pb = ranking.find("West Village Branch"), pa = ranking.find("东村党支部");
  ASSERT_NE(pb, std::string::npos);
  ASSERT_NE(pa, std::string::npos);
  EXPECT_LT(pb, pa);
  EXPECT_NE(ranking.find("排名靠后"), std::string::npos);
  EXPECT_NE(ranking.find("东村党支部 下属党组织（1 个）"), std::string::npos);
  EXPECT_NE(ranking.find("中共某镇委员会 下属党组织（2 个）"), std::string::npos);
}

TEST(Report, SupportRequestsNeedingCoordinationAndGoodPractices) {
  const Snapshot s = town();
  const Index ix(s);
  const std::string rep = render_report(ix, result_of_every_rule(), {Lang::zh, false});
  EXPECT_NE(rep.find("2023-05-10  东村党支部：需镇规划办协调"), std::string::npos);
  EXPECT_EQ(rep.find("东村党支部：自行解决"), std::string::npos);
  EXPECT_NE(rep.find("另有 1 项求助无需上级协调"), std::string::npos);
  EXPECT_NE(rep.find("2023-05-10  东村党支部：党员积分制"), std::string::npos);
}

TEST(Report, ColourOnlyWhenAskedAndUserStringsCannotControlTheTerminal) {
  const Snapshot s = town();
  const Index ix(s);
  const Result r = result_of_every_rule();
  const std::string plain = render_report(ix, r, {Lang::zh, false});
  const std::string colour = render_report(ix, r, {Lang::zh, true});
  EXPECT_EQ(plain.find('\x1b'), std::string::npos);  // the org name's ESC is neutralized
  EXPECT_NE(colour.find("\x1b[1m"), std::string::npos);
  EXPECT_NE(colour.find("\x1b[1;31m"), std::string::npos);  // unqualified, notice
  EXPECT_EQ(colour.find("\x1b[2J"), std::string::npos);
  // Stripping the colour codes gives the plain report back.
  std::string stripped;
  for (std::size_t i = 0; i < colour.size(); ++i) {
    if (colour[i] == '\x1b') {
      i = colour.find('m', i);
      continue;
    }
    stripped += colour[i];
  }
  EXPECT_EQ(stripped, plain);
}

TEST(Report, EmptyResultStillRenders) {
  const Snapshot s = town();
  const Index ix(s);
  Result r;
  r.as_of = Date(2023, 1, 15);
  const std::string rep = render_report(ix, r, {Lang::en, false});
  EXPECT_NE(rep.find("(no ranking this month)"), std::string::npos);
  EXPECT_NE(rep.find("(nothing to act on)"), std::string::npos);
  EXPECT_EQ(rep.back(), '\n');
}

// --- forms ----------------------------------------------------------------------------

TEST(Forms, GathersA1AndA2FromTheSnapshotAndTheResult) {
  const Snapshot s = town();
  Result r = result_of_every_rule();
  const Forms f = build_forms(s, r);
  ASSERT_EQ(f.dispatches.size(), 2u);  // d-3 is dated after the as-of date
  EXPECT_EQ(f.dispatches[0].a1.dispatch, "d-1");  // by date
  EXPECT_EQ(f.dispatches[1].a1.dispatch, "d-2");
  EXPECT_EQ(f.page_count(), 3u);  // A1 + A2 for d-1, A1 for d-2 (no rectification)

  const A1Form& a1 = f.dispatches[0].a1;
  EXPECT_EQ(a1.department, "中共某镇委员会");  // no department written: the dispatcher
  EXPECT_EQ(f.dispatches[1].a1.department, "镇党建办");
  EXPECT_EQ(a1.object, "东村党支部");
  EXPECT_EQ(a1_time(a1, false), "2023年5月10日至5月11日（集中调度）");
  EXPECT_EQ(a1_time(f.dispatches[1].a1, false), "2023年6月1日（现场调度）");
  const auto content = a1_content_lines(a1);
  ASSERT_EQ(content.size(), 5u);  // categories in the policy's order, checks in the dispatch's
  EXPECT_TRUE(content[0].heading);
  EXPECT_EQ(content[0].text, "（一）党组织建设情况");
  EXPECT_EQ(content[1].text, "1. 党费收缴记录：存在问题。收缴不全");
  EXPECT_EQ(content[2].text, "2. 三会一课制度执行落实：存在问题");
  EXPECT_EQ(content[3].text, "（三）党建助力服务民生实事情况");
  EXPECT_EQ(content[4].text, "1. 民生实事成效与困难：符合要求");
  const auto situation = a1_situation_paragraphs(a1);
  ASSERT_EQ(situation.size(), 3u);
  EXPECT_EQ(situation[1], "经验做法：党员积分制");
  EXPECT_EQ(situation[2], "困难和求助：需镇规划办协调（需上级协调）；自行解决");

  ASSERT_TRUE(f.dispatches[0].a2);
  EXPECT_FALSE(f.dispatches[1].a2);
  const A2Form& a2 = *f.dispatches[0].a2;
  ASSERT_EQ(a2.rows.size(), 2u);
  EXPECT_EQ(a2.rows[0].seq, 1);  // by seq, not by id or input order
  EXPECT_EQ(a2.rows[0].status, "未整改；逾期188天；未按期整改");
  EXPECT_EQ(a2.rows[1].status, "已整改（2023-06-01完成）");
  EXPECT_EQ(a2.due_days, 15);
  EXPECT_EQ(a2.due, to_day(Date(2023, 5, 26)));  // end 05-11 + 15
  EXPECT_EQ(a2.submitted, to_day(Date(2023, 5, 30)));
  EXPECT_EQ(a2.days_late, 4);  // the ledger_late decision's, not recomputed
  EXPECT_EQ(a2_note(a2, true),
            "注：请将此表于调度结束 15 日内纸质版报送镇党委（本次调度结束于 2023-05-11，应于 "
            "2023-05-26 前报送；2023-05-30 已报送，逾期 4 天）。");
}

TEST(Forms, DueDateReadsTheParameterInForceAtTheDispatchEnd) {
  const Snapshot s = town();
  Result r = result_of_every_rule();
  r.policy.set(Param::ledger_due_days, {{Date(2023, 5, 11), 10}});
  const Forms f = build_forms(s, r);
  EXPECT_EQ(f.dispatches[0].a2->due_days, 10);
  EXPECT_EQ(f.dispatches[0].a2->due, to_day(Date(2023, 5, 21)));
  r.policy.set(Param::ledger_due_days, {{Date(2023, 5, 12), 10}});  // from the day after
  EXPECT_EQ(build_forms(s, r).dispatches[0].a2->due_days, 15);
}

TEST(Forms, ChoosesDispatchesByIdAndRefusesUnknownOrFutureOnes) {
  const Snapshot s = town();
  const Result r = result_of_every_rule();
  const Forms f = build_forms(s, r, {"d-2", "d-2"});
  ASSERT_EQ(f.dispatches.size(), 1u);
  EXPECT_EQ(f.dispatches[0].a1.dispatch, "d-2");
  EXPECT_THROW(build_forms(s, r, {"nope"}), FormsError);
  EXPECT_THROW(build_forms(s, r, {"d-3"}), FormsError);  // dated after as-of
}

TEST(Forms, A2StatusWordsEveryState) {
  ItemState i;
  i.status = ItemStatus::reported;
  i.reported_on = Date(2023, 3, 1);
  EXPECT_EQ(a2_status(i), "已报告整改完成，待复核（2023-03-01报告）");
  i.failed = true;
  EXPECT_EQ(a2_status(i), "已报告整改完成，待复核（2023-03-01报告）；未按期整改");
  i.status = ItemStatus::open;
  i.failed = false;
  EXPECT_EQ(a2_status(i), "未整改");
}

TEST(Forms, HtmlIsOnePagePerFormAndEveryUserStringIsText) {
  const Snapshot s = town();
  const Forms f = build_forms(s, result_of_every_rule());
  const std::string h = forms_html(f);
  EXPECT_EQ(count(h, "<section class=\"page"), f.page_count());
  EXPECT_EQ(count(h, "基层党组织调度工作记录表</h1>"), 2u);
  EXPECT_EQ(count(h, "基层党建工作问题台账整改情况</h1>"), 1u);
  EXPECT_NE(h.find("@page { size: A4;"), std::string::npos);
  EXPECT_NE(h.find("\"Noto Serif CJK SC\""), std::string::npos);
  EXPECT_EQ(h.find("<script"), std::string::npos);
  EXPECT_NE(h.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(h.find("=HYPERLINK(&quot;http://evil.example&quot;,&quot;x&quot;)"), std::string::npos);
  EXPECT_NE(h.find("一式两份"), std::string::npos);
  EXPECT_NE(h.find("应于 2023年5月26日 前报送"), std::string::npos);
  EXPECT_EQ(count(h, "签章："), 4u);  // situation and opinion of each A1
}

TEST(Forms, CsvHasBomCrlfAndNeutralizedCells) {
  const Snapshot s = town();
  const Forms f = build_forms(s, result_of_every_rule());
  const std::string a1 = a1_csv(f), a2 = a2_csv(f);
  for (const std::string* c : {&a1, &a2}) {
    EXPECT_EQ(c->rfind(std::string(kUtf8Bom), 0), 0u);
    EXPECT_EQ(c->substr(c->size() - 2), "\r\n");
  }
  EXPECT_EQ(count(a2, "\r\n"), 3u);  // header + two rows
  EXPECT_NE(a2.find("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""), std::string::npos);
  EXPECT_NE(a2.find("\"<script>alert(1)</script>\""), std::string::npos);  // CSV is not HTML
  EXPECT_NE(a2.find("整改情况（截至 2023-12-15）"), std::string::npos);
  EXPECT_NE(a1.find("\"d-2\",\"镇党建办\",\"2023-06-01\",\"2023-06-01\",\"现场调度\""),
            std::string::npos);
}

TEST(Forms, XlsxIsWrittenAndEmptyFormsStillMakeAWorkbook) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("tiaodu-test-render-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const Snapshot s = town();
  Forms f = build_forms(s, result_of_every_rule());
  write_xlsx(f, dir / "forms.xlsx");
  std::ifstream in(dir / "forms.xlsx", std::ios::binary);
  std::string head(2, '\0');
  in.read(head.data(), 2);
  EXPECT_EQ(head, "PK");  // a zip container; tests/cli/test_forms.py reads the cells back
  f.dispatches.clear();
  EXPECT_NO_THROW(write_xlsx(f, dir / "empty.xlsx"));
  EXPECT_TRUE(std::filesystem::exists(dir / "empty.xlsx"));
  EXPECT_THROW(write_xlsx(f, dir / "no-such-dir" / "x.xlsx"), FormsError);
  std::filesystem::remove_all(dir);
}
