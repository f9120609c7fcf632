// Structured logs (logfmt on stderr, which journald keeps) that cannot carry
// personal data by construction: the event is a string literal, and field
// values are numbers, status codes or opaque ids that are checked to be hex.
// There is no way to log a free-form string.
//
// Thread-safety: Log may be called from any thread; lines never interleave.
#ifndef KLUIS_DAEMON_PLATFORM_LOG_H_
#define KLUIS_DAEMON_PLATFORM_LOG_H_

#include <cstdint>
#include <initializer_list>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace kluis::platform {

enum class LogLevel { kDebug, kInfo, kWarning, kError };

class LogField {
 public:
  LogField(const char* key, int64_t value);
  LogField(const char* key, uint64_t value);
  LogField(const char* key, int value) : LogField(key, int64_t{value}) {}
  LogField(const char* key, uint32_t value) : LogField(key, uint64_t{value}) {}
  LogField(const char* key, bool value);
  // The status code's name only: messages are for the client, not the log.
  LogField(const char* key, const absl::Status& status);
  // An opaque id (dossier, record, commit): logged only if it is hex.
  static LogField Id(const char* key, absl::string_view hex);

  const char* key() const { return key_; }
  const std::string& value() const { return value_; }

 private:
  LogField(const char* key, std::string value)
      : key_(key), value_(std::move(value)) {}
  const char* key_;
  std::string value_;
};

// `event` must be a string literal (enforced by the template).
template <size_t N>
void Log(LogLevel level, const char (&event)[N],
         std::initializer_list<LogField> fields = {});

void LogLine(LogLevel level, const char* event,
             std::initializer_list<LogField> fields);

template <size_t N>
void Log(LogLevel level, const char (&event)[N],
         std::initializer_list<LogField> fields) {
  LogLine(level, event, fields);
}

}  // namespace kluis::platform

#endif  // KLUIS_DAEMON_PLATFORM_LOG_H_
