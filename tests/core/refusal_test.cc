// Refusals (daemon/core/refusal.h) and the validator that fills them
// (record_rules.cc): every problem at once, each with its field and rule
// id, never the rejected value.
#include "daemon/core/refusal.h"

#include <gtest/gtest.h>

#include "daemon/core/record_rules.h"
#include "kluis/v1/records.pb.h"

namespace kluis::core {
namespace {

using kluis::v1::Refusal;

RuleContext Context() {
  RuleContext ctx;
  ctx.now = absl::FromCivil(absl::CivilDay(2026, 12, 6), absl::UTCTimeZone());
  ctx.zone = absl::UTCTimeZone();
  return ctx;
}

TEST(RefusalTest, CarriesEveryProblemAndTheKind) {
  Problems p;
  EXPECT_TRUE(p.ToStatus().ok());
  p.Add("invoice.number", rule::kRequired, "is required");
  p.Add("invoice.date", rule::kRequired, "is required");
  const absl::Status s = p.ToStatus();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(),
            "invoice.number: is required; invoice.date: is required");
  std::optional<Refusal> r = RefusalOf(s);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->kind(), Refusal::KIND_INVALID);
  ASSERT_EQ(r->problems_size(), 2);
  EXPECT_EQ(r->problems(1).field(), "invoice.date");
  EXPECT_EQ(r->problems(1).rule(), "required");
}

TEST(RefusalTest, KindsPickTheirCodes) {
  const absl::Status rule =
      RuleRefusal("disclosure.consent_id", rule::kConsent, "no consent");
  EXPECT_EQ(rule.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(RefusalOf(rule)->kind(), Refusal::KIND_RULE);
  EXPECT_EQ(RefusalOf(LockedError())->kind(), Refusal::KIND_LOCKED);
  EXPECT_EQ(RefusalOf(NoVaultError())->kind(), Refusal::KIND_NO_VAULT);
  EXPECT_EQ(RefusalOf(ChangedSinceRead("expected_updated", "changed"))->kind(),
            Refusal::KIND_CONFLICT);
  EXPECT_FALSE(RefusalOf(absl::InternalError("x")).has_value());
}

TEST(RefusalTest, MergeKeepsProblemsAndPlainMessages) {
  Problems p;
  p.Merge(absl::OkStatus());
  EXPECT_TRUE(p.empty());
  p.Merge(InvalidField("client.email", rule::kFormat, "not an e-mail address"));
  p.Merge(absl::InvalidArgumentError("reason: too long"));
  std::optional<Refusal> r = RefusalOf(p.ToStatus());
  ASSERT_EQ(r->problems_size(), 2);
  EXPECT_EQ(r->problems(0).field(), "client.email");
  EXPECT_EQ(r->problems(1).field(), "");
  EXPECT_EQ(r->problems(1).text(), "reason: too long");
}

TEST(RefusalTest, TheValidatorReportsEveryMissingField) {
  kluis::v1::Invoice invoice;
  invoice.set_description("Drie sessies");
  const absl::Status s = ValidateFields(invoice, "invoice", Context());
  std::optional<Refusal> r = RefusalOf(s);
  ASSERT_TRUE(r.has_value()) << s;
  ASSERT_EQ(r->problems_size(), 2) << s;
  EXPECT_EQ(r->problems(0).field(), "invoice.number");
  EXPECT_EQ(r->problems(1).field(), "invoice.date");
}

TEST(RefusalTest, AnImpossibleDayIsNotAFormatError) {
  struct Case {
    const char* date;
    const char* rule;
    const char* message;
  };
  const Case cases[] = {
      {"1990-02-30", "date_not_found",
       "client.birth_date: that day does not exist"},
      {"2023-02-29", "date_not_found",
       "client.birth_date: that day does not exist"},
      {"1990-13-01", "date_not_found",
       "client.birth_date: that day does not exist"},
      {"30-02-1990", "format",
       "client.birth_date: must be a date as YYYY-MM-DD"},
      {"2030-01-01", "future", "client.birth_date: must not be in the future"},
  };
  for (const Case& c : cases) {
    kluis::v1::Client client;
    client.set_name("Daan Visser");
    client.set_birth_date(c.date);
    const absl::Status s = ValidateFields(client, "client", Context());
    EXPECT_EQ(s.message(), c.message) << c.date;
    std::optional<Refusal> r = RefusalOf(s);
    ASSERT_TRUE(r.has_value()) << c.date;
    EXPECT_EQ(r->problems(0).rule(), c.rule) << c.date;
    EXPECT_EQ(s.ToString().find(c.date), std::string::npos) << c.date;
  }
  kluis::v1::Client leap;
  leap.set_name("Daan Visser");
  leap.set_birth_date("2024-02-29");
  EXPECT_TRUE(ValidateFields(leap, "client", Context()).ok());
}

}  // namespace
}  // namespace kluis::core
