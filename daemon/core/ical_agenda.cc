#include "daemon/core/ical_agenda.h"

#include <libical/ical.h>

#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"

namespace kluis::core {
namespace {

struct ComponentFree {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using ComponentPtr = std::unique_ptr<icalcomponent, ComponentFree>;

std::string Text(const char* s) { return s == nullptr ? "" : s; }

// Local day and minute of an event's start.
void StartOf(struct icaltimetype t, AgendaEvent* e) {
  if (icaltime_is_date(t)) {
    e->date = absl::StrFormat("%04d-%02d-%02d", t.year, t.month, t.day);
    return;
  }
  if (icaltime_is_utc(t)) {
    const absl::Time at = absl::FromTimeT(
        icaltime_as_timet_with_zone(t, icaltimezone_get_utc_timezone()));
    e->date = absl::FormatTime("%Y-%m-%d", at, absl::LocalTimeZone());
    e->time = absl::FormatTime("%H:%M", at, absl::LocalTimeZone());
    return;
  }
  e->date = absl::StrFormat("%04d-%02d-%02d", t.year, t.month, t.day);
  e->time = absl::StrFormat("%02d:%02d", t.hour, t.minute);
}

AgendaEvent EventOf(icalcomponent* c) {
  AgendaEvent e;
  e.uid = Text(icalcomponent_get_uid(c));
  e.summary = Text(icalcomponent_get_summary(c));
  e.location = Text(icalcomponent_get_location(c));
  StartOf(icalcomponent_get_dtstart(c), &e);
  if (!e.time.empty()) {
    const int seconds = icaldurationtype_as_int(icalcomponent_get_duration(c));
    if (seconds > 0) e.minutes = static_cast<uint32_t>(seconds / 60);
  }
  for (icalproperty* p =
           icalcomponent_get_first_property(c, ICAL_ATTENDEE_PROPERTY);
       p != nullptr;
       p = icalcomponent_get_next_property(c, ICAL_ATTENDEE_PROPERTY)) {
    std::string who = absl::AsciiStrToLower(Text(icalproperty_get_attendee(p)));
    if (absl::StartsWith(who, "mailto:")) who = who.substr(7);
    if (!who.empty()) e.attendees.push_back(std::move(who));
  }
  e.recurring =
      icalcomponent_get_first_property(c, ICAL_RRULE_PROPERTY) != nullptr;
  return e;
}

}  // namespace

absl::StatusOr<std::vector<AgendaEvent>> ParseAgenda(absl::string_view ics) {
  const std::string text(ics);
  if (!absl::StrContains(text, "BEGIN:VCALENDAR")) {
    return absl::InvalidArgumentError(
        "ics: not an iCalendar file (no BEGIN:VCALENDAR)");
  }
  ComponentPtr root(icalparser_parse_string(text.c_str()));
  if (root == nullptr) {
    return absl::InvalidArgumentError("ics: not a readable iCalendar file");
  }
  std::vector<AgendaEvent> out;
  // A file may hold one calendar or several (libical then wraps them).
  std::vector<icalcomponent*> calendars;
  if (icalcomponent_isa(root.get()) == ICAL_VCALENDAR_COMPONENT) {
    calendars.push_back(root.get());
  } else {
    for (icalcomponent* c = icalcomponent_get_first_component(
             root.get(), ICAL_VCALENDAR_COMPONENT);
         c != nullptr; c = icalcomponent_get_next_component(
                           root.get(), ICAL_VCALENDAR_COMPONENT)) {
      calendars.push_back(c);
    }
  }
  for (icalcomponent* cal : calendars) {
    for (icalcomponent* c =
             icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
         c != nullptr;
         c = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
      AgendaEvent e = EventOf(c);
      if (e.uid.empty() || e.date.size() != 10) {
        return absl::InvalidArgumentError(absl::StrFormat(
            "ics: event %d has no UID or no start (DTSTART)", out.size() + 1));
      }
      out.push_back(std::move(e));
    }
  }
  return out;
}

}  // namespace kluis::core
