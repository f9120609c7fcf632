// The rules of the practice's register records: processors, breaches,
// anonymous hours and the adviser's annual advice. Called from
// NormalizeAndValidateBody (kind_rules.h) after the per-field rules.
//
// Thread-safety: pure functions.
#ifndef KLUIS_DAEMON_CORE_REGISTER_RULES_H_
#define KLUIS_DAEMON_CORE_REGISTER_RULES_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "daemon/core/record_rules.h"
#include "kluis/v1/records.pb.h"

namespace kluis::core {

// Hours the AP gives a controller to notify a breach (GDPR art. 33(1)).
inline constexpr int kBreachNotifyHours = 72;

// A transfer outside the EEA needs its safeguard. Errors:
// kInvalidArgument "processor.<field>: <rule>".
absl::Status CheckProcessor(const kluis::v1::Processor& p);

// Fills the discovery moment (now, when left empty) and the deadline, and
// checks the timeline and the notification decision. Errors:
// kInvalidArgument "breach.<field>: <rule>".
absl::Status CheckBreach(kluis::v1::Breach* b, const RuleContext& ctx);

// The moment the 72 hours end, in `zone`; InfiniteFuture when unreadable.
absl::Time BreachDeadline(const kluis::v1::Breach& b, absl::TimeZone zone);

// True while the AP must still hear of it: not decided "no risk", not yet
// reported. Whether the deadline has passed is the caller's comparison.
bool BreachClockRunning(const kluis::v1::Breach& b);

// Hours carry no free text at all: not even the reason of a version, which
// could name a case. Errors: kInvalidArgument "hours.minutes" / "reason".
absl::Status CheckHours(const kluis::v1::HoursEntry& h);
absl::Status CheckReasonAllowed(const kluis::v1::Record& record,
                                absl::string_view reason);

}  // namespace kluis::core

#endif  // KLUIS_DAEMON_CORE_REGISTER_RULES_H_
