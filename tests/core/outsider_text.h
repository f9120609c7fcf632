// What a document for people outside the practice must never show: proto
// enum names (DISCLOSURE_GROUND_CONSENT, or DISCLOSURE GROUND CONSENT), raw
// field names (amount_cents),
// kluis ids (32 hex digits) or hashes and versions (40 or 64 hex digits).
// Returns the first such token found, or "" when the text is clean.
#ifndef KLUIS_TESTS_CORE_OUTSIDER_TEXT_H_
#define KLUIS_TESTS_CORE_OUTSIDER_TEXT_H_

#include <regex>
#include <string>

namespace kluis::testing {

inline std::string MachineTokenIn(const std::string& text) {
  static const std::regex* const token = new std::regex(
      R"(\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|\b[0-9a-f]{32}\b|\b[0-9a-f]{40}\b|)"
      R"(\b[0-9a-f]{64}\b|amount_cents|amount cents|_id\b|)"
      // An enum name with its underscores made spaces.
      R"(\b[A-Z]{2,} [A-Z]{2,} [A-Z]{2,}\b)");
  std::smatch m;
  return std::regex_search(text, m, *token) ? m.str() : "";
}

}  // namespace kluis::testing

#endif  // KLUIS_TESTS_CORE_OUTSIDER_TEXT_H_
