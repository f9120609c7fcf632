// The record rules of every kind: each fixture is valid, every string
// field of every kind refuses a BSN, and the kinds' own rules hold.
#include "daemon/core/kind_rules.h"

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "tests/support/record_fixtures.h"

namespace kluis::core {
namespace {

using kluis::testing::FixtureRecord;
using kluis::testing::ForEachStringField;
using kluis::testing::KindFixtures;
using kluis::v1::Record;

constexpr char kOrg[] = "0123456789abcdef0123456789abcdef";

RuleContext Context() {
  RuleContext ctx;
  ctx.now = absl::FromCivil(absl::CivilDay(2026, 11, 23), absl::UTCTimeZone());
  ctx.zone = absl::UTCTimeZone();
  ctx.case_categories = DefaultCaseCategories();
  return ctx;
}

absl::Status Check(Record r) { return NormalizeAndValidateBody(&r, Context()); }

TEST(KindRulesTest, EveryFixtureIsValidAndHasAKind) {
  for (const auto& k : KindFixtures()) {
    Record r = FixtureRecord(k, kOrg);
    EXPECT_NE(KindOf(r), kluis::v1::RECORD_KIND_UNSPECIFIED) << k.field;
    EXPECT_EQ(IsHeadKind(KindOf(r)), k.head) << k.field;
    EXPECT_EQ(IsPracticeKind(KindOf(r)), k.practice) << k.field;
    EXPECT_TRUE(Check(r).ok()) << k.field << ": " << Check(r);
  }
}

TEST(KindRulesTest, EveryStringFieldOfEveryKindRefusesABsn) {
  const std::string kBsns[] = {"111222333", "nummer 1112.22.333", "1234 5672"};
  int fields = 0;
  for (const auto& k : KindFixtures()) {
    const Record base = FixtureRecord(k, kOrg);
    std::vector<std::string> paths;
    Record probe = base;
    ForEachStringField(
        kluis::testing::MutableBodyOf(&probe), k.field,
        [&](const std::string& p, const auto&) { paths.push_back(p); });
    for (size_t i = 0; i < paths.size(); ++i) {
      for (const std::string& bsn : kBsns) {
        Record r = base;
        size_t at = 0;
        ForEachStringField(kluis::testing::MutableBodyOf(&r), k.field,
                           [&](const std::string&, const auto& set) {
                             if (at++ == i) set(bsn);
                           });
        Record normalized = r;
        absl::Status s = NormalizeAndValidateBody(&normalized, Context());
        if (s.ok()) {
          // Only a field kluisd derives itself may take it: the value sent
          // is replaced, never kept.
          EXPECT_FALSE(absl::StrContains(normalized.DebugString(), bsn))
              << paths[i];
          continue;
        }
        EXPECT_TRUE(absl::IsInvalidArgument(s)) << paths[i] << " " << bsn;
        EXPECT_TRUE(absl::StartsWith(s.message(), paths[i]))
            << paths[i] << ": " << s.message();
        EXPECT_FALSE(absl::StrContains(s.message(), bsn)) << s.message();
      }
      ++fields;
    }
  }
  EXPECT_GT(fields, 80);  // the walk really went everywhere
}

TEST(KindRulesTest, ErrorsNameTheFieldAndTheRuleNeverTheValue) {
  struct Case {
    const char* json;
    const char* error;  // prefix of the message
  };
  const Case cases[] = {
      {R"({"client":{"name":""}})", "client.name: is required"},
      {R"({"client":{"name":"Jan\nJansen"}})", "client.name: must be one line"},
      {R"({"client":{"name":"Jan","email":"jan-at-example.org"}})",
       "client.email: not an e-mail address"},
      {R"({"client":{"name":"Jan","birthDate":"1990-02-30"}})",
       "client.birth_date: that day does not exist"},
      {R"({"client":{"name":"Jan","birthDate":"2030-01-01"}})",
       "client.birth_date: must not be in the future"},
      {R"({"client":{"name":"Jan","postcode":"12345"}})",
       "client.postcode: must be a Dutch postcode"},
      {R"({"client":{"name":"Jan","phone":"call me"}})", "client.phone"},
      {R"({"client":{"name":"Jan","iban":"NL92ABNA0417164300"}})",
       "client.iban: not an IBAN: check digits"},
      {R"({"client":{"name":"Jan","iban":"NL91ABNA041716430"}})",
       "client.iban: not an IBAN: an IBAN of this country has 18"},
      {R"({"client":{"name":"Jan","birthDate":"2015-01-01"}})",
       "client.guardians: a minor client needs at least one parent"},
      {R"({"client":{"name":"Jan","birthDate":"2015-01-01",
           "guardians":[{"name":"Ma"}]}})",
       "client.guardians[0].role: is required"},
      {R"({"note":{"text":"   "}})", "note.text: is required"},
      {R"({"note":{"text":"x","expires":"2027-01-01"}})",
       "note.expires: only a working note expires"},
      {R"({"appointment":{"date":"2026-01-01","time":"25:00"}})",
       "appointment.time: must be a time"},
      {R"({"appointment":{"date":"2026-01-01","time":"10:00",
           "durationMinutes":5000}})",
       "appointment.duration_minutes: at most 1440"},
      {R"({"agreement":{"question":"q","startDate":"2026-02-01",
           "endDate":"2026-01-01"}})",
       "agreement.end_date: must not be before start_date"},
      {R"({"agreement":{"question":"q","startDate":"2026-01-01",
           "retentionYears":3}})",
       "agreement.retention_deviation_reason: is required"},
      {R"({"agreement":{"question":"q","startDate":"2026-01-01",
           "retentionYears":3,"retentionDeviationReason":"op verzoek"}})",
       "agreement.retention_agreed_date: is required"},
      {R"({"adviserCase":{"organisationId":"0123456789abcdef0123456789abcdef",
           "reporter":{"name":"K"},"openedDate":"2026-01-01",
           "categories":["fraud"]}})",
       "adviser_case.categories[0]: not in the practice's list"},
      {R"({"adviserCase":{"organisationId":"0123456789abcdef0123456789abcdef",
           "openedDate":"2026-01-01"}})",
       "adviser_case.reporter: is required"},
      {R"({"adviserCase":{"organisationId":"nope","reporter":{"name":"K"},
           "openedDate":"2026-01-01"}})",
       "adviser_case.organisation_id: not a kluis id"},
      {R"({"correspondence":{"date":"2026-01-05"}})",
       "correspondence.direction: is required"},
      {R"({"invoice":{"number":"1","date":"2026-01-01","organisationId":"x"}})",
       "invoice.organisation_id: not a kluis id"},
      {R"({})", "record: a body"},
  };
  for (const Case& c : cases) {
    Record r;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(c.json, &r).ok())
        << c.json;
    absl::Status s = Check(r);
    EXPECT_TRUE(absl::IsInvalidArgument(s)) << c.json;
    EXPECT_TRUE(absl::StartsWith(s.message(), c.error))
        << c.json << " → " << s.message();
    for (const char* value : {"jan-at-example.org", "NL92ABNA0417164300",
                              "fraud", "call me", "12345"}) {
      if (absl::StrContains(c.json, value)) {
        EXPECT_FALSE(absl::StrContains(s.message(), value)) << s.message();
      }
    }
  }
}

