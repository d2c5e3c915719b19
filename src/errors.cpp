#include "tiaodu/errors.hpp"

#include <array>

namespace tiaodu {

namespace {
constexpr std::array<std::string_view, 24> kNames{
    "syntax",       "format",        "type",
    "missing_field", "unknown_field", "enum",
    "date",         "empty",         "duplicate_id",
    "unknown_ref",  "root",          "cycle",
    "dispatcher_not_superior", "dispatch_of_root", "duplicate_check",
    "item_not_problem", "duplicate_seq", "seq",
    "date_order",   "duplicate_submission", "unknown_parameter",
    "parameter_range", "from_order", "duplicate_key"};
static_assert(kNames.size() == static_cast<std::size_t>(ErrorCode::duplicate_key) + 1);

std::string summary(const std::vector<Error>& errors) {
  if (errors.empty()) return "invalid input";
  std::string s = errors.front().message;
  if (errors.size() > 1) s += " (and " + std::to_string(errors.size() - 1) + " more)";
  return s;
}
}  // namespace

std::string_view to_string(ErrorCode code) noexcept {
  return kNames[static_cast<std::size_t>(code)];
}

std::optional<ErrorCode> parse_error_code(std::string_view text) noexcept {
  for (std::size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == text) return static_cast<ErrorCode>(i);
  return std::nullopt;
}

ValidationError::ValidationError(std::vector<Error> errors)
    : std::runtime_error(summary(errors)), errors_(std::move(errors)) {}

}  // namespace tiaodu
