// Table-driven cases for euro amounts: how `--amount` is read and how the
// CLI shows a euro_cents field.
#include "client/common/money.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

namespace kluis::client {
namespace {

TEST(MoneyTest, ReadsEurosTheWayTheyAreTyped) {
  const struct {
    const char* text;
    int64_t cents;
  } cases[] = {
      {"450", 45000},
      {"450,00", 45000},
      {"450.00", 45000},
      {"450,5", 45050},
      {"450,05", 45005},
      {"€ 450,00", 45000},
      {"€450", 45000},
      {"450 €", 45000},
      {"EUR 450,00", 45000},
      {"€ 450,-", 45000},
      {"450.-", 45000},
      {"1.250,50", 125050},  // Dutch: thousands dot, decimal comma
      {"1250,50", 125050},
      {"1250.50", 125050},
      {"1,250.50", 125050},  // English
      {"1.250,-", 125000},
      {"1.250.000", 125000000},
      {"1.250.000,99", 125000099},
      {"0,01", 1},
      {"0", 0},
      {"-0", 0},
      {"  \xC2\xA0"
       "12,34\xC2\xA0",
       1234},  // no-break spaces from a sheet
      {"000450", 45000},
      {"999999999,99", 99999999999},
  };
  for (const auto& c : cases) {
    absl::StatusOr<int64_t> cents = ParseEuros(c.text);
    ASSERT_TRUE(cents.ok()) << c.text << ": " << cents.status();
    EXPECT_EQ(*cents, c.cents) << c.text;
  }
}

TEST(MoneyTest, RefusesWithTheRuleButNeverTheAmount) {
  const struct {
    const char* text;
    const char* rule;
  } cases[] = {
      {"1.250", kMoneyAmbiguous},  // Dutch 1250 or English 1.25?
      {"1,250", kMoneyAmbiguous},
      {"450,005", kMoneyAmbiguous},
      {"450,0050", kMoneyTooPrecise},
      {"1.250,505", kMoneyTooPrecise},
      {"450.125", kMoneyAmbiguous},
      {"-450", kMoneyNegative},
      {"€ -450,00", kMoneyNegative},
      {"-€ 450", kMoneyNegative},
      {"1000000000", kMoneyTooLarge},
      {"1.000.000.000,00", kMoneyTooLarge},
      {"", kMoneyNotAnAmount},
      {"€", kMoneyNotAnAmount},
      {"veel", kMoneyNotAnAmount},
      {"450 euro", kMoneyNotAnAmount},
      {"4 50", kMoneyNotAnAmount},
      {"450,", kMoneyNotAnAmount},
      {",50", kMoneyNotAnAmount},
      {"1,250,50", kMoneyNotAnAmount},  // grouping, then two digits
      {"1.25.000", kMoneyNotAnAmount},
      {"12.50,00.1", kMoneyNotAnAmount},
      {"1.250.50", kMoneyNotAnAmount},
      {"1,250.000,00", kMoneyNotAnAmount},
      {"1.2,50", kMoneyNotAnAmount},
      {"1.250,5-", kMoneyNotAnAmount},
      {"--450", kMoneyNotAnAmount},
      {"1e3", kMoneyNotAnAmount},
      {"+450", kMoneyNotAnAmount},
      {"1.250,-,-", kMoneyNotAnAmount},
      {"1.250,00,-", kMoneyNotAnAmount},
  };
  for (const auto& c : cases) {
    absl::StatusOr<int64_t> cents = ParseEuros(c.text);
    ASSERT_FALSE(cents.ok()) << c.text << " gave " << *cents;
    EXPECT_EQ(cents.status().code(), absl::StatusCode::kInvalidArgument);
    // The rule is a fixed text: the amount given is never in it.
    EXPECT_EQ(cents.status().message(), c.rule) << c.text;
  }
}

TEST(MoneyTest, NegativeOnlyWhereAsked) {
  EXPECT_EQ(*ParseEuros("-12,50", /*allow_negative=*/true), -1250);
  EXPECT_EQ(*ParseEuros("€ -12,50", /*allow_negative=*/true), -1250);
}

TEST(MoneyTest, ShowsEurosTheDutchWay) {
  const struct {
    int64_t cents;
    const char* text;
  } cases[] = {
      {45000, "€ 450,00"},
      {125050, "€ 1.250,50"},
      {0, "€ 0,00"},
      {1, "€ 0,01"},
      {99, "€ 0,99"},
      {100000, "€ 1.000,00"},
      {99999999, "€ 999.999,99"},
      {125000099, "€ 1.250.000,99"},
      {-1250, "€ -12,50"},
      {std::numeric_limits<int64_t>::min(), "€ -92.233.720.368.547.758,08"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(FormatEuros(c.cents), c.text) << c.cents;
  }
}

TEST(MoneyTest, WhatIsShownReadsBack) {
  for (const int64_t cents : {int64_t{0}, int64_t{5}, int64_t{45000},
                              int64_t{125050}, int64_t{99999999999}}) {
    absl::StatusOr<int64_t> back = ParseEuros(FormatEuros(cents));
    ASSERT_TRUE(back.ok()) << cents << ": " << back.status();
    EXPECT_EQ(*back, cents);
  }
}

}  // namespace
}  // namespace kluis::client
