// A lost or stolen backup drive, assessed as a breach: what it held as of
// its last good run, the Autoriteit Persoonsgegevens' three conditions for
// not having to notify, the register entry, and the drafts of the
// notification and the letter to clients when one is needed.
//
// Thread-safety: pure functions.
#ifndef KLUIS_DAEMON_CORE_BREACH_ASSESSMENT_H_
#define KLUIS_DAEMON_CORE_BREACH_ASSESSMENT_H_

#include <set>
#include <string>

#include "kluis/v1/records.pb.h"
#include "kluis/v1/registers.pb.h"

namespace kluis::core {

struct LostTargetFacts {
  std::string target;
  std::string last_good_run;  // RFC 3339
  uint64_t dossiers = 0;
  uint64_t records = 0;
  uint64_t people = 0;
  // Dossiers on the drive that can no longer be read here (erased since):
  // their kinds are unknown and assumed to include special categories.
  uint64_t unreadable = 0;
  std::set<kluis::v1::RecordKind> kinds;
  std::set<std::string> groups;  // "clients", "reporters", …
  // Every version the drive held is in the vault's own history.
  bool intact_here = false;
  // Another drive with a good backup that is not overdue ("" if none).
  std::string other_backup;
  bool key_compromised = true;
  int scrypt_work_factor = 18;
  std::string controller;  // the practice, for the drafts
};

// Fills `out` (everything but breach_id) from the facts.
void AssessLostTarget(const LostTargetFacts& f,
                      kluis::v1::LostTargetAssessment* out);

// The breach register entry for the assessment; discovery is "now" (the
// caller's rules fill it).
kluis::v1::Breach BreachFromAssessment(
    const LostTargetFacts& f, const kluis::v1::LostTargetAssessment& a);

}  // namespace kluis::core

#endif  // KLUIS_DAEMON_CORE_BREACH_ASSESSMENT_H_
