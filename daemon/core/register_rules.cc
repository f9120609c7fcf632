#include "daemon/core/register_rules.h"

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"

namespace kluis::core {
namespace {

absl::Status Invalid(absl::string_view field, absl::string_view rule) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", rule));
}

bool Before(const std::string& later, const std::string& earlier) {
  return !later.empty() && !earlier.empty() && later < earlier;
}

}  // namespace

absl::Status CheckProcessor(const kluis::v1::Processor& p) {
  if (!p.third_country().empty() && p.transfer_safeguard().empty()) {
    return Invalid("processor.transfer_safeguard",
                   "is required when it processes outside the EEA (an "
                   "adequacy decision, standard contractual clauses, …)");
  }
  if (Before(p.ended_date(), p.agreement_date())) {
    return Invalid("processor.ended_date", "must not be before agreement_date");
  }
  return absl::OkStatus();
}

absl::Time BreachDeadline(const kluis::v1::Breach& b, absl::TimeZone zone) {
  absl::CivilMinute discovered;
  if (!absl::ParseCivilTime(
          absl::StrCat(b.discovered_date(), "T", b.discovered_time()),
          &discovered)) {
    return absl::InfiniteFuture();
  }
  return absl::FromCivil(discovered, zone) + absl::Hours(kBreachNotifyHours);
}

bool BreachClockRunning(const kluis::v1::Breach& b) {
  return b.reported_date().empty() &&
         b.notify() != kluis::v1::NOTIFY_DECISION_NOT_REQUIRED;
}

absl::Status CheckBreach(kluis::v1::Breach* b, const RuleContext& ctx) {
  if (b->discovered_date().empty()) {
    if (!b->discovered_time().empty()) {
      return Invalid("breach.discovered_date",
                     "is required with discovered_time");
    }
    b->set_discovered_date(absl::FormatTime("%Y-%m-%d", ctx.now, ctx.zone));
    b->set_discovered_time(absl::FormatTime("%H:%M", ctx.now, ctx.zone));
  } else if (b->discovered_time().empty()) {
    // A day without an hour: the clock started at its first minute.
    b->set_discovered_time("00:00");
  }
  if (absl::FormatTime("%Y-%m-%d %H:%M", ctx.now, ctx.zone) <
      absl::StrCat(b->discovered_date(), " ", b->discovered_time())) {
    return Invalid("breach.discovered_date", "must not be in the future");
  }
  if (Before(b->discovered_date(), b->started_date())) {
    return Invalid("breach.discovered_date", "must not be before started_date");
  }
  if (Before(b->ended_date(), b->started_date())) {
    return Invalid("breach.ended_date", "must not be before started_date");
  }
  if (b->ongoing() && !b->ended_date().empty()) {
    return Invalid("breach.ongoing", "a breach with an ended_date is over");
  }
  using kluis::v1::NOTIFY_DECISION_NOT_REQUIRED;
  using kluis::v1::NOTIFY_DECISION_REQUIRED;
  if (b->notify() == NOTIFY_DECISION_NOT_REQUIRED &&
      b->not_notified_reason().empty()) {
    return Invalid("breach.not_notified_reason",
                   "is required when the AP is not notified: the register "
                   "must say why there is no risk (art. 33(5))");
  }
  if (b->notify() != NOTIFY_DECISION_NOT_REQUIRED &&
      !b->not_notified_reason().empty()) {
    return Invalid("breach.not_notified_reason", "only with notify no");
  }
  if (!b->reported_date().empty() && b->notify() != NOTIFY_DECISION_REQUIRED) {
    return Invalid("breach.notify",
                   "must be required when reported_date is set");
  }
  if (Before(b->reported_date(), b->discovered_date())) {
    return Invalid("breach.reported_date",
                   "must not be before discovered_date");
  }
  if (!b->people_informed_date().empty() &&
      !b->people_not_informed_reason().empty()) {
    return Invalid("breach.people_not_informed_reason",
                   "not with people_informed_date: they were told, or why "
                   "not");
  }
  if (Before(b->people_informed_date(), b->discovered_date())) {
    return Invalid("breach.people_informed_date",
                   "must not be before discovered_date");
  }
  for (int i = 0; i < b->nature_size(); ++i) {
    if (b->nature(i) == kluis::v1::BREACH_NATURE_UNSPECIFIED) {
      return Invalid(absl::StrCat("breach.nature[", i, "]"), "is required");
    }
  }
  const absl::Time deadline = BreachDeadline(*b, ctx.zone);
  b->set_deadline(absl::FormatTime("%Y-%m-%d %H:%M", deadline, ctx.zone));
  return absl::OkStatus();
}

absl::Status CheckHours(const kluis::v1::HoursEntry& h) {
  if (h.minutes() == 0) {
    return Invalid("hours.minutes", "is required (1 to 1440)");
  }
  return absl::OkStatus();
}

absl::Status CheckReasonAllowed(const kluis::v1::Record& record,
                                absl::string_view reason) {
  if (record.has_hours() && !reason.empty()) {
    return Invalid("reason",
                   "hours carry no free text: nothing in them may point at "
                   "a case or a person");
  }
  return absl::OkStatus();
}

}  // namespace kluis::core
