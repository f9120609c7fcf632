// Vault::RetentionReport: the retention rules applied to every dossier in
// the index, against a day the caller may choose (tests, and "what will be
// due next quarter").
#include "absl/time/civil_time.h"
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
  for (const DossierEntry& e : index_.All()) {
    for (kluis::v1::RetentionItem& item : RetentionOf(e, terms)) {
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
  }
  return out;
}

}  // namespace kluis::core
