// Tests of tiaodu/date.hpp.
#include "tiaodu/date.hpp"

#include <gtest/gtest.h>

using namespace tiaodu;

TEST(Date, CivilRoundTripEveryDayOfFourCenturies) {
  for (Day d = days_from_civil(1600, 1, 1); d <= days_from_civil(2400, 12, 31); ++d) {
    const CivilDate c = civil_from_days(d);
    ASSERT_EQ(days_from_civil(c.year, c.month, c.day), d);
  }
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(2023, 3, 1) - days_from_civil(2023, 2, 28), 1);
  EXPECT_EQ(days_from_civil(2024, 3, 1) - days_from_civil(2024, 2, 28), 2);
}

// year_of is civil_from_days's year, computed apart for speed: every supported day, and
// the days either side of each New Year (where a wrong March-based cut would show).
TEST(Date, YearOfIsTheCivilYearOfEverySupportedDay) {
  for (Day d = kMinSupported - 400; d <= kMaxSupported + 400; ++d)
    ASSERT_EQ(year_of(d), civil_from_days(d).year) << d;
  EXPECT_EQ(year_of(days_from_civil(2023, 12, 31)), 2023);
  EXPECT_EQ(year_of(days_from_civil(2024, 1, 1)), 2024);
  EXPECT_EQ(year_of(days_from_civil(2024, 2, 29)), 2024);
  EXPECT_EQ(year_of(days_from_civil(2024, 3, 1)), 2024);
  EXPECT_EQ(year_of(-1), 1969);
}

TEST(Date, BoostAgreesWithCivil) {
  for (Day d = days_from_civil(1999, 12, 1); d <= days_from_civil(2031, 1, 31); d += 17) {
    EXPECT_EQ(to_day(to_date(d)), d);
  }
  EXPECT_EQ(to_date(days_from_civil(2023, 2, 13)), Date(2023, 2, 13));
}

TEST(Date, ParseIsStrict) {
  EXPECT_EQ(parse_day("2023-02-13"), days_from_civil(2023, 2, 13));
  EXPECT_EQ(parse_day("2024-02-29"), days_from_civil(2024, 2, 29));
  for (const char* bad : {"2023-02-30", "2023-2-13", "2023/02/13", "20230213", "2023-02-13T00",
                          " 2023-02-13", "2023-13-01", "2023-00-10", "2023-01-00", "2100-02-29",
                          "+023-02-13", "", "1399-12-31", "9900-01-01"}) {
    EXPECT_FALSE(parse_day(bad).has_value()) << bad;
  }
  EXPECT_TRUE(parse_day("1400-01-01").has_value());
  EXPECT_TRUE(parse_day("9899-12-31").has_value());
}

TEST(Date, FormatAndMonths) {
  EXPECT_EQ(format_date(days_from_civil(2023, 3, 7)), "2023-03-07");
  const Month m = month_of(days_from_civil(2023, 12, 31));
  EXPECT_EQ(format_month(m), "2023-12");
  EXPECT_EQ(format_month(next_month(m)), "2024-01");
  EXPECT_EQ(last_day(Month{2023, 2}), days_from_civil(2023, 2, 28));
  EXPECT_EQ(first_day(Month{2023, 2}), days_from_civil(2023, 2, 1));
  EXPECT_EQ(months_between(Month{2022, 11}, Month{2023, 2}), 3);
  EXPECT_EQ(parse_month("2023-07"), (Month{2023, 7}));
  EXPECT_FALSE(parse_month("2023-7").has_value());
}
