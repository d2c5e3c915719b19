// tiaodu/compact.hpp — what an evaluation decides, as dense indices and day numbers.
//
// The rules decide into a CompactResult: every decision, item state, score and
// assessment of a Result, with ids as the Index's dense indices, dates as Day numbers and
// no text. It is what the evaluator computes; the Result of result.hpp — ids, dates,
// facts and the zh/en sentences — is rendered from it by expand(), rule by rule, by the
// describe_* function written next to each rule (include/tiaodu/rules/). Nothing in
// expand() decides anything: every fact and sentence is a function of the compact
// decision, the Index, the Policy and D.
//
// Use it directly for speed (a CompactResult is about a tenth of the size of its Result,
// 0.75 against 7.4 KB per org-year, and takes no allocation per decision); use Result
// when you need ids, text or JSON.
// A CompactResult refers to the Index it was computed from: expand() needs that Index
// (and throws std::invalid_argument for one of another shape).
//
// Interface:
//   struct IndexRange                       a run [begin, begin + size) of a side array
//   struct IndexShape                       the sizes of the Index it refers to
//   struct CompactTrigger, CompactDecision, CompactItem, CompactScore,
//          CompactAssessment, CompactEntry, CompactResult
//   evaluate_compact(index, policy, as_of, options) -> CompactResult    (evaluate.hpp)
//   expand(compact, index, policy, options = {}) -> Result              (evaluate.hpp)
#pragma once

#include "tiaodu/date.hpp"
#include "tiaodu/index.hpp"
#include "tiaodu/result.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace tiaodu {

inline constexpr int kRuleCount = 10;  // the enumerators of Rule

struct IndexRange {
  std::uint32_t begin = 0;
  std::uint32_t size = 0;
  friend bool operator==(const IndexRange&, const IndexRange&) = default;
};

// An admonishment trigger (5.2). `ref` is an item (neglect), a dispatch (ledger_late,
// ledger_missing) or a look-back (perfunctory).
struct CompactTrigger {
  Day date = kNoDay;
  TriggerKind kind = TriggerKind::neglect;
  std::int32_t ref = kNone;
  friend bool operator==(const CompactTrigger&, const CompactTrigger&) = default;
};

// One decision (80 bytes). As in Decision, which fields matter depends on the rule; the
// others keep their defaults. Everything a decision's facts and sentences say is here
// or in the Index and Policy.
struct CompactDecision {
  Rule rule = Rule::missed_month;
  EscalationLevel level = EscalationLevel::written_inquiry;  // escalation
  bool overdue = false;                                       // review
  std::uint8_t reasons = 0;  // rating rules: bit (1 << RatingReason) per reason
  OrgIx org = kNone;
  std::int32_t year = 0;     // per-year rules
  Month month{};             // missed_month; rating rules: the last month of the bottom run
  DispatchIx dispatch = kNone;  // ledger rules
  ItemIx item = kNone;          // review
  Day due = kNoDay;             // ledger rules, review
  Day submitted = kNoDay;       // ledger_late
  Day reported_on = kNoDay;     // review
  std::int32_t days_late = 0;   // ledger rules
  std::int32_t points = 0;      // deduction (at most deduction_cap, itself at most 10^6)
  std::int32_t considered_items = 0, on_time_items = 0;  // rating: ineffective
  std::int32_t bottom_months = 0;  // rating: long_bottom, the run's length (ending at `month`)
  IndexRange triggers;  // admonishment_talk: CompactResult::triggers
  IndexRange items;     // escalation, accountability, deduction: the failed items;
                        // rating rules: the long-unresolved items (CompactResult::item_lists)

  bool has(RatingReason r) const noexcept { return (reasons >> static_cast<int>(r)) & 1u; }
  friend bool operator==(const CompactDecision&, const CompactDecision&) = default;
};

static_assert(sizeof(CompactDecision) <= 80, "a decision stays small: there are ~3 per org-year");

// A rectification as it stands at D (3.6 "items").
struct CompactItem {
  ItemIx item = kNone;
  ItemStatus status = ItemStatus::open;
  bool overdue = false;
  bool failed = false;
  Day reported_on = kNoDay;
  Day done_on = kNoDay;
  Day overdue_days = 0;  // when overdue
  friend bool operator==(const CompactItem&, const CompactItem&) = default;
};

struct CompactScore {
  OrgIx org = kNone;
  Month month{};
  std::int32_t score = 0;
  std::int32_t rank = 0;
  std::int32_t peers = 0;
  bool bottom = false;
  friend bool operator==(const CompactScore&, const CompactScore&) = default;
};

struct CompactAssessment {
  OrgIx org = kNone;
  std::int32_t year = 0;
  double mean = 0;
  std::int64_t deductions = 0;
  double final = 0;
  std::int32_t rank = 0;
  std::int32_t peers = 0;
  friend bool operator==(const CompactAssessment&, const CompactAssessment&) = default;
};

// The k-th good practice or support request of a dispatch.
struct CompactEntry {
  DispatchIx dispatch = kNone;
  std::uint32_t k = 0;
  friend bool operator==(const CompactEntry&, const CompactEntry&) = default;
};

// The sizes of the Index a CompactResult was computed from: expand() refuses another.
struct IndexShape {
  std::int32_t orgs = 0, dispatches = 0, items = 0, look_backs = 0;
  friend bool operator==(const IndexShape&, const IndexShape&) = default;
};

struct CompactResult {
  Day as_of = kNoDay;
  IndexShape shape;
  std::vector<CompactDecision> decisions;  // in the order of spec section 4
  std::vector<CompactTrigger> triggers;    // referred to by decisions' `triggers`
  std::vector<ItemIx> item_lists;          // referred to by decisions' `items`
  std::vector<CompactItem> items;          // by item id
  std::vector<CompactScore> scores;        // by org id, month
  std::vector<CompactAssessment> assessments;  // by year, org id
  std::vector<CompactEntry> good_practices;    // by date, dispatch id, text
  std::vector<CompactEntry> support_requests;  // by date, dispatch id, text, flag

  std::span<const CompactTrigger> triggers_of(const CompactDecision& d) const noexcept {
    return {triggers.data() + d.triggers.begin, d.triggers.size};
  }
  std::span<const ItemIx> items_of(const CompactDecision& d) const noexcept {
    return {item_lists.data() + d.items.begin, d.items.size};
  }
  friend bool operator==(const CompactResult&, const CompactResult&) = default;
};

}  // namespace tiaodu
