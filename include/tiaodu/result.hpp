// tiaodu/result.hpp — what an evaluation decides (spec/rules.md sections 3.3, 3.6, 4).
//
// One Result is rendered by every front end — JSON, the CLI's report, the forms, Python —
// and none of them recomputes a rule. Ids are copied in (so a Result outlives its
// snapshot); dates are boost dates; months are "YYYY-MM" strings as in the JSON.
// The rules decide into a CompactResult (compact.hpp); a Result is that, rendered by
// expand() — facts and sentences by the describe_* beside each rule.
//
// Interface:
//   enums   Rule (in the output order of 3.3), EscalationLevel, TriggerKind,
//           RatingReason, ItemStatus
//   structs Trigger, Fact, Text, Decision, ItemState, Score, Assessment,
//           GoodPracticeEntry, SupportRequestEntry, Result
//   clause_of(Rule)
#pragma once

#include "tiaodu/date.hpp"
#include "tiaodu/policy.hpp"

#include <boost/describe.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tiaodu {

// In the order of 3.3, which is the order decisions are written in.
enum class Rule : std::uint8_t {
  missed_month,
  ledger_late,
  ledger_missing,
  review,
  admonishment_talk,
  escalation,
  accountability,
  deduction,
  unqualified_rating,
  rating_risk,
};
BOOST_DESCRIBE_ENUM(Rule, missed_month, ledger_late, ledger_missing, review, admonishment_talk,
                    escalation, accountability, deduction, unqualified_rating, rating_risk)

// The clause id (policy/clauses.md) each rule encodes.
constexpr std::string_view clause_of(Rule r) noexcept {
  constexpr std::string_view clauses[] = {"4.1", "A2", "A2", "5.1", "5.2",
                                          "5.4", "5.4", "5.4", "5.3", "5.3"};
  return clauses[static_cast<int>(r)];
}

// 5.4 函询 → 约谈 → 通报.
enum class EscalationLevel : std::uint8_t { written_inquiry, talk, notice };
BOOST_DESCRIBE_ENUM(EscalationLevel, written_inquiry, talk, notice)

// 5.2 — 整改不重视 (neglect), 未按时报送台账 (ledger_late / ledger_missing), 应付敷衍 (perfunctory).
enum class TriggerKind : std::uint8_t { neglect, ledger_late, ledger_missing, perfunctory };
BOOST_DESCRIBE_ENUM(TriggerKind, neglect, ledger_late, ledger_missing, perfunctory)

// 5.3 — 整改效果不明显, 问题长期得不到解决, 党建工作长期排名靠后.
enum class RatingReason : std::uint8_t { ineffective, long_unresolved, long_bottom };
BOOST_DESCRIBE_ENUM(RatingReason, ineffective, long_unresolved, long_bottom)

// The state of a rectification (3.2).
enum class ItemStatus : std::uint8_t { open, reported, rectified };
BOOST_DESCRIBE_ENUM(ItemStatus, open, reported, rectified)

struct Trigger {
  TriggerKind kind = TriggerKind::neglect;
  Date date;
  std::string ref;  // the item, dispatch or look-back it refers to
  friend bool operator==(const Trigger&, const Trigger&) = default;
};
BOOST_DESCRIBE_STRUCT(Trigger, (), (kind, date, ref))

// One fact or parameter value behind a decision, e.g. {"ledger_due_days", 15}.
using FactValue = std::variant<bool, std::int64_t, double, std::string, Date,
                               std::vector<std::string>>;
struct Fact {
  std::string name;
  FactValue value;
  friend bool operator==(const Fact&, const Fact&) = default;
};

struct Text {
  std::string zh;
  std::string en;
  friend bool operator==(const Text&, const Text&) = default;
};
BOOST_DESCRIBE_STRUCT(Text, (), (zh, en))

