// tiaodu/policy.hpp — the policy's parameters: every threshold a rule uses, with its
// clause, its source and its dated values (spec/rules.md section 2).
//
// The document itself fixes one number (A2: 调度结束 15 日内); every other threshold is
// an interpretation and therefore a named, documented, overridable parameter. Rule code
// never contains a threshold: it asks the Policy for the value in force on the date the
// table below names ("read at").
//
// Interface:
//   enum class Param            one enumerator per parameter, in the spec's order
//   struct ParameterInfo        name, default, clause, source, read_at, range
//   parameters                  the table (in Param order)
//   info(Param), find_param(name)
//   struct DatedValue { from, value }
//   class Policy                defaults + dated overrides; at(Param, Day), value_at(name, Date)
#pragma once

#include "tiaodu/date.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tiaodu {

enum class Param : std::uint8_t {
  ledger_due_days,
  review_days,
  neglect_grace_days,
  inquiry_threshold,
  talk_threshold,
  notice_threshold,
  deduction_per_item,
  deduction_cap,
  problem_points,
  overdue_points,
  bottom_share,
  min_peers,
  effectiveness_min,
  long_unresolved_days,
  long_bottom_months,
};
inline constexpr std::size_t kParamCount = 15;

// Where a value comes from: the notice's own text, or this library's reading of it.
enum class Source { document, interpretation };

// The date at which a rule reads the parameter (section 2, "read at").
enum class ReadAt {
  dispatch_end,       // the dispatch's end (end_date or date)
  report_date,        // the date the item was reported done
  deadline,           // the item's deadline
  evaluation_date,    // E = min(D, Y-12-31) of the decision's year
  month_last_day,     // the last day of the scored month
};

// What values are allowed: integers in [min, max], or a share in [0, 1].
enum class ValueKind { integer, share };

struct ParameterInfo {
  Param param;
  std::string_view name;
  double default_value;
  std::string_view clause;
  Source source;
  ReadAt read_at;
  ValueKind kind;
  double min;  // inclusive
  double max;  // inclusive
  std::string_view zh;
  std::string_view en;
};

// Upper bound of integer parameters that are not day counts (points, counts, thresholds):
// far above any sensible value, low enough that no product of them overflows.
inline constexpr double kMaxIntegerParameter = 1000000;
inline constexpr double kMaxDays = static_cast<double>(kMaxDayParameter);

