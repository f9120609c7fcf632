// Tamper evidence: what `kluis audit verify` reports after checking every
// commit's signature and that the history is one unbroken chain.
#ifndef KLUIS_DAEMON_CORE_AUDIT_H_
#define KLUIS_DAEMON_CORE_AUDIT_H_

#include <cstdint>
#include <string>

#include "kluis/v1/records.pb.h"

namespace kluis::core {

struct AuditReport {
  uint64_t commits = 0;
  uint64_t failures = 0;
  // The oldest commit that does not verify, and why ("" when all do).
  std::string first_bad_commit;
  std::string problem;
  // The access journal: entries, those written while locked (unsigned,
  // covered by the next signed one), and its own first failure.
  uint64_t journal_entries = 0;
  uint64_t journal_unsigned = 0;
  uint64_t journal_failures = 0;
  std::string journal_first_bad;
  std::string journal_problem;
};

inline constexpr char kJournalRef[] = "refs/kluis/journal";
// How long the journal keeps an entry unless the practice profile says
// otherwise (NEN 7513 asks for at least five years).
inline constexpr int kJournalRetentionYears = 5;

struct JournalView {
  std::string commit;
  uint64_t seq = 0;
  bool is_signed = false;
  kluis::v1::JournalEntry entry;
};

}  // namespace kluis::core

#endif  // KLUIS_DAEMON_CORE_AUDIT_H_
