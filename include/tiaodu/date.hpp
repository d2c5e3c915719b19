// tiaodu/date.hpp — calendar dates as the policy uses them.
//
// The public model stores dates as boost::gregorian::date (the spec's choice, and
// what integrators already use). Rules compute on `Day`, a plain count of days since
// 1970-01-01, because every rule is day arithmetic ("15 日内", deadline + 1, 90 days)
// and an int compares and adds at the speed of an int.
//
// Interface:
//   Day        days since 1970-01-01 (std::int32_t)
//   to_day(Date) / to_date(Day)
//   parse_date(text)   strict "YYYY-MM-DD" within the supported range, or nullopt
//   format_date(Day|Date)  "YYYY-MM-DD"
//   Month / month_of(Day) / first_day(Month) / last_day(Month) / format_month(Month)
//   kMinSupported / kMaxSupported: the range every input date must lie in
#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tiaodu {

using Date = boost::gregorian::date;
using Day = std::int32_t;

struct CivilDate {
  int year;
  unsigned month;  // 1..12
  unsigned day;    // 1..31
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

// Days since 1970-01-01 of a proleptic Gregorian y-m-d (H. Hinnant's algorithm).
constexpr Day days_from_civil(int y, unsigned m, unsigned d) noexcept;
constexpr CivilDate civil_from_days(Day z) noexcept;
constexpr int year_of(Day z) noexcept;  // civil_from_days(z).year, without month and day
constexpr bool is_leap_year(int y) noexcept;
constexpr unsigned last_day_of_month(int y, unsigned m) noexcept;

// Input dates must lie in [kMinSupported, kMaxSupported]. The lower end is
// boost::gregorian's own; the upper end leaves 100 years of room below 9999-12-31 so
// that a date plus any day-count parameter (at most kMaxDayParameter) is still a
// four-digit ISO date (docs/format.md, "Limits").
// (kMinSupported, kMaxSupported and kMaxDayParameter are defined below the
// implementation of days_from_civil.)

Day to_day(const Date& d) noexcept;
Date to_date(Day d);
std::optional<Day> parse_day(std::string_view text) noexcept;
std::optional<Date> parse_date(std::string_view text) noexcept;
std::string format_date(Day d);
std::string format_date(const Date& d);

// A calendar month, ordered; "YYYY-MM" in every output.
struct Month {
  int year = 1970;
  unsigned month = 1;
  friend auto operator<=>(const Month&, const Month&) = default;
};
constexpr Month month_of(Day d) noexcept;
constexpr Day first_day(Month m) noexcept;
constexpr Day last_day(Month m) noexcept;
constexpr Month next_month(Month m) noexcept;
constexpr Month previous_month(Month m) noexcept;
constexpr int months_between(Month a, Month b) noexcept;  // b - a in months
std::string format_month(Month m);
std::optional<Month> parse_month(std::string_view text) noexcept;

// ---------------------------------------------------------------------------
// Implementation

constexpr Day days_from_civil(int y, unsigned m, unsigned d) noexcept {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<Day>(era * 146097 + static_cast<int>(doe) - 719468);
}

constexpr CivilDate civil_from_days(Day z0) noexcept {
  const int z = z0 + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

// The year part of civil_from_days: the rules ask for years far more often than for whole
// dates, and this is short enough to inline everywhere.
constexpr int year_of(Day z0) noexcept {
  const int z = z0 + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  return static_cast<int>(yoe) + era * 400 + (doy >= 306);  // doy 306 is March-based 1 January
}

constexpr bool is_leap_year(int y) noexcept {
  return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

constexpr unsigned last_day_of_month(int y, unsigned m) noexcept {
  constexpr unsigned char days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap_year(y) ? 29u : days[m - 1];
}

constexpr Month month_of(Day d) noexcept {
  const CivilDate c = civil_from_days(d);
  return {c.year, c.month};
}
constexpr Day first_day(Month m) noexcept { return days_from_civil(m.year, m.month, 1); }
constexpr Day last_day(Month m) noexcept {
  return days_from_civil(m.year, m.month, last_day_of_month(m.year, m.month));
}
constexpr Month next_month(Month m) noexcept {
  return m.month == 12 ? Month{m.year + 1, 1} : Month{m.year, m.month + 1};
}
constexpr Month previous_month(Month m) noexcept {
  return m.month == 1 ? Month{m.year - 1, 12} : Month{m.year, m.month - 1};
}
constexpr int months_between(Month a, Month b) noexcept {
  return (b.year - a.year) * 12 + static_cast<int>(b.month) - static_cast<int>(a.month);
}

inline constexpr Day kMinSupported = days_from_civil(1400, 1, 1);
inline constexpr Day kMaxSupported = days_from_civil(9899, 12, 31);
inline constexpr std::int64_t kMaxDayParameter = 36500;

}  // namespace tiaodu
