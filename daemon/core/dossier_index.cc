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

bool DossierEntry::Closed(const std::string& today) const {
  if (kind == kluis::v1::DOSSIER_KIND_CASE) return !end_date.empty();
  return !end_date.empty() && end_date < today;
}

uint32_t DossierEntry::OverdueWorkingNotes(const std::string& today) const {
  uint32_t n = 0;
  for (const auto& [note, e] : working_notes) {
    n += !e.empty() && e < today;
  }
  return n;
}

std::vector<DossierEntry> DossierIndex::Search(const DossierQuery& q) const {
  const std::string name = FoldForSearch(q.name);
  const std::string org = FoldForSearch(q.organisation);
  std::vector<std::pair<std::string, DossierEntry>> hits;  // folded name
  {
    absl::MutexLock lock(&mu_);
    for (const auto& [id, key] : folded_) {
      if (!name.empty() && !absl::StrContains(key, name)) continue;
      const DossierEntry& e = by_id_.at(id);
      if (q.kind != kluis::v1::DOSSIER_KIND_UNSPECIFIED && e.kind != q.kind) {
        continue;
      }
      if (!org.empty()) {
        bool hit = false;
        for (const std::string& o : e.organisation_ids) {
          auto it = organisations_.find(o);
          hit |= it != organisations_.end() &&
                 absl::StrContains(FoldForSearch(it->second), org);
        }
        if (!hit) continue;
      }
      // Overlap of [start, end] with [from, to]; an unknown start or an
      // open end extends as far as it can.
      if (!q.to_date.empty() && !e.start_date.empty() &&
          e.start_date > q.to_date) {
        continue;
      }
      if (!q.from_date.empty() && !e.end_date.empty() &&
          e.end_date < q.from_date) {
        continue;
      }
      if (q.state != DossierQuery::State::kAny &&
          e.Closed(q.today) != (q.state == DossierQuery::State::kClosed)) {
        continue;
      }
      hits.emplace_back(key, e);
    }
  }
  // Alphabetical as a person reads it: accents and case folded.
  std::sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second.id < b.second.id;
  });
  if (q.limit > 0 && hits.size() > q.limit) hits.resize(q.limit);
  std::vector<DossierEntry> out;
  out.reserve(hits.size());
  for (auto& h : hits) out.push_back(std::move(h.second));
  return out;
}

size_t DossierIndex::CountLinked(const std::string& organisation_id) const {
  absl::MutexLock lock(&mu_);
  size_t n = 0;
  for (const auto& [id, e] : by_id_) {
    n += std::binary_search(e.organisation_ids.begin(),
                            e.organisation_ids.end(), organisation_id);
  }
  return n;
}

std::vector<DossierEntry> DossierIndex::All() const {
  absl::MutexLock lock(&mu_);
  std::vector<DossierEntry> out;
  out.reserve(by_id_.size());
  for (const auto& [id, e] : by_id_) out.push_back(e);
  return out;
}

void DossierIndex::PutOrganisation(const std::string& id,
                                   const std::string& name) {
  absl::MutexLock lock(&mu_);
  organisations_[id] = name;
}

void DossierIndex::RemoveOrganisation(const std::string& id) {
  absl::MutexLock lock(&mu_);
  organisations_.erase(id);
}

std::optional<std::string> DossierIndex::OrganisationName(
    const std::string& id) const {
  absl::MutexLock lock(&mu_);
  auto it = organisations_.find(id);
  if (it == organisations_.end()) return std::nullopt;
  return it->second;
}

size_t DossierIndex::size() const {
  absl::MutexLock lock(&mu_);
  return by_id_.size();
}

void DossierIndex::Clear() {
  absl::MutexLock lock(&mu_);
  by_id_.clear();
  folded_.clear();
  organisations_.clear();
}

}  // namespace kluis::core
