// Retention rules: from a dossier's index entry and the practice's terms,
// the day each dossier (and each working note and answered e-mail) falls
// due for erasure, with
// the rule and its legal basis in words. Dates are civil days, YYYY-MM-DD;
// the due date is the first day something may no longer be kept.
//
// Thread-safety: pure functions.
#ifndef KLUIS_DAEMON_CORE_RETENTION_H_
#define KLUIS_DAEMON_CORE_RETENTION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "daemon/core/dossier_index.h"
#include "kluis/v1/retention.pb.h"

namespace kluis::core {

// The practice's default terms (PracticeProfile; 0 there means these).
struct RetentionTerms {
  uint32_t coaching_years = 7;  // after the trajectory ends (ZKM)
  uint32_t case_years = 2;      // calendar years after the closing year
};
RetentionTerms TermsOf(const kluis::v1::PracticeProfile* profile);

// `date` plus `years`, on the same day of the year; 29 February becomes
// 1 March in a year without it. "" for a malformed date.
std::string AddYears(absl::string_view date, uint32_t years);
// 1 January of the year `years` after the year of `date`'s year + 1: the
// first day after "the end of the Nth calendar year after the year of".
std::string FirstDayAfterYearEnd(absl::string_view date, uint32_t years);
// `date` plus `months`, clamped to the month's last day (31 January plus
// one month is 28 or 29 February). "" for a malformed date.
std::string AddMonths(absl::string_view date, uint32_t months);
// The last day to answer a data subject's request: one month after its
// receipt, three when it was extended (GDPR art. 12(3)).
std::string RequestDeadline(const kluis::v1::SubjectRequest& request);
// The day after `date`, and `days` days after it. "" for a malformed date.
std::string NextDay(absl::string_view date);
std::string AddDays(absl::string_view date, int days);

// Everything of one dossier that has a due date: the dossier itself once
// it is closed, each working note with a known expiry (due the next day),
// and each e-mail marked answered (due the day after). An open dossier (no
// end date) has no due date yet.
std::vector<kluis::v1::RetentionItem> RetentionOf(const DossierEntry& dossier,
                                                  const RetentionTerms& terms);

}  // namespace kluis::core

#endif  // KLUIS_DAEMON_CORE_RETENTION_H_
