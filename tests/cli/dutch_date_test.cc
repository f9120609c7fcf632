// Table-driven cases for the date parser behind every date option and the
// date columns of `kluis import`.
#include "client/common/dutch_date.h"

#include <gtest/gtest.h>

#include <string>

#include "absl/strings/match.h"

namespace kluis::client {
namespace {

TEST(DutchDateTest, AcceptsIsoAndDayFirst) {
  const struct {
    const char* text;
    const char* iso;
  } cases[] = {
      {"1988-05-12", "1988-05-12"},  // ISO as kluisd stores it
      {"1988-5-2", "1988-05-02"},
      {"12-05-1988", "1988-05-12"},  // Dutch, day first
      {"12-5-1988", "1988-05-12"},
      {"2-5-1988", "1988-05-02"},
      {"12/5/1988", "1988-05-12"},
      {"12/05/1988", "1988-05-12"},
      {"12.05.1988", "1988-05-12"},
      {"1.4.1990", "1990-04-01"},
      {"  04-05-1990 ", "1990-05-04"},  // spreadsheet cells have spaces
      {"29-02-2000", "2000-02-29"},     // divisible by 400: a leap year
      {"29-02-2024", "2024-02-29"},
      {"2024-02-29", "2024-02-29"},
      {"31-12-1999", "1999-12-31"},
      {"31-01-2026", "2026-01-31"},
  };
  for (const auto& c : cases) {
    absl::StatusOr<std::string> iso = ParseDutchDate(c.text);
    ASSERT_TRUE(iso.ok()) << c.text << ": " << iso.status();
    EXPECT_EQ(*iso, c.iso) << c.text;
  }
}

TEST(DutchDateTest, RefusesWithTheRuleButNeverTheDate) {
  const struct {
    const char* text;
    const char* rule;
  } cases[] = {
      {"30-02-1990", kDateNoSuchDay},
      {"1990-02-30", kDateNoSuchDay},
      {"31-02-1980", kDateNoSuchDay},
      {"29-02-1900", kDateNoSuchDay},  // divisible by 100: not a leap year
      {"29-02-2023", kDateNoSuchDay},
      {"31-04-2026", kDateNoSuchDay},
      {"00-05-1988", kDateNoSuchDay},
      {"12-00-1988", kDateNoSuchDay},
      {"05-13-1988", kDateMonthFirst},  // month first, as in the US
      {"12/31/1988", kDateMonthFirst},
      {"02-30-1988", kDateNoSuchDay},  // not a date either way
      {"13-13-1988", kDateNoSuchDay},
      {"1988-13-01", kDateNoSuchDay},
      {"12-05-88", kDateShortYear},
      {"12/5/88", kDateShortYear},
      {"88-05-12", kDateShortYear},
      {"12-5-8", kDateShortYear},
      {"", kDateNotADate},
      {"gisteren", kDateNotADate},
      {"12 mei 1988", kDateNotADate},
      {"12-05/1988", kDateNotADate},  // mixed separators
      {"12-05-1988-", kDateNotADate},
      {"1988/05/12", kDateNotADate},  // year first only as ISO
      {"1988.05.12", kDateNotADate},
      {"123-05-1988", kDateNotADate},
      {"12-005-1988", kDateNotADate},
      {"12-05-19888", kDateNotADate},
      {"12-05-0988", kDateNotADate},
      {"-5-1988", kDateNotADate},
      {"+1-05-1988", kDateNotADate},
      {"12-05-1988T10:00", kDateNotADate},
      {"1988-05-12 10:00", kDateNotADate},
  };
  for (const auto& c : cases) {
    absl::StatusOr<std::string> iso = ParseDutchDate(c.text);
    ASSERT_FALSE(iso.ok()) << c.text << " gave " << *iso;
    EXPECT_EQ(iso.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(iso.status().message(), c.rule) << c.text;
    if (*c.text != '\0') {
      EXPECT_FALSE(absl::StrContains(iso.status().message(), c.text));
    }
    EXPECT_FALSE(absl::StrContains(iso.status().message(), "1988"));
  }
}

}  // namespace
}  // namespace kluis::client
