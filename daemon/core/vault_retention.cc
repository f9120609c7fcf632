// Vault::RetentionReport: the retention rules applied to every dossier in
// the index, against a day the caller may choose (tests, and "what will be
// due next quarter").
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "daemon/core/ids.h"
#include "daemon/core/register_rules.h"
#include "daemon/core/retention.h"
#include "daemon/core/vault.h"

namespace kluis::core {

RetentionTerms Vault::Terms() {
  absl::MutexLock lock(&profile_mu_);
  return TermsOf(profile_.has_value() ? &profile_->practice_profile()
                                      : nullptr);
}

absl::StatusOr<kluis::v1::RetentionReportResponse> Vault::RetentionReport(
    const std::string& as_of_date) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  absl::CivilDay as_of;
  if (as_of_date.empty()) {
    (void)absl::ParseCivilTime(Today(), &as_of);
  } else if (as_of_date.size() != 10 ||
             !absl::ParseCivilTime(as_of_date, &as_of)) {
    return absl::InvalidArgumentError("as_of: must be a date (YYYY-MM-DD)");
  }
  kluis::v1::RetentionReportResponse out;
  out.set_as_of(absl::FormatCivilTime(as_of));
  const RetentionTerms terms = Terms();
  std::vector<kluis::v1::RetentionItem> items = FiscalItems(*store);
  for (const DossierEntry& e : index_.All()) {
    for (kluis::v1::RetentionItem& item : RetentionOf(e, terms)) {
      items.push_back(std::move(item));
    }
  }
  for (kluis::v1::RetentionItem& item : items) {
    absl::CivilDay due;
    if (!absl::ParseCivilTime(item.due_date(), &due)) continue;
    const int64_t left = due - as_of;
    item.set_days_left(left > 0 ? static_cast<uint32_t>(left) : 0);
    if (left <= 0) {
      *out.add_due() = std::move(item);
    } else if (left <= 30) {
      *out.add_next_30() = std::move(item);
    } else if (left <= 90) {
      *out.add_next_90() = std::move(item);
    }
  }
  return out;
}

void Vault::CountOpenRequests(Store* store, const std::string& today,
                              VaultStatus* st) {
  absl::StatusOr<std::string> head = store->Head();
  if (!head.ok()) return;
  Deadlines d;
  {
    absl::MutexLock lock(&deadlines_mu_);
    if (deadlines_.head == *head) d = deadlines_;
  }
  if (d.head != *head) {
    // Not through ListRecords: a status poll is no activity that keeps the
    // vault from its idle lock. No lock held: the store takes its own.
    absl::StatusOr<Place> practice = Locate("");
    if (!practice.ok()) return;
    // Read after the head: what it finds is at least that new, and a newer
    // head rescans.
    absl::StatusOr<std::vector<std::string>> files =
        store->List(practice->Dir());
    if (!files.ok()) return;
    d.head = *head;
    for (const std::string& f : *files) {
      if (!IsRecordFile(f)) continue;
      absl::StatusOr<kluis::v1::Record> r = ReadRecord(
          store, practice->key_id, absl::StrCat(practice->Dir(), "/", f));
      if (!r.ok()) continue;
      if (r->has_breach() && BreachClockRunning(r->breach())) {
        d.breaches.emplace_back(
            r->id(), BreachDeadline(r->breach(), absl::LocalTimeZone()));
      } else if (r->has_subject_request() &&
                 r->subject_request().completed_date().empty()) {
        d.requests.push_back(RequestDeadline(r->subject_request()));
      }
    }
    absl::MutexLock lock(&deadlines_mu_);
    deadlines_ = d;
  }
  for (const auto& [id, deadline] : d.breaches) {
    VaultStatus::RunningBreach b;
    b.id = id;
    b.deadline =
        absl::FormatTime("%Y-%m-%d %H:%M", deadline, absl::LocalTimeZone());
    b.minutes_left = absl::ToInt64Minutes(deadline - clock_->Now());
    st->breaches.push_back(std::move(b));
  }
  const std::string soon = AddDays(today, 7);
  for (const std::string& deadline : d.requests) {
    if (deadline < today) {
      ++st->requests_overdue;
    } else if (deadline <= soon) {
      ++st->requests_due_soon;
    }
  }
}

}  // namespace kluis::core
