// Reading an iCalendar export of the electronic agenda (RFC 5545, with
// libical) for the monthly archive: each event's day, time, length, title,
// place and attendees. The text is personal data: it stays in memory.
//
// Thread-safety: pure function.
#ifndef KLUIS_DAEMON_CORE_ICAL_AGENDA_H_
#define KLUIS_DAEMON_CORE_ICAL_AGENDA_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace kluis::core {

struct AgendaEvent {
  std::string uid;
  std::string date;  // YYYY-MM-DD, local time
  std::string time;  // HH:MM; "" for an all-day event
  uint32_t minutes = 0;
  std::string summary;                 // personal data possible
  std::string location;                // personal data possible
  std::vector<std::string> attendees;  // e-mail addresses, lower case
  bool recurring = false;              // has an RRULE: not one appointment
};

// Every VEVENT, in file order. Times in UTC are turned into local time;
// floating times and times with a TZID are taken as they are written.
// Errors: kInvalidArgument "ics: …" (never quoting the file).
absl::StatusOr<std::vector<AgendaEvent>> ParseAgenda(absl::string_view ics);

}  // namespace kluis::core

#endif  // KLUIS_DAEMON_CORE_ICAL_AGENDA_H_
