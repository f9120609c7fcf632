// Reading an agenda export with libical: the fixture's events with their
// local day and time, length, attendees and recurrence; times in UTC made
// local; a file that is no calendar refused without quoting it.
#include "daemon/core/ical_agenda.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"

namespace kluis::core {
namespace {

std::string Fixture() {
  std::ifstream in(KLUIS_FIXTURES_DIR "/agenda-2026-11.ics");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(IcalAgendaTest, ReadsEveryEventOfTheFixture) {
  absl::StatusOr<std::vector<AgendaEvent>> events = ParseAgenda(Fixture());
  ASSERT_TRUE(events.ok()) << events.status();
  ASSERT_EQ(events->size(), 7u);
  const AgendaEvent& a1 = (*events)[0];
  EXPECT_EQ(a1.uid, "kluis-fixture-a1@agenda.example");
  EXPECT_EQ(a1.date, "2026-11-03");
  EXPECT_EQ(a1.time, "09:00");
  EXPECT_EQ(a1.minutes, 60u);
  EXPECT_EQ(a1.location, "Praktijkruimte");
  EXPECT_EQ(a1.attendees, std::vector<std::string>{"noor.dekker@example.nl"});
  EXPECT_FALSE(a1.recurring);
  const AgendaEvent& a2 = (*events)[1];
  EXPECT_EQ(a2.time, "14:00");  // as written in its TZID
  EXPECT_EQ(a2.minutes, 45u);   // DURATION
  EXPECT_EQ(a2.summary, "Intake Thijs Brouwer");
  EXPECT_TRUE((*events)[4].recurring);
  EXPECT_EQ((*events)[5].date, "2026-11-20");
  EXPECT_EQ((*events)[5].time, "");  // all day
}

TEST(IcalAgendaTest, UtcTimesBecomeLocal) {
  const std::string ics =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//NL\r\n"
      "BEGIN:VEVENT\r\nUID:u1\r\nDTSTART:20260315T233000Z\r\n"
      "DTEND:20260316T000000Z\r\nSUMMARY:Laat gesprek\r\nEND:VEVENT\r\n"
      "END:VCALENDAR\r\n";
  absl::StatusOr<std::vector<AgendaEvent>> events = ParseAgenda(ics);
  ASSERT_TRUE(events.ok()) << events.status();
  ASSERT_EQ(events->size(), 1u);
  const absl::Time at = absl::FromCivil(absl::CivilMinute(2026, 3, 15, 23, 30),
                                        absl::UTCTimeZone());
  EXPECT_EQ((*events)[0].date,
            absl::FormatTime("%Y-%m-%d", at, absl::LocalTimeZone()));
  EXPECT_EQ((*events)[0].time,
            absl::FormatTime("%H:%M", at, absl::LocalTimeZone()));
  EXPECT_EQ((*events)[0].minutes, 30u);
}

TEST(IcalAgendaTest, RefusesWhatIsNoCalendarWithoutQuotingIt) {
  absl::StatusOr<std::vector<AgendaEvent>> none =
      ParseAgenda("Noor Dekker, 06-12345678, dinsdag 10 uur");
  EXPECT_EQ(none.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(absl::StrContains(none.status().message(), "Noor"));
  absl::StatusOr<std::vector<AgendaEvent>> no_uid = ParseAgenda(
      "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nSUMMARY:Geheim\n"
      "DTSTART:20261101T100000\nEND:VEVENT\nEND:VCALENDAR\n");
  EXPECT_EQ(no_uid.status().message(),
            "ics: event 1 has no UID or no start (DTSTART)");
}

}  // namespace
}  // namespace kluis::core
