// Table-driven rules for what a record may contain.
#include "daemon/core/validation.h"

#include <gtest/gtest.h>

#include "absl/strings/match.h"

namespace kluis::core {
namespace {

TEST(ValidationTest, Dates) {
  for (const char* ok : {"2000-02-29", "1990-04-01", "2026-12-31"}) {
    EXPECT_TRUE(IsValidDate(ok)) << ok;
  }
  for (const char* bad :
       {"1900-02-29", "2023-02-29", "2026-13-01", "2026-00-10", "2026-04-31",
        "26-04-01", "2026/04/01", "2026-4-1", "", "2026-04-0a", "+026-04-01"}) {
    EXPECT_FALSE(IsValidDate(bad)) << bad;
  }
}

TEST(ValidationTest, Emails) {
  for (const char* ok :
       {"fenna@example.org", "a.b+c@sub.example.nl", "x@y.co"}) {
    EXPECT_TRUE(IsValidEmail(ok)) << ok;
  }
  for (const char* bad :
       {"", "fenna", "@example.org", "fenna@", "fenna@example", "a@@b.nl",
        "a b@c.nl", "a@b..nl", ".a@b.nl", "a.@b.nl", "a@-b.nl", "a@b-.nl",
        "a@b.nl\n"}) {
    EXPECT_FALSE(IsValidEmail(bad)) << bad;
  }
}

TEST(ValidationTest, PostcodesAndPhones) {
  EXPECT_TRUE(IsValidDutchPostcode("1234 AB"));
  for (const char* bad :
       {"0123 AB", "1234AB", "1234 ab", "123 AB", "1234 A1", ""}) {
    EXPECT_FALSE(IsValidDutchPostcode(bad)) << bad;
  }
  for (const char* ok : {"030-1234567", "+31 6 12345678", "(030) 123 45 67"}) {
    EXPECT_TRUE(IsValidPhone(ok)) << ok;
  }
  for (const char* bad :
       {"12345", "06-1234x678", "+31+6123456", "1234567890123456"}) {
    EXPECT_FALSE(IsValidPhone(bad)) << bad;
  }
}

TEST(ValidationTest, Utf8) {
  EXPECT_TRUE(IsValidUtf8("Ürsula Çelik-van Dijk ✓"));
  EXPECT_FALSE(IsValidUtf8("\xc3\x28"));
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));  // surrogate
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));      // overlong
}

TEST(ValidationTest, Ibans) {
  // Check digits computed for invented accounts; NL91ABNA0417164300 is the
  // standard example of the ISO registry.
  for (const char* ok :
       {"NL91ABNA0417164300", "NL44RABO0123456789", "BE68539007547034",
        "DE89370400440532013000", "GB29NWBK60161331926819"}) {
    EXPECT_TRUE(IsValidIban(ok)) << ok;
  }
  const struct {
    const char* iban;
    const char* rule;
  } bad[] = {
      {"NL92ABNA0417164300", "mod-97"},        // wrong check digits
      {"NL91ABNA041716430", "18 characters"},  // too short for NL
      {"NL91ABNA04171643001", "18 characters"},
      {"NL911BNA0417164300", "bank code"},  // NL shape
      {"NL91ABNA04171643X0", "10-digit"},
      {"DE8937040044053201300", "22 characters"},
      {"XX", "15 to 34"},
      {"1L91ABNA0417164300", "country code"},
      {"NL91-ABNA-0417", "letters and digits"},
  };
  for (const auto& b : bad) {
    EXPECT_FALSE(IsValidIban(b.iban)) << b.iban;
    EXPECT_TRUE(absl::StrContains(IbanProblem(b.iban), b.rule))
        << b.iban << ": " << IbanProblem(b.iban);
  }
  EXPECT_EQ(NormalizeIban(" nl91 abna 0417 1643 00"), "NL91ABNA0417164300");
}

TEST(ValidationTest, TimesMediaTypesAndFileNames) {
  for (const char* ok : {"00:00", "09:30", "23:59"})
    EXPECT_TRUE(IsValidTime(ok));
  for (const char* bad : {"24:00", "9:30", "09:60", "0930", "", "09:3a"}) {
    EXPECT_FALSE(IsValidTime(bad)) << bad;
  }
  for (const char* ok : {"application/pdf", "text/plain", "image/svg+xml"}) {
    EXPECT_TRUE(IsValidMediaType(ok)) << ok;
  }
  for (const char* bad : {"pdf", "/pdf", "text/", "text/plain; x=1", ""}) {
    EXPECT_FALSE(IsValidMediaType(bad)) << bad;
  }
  EXPECT_TRUE(IsValidFileName("overeenkomst getekend.pdf"));
  for (const char* bad : {"", ".", "..", "a/b.pdf", "a\\b", "a\nb"}) {
    EXPECT_FALSE(IsValidFileName(bad)) << bad;
  }
}

TEST(ValidationTest, ReasonsAreOneLineWithoutBsn) {
  EXPECT_TRUE(ValidateReason("").ok());
  EXPECT_TRUE(ValidateReason("correctie na gesprek").ok());
  EXPECT_TRUE(absl::IsInvalidArgument(ValidateReason("a\nb")));
  absl::Status s = ValidateReason("bsn 111222333");
  EXPECT_TRUE(absl::StartsWith(s.message(), "reason: looks like a BSN"));
  EXPECT_FALSE(absl::StrContains(s.message(), "111222333"));
}

}  // namespace
}  // namespace kluis::core
