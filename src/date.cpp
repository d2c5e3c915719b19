// Conversions between the model's boost dates, rule days and ISO text.
#include "tiaodu/date.hpp"

#include <array>
#include <charconv>
#include <cstdio>
#include <stdexcept>

namespace tiaodu {

Day to_day(const Date& d) noexcept {
  const auto ymd = d.year_month_day();
  return days_from_civil(static_cast<int>(ymd.year), ymd.month.as_number(), ymd.day.as_number());
}

Date to_date(Day d) {
  const CivilDate c = civil_from_days(d);
  return Date(static_cast<unsigned short>(c.year), static_cast<unsigned short>(c.month),
              static_cast<unsigned short>(c.day));
}

namespace {
bool digits(std::string_view s, int& out) noexcept {
  int v = 0;
  for (char ch : s) {
    if (ch < '0' || ch > '9') return false;
    v = v * 10 + (ch - '0');
  }
  out = v;
  return true;
}
}  // namespace

std::optional<Day> parse_day(std::string_view t) noexcept {
  // Exactly YYYY-MM-DD: ten characters, no sign, no time, no spaces.
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (!digits(t.substr(0, 4), y) || !digits(t.substr(5, 2), m) || !digits(t.substr(8, 2), d))
    return std::nullopt;
  if (m < 1 || m > 12 || d < 1 || d > static_cast<int>(last_day_of_month(y, m)))
    return std::nullopt;
  const Day day = days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  if (day < kMinSupported || day > kMaxSupported) return std::nullopt;
  return day;
}

std::optional<Date> parse_date(std::string_view t) noexcept {
  const auto d = parse_day(t);
  if (!d) return std::nullopt;
  return to_date(*d);
}

std::string format_date(Day d) {
  const CivilDate c = civil_from_days(d);
  std::array<char, 32> buf{};
  std::snprintf(buf.data(), buf.size(), "%04d-%02u-%02u", c.year, c.month, c.day);
  return std::string(buf.data());
}

std::string format_date(const Date& d) { return format_date(to_day(d)); }

std::string format_month(Month m) {
  std::array<char, 32> buf{};
  std::snprintf(buf.data(), buf.size(), "%04d-%02u", m.year, m.month);
  return std::string(buf.data());
}

std::optional<Month> parse_month(std::string_view t) noexcept {
  if (t.size() != 7 || t[4] != '-') return std::nullopt;
  int y = 0, m = 0;
  if (!digits(t.substr(0, 4), y) || !digits(t.substr(5, 2), m) || m < 1 || m > 12)
    return std::nullopt;
  return Month{y, static_cast<unsigned>(m)};
}

}  // namespace tiaodu
