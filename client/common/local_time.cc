#include "client/common/local_time.h"

#include <ctime>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"

namespace kluis::client {
namespace {

// libc's local time, not abseil's: it honours every TZ form, POSIX rules
// ("CET-1CEST,M3.5.0,M10.5.0/3") included.
std::tm LocalTm(time_t t) {
  ::tzset();
  std::tm tm{};
  ::localtime_r(&t, &tm);
  return tm;
}

// Midnight at the start of y-m-d, local time; mktime normalises d+1.
time_t LocalMidnight(int y, int m, int d) {
  ::tzset();
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = m - 1;
  tm.tm_mday = d;
  tm.tm_isdst = -1;
  return ::mktime(&tm);
}

void SplitDay(const std::string& iso, int* y, int* m, int* d) {
  *y = *m = *d = 0;
  std::vector<std::string> p = absl::StrSplit(iso, '-');
  if (p.size() != 3) return;
  (void)absl::SimpleAtoi(p[0], y);  // an ISO day: always digits
  (void)absl::SimpleAtoi(p[1], m);
  (void)absl::SimpleAtoi(p[2], d);
}

}  // namespace

absl::StatusOr<absl::Time> ParseRfc3339(std::string_view rfc3339) {
  absl::Time t;
  std::string err;
  if (!absl::ParseTime(absl::RFC3339_full, std::string(rfc3339), &t, &err)) {
    return absl::InvalidArgumentError("time: not an RFC 3339 time");
  }
  return t;
}

std::string LocalTimeOfSeconds(int64_t unix_seconds) {
  if (unix_seconds == 0) return "";
  const std::tm tm = LocalTm(static_cast<time_t>(unix_seconds));
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  return buf;
}

std::string LocalTime(std::string_view rfc3339) {
  absl::StatusOr<absl::Time> t = ParseRfc3339(rfc3339);
  if (!t.ok()) return std::string(rfc3339);
  return LocalTimeOfSeconds(absl::ToUnixSeconds(*t));
}

absl::Time StartOfLocalDay(const std::string& iso_day) {
  int y, m, d;
  SplitDay(iso_day, &y, &m, &d);
  return absl::FromTimeT(LocalMidnight(y, m, d));
}

absl::Time EndOfLocalDay(const std::string& iso_day) {
  int y, m, d;
  SplitDay(iso_day, &y, &m, &d);
  return absl::FromTimeT(LocalMidnight(y, m, d + 1)) - absl::Nanoseconds(1);
}

}  // namespace kluis::client
