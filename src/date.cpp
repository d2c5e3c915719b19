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

namespace {
// Writes v as exactly `width` digits (zero-padded) at out; v must fit.
char* put_digits(char* out, unsigned v, int width) noexcept {
  for (int k = width - 1; k >= 0; --k) {
    out[k] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  return out + width;
}
}  // namespace

// Hand-rolled rather than snprintf: results format a date or month per score, item and
// decision, and printf's machinery was a fifth of an evaluation's instructions.
std::string format_date(Day d) {
  const CivilDate c = civil_from_days(d);
  if (c.year < 0 || c.year > 9999) {  // outside ISO's four digits: never from valid input
    std::array<char, 32> buf{};
    std::snprintf(buf.data(), buf.size(), "%d-%02u-%02u", c.year, c.month, c.day);
    return std::string(buf.data());
  }
  char buf[10];
  char* p = put_digits(buf, static_cast<unsigned>(c.year), 4);
  *p++ = '-';
  p = put_digits(p, c.month, 2);
  *p++ = '-';
  put_digits(p, c.day, 2);
  return std::string(buf, 10);
}

std::string format_date(const Date& d) { return format_date(to_day(d)); }

std::string format_month(Month m) {
  if (m.year < 0 || m.year > 9999 || m.month < 1 || m.month > 12) {
    std::array<char, 32> buf{};
    std::snprintf(buf.data(), buf.size(), "%d-%02u", m.year, m.month);
    return std::string(buf.data());
  }
  char buf[7];
  char* p = put_digits(buf, static_cast<unsigned>(m.year), 4);
  *p++ = '-';
  put_digits(p, m.month, 2);
  return std::string(buf, 7);
}

std::optional<Month> parse_month(std::string_view t) noexcept {
  if (t.size() != 7 || t[4] != '-') return std::nullopt;
  int y = 0, m = 0;
  if (!digits(t.substr(0, 4), y) || !digits(t.substr(5, 2), m) || m < 1 || m > 12)
    return std::nullopt;
  return Month{y, static_cast<unsigned>(m)};
}

}  // namespace tiaodu
