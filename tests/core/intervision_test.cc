// Scrub and the intervision summary as pure functions: whole words only,
// longest first, and the patterns for e-mail, IBAN, dates, postcodes,
// numbers and years.
#include "daemon/core/intervision.h"

#include <gtest/gtest.h>

#include "absl/strings/match.h"

namespace kluis::core {
namespace {

TEST(ScrubTest, ReplacesKnownStringsAsWholeWordsLongestFirst) {
  const std::map<std::string, std::string> known = {
      {"Ella", "[child]"}, {"Ella de Boer", "[client]"}, {"Boer", "[client]"}};
  EXPECT_EQ(Scrub("Ella de Boer belde; ella kwam, Ellen niet.", known),
            "[client] belde; [child] kwam, Ellen niet.");
  EXPECT_EQ(Scrub("De boerderij van Boer.", known),
            "De boerderij van [client].");
}

TEST(ScrubTest, ReplacesPatternsItFinds) {
  const std::map<std::string, std::string> none;
  EXPECT_EQ(Scrub("mail a.b@example.org of bel +31 6 1234 5678", none),
            "mail [e-mail] of bel [number]");
  EXPECT_EQ(Scrub("IBAN NL91 ABNA 0417 1643 00 en NL91ABNA0417164300", none),
            "IBAN [iban] en [iban]");
  EXPECT_EQ(Scrub("op 2024-05-01, 1-5-2024 en 12 maart", none),
            "op [date], [date] en [date]");
  EXPECT_EQ(Scrub("in 3511 AB sinds 2019; 3 kinderen van 9", none),
            "in [postcode] sinds [year]; 3 kinderen van 9");
}

TEST(IntervisionSummaryTest, LeavesOutWhatIsSensitiveAndCountsIt) {
  kluis::v1::Record head;
  head.mutable_client()->set_name("Ella de Boer");
  head.mutable_client()->set_birth_date("2010-06-01");
  std::vector<kluis::v1::Record> records(3);
  records[0].mutable_health()->set_relevance("Astma");
  records[1].mutable_note()->set_text("Ella is moe");
  records[2].mutable_note()->set_text("eigen notitie");
  records[2].mutable_note()->set_working(true);
  const std::string md = IntervisionSummary(head, records, {}, "2026-11-23");
  EXPECT_TRUE(absl::StrContains(md, "a minor of 12–17")) << md;
  EXPECT_TRUE(absl::StrContains(md, "[client] is moe")) << md;
  EXPECT_FALSE(absl::StrContains(md, "Astma")) << md;
  EXPECT_FALSE(absl::StrContains(md, "eigen notitie")) << md;
  EXPECT_TRUE(
      absl::StrContains(md, "health information (special category): 1"));
  EXPECT_TRUE(absl::StrContains(md, "working notes"));
}

}  // namespace
}  // namespace kluis::core
