// Tamper evidence: what `kluis audit verify` reports after checking every
// commit's signature and that the history is one unbroken chain.
#ifndef KLUIS_DAEMON_CORE_AUDIT_H_
#define KLUIS_DAEMON_CORE_AUDIT_H_

#include <cstdint>
#include <string>

namespace kluis::core {

struct AuditReport {
  uint64_t commits = 0;
  uint64_t failures = 0;
  // The oldest commit that does not verify, and why ("" when all do).
  std::string first_bad_commit;
  std::string problem;
};

}  // namespace kluis::core

#endif  // KLUIS_DAEMON_CORE_AUDIT_H_