// One decision. Which optional fields are set depends on the rule (table of 3.3);
// the others stay empty and are not written.
//
// `facts` are the facts and parameter values that made the decision, in a fixed order
// per rule. In JSON they are the decision's "reasons" object — except for the two
// rating rules, whose "reasons" are by the spec the sorted reason codes (`codes` here)
// and whose facts are written as "facts" (docs/rules.md).
struct Decision {
  Rule rule = Rule::missed_month;
  std::string clause;
  std::string org;
  std::optional<std::string> month;                 // missed_month
  std::optional<std::int32_t> year;                 // per-year rules
  std::optional<std::string> dispatch;              // ledger rules
  std::optional<std::string> item;                  // review
  std::optional<Date> due;                          // ledger rules, review
  std::optional<Date> submitted;                    // ledger_late
  std::optional<std::int64_t> days_late;            // ledger rules
  std::optional<Date> reported_on;                  // review
  std::optional<bool> overdue;                      // review
  std::optional<std::string> conductor;             // admonishment_talk: the parent org
  std::optional<std::vector<Trigger>> triggers;     // admonishment_talk
  std::optional<std::string> person;                // the secretary's id
  std::optional<EscalationLevel> level;             // escalation
  std::optional<std::vector<std::string>> items;    // escalation, accountability, deduction
  std::optional<std::int64_t> points;               // deduction
  std::optional<std::vector<RatingReason>> codes;   // rating rules: JSON "reasons"
  std::vector<Fact> facts;
  Text text;
  friend bool operator==(const Decision&, const Decision&) = default;
};

// A rectification as it stands at the as-of date (3.6 "items").
struct ItemState {
  std::string id;
  std::string dispatch;
  std::string org;
  ItemStatus status = ItemStatus::open;
  Date deadline;
  std::optional<Date> reported_on;
  std::optional<Date> done_on;
  std::optional<std::int64_t> overdue_days;
  bool failed = false;
  friend bool operator==(const ItemState&, const ItemState&) = default;
};
BOOST_DESCRIBE_STRUCT(ItemState, (),
                      (id, dispatch, org, status, deadline, reported_on, done_on, overdue_days,
                       failed))

// A monthly score and its rank among peers (3.4).
struct Score {
  std::string org;
  std::string month;  // "YYYY-MM"
  std::int64_t score = 0;
  std::int64_t rank = 0;
  std::int64_t peers = 0;
  bool bottom = false;
  friend bool operator==(const Score&, const Score&) = default;
};
BOOST_DESCRIBE_STRUCT(Score, (), (org, month, score, rank, peers, bottom))

// The year-end assessment (3.5).
struct Assessment {
  std::string org;
  std::int32_t year = 0;
  double mean = 0;
  std::int64_t deductions = 0;
  double final = 0;
  std::int64_t rank = 0;
  std::int64_t peers = 0;
  friend bool operator==(const Assessment&, const Assessment&) = default;
};
BOOST_DESCRIBE_STRUCT(Assessment, (), (org, year, mean, deductions, final, rank, peers))

struct GoodPracticeEntry {
  std::string org;
  std::string dispatch;
  Date date;
  std::string text;
  friend bool operator==(const GoodPracticeEntry&, const GoodPracticeEntry&) = default;
};
BOOST_DESCRIBE_STRUCT(GoodPracticeEntry, (), (org, dispatch, date, text))

struct SupportRequestEntry {
  std::string org;
  std::string dispatch;
  Date date;
  std::string text;
  bool superior_coordination = false;
  friend bool operator==(const SupportRequestEntry&, const SupportRequestEntry&) = default;
};
BOOST_DESCRIBE_STRUCT(SupportRequestEntry, (), (org, dispatch, date, text, superior_coordination))

inline constexpr std::string_view kResultFormat = "tiaodu-result/1";

struct Result {
  Date as_of;
  Policy policy;
  std::vector<Decision> decisions;
  std::vector<ItemState> items;
  std::vector<Score> scores;
  std::vector<Assessment> assessments;
  std::vector<GoodPracticeEntry> good_practices;
  std::vector<SupportRequestEntry> support_requests;
  friend bool operator==(const Result&, const Result&) = default;
};

}  // namespace tiaodu