TEST(KindRulesTest, UnknownEnumValuesAreRefused) {
  Record r = FixtureRecord(KindFixtures()[1], kOrg);  // the adviser case
  r.mutable_adviser_case()->set_relation(
      static_cast<kluis::v1::CaseRelation>(99));
  EXPECT_EQ(Check(r).message(), "adviser_case.relation: unknown value");
}

TEST(KindRulesTest, NormalisesAndDerives) {
  Record r;
  kluis::v1::Client* c = r.mutable_client();
  c->set_name("  Jan Jansen ");
  c->set_postcode("1234ab");
  c->set_email(" Jan@Example.ORG ");
  c->set_iban("nl91 abna 0417 1643 00");
  c->set_birth_date("1990-01-01");
  c->set_minor(true);  // output-only: recomputed
  ASSERT_TRUE(NormalizeAndValidateBody(&r, Context()).ok());
  EXPECT_EQ(c->name(), "Jan Jansen");
  EXPECT_EQ(c->postcode(), "1234 AB");
  EXPECT_EQ(c->email(), "jan@example.org");
  EXPECT_EQ(c->iban(), "NL91ABNA0417164300");
  EXPECT_FALSE(c->minor());

  Record note;
  note.mutable_note()->set_text("tekst  \n");
  ASSERT_TRUE(NormalizeAndValidateBody(&note, Context()).ok());
  EXPECT_EQ(note.note().date(), "2026-11-23");  // today by default
  EXPECT_EQ(note.note().text(), "tekst");
}

