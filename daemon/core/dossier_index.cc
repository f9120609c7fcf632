#include "daemon/core/dossier_index.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace kluis::core {

std::string FoldForSearch(const std::string& text) {
  // Two-byte UTF-8 Latin-1 letters with accents map to their base letter.
  static const char kFold[64] = {
      'a', 'a', 'a', 'a', 'a', 'a', 'a', 'c', 'e', 'e', 'e', 'e', 'i',
      'i', 'i', 'i', 'd', 'n', 'o', 'o', 'o', 'o', 'o', 0,   'o', 'u',
      'u', 'u', 'u', 'y', 0,   0,   'a', 'a', 'a', 'a', 'a', 'a', 'a',
      'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i', 'd', 'n', 'o', 'o',
      'o', 'o', 'o', 0,   'o', 'u', 'u', 'u', 'u', 'y', 0,   'y'};
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == 0xC3 && i + 1 < text.size()) {
      const unsigned char n = static_cast<unsigned char>(text[i + 1]);
      if (n >= 0x80 && n <= 0xBF && kFold[n - 0x80] != 0) {
        out.push_back(kFold[n - 0x80]);
        ++i;
        continue;
      }
    }
    out.push_back(absl::ascii_tolower(static_cast<char>(c)));
  }
  return out;
}

void DossierIndex::Put(DossierEntry entry) {
  absl::MutexLock lock(&mu_);
  folded_[entry.id] = FoldForSearch(entry.name);
  by_id_[entry.id] = std::move(entry);
}

void DossierIndex::Remove(const std::string& id) {
  absl::MutexLock lock(&mu_);
  by_id_.erase(id);
  folded_.erase(id);
}

std::optional<DossierEntry> DossierIndex::Get(const std::string& id) const {
  absl::MutexLock lock(&mu_);
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return std::nullopt;
  return it->second;
}

void DossierIndex::Touch(const std::string& id, int record_delta,
                         absl::Time when) {
  absl::MutexLock lock(&mu_);
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return;
  it->second.records = static_cast<uint32_t>(
      std::max<int64_t>(0, int64_t{it->second.records} + record_delta));
  it->second.updated = std::max(it->second.updated, when);
}

std::vector<DossierEntry> DossierIndex::Search(const std::string& query,
                                               size_t limit) const {
  const std::string q = FoldForSearch(query);
  std::vector<DossierEntry> out;
  {
    absl::MutexLock lock(&mu_);
    for (const auto& [id, key] : folded_) {
      if (q.empty() || absl::StrContains(key, q)) out.push_back(by_id_.at(id));
    }
  }
  std::sort(out.begin(), out.end(),
            [](const DossierEntry& a, const DossierEntry& b) {
              return a.name != b.name ? a.name < b.name : a.id < b.id;
            });
  if (limit > 0 && out.size() > limit) out.resize(limit);
  return out;
}

size_t DossierIndex::size() const {
  absl::MutexLock lock(&mu_);
  return by_id_.size();
}

void DossierIndex::Clear() {
  absl::MutexLock lock(&mu_);
  by_id_.clear();
  folded_.clear();
}

}  // namespace kluis::core
