// Times as a person reads them: the daemon speaks RFC 3339 in UTC; a
// person sees "YYYY-MM-DD HH:MM" in the local time zone (TZ is honoured),
// and a day she types (dutch_date.h) starts and ends at local midnight.
//
// Thread-safety: the functions read the process's time zone (tzset) and
// are safe to call from one thread at a time, as both clients do.
#ifndef KLUIS_CLIENT_COMMON_LOCAL_TIME_H_
#define KLUIS_CLIENT_COMMON_LOCAL_TIME_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace kluis::client {

// "2026-03-04T09:15:00Z" (any offset, fractions allowed) → "2026-03-04
// 10:15" in the local time zone. Text that is not RFC 3339 (empty, or
// already a plain date) is returned as it is.
std::string LocalTime(std::string_view rfc3339);
// Seconds since the epoch (a google.protobuf.Timestamp's seconds), as
// above; 0 (unset) gives "".
std::string LocalTimeOfSeconds(int64_t unix_seconds);

// The time an RFC 3339 text names. Errors: kInvalidArgument.
absl::StatusOr<absl::Time> ParseRfc3339(std::string_view rfc3339);

// The first and the last instant of a day ("YYYY-MM-DD", as
// ParseDutchDate returns it) in the local time zone.
absl::Time StartOfLocalDay(const std::string& iso_day);
absl::Time EndOfLocalDay(const std::string& iso_day);

}  // namespace kluis::client

#endif  // KLUIS_CLIENT_COMMON_LOCAL_TIME_H_
