// Table-driven rules for what a record may contain.
#include "daemon/core/validation.h"

#include <gtest/gtest.h>

#include "absl/strings/match.h"

namespace kluis::core {
namespace {

const absl::Time kNow =
    absl::FromCivil(absl::CivilDay(2026, 11, 23), absl::UTCTimeZone());

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

TEST(ValidationTest, RecognisesBsnsByTheElevenTest) {
  // 111222333 passes the eleven-test (an invented number, as are all here).
  for (const char* text : {"111222333", "bsn 111222333.", "1112.22.333",
                           "1112 22 333", "111-222-333"}) {
    EXPECT_TRUE(ContainsBsn(text)) << text;
  }
  for (const char* text :
       {"111222334", "1112223330", "0000000000", "000000000",
        "phone 0612345678", "12345678", "iban NL91ABNA0417164300"}) {
    EXPECT_FALSE(ContainsBsn(text)) << text;
  }
}

TEST(ValidationTest, Utf8) {
  EXPECT_TRUE(IsValidUtf8("Ürsula Çelik-van Dijk ✓"));
  EXPECT_FALSE(IsValidUtf8("\xc3\x28"));
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));  // surrogate
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));      // overlong
}

TEST(ValidationTest, ClientErrorsNameTheFieldAndNeverTheValue) {
  struct Case {
    const char* field;
    void (*set)(kluis::v1::Client*);
  };
  const Case cases[] = {
      {"client.name", [](kluis::v1::Client* c) { c->set_name(""); }},
      {"client.name",
       [](kluis::v1::Client* c) { c->set_name(std::string(201, 'x')); }},
      {"client.name", [](kluis::v1::Client* c) { c->set_name("Jan\nJansen"); }},
      {"client.name",
       [](kluis::v1::Client* c) { c->set_name("Jan 111222333"); }},
      {"client.email",
       [](kluis::v1::Client* c) { c->set_email("jan-at-example.org"); }},
      {"client.birth_date",
       [](kluis::v1::Client* c) { c->set_birth_date("1990-02-30"); }},
      {"client.birth_date",
       [](kluis::v1::Client* c) { c->set_birth_date("2030-01-01"); }},
      {"client.postcode",
       [](kluis::v1::Client* c) { c->set_postcode("12345"); }},
      {"client.phone", [](kluis::v1::Client* c) { c->set_phone("call me"); }},
      {"client.city",
       [](kluis::v1::Client* c) { c->set_city(std::string(300, 'y')); }},
  };
  for (const Case& k : cases) {
    kluis::v1::Client c;
    c.set_name("Jan Jansen");
    k.set(&c);
    NormalizeClient(&c);
    absl::Status s = ValidateClient(c, kNow);
    EXPECT_TRUE(absl::IsInvalidArgument(s)) << k.field;
    EXPECT_TRUE(absl::StartsWith(s.message(), k.field)) << s.message();
    for (const std::string* v :
         {&c.email(), &c.phone(), &c.postcode(), &c.birth_date()}) {
      if (!v->empty()) {
        EXPECT_FALSE(absl::StrContains(s.message(), *v)) << s.message();
      }
    }
  }
}

TEST(ValidationTest, NormalisesPostcodeAndEmail) {
  kluis::v1::Client c;
  c.set_name("  Jan Jansen ");
  c.set_postcode("1234ab");
  c.set_email(" Jan@Example.ORG ");
  NormalizeClient(&c);
  EXPECT_EQ(c.name(), "Jan Jansen");
  EXPECT_EQ(c.postcode(), "1234 AB");
  EXPECT_EQ(c.email(), "jan@example.org");
  EXPECT_TRUE(ValidateClient(c, kNow).ok());
}

TEST(ValidationTest, Notes) {
  kluis::v1::Note n;
  n.set_text("Gesprek over werkdruk.\nVolgende keer: doelen.");
  EXPECT_TRUE(ValidateNote(n, kNow).ok());
  n.set_text("   ");
  EXPECT_TRUE(absl::StartsWith(ValidateNote(n, kNow).message(), "note.text"));
  n.set_text(std::string(kMaxNoteBytes + 1, 'a'));
  EXPECT_TRUE(absl::IsInvalidArgument(ValidateNote(n, kNow)));
  n.set_text("BSN van cliënt: 111222333");
  absl::Status s = ValidateNote(n, kNow);
  EXPECT_TRUE(absl::StrContains(s.message(), "BSN"));
  EXPECT_FALSE(absl::StrContains(s.message(), "111222333"));
}

}  // namespace
}  // namespace kluis::core
