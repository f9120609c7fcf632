// The confidential adviser's anonymised annual report for one organisation:
// counts of cases and contacts, by nature and by relation, the hours, the
// trend against earlier years, and her advice. Built from counts only (no
// names, no dates finer than the year, no free text from cases); a count
// below the threshold is suppressed ("fewer than 3"), and one more cell of
// a breakdown when a total would give the suppressed one away.
//
// Thread-safety: pure functions.
#ifndef KLUIS_DAEMON_CORE_ANNUAL_REPORT_H_
#define KLUIS_DAEMON_CORE_ANNUAL_REPORT_H_

#include <map>
#include <string>
#include <vector>

#include "daemon/core/document.h"
#include "daemon/i18n/translator.h"
#include "kluis/v1/records.pb.h"
#include "kluis/v1/registers.pb.h"

namespace kluis::core {

// What one case contributes: no name, no date finer than a year.
struct CaseCounts {
  int opened_year = 0;
  std::vector<std::string> categories;
  kluis::v1::CaseRelation relation = kluis::v1::CASE_RELATION_UNSPECIFIED;
  std::map<int, uint32_t> contacts_by_year;
};

struct HoursCounts {
  int year = 0;
  uint32_t minutes = 0;
  kluis::v1::HoursActivity activity = kluis::v1::HOURS_ACTIVITY_UNSPECIFIED;
};

struct AnnualInputs {
  std::string organisation;
  int year = 0;
  uint32_t min_count = 3;
  std::vector<CaseCounts> cases;
  std::vector<HoursCounts> hours;
  std::string advice;
};

// Labels and shown counts ("fewer than 3") in t's language.
kluis::v1::AnnualReport BuildAnnualReport(const AnnualInputs& in,
                                          const i18n::Translator& t);
Document AnnualReportDocument(const kluis::v1::AnnualReport& report,
                              const i18n::Translator& t);

// Hours from minutes, one decimal: "12,5" (nl), "12.5" (en).
std::string HoursText(uint64_t minutes, const i18n::Translator& t);
std::string ActivityName(kluis::v1::HoursActivity activity,
                         const i18n::Translator& t);

}  // namespace kluis::core

#endif  // KLUIS_DAEMON_CORE_ANNUAL_REPORT_H_