// The parameter table of spec section 2, in its order. The one place a default lives.
inline constexpr std::array<ParameterInfo, kParamCount> parameters{{
    {Param::ledger_due_days, "ledger_due_days", 15, "A2", Source::document, ReadAt::dispatch_end,
     ValueKind::integer, 0, kMaxDays, "台账报送时限（调度结束后日数）",
     "days after a dispatch ends within which its ledger is due"},
    {Param::review_days, "review_days", 30, "5.1", Source::interpretation, ReadAt::report_date,
     ValueKind::integer, 0, kMaxDays, "报告整改完成后复核时限（日）",
     "days within which a reported rectification should be reviewed"},
    {Param::neglect_grace_days, "neglect_grace_days", 0, "5.2", Source::interpretation,
     ReadAt::deadline, ValueKind::integer, 0, kMaxDays, "整改时限后报送整改情况的宽限日数",
     "days of grace after a deadline for a first update"},
    {Param::inquiry_threshold, "inquiry_threshold", 1, "5.4", Source::interpretation,
     ReadAt::evaluation_date, ValueKind::integer, 1, kMaxIntegerParameter,
     "函询所需年度未按期整改问题数", "failed items in a year that lead to a written inquiry"},
    {Param::talk_threshold, "talk_threshold", 2, "5.4", Source::interpretation,
     ReadAt::evaluation_date, ValueKind::integer, 0, kMaxIntegerParameter,
     "约谈所需年度未按期整改问题数", "failed items in a year that lead to a talk"},
    {Param::notice_threshold, "notice_threshold", 3, "5.4", Source::interpretation,
     ReadAt::evaluation_date, ValueKind::integer, 0, kMaxIntegerParameter,
     "通报并追责所需年度未按期整改问题数",
     "failed items in a year that lead to a circulated notice and accountability"},
    {Param::deduction_per_item, "deduction_per_item", 2, "5.4", Source::interpretation,
     ReadAt::evaluation_date, ValueKind::integer, 0, kMaxIntegerParameter,
     "年终考评每项未按期整改扣分", "year-end points deducted per failed item"},
    {Param::deduction_cap, "deduction_cap", 20, "5.4", Source::interpretation,
     ReadAt::evaluation_date, ValueKind::integer, 0, kMaxIntegerParameter,
     "年终考评扣分上限", "most points deducted in one year"},
    {Param::problem_points, "problem_points", 5, "5.3", Source::interpretation,
     ReadAt::month_last_day, ValueKind::integer, 0, kMaxIntegerParameter,
     "月度排名每个问题扣分", "monthly score points per problem found"},
    {Param::overdue_points, "overdue_points", 2, "5.3", Source::interpretation,
     ReadAt::month_last_day, ValueKind::integer, 0, kMaxIntegerParameter,
     "月度排名每项逾期整改扣分", "monthly score points per item overdue at month end"},
    {Param::bottom_share, "bottom_share", 0.2, "5.3", Source::interpretation,
     ReadAt::month_last_day, ValueKind::share, 0, 1, "排名靠后的比例",
     "share of peers counted as the bottom of a ranking"},
    {Param::min_peers, "min_peers", 3, "5.3", Source::interpretation, ReadAt::month_last_day,
     ValueKind::integer, 1, kMaxIntegerParameter, "排名所需最少同级党组织数",
     "fewest peers for a ranking to have a bottom"},
    {Param::effectiveness_min, "effectiveness_min", 0.6, "5.3", Source::interpretation,
     ReadAt::evaluation_date, ValueKind::share, 0, 1, "按期整改率下限（低于即整改效果不明显）",
     "share of items rectified on time below which rectification is ineffective"},
    {Param::long_unresolved_days, "long_unresolved_days", 90, "5.3", Source::interpretation,
     ReadAt::evaluation_date, ValueKind::integer, 0, kMaxDays,
     "问题长期得不到解决的日数（超过整改时限）",
     "days past its deadline after which an unresolved problem is long unresolved"},
    {Param::long_bottom_months, "long_bottom_months", 3, "5.3", Source::interpretation,
     ReadAt::evaluation_date, ValueKind::integer, 1, kMaxIntegerParameter,
     "长期排名靠后的连续月数", "consecutive bottom months that make a long bottom"},
}};

static_assert([] {
  for (std::size_t i = 0; i < parameters.size(); ++i)
    if (static_cast<std::size_t>(parameters[i].param) != i) return false;
  return true;
}());

constexpr const ParameterInfo& info(Param p) noexcept {
  return parameters[static_cast<std::size_t>(p)];
}
std::optional<Param> find_param(std::string_view name) noexcept;

struct DatedValue {
  Date from;
  double value = 0;
  friend bool operator==(const DatedValue&, const DatedValue&) = default;
};

inline constexpr std::string_view kPolicyFormat = "tiaodu-policy/1";

// The parameters in force: each a default and a list of dated values, strictly
// ascending by `from`. The value on a day is the one with the latest `from` on or
// before it, or the default before any. A default-constructed Policy is the spec's.
class Policy {
 public:
  Policy() = default;

  // The dated values of p as given (empty: the default applies on every day).
  std::span<const DatedValue> values(Param p) const noexcept;

  // Replaces p's dated values. They must be valid (validate() says so); reading a
  // policy document always checks them before they get here.
  void set(Param p, std::vector<DatedValue> values);

  // The value of p in force on day d.
  double at(Param p, Day d) const noexcept;
  std::int64_t integer_at(Param p, Day d) const noexcept {
    return static_cast<std::int64_t>(at(p, d));
  }
  // By name, for scripting; throws std::invalid_argument for an unknown name.
  double value_at(std::string_view name, const Date& d) const;

  friend bool operator==(const Policy&, const Policy&) = default;

 private:
  struct Entry {
    Day from;
    double value;
    friend bool operator==(const Entry&, const Entry&) = default;
  };
  std::array<std::vector<DatedValue>, kParamCount> given_{};
  std::array<std::vector<Entry>, kParamCount> days_{};
};

}  // namespace tiaodu
