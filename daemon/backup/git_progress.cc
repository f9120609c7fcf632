#include "daemon/backup/git_progress.h"

#include <cmath>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/strip.h"

namespace kluis::backup {

namespace {

// "2.86 MiB" → bytes; 0 when it is not a size.
uint64_t ParseSize(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  const size_t space = text.find(' ');
  if (space == absl::string_view::npos) return 0;
  double value = 0;
  if (!absl::SimpleAtod(text.substr(0, space), &value) || value < 0) return 0;
  const absl::string_view unit = text.substr(space + 1);
  double scale = 0;
  if (unit == "bytes" || unit == "byte") scale = 1;
  if (unit == "KiB") scale = 1024.0;
  if (unit == "MiB") scale = 1024.0 * 1024;
  if (unit == "GiB") scale = 1024.0 * 1024 * 1024;
  return static_cast<uint64_t>(std::llround(value * scale));
}

}  // namespace

bool GitProgressParser::Feed(absl::string_view chunk) {
  bool changed = false;
  for (char c : chunk) {
    if (c == '\r' || c == '\n') {
      changed |= ParseLine(partial_);
      partial_.clear();
    } else if (partial_.size() < 512) {
      partial_.push_back(c);
    }
  }
  return changed;
}

bool GitProgressParser::ParseLine(absl::string_view line) {
  // "remote: " prefixes what the receiving side says.
  absl::ConsumePrefix(&line, "remote: ");
  if (!absl::StartsWith(line, "Writing objects:") &&
      !absl::StartsWith(line, "Receiving objects:")) {
    return false;
  }
  const size_t open = line.find('(');
  const size_t slash = line.find('/', open);
  const size_t close = line.find(')', slash);
  if (open == absl::string_view::npos || slash == absl::string_view::npos ||
      close == absl::string_view::npos) {
    return false;
  }
  uint64_t done = 0, total = 0;
  if (!absl::SimpleAtoi(line.substr(open + 1, slash - open - 1), &done) ||
      !absl::SimpleAtoi(line.substr(slash + 1, close - slash - 1), &total)) {
    return false;
  }
  progress_.objects_done = done;
  progress_.objects_total = total;
  progress_.done = absl::EndsWith(line, ", done.");
  // "…), 2.86 MiB | 24.22 MiB/s, done."
  absl::string_view rest = line.substr(close + 1);
  if (absl::ConsumePrefix(&rest, ", ")) {
    const size_t bar = rest.find(" |");
    const uint64_t bytes = ParseSize(
        rest.substr(0, bar == absl::string_view::npos ? rest.find(',') : bar));
    if (bytes > 0) progress_.bytes = bytes;
  }
  return true;
}

}  // namespace kluis::backup
