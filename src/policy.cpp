#include "tiaodu/policy.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace tiaodu {

std::optional<Param> find_param(std::string_view name) noexcept {
  for (const auto& p : parameters)
    if (p.name == name) return p.param;
  return std::nullopt;
}

std::span<const DatedValue> Policy::values(Param p) const noexcept {
  return given_[static_cast<std::size_t>(p)];
}

void Policy::set(Param p, std::vector<DatedValue> values) {
  auto& days = days_[static_cast<std::size_t>(p)];
  days.clear();
  days.reserve(values.size());
  for (const auto& v : values) days.push_back({to_day(v.from), v.value});
  given_[static_cast<std::size_t>(p)] = std::move(values);
}

double Policy::at(Param p, Day d) const noexcept {
  const auto& days = days_[static_cast<std::size_t>(p)];
  // Lists are a handful of entries long: a backwards scan beats a binary search.
  for (auto it = days.rbegin(); it != days.rend(); ++it)
    if (it->from <= d) return it->value;
  return info(p).default_value;
}

double Policy::value_at(std::string_view name, const Date& d) const {
  const auto p = find_param(name);
  if (!p) throw std::invalid_argument("unknown policy parameter '" + std::string(name) + "'");
  return at(*p, to_day(d));
}

}  // namespace tiaodu
