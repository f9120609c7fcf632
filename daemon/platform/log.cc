#include "daemon/platform/log.h"

#include <unistd.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace kluis::platform {

LogField::LogField(const char* key, int64_t value)
    : key_(key), value_(absl::StrCat(value)) {}
LogField::LogField(const char* key, uint64_t value)
    : key_(key), value_(absl::StrCat(value)) {}
LogField::LogField(const char* key, bool value)
    : key_(key), value_(value ? "true" : "false") {}
LogField::LogField(const char* key, const absl::Status& status)
    : key_(key), value_(absl::StatusCodeToString(status.code())) {}

LogField LogField::Id(const char* key, absl::string_view hex) {
  bool ok = !hex.empty() && hex.size() <= 64;
  for (char c : hex) ok = ok && absl::ascii_isxdigit(c);
  return LogField(key, ok ? std::string(hex) : std::string("invalid"));
}

void LogLine(LogLevel level, const char* event,
             std::initializer_list<LogField> fields) {
  static const char* kLevels[] = {"debug", "info", "warning", "error"};
  std::string line = absl::StrCat(
      "ts=",
      absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(),
                       absl::UTCTimeZone()),
      " level=", kLevels[static_cast<int>(level)], " event=", event);
  for (const LogField& f : fields)
    absl::StrAppend(&line, " ", f.key(), "=", f.value());
  line.push_back('\n');
  // One write(2) per line: lines from threads never interleave.
  (void)!::write(STDERR_FILENO, line.data(), line.size());
}

}  // namespace kluis::platform
