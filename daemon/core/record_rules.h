// The generic half of validation: every field of a record body is checked
// against the rule declared on it in proto/kluis/v1/rules.proto (format,
// required, limits, output-only), through protobuf reflection, so that no
// field of any kind escapes the BSN check or the length limits. Per-kind
// rules that relate fields to each other live in kind_rules.h.
//
// Thread-safety: pure functions.
#ifndef KLUIS_DAEMON_CORE_RECORD_RULES_H_
#define KLUIS_DAEMON_CORE_RECORD_RULES_H_

#include <google/protobuf/message.h>

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace kluis::core {

// What validation needs to know beyond the record itself.
struct RuleContext {
  absl::Time now;
  absl::TimeZone zone = absl::LocalTimeZone();
  // The case categories a practice allows (its profile, or the defaults).
  std::vector<std::string> case_categories;
  uint32_t coaching_retention_years = 7;  // the practice's default
  std::string Today() const;
};

inline constexpr size_t kMaxRepeated = 100;

// Rewrites every string field into its stored spelling (trimmed; e-mail in
// lower case; postcode "1234 AB"; IBAN without spaces) and clears
// output-only fields, recursively.
void NormalizeFields(google::protobuf::Message* message);

// Checks every field of `message`, recursively. `path` names the message in
// errors ("client" gives "client.guardians[0].email: not an e-mail
// address"). Every problem is reported, not only the first. Errors:
// kInvalidArgument "<path>: <rule>; <path>: <rule>", never the value, with
// a kluis.v1.Refusal payload (refusal.h) listing each field and rule id.
absl::Status ValidateFields(const google::protobuf::Message& message,
                            const std::string& path, const RuleContext& ctx);

}  // namespace kluis::core

#endif  // KLUIS_DAEMON_CORE_RECORD_RULES_H_
