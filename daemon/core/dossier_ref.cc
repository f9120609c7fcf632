#include "daemon/core/dossier_ref.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "daemon/core/ids.h"

namespace kluis::core {
namespace {

bool IsHexPrefix(absl::string_view ref) {
  return ref.size() >= kMinIdPrefix && ref.size() <= 32 &&
         std::all_of(ref.begin(), ref.end(), [](char c) {
           return absl::ascii_isdigit(c) || (c >= 'a' && c <= 'f');
         });
}

}  // namespace

std::string FoldName(absl::string_view name) {
  const std::string folded = FoldForSearch(std::string(name));
  std::string out;
  out.reserve(folded.size());
  for (char c : folded) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

absl::StatusOr<std::vector<DossierEntry>> MatchDossiers(
    const std::vector<DossierEntry>& all, absl::string_view ref) {
  const std::string trimmed(absl::StripAsciiWhitespace(ref));
  if (trimmed.empty()) {
    return absl::InvalidArgumentError(
        "dossier: give a name or at least 4 characters of an id");
  }
  const std::string lower = absl::AsciiStrToLower(trimmed);
  if (IsValidId(lower)) {
    for (const DossierEntry& e : all) {
      if (e.id == lower) return std::vector<DossierEntry>{e};
    }
    // A whole id is taken as it is: a deleted dossier, which its history
    // and a restore still reach, is not in the index.
    DossierEntry only;
    only.id = lower;
    return std::vector<DossierEntry>{only};
  }
  const std::string name = FoldName(trimmed);
  std::vector<DossierEntry> by_id, equal, containing;
  for (const DossierEntry& e : all) {
    if (IsHexPrefix(lower) && absl::StartsWith(e.id, lower)) {
      by_id.push_back(e);
      continue;
    }
    const std::string folded = FoldName(e.name);
    if (folded == name) {
      equal.push_back(e);
    } else if (absl::StrContains(folded, name)) {
      containing.push_back(e);
    }
  }
  std::vector<DossierEntry> out = std::move(by_id);
  const std::vector<DossierEntry>& named = equal.empty() ? containing : equal;
  out.insert(out.end(), named.begin(), named.end());
  std::sort(out.begin(), out.end(),
            [](const DossierEntry& a, const DossierEntry& b) {
              const std::string fa = FoldName(a.name), fb = FoldName(b.name);
              return fa != fb ? fa < fb : a.id < b.id;
            });
  return out;
}

}  // namespace kluis::core
