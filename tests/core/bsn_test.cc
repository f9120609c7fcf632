// Table-driven: BSNs in free text, in the ways people write them, and the
// numbers that look alike but are not.
#include "daemon/core/bsn.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"

namespace kluis::core {
namespace {

// Invented numbers that pass the eleven-test: 111222333 (9 digits) and
// 12345672 (8 digits, a BSN with its leading zero dropped).
TEST(BsnTest, ElevenTest) {
  EXPECT_TRUE(PassesElevenTest("111222333"));
  EXPECT_TRUE(PassesElevenTest("012345672"));
  EXPECT_TRUE(PassesElevenTest("12345672"));
  EXPECT_FALSE(PassesElevenTest("111222334"));
  EXPECT_FALSE(PassesElevenTest("000000000"));
  EXPECT_FALSE(PassesElevenTest("1234567"));
  EXPECT_FALSE(PassesElevenTest("11122233a"));
}

TEST(BsnTest, FindsBsnsInTextInManyWritings) {
  for (const char* text : {
           "111222333",
           "bsn 111222333.",
           "BSN:111222333",
           "1112.22.333",
           "1112 22 333",
           "111-222-333",
           "111 222 333",
           "111.222.333",
           "11 12 22 333",
           "burgerservicenummer 12345672",
           "1234 5672",
           "(111222333)",
           "eerst 111222333 dan 2 kinderen",
           "regel een\nbsn 111 22 2333\n",
           "nr.111222333,",
       }) {
    EXPECT_TRUE(ContainsBsn(text)) << text;
  }
}

TEST(BsnTest, NumbersThatFailTheElevenTestOrAreSomethingElsePass) {
  for (const char* text : {
           "111222334",         // fails the eleven-test
           "1112223330",        // ten digits in one run
           "000000000",         // not a number anyone has
           "1234567",           // too short
           "phone 0612345678",  // Dutch mobile
           "bel 06-12345678",   // Dutch mobile, grouped
           "bel 06 1234 5678",
           "tel +31 6 12345678",  // international
           "tel 0031 6 12345678",
           "iban NL91ABNA0417164300",
           "factuur 2026-0042, € 1.250,00",
           "111..222333",  // double separator: two numbers
           "111  222 333",
       }) {
    EXPECT_FALSE(ContainsBsn(text)) << text;
  }
}

TEST(BsnTest, DatesThatHappenToPassTheElevenTestAreDates) {
  // Find real dates whose 8 digits pass the test; they must not count.
  int found = 0;
  for (absl::CivilDay d(2020, 1, 1); d < absl::CivilDay(2030, 1, 1); ++d) {
    const std::string iso = absl::FormatCivilTime(d);  // YYYY-MM-DD
    std::string digits = iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8);
    if (!PassesElevenTest(digits)) continue;
    ++found;
    EXPECT_FALSE(ContainsBsn("afspraak op " + iso)) << iso;
    const std::string dutch =
        iso.substr(8) + "-" + iso.substr(5, 2) + "-" + iso.substr(0, 4);
    EXPECT_FALSE(ContainsBsn(dutch)) << dutch;
  }
  EXPECT_GT(found, 100);
}

TEST(BsnTest, ScannerFindsANumberSplitAcrossChunks) {
  const std::string text = "intro tekst 1112 22 333 en verder";
  for (size_t cut = 0; cut <= text.size(); ++cut) {
    BsnScanner s;
    s.Feed(text.substr(0, cut));
    s.Feed(text.substr(cut));
    EXPECT_TRUE(s.Finish()) << cut;
  }
  const std::string clean = "bel 06 1234 5678 nu";
  for (size_t cut = 0; cut <= clean.size(); ++cut) {
    BsnScanner s;
    s.Feed(clean.substr(0, cut));
    s.Feed(clean.substr(cut));
    EXPECT_FALSE(s.Finish()) << cut;
  }
  BsnScanner bytewise;
  for (char c : std::string("x 111222333 y")) bytewise.Feed(std::string(1, c));
  EXPECT_TRUE(bytewise.Finish());
}

}  // namespace
}  // namespace kluis::core
