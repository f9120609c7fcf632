#include "daemon/core/bsn.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "daemon/core/validation.h"

namespace kluis::core {
namespace {

bool IsSeparator(char c) { return c == ' ' || c == '.' || c == '-'; }

struct Group {
  size_t begin, end;  // digits text[begin, end)
};

// The number text[groups[a].begin, groups[b].end) reads as a date written
// with one kind of separator: YYYY-MM-DD or DD-MM-YYYY.
bool IsDateLike(absl::string_view text, const std::vector<Group>& g, size_t a,
                size_t b) {
  if (b != a + 2) return false;
  auto len = [&](size_t i) { return g[i].end - g[i].begin; };
  auto part = [&](size_t i) { return text.substr(g[i].begin, len(i)); };
  const char sep1 = text[g[a].end], sep2 = text[g[a + 1].end];
  if (sep1 != sep2) return false;
  std::string iso;
  if (len(a) == 4 && len(a + 1) == 2 && len(b) == 2) {
    iso = std::string(part(a)) + "-" + std::string(part(a + 1)) + "-" +
          std::string(part(b));
  } else if (len(a) == 2 && len(a + 1) == 2 && len(b) == 4) {
    iso = std::string(part(b)) + "-" + std::string(part(a + 1)) + "-" +
          std::string(part(a));
  } else {
    return false;
  }
  return IsValidDate(iso);
}

// Checks one number: digit groups joined by single separators.
bool NumberHoldsBsn(absl::string_view text, const std::vector<Group>& g) {
  size_t total = 0;
  for (const Group& x : g) total += x.end - x.begin;
  // A phone number: ten digits from a leading zero, or international.
  if (total == 10 && text[g[0].begin] == '0') return false;
  if (g[0].begin > 0 && text[g[0].begin - 1] == '+') return false;
  if (text.substr(g[0].begin, 2) == "00" && total > 10) return false;
  for (size_t a = 0; a < g.size(); ++a) {
    std::string digits;
    for (size_t b = a; b < g.size(); ++b) {
      digits.append(text.data() + g[b].begin, g[b].end - g[b].begin);
      if (digits.size() > 9) break;
      if (digits.size() >= 8 && PassesElevenTest(digits) &&
          !IsDateLike(text, g, a, b)) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

bool PassesElevenTest(absl::string_view digits) {
  if (digits.size() != 8 && digits.size() != 9) return false;
  int d[9] = {0};
  const size_t pad = 9 - digits.size();
  bool all_zero = true;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (!absl::ascii_isdigit(digits[i])) return false;
    d[pad + i] = digits[i] - '0';
    all_zero &= d[pad + i] == 0;
  }
  int sum = 0;
  for (int i = 0; i < 8; ++i) sum += d[i] * (9 - i);
  sum -= d[8];
  return !all_zero && sum % 11 == 0;
}

bool ContainsBsn(absl::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    if (!absl::ascii_isdigit(text[i])) {
      ++i;
      continue;
    }
    std::vector<Group> groups;
    while (true) {
      const size_t begin = i;
      while (i < text.size() && absl::ascii_isdigit(text[i])) ++i;
      groups.push_back({begin, i});
      if (i + 1 < text.size() && IsSeparator(text[i]) &&
          absl::ascii_isdigit(text[i + 1])) {
        ++i;
        continue;
      }
      break;
    }
    if (NumberHoldsBsn(text, groups)) return true;
  }
  return false;
}

void BsnScanner::Feed(absl::string_view chunk) {
  if (found_ || chunk.empty()) return;
  std::string buf = tail_;
  buf.append(chunk.data(), chunk.size());
  // Keep back the trailing number (digits and separators), which the next
  // chunk may continue; everything before it is complete.
  size_t cut = buf.size();
  while (cut > 0 &&
         (absl::ascii_isdigit(buf[cut - 1]) || IsSeparator(buf[cut - 1]))) {
    --cut;
  }
  if (ContainsBsn(absl::string_view(buf).substr(0, cut))) found_ = true;
  // A number longer than any BSN's writing cannot become one by growing,
  // but its end may still form one with what follows: keep at most 64.
  const size_t keep_from = buf.size() - cut > 64 ? buf.size() - 64 : cut;
  tail_ = buf.substr(keep_from);
}

bool BsnScanner::Finish() {
  if (!found_ && ContainsBsn(tail_)) found_ = true;
  tail_.clear();
  return found_;
}

}  // namespace kluis::core