TEST(KindRulesTest, MinorUntilTheEighteenthBirthday) {
  EXPECT_TRUE(IsMinor("2008-11-24", "2026-11-23"));
  EXPECT_FALSE(IsMinor("2008-11-23", "2026-11-23"));
  EXPECT_FALSE(IsMinor("1990-01-01", "2026-11-23"));
  EXPECT_FALSE(IsMinor("", "2026-11-23"));
}

TEST(KindRulesTest, TheRetentionDefaultComesFromTheProfile) {
  Record r;
  r.mutable_agreement()->set_question("q");
  r.mutable_agreement()->set_start_date("2026-01-01");
  r.mutable_agreement()->set_retention_years(10);
  RuleContext ctx = Context();
  EXPECT_FALSE(NormalizeAndValidateBody(&r, ctx).ok());
  ctx.coaching_retention_years = 10;
  EXPECT_TRUE(NormalizeAndValidateBody(&r, ctx).ok());
}

TEST(KindRulesTest, AnExemptionReasonOnlyWithZeroPercentVat) {
  auto invoice = [](uint32_t percent, const std::string& reason) {
    Record r;
    kluis::v1::Invoice* i = r.mutable_invoice();
    i->set_number("2026-001");
    i->set_date("2026-02-01");
    i->set_amount_cents(45000);
    i->set_vat_percent(percent);
    i->set_vat_exemption_reason(reason);
    return r;
  };
  const std::string kExempt = "vrijgesteld, art. 11 Wet OB";
  EXPECT_TRUE(Check(invoice(21, "")).ok());      // ordinary VAT
  EXPECT_TRUE(Check(invoice(0, kExempt)).ok());  // exempt
  EXPECT_TRUE(Check(invoice(0, "")).ok());       // not stated: old invoices
  EXPECT_TRUE(Check(invoice(0, "   ")).ok());    // spaces are no reason
  for (const uint32_t percent : {9u, 21u, 100u}) {
    absl::Status s = Check(invoice(percent, kExempt));
    EXPECT_TRUE(absl::IsInvalidArgument(s)) << percent;
    EXPECT_TRUE(absl::StartsWith(
        s.message(), "invoice.vat_exemption_reason: only with 0 % VAT"))
        << s.message();
    EXPECT_FALSE(absl::StrContains(s.message(), "Wet OB")) << s.message();
  }
  EXPECT_TRUE(absl::IsInvalidArgument(Check(invoice(101, ""))));
}

TEST(KindRulesTest, HealthIsTheSpecialCategory) {
  EXPECT_TRUE(IsSpecialCategory(kluis::v1::RECORD_KIND_HEALTH));
  EXPECT_FALSE(IsSpecialCategory(kluis::v1::RECORD_KIND_NOTE));
  EXPECT_FALSE(IsSpecialCategory(kluis::v1::RECORD_KIND_CLIENT));
}

}  // namespace
}  // namespace kluis::core
