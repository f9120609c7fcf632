// Vault::ArchiveAgenda: the monthly clean-up of the electronic agenda.
// The month's appointments are filed in the dossiers they concern (or the
// practice archive), so the agenda itself can be emptied of them.
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "daemon/core/ical_agenda.h"
#include "daemon/core/ids.h"
#include "daemon/core/vault.h"

namespace kluis::core {
namespace {

using kluis::v1::Record;

struct Person {
  std::string dossier_id;
  std::string folded_name;
  std::string email;
};

// The one dossier an event concerns: an attendee's e-mail address, else
// a name in its title; "" when none or more than one match.
std::string MatchDossier(const AgendaEvent& e,
                         const std::vector<Person>& people) {
  std::set<std::string> by_mail, by_name;
  const std::string title = FoldForSearch(e.summary);
  for (const Person& p : people) {
    for (const std::string& a : e.attendees) {
      if (!p.email.empty() && a == p.email) by_mail.insert(p.dossier_id);
    }
    if (p.folded_name.size() >= 3 && absl::StrContains(title, p.folded_name)) {
      by_name.insert(p.dossier_id);
    }
  }
  if (by_mail.size() == 1) return *by_mail.begin();
  if (by_mail.empty() && by_name.size() == 1) return *by_name.begin();
  return "";
}

}  // namespace

absl::StatusOr<kluis::v1::ArchiveAgendaResponse> Vault::ArchiveAgenda(
    absl::string_view ics, absl::string_view month, bool dry_run) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  absl::CivilMonth m;
  if (month.size() != 7 || !absl::ParseCivilTime(month, &m)) {
    return absl::InvalidArgumentError("month: must be YYYY-MM");
  }
  absl::StatusOr<std::vector<AgendaEvent>> events = ParseAgenda(ics);
  if (!events.ok()) return events.status();
  std::vector<Person> people;
  for (const Record& head : Heads(*store)) {
    if (head.has_client()) {
      people.push_back({head.dossier_id(), FoldForSearch(head.client().name()),
                        head.client().email()});
    } else if (head.has_adviser_case()) {
      people.push_back({head.dossier_id(),
                        FoldForSearch(head.adviser_case().reporter().name()),
                        head.adviser_case().reporter().email()});
    }
  }
  // What earlier runs archived: UID → where.
  std::map<std::string, std::map<std::string, std::string>> archived;
  auto known = [&](const std::string& dossier)
      -> absl::StatusOr<const std::map<std::string, std::string>*> {
    auto it = archived.find(dossier);
    if (it != archived.end()) return &it->second;
    absl::StatusOr<std::vector<Record>> recs = ListRecords(
        dossier, dossier.empty() ? kluis::v1::RECORD_KIND_AGENDA_ENTRY
                                 : kluis::v1::RECORD_KIND_APPOINTMENT);
    if (!recs.ok()) return recs.status();
    std::map<std::string, std::string>& uids = archived[dossier];
    for (const Record& r : *recs) {
      const kluis::v1::Appointment& a =
          dossier.empty() ? r.agenda_entry() : r.appointment();
      if (!a.calendar_uid().empty()) uids[a.calendar_uid()] = r.id();
    }
    return &uids;
  };
  const std::string prefix = absl::StrCat(month, "-");
  kluis::v1::ArchiveAgendaResponse out;
  int n = 0;
  for (const AgendaEvent& e : *events) {
    ++n;
    if (!absl::StartsWith(e.date, prefix)) continue;
    if (e.recurring) {
      out.add_skipped(
          absl::StrCat("event ", n,
                       ": a recurring series; archive its occurrences once "
                       "the series has ended"));
      continue;
    }
    if (e.time.empty()) {
      out.add_skipped(
          absl::StrCat("event ", n, ": all-day, not an appointment"));
      continue;
    }
    kluis::v1::ArchivedEntry entry;
    entry.set_uid(e.uid);
    entry.set_date(e.date);
    entry.set_time(e.time);
    entry.set_subject(e.summary);
    entry.set_dossier_id(MatchDossier(e, people));
    // Archived before, in its dossier or (matched by nobody then) in the
    // practice archive: not again.
    absl::StatusOr<const std::map<std::string, std::string>*> seen =
        known(entry.dossier_id());
    if (!seen.ok()) return seen.status();
    auto hit = (*seen)->find(e.uid);
    if (hit == (*seen)->end() && !entry.dossier_id().empty()) {
      seen = known("");
      if (!seen.ok()) return seen.status();
      hit = (*seen)->find(e.uid);
      if (hit != (*seen)->end()) entry.set_dossier_id("");
    }
    if (hit != (*seen)->end()) {
      entry.set_record_id(hit->second);
      entry.set_already(true);
      *out.add_to_delete() = entry;
      continue;
    }
    if (dry_run) {
      *out.add_filed() = std::move(entry);
      continue;
    }
    Record r;
    kluis::v1::Appointment* a = entry.dossier_id().empty()
                                    ? r.mutable_agenda_entry()
                                    : r.mutable_appointment();
    a->set_date(e.date);
    a->set_time(e.time);
    a->set_duration_minutes(std::min<uint32_t>(e.minutes, 1440));
    a->set_place(e.location);
    a->set_subject(e.summary);
    a->set_calendar_uid(e.uid);
    absl::StatusOr<std::string> id =
        CreateRecord(entry.dossier_id(), std::move(r),
                     absl::StrCat("agenda archive ", month));
    if (!id.ok()) {
      // The rule only: the event's text is personal data.
      out.add_skipped(absl::StrCat("event ", n, ": ", id.status().message()));
      continue;
    }
    entry.set_record_id(*id);
    archived[entry.dossier_id()][e.uid] = *id;
    *out.add_filed() = entry;
    *out.add_to_delete() = std::move(entry);
  }
  return out;
}

}  // namespace kluis::core
