// The in-memory index of dossiers (id, name, record count, last change) that
// makes listing and search fast. It holds personal data, so it exists only
// while the vault is unlocked: built at unlock, cleared at lock, never
// written to disk.
//
// Thread-safety: all methods are safe for concurrent use (one mutex).
#ifndef KLUIS_DAEMON_CORE_DOSSIER_INDEX_H_
#define KLUIS_DAEMON_CORE_DOSSIER_INDEX_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace kluis::core {

struct DossierEntry {
  std::string id;
  std::string head_record_id;
  std::string name;      // personal data
  uint32_t records = 0;  // including the client record
  absl::Time updated;
};

class DossierIndex {
 public:
  void Put(DossierEntry entry);
  void Remove(const std::string& id);
  std::optional<DossierEntry> Get(const std::string& id) const;
  // Adjusts the record count and the last-change time of one dossier.
  void Touch(const std::string& id, int record_delta, absl::Time when);
  // Case-insensitive substring match on the name; all when `query` is
  // empty. Sorted by name, then id. `limit` 0 means no limit.
  std::vector<DossierEntry> Search(const std::string& query,
                                   size_t limit) const;
  size_t size() const;
  void Clear();

 private:
  mutable absl::Mutex mu_;
  std::map<std::string, DossierEntry> by_id_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, std::string> folded_ ABSL_GUARDED_BY(mu_);  // id → key
};

// Lower-cases ASCII and folds common Latin accents (é → e), for search.
std::string FoldForSearch(const std::string& text);

}  // namespace kluis::core

#endif  // KLUIS_DAEMON_CORE_DOSSIER_INDEX_H_
