// The record kinds: which body each kind has, where it lives (in a
// dossier, as a dossier's head, or at practice level), and the rules that
// relate a kind's fields to each other, on top of the per-field rules of
// record_rules.h.
//
// Thread-safety: pure functions.
#ifndef KLUIS_DAEMON_CORE_KIND_RULES_H_
#define KLUIS_DAEMON_CORE_KIND_RULES_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "daemon/core/record_rules.h"
#include "kluis/v1/records.pb.h"

namespace kluis::core {

kluis::v1::RecordKind KindOf(const kluis::v1::Record& record);
// The head record of a dossier: a client or an adviser case.
bool IsHeadKind(kluis::v1::RecordKind kind);
// Organisations and the practice profile: in no dossier.
bool IsPracticeKind(kluis::v1::RecordKind kind);
// GDPR art. 9 data, declared on the message (kind_rule).
bool IsSpecialCategory(kluis::v1::RecordKind kind);
kluis::v1::DossierKind DossierKindOf(const kluis::v1::Record& head);

std::vector<std::string> DefaultCaseCategories();
// True when someone born on `birth_date` (YYYY-MM-DD) is under 18 on
// `today`; false for an empty or unreadable date.
bool IsMinor(const std::string& birth_date, const std::string& today);

// Normalises the body, sets derived fields (client.minor, a note's date),
// and checks every field rule and the kind's own rules. Errors:
// kInvalidArgument "<kind>.<field>: <rule>".
absl::Status NormalizeAndValidateBody(kluis::v1::Record* record,
                                      const RuleContext& ctx);

// For the journal: to whom (kind, not name) and on which ground, e.g.
// "to a third party on consent <id>". No personal data.
std::string DisclosureSummary(const kluis::v1::Disclosure& d);

}  // namespace kluis::core

#endif  // KLUIS_DAEMON_CORE_KIND_RULES_H_
