// The rules of the register records: a breach's 72 hours from discovery,
// its timeline and notification decision; hours that carry nothing that
// could point at a case; a processor outside the EEA with its safeguard.
#include "daemon/core/register_rules.h"

#include <google/protobuf/descriptor.h>
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "daemon/core/kind_rules.h"
#include "kluis/v1/rules.pb.h"

namespace kluis::core {
namespace {

RuleContext At(const char* local) {
  RuleContext ctx;
  ctx.zone = absl::FixedTimeZone(3600);  // CET, for exact hours
  absl::CivilMinute m;
  EXPECT_TRUE(absl::ParseCivilTime(local, &m));
  ctx.now = absl::FromCivil(m, ctx.zone);
  return ctx;
}

TEST(RegisterRulesTest, ABreachDiscoveredNowHasItsDeadlineSeventyTwoHoursOn) {
  kluis::v1::Breach b;
  b.set_summary("USB-stick verloren");
  ASSERT_TRUE(CheckBreach(&b, At("2026-03-27T16:05")).ok());
  EXPECT_EQ(b.discovered_date(), "2026-03-27");
  EXPECT_EQ(b.discovered_time(), "16:05");
  EXPECT_EQ(b.deadline(), "2026-03-30 16:05");
  EXPECT_EQ(BreachDeadline(b, absl::FixedTimeZone(3600)),
            At("2026-03-30T16:05").now);
  EXPECT_TRUE(BreachClockRunning(b));
}

TEST(RegisterRulesTest, ADayWithoutAnHourStartsTheClockAtMidnight) {
  kluis::v1::Breach b;
  b.set_summary("Laptop gestolen");
  b.set_discovered_date("2026-02-27");
  ASSERT_TRUE(CheckBreach(&b, At("2026-03-01T10:00")).ok());
  EXPECT_EQ(b.discovered_time(), "00:00");
  EXPECT_EQ(b.deadline(), "2026-03-02 00:00");  // over the month's end
  b.set_discovered_date("2026-03-02");
  b.set_discovered_time("09:00");
  absl::Status future = CheckBreach(&b, At("2026-03-01T10:00"));
  EXPECT_EQ(future.message(),
            "breach.discovered_date: must not be in the "
            "future");
}

TEST(RegisterRulesTest, TheDecisionAndTheTimelineHoldTogether) {
  struct Case {
    const char* name;
    void (*edit)(kluis::v1::Breach*);
    const char* error;  // "" for none
  };
  const Case cases[] = {
      {"no risk needs a reason",
       [](kluis::v1::Breach* b) {
         b->set_notify(kluis::v1::NOTIFY_DECISION_NOT_REQUIRED);
       },
       "breach.not_notified_reason: is required"},
      {"no risk with reason",
       [](kluis::v1::Breach* b) {
         b->set_notify(kluis::v1::NOTIFY_DECISION_NOT_REQUIRED);
         b->set_not_notified_reason("versleuteld");
       },
       ""},
      {"reported means required",
       [](kluis::v1::Breach* b) { b->set_reported_date("2026-03-02"); },
       "breach.notify: must be required"},
      {"reported before discovery",
       [](kluis::v1::Breach* b) {
         b->set_notify(kluis::v1::NOTIFY_DECISION_REQUIRED);
         b->set_reported_date("2026-02-28");
       },
       "breach.reported_date: must not be before discovered_date"},
      {"ongoing yet ended",
       [](kluis::v1::Breach* b) {
         b->set_ongoing(true);
         b->set_ended_date("2026-03-01");
       },
       "breach.ongoing:"},
      {"ended before it started",
       [](kluis::v1::Breach* b) {
         b->set_started_date("2026-02-20");
         b->set_ended_date("2026-02-19");
       },
       "breach.ended_date: must not be before started_date"},
      {"informed and not informed",
       [](kluis::v1::Breach* b) {
         b->set_people_informed_date("2026-03-02");
         b->set_people_not_informed_reason("geen risico");
       },
       "breach.people_not_informed_reason:"},
  };
  for (const Case& c : cases) {
    kluis::v1::Breach b;
    b.set_summary("Verkeerd gemaild");
    b.set_discovered_date("2026-03-01");
    b.set_discovered_time("08:00");
    c.edit(&b);
    absl::Status s = CheckBreach(&b, At("2026-03-05T12:00"));
    if (*c.error == '\0') {
      EXPECT_TRUE(s.ok()) << c.name << ": " << s;
      EXPECT_FALSE(BreachClockRunning(b)) << c.name;
    } else {
      EXPECT_TRUE(absl::StartsWith(s.message(), c.error))
          << c.name << ": " << s;
    }
  }
}

// The API itself has no place for a case: no id but the organisation's, no
// string a person could type a name into.
TEST(RegisterRulesTest, HoursHaveNoFieldThatCouldPointAtACase) {
  const google::protobuf::Descriptor* d = kluis::v1::HoursEntry::descriptor();
  std::vector<std::string> names;
  for (int i = 0; i < d->field_count(); ++i) {
    const google::protobuf::FieldDescriptor* f = d->field(i);
    names.push_back(f->name());
    if (f->type() == google::protobuf::FieldDescriptor::TYPE_STRING) {
      const kluis::v1::Format format =
          f->options().GetExtension(kluis::v1::rule).format();
      EXPECT_TRUE(
          format == kluis::v1::FORMAT_DATE ||
          (format == kluis::v1::FORMAT_ID && f->name() == "organisation_id"))
          << f->name() << " could carry free text or another id";
    }
    EXPECT_NE(f->type(), google::protobuf::FieldDescriptor::TYPE_MESSAGE);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"organisation_id", "date",
                                             "minutes", "activity"}));

  kluis::v1::Record r;
  r.mutable_hours()->set_organisation_id(std::string(32, 'a'));
  EXPECT_EQ(CheckReasonAllowed(r, "gesprek met Eva").message(),
            "reason: hours carry no free text: nothing in them may point at "
            "a case or a person");
  EXPECT_TRUE(CheckReasonAllowed(r, "").ok());
  EXPECT_EQ(CheckHours(r.hours()).message(),
            "hours.minutes: is required (1 to 1440)");
  EXPECT_TRUE(IsPracticeKind(KindOf(r)));
}

TEST(RegisterRulesTest, AProcessorOutsideTheEeaNeedsItsSafeguard) {
  kluis::v1::Processor p;
  p.set_name("Cloudmail");
  p.set_third_country("Verenigde Staten");
  EXPECT_TRUE(absl::StartsWith(CheckProcessor(p).message(),
                               "processor.transfer_safeguard: is required"));
  p.set_transfer_safeguard("EU-US Data Privacy Framework");
  EXPECT_TRUE(CheckProcessor(p).ok());
  p.set_agreement_date("2025-05-01");
  p.set_ended_date("2025-04-01");
  EXPECT_EQ(CheckProcessor(p).message(),
            "processor.ended_date: must not be before agreement_date");
}

}  // namespace
}  // namespace kluis::core
