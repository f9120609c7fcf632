// The in-memory index of dossiers (id, name, kind, organisations, period,
// record count, last change) and of the practice's organisations, that
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
#include "kluis/v1/records.pb.h"

namespace kluis::core {

struct DossierEntry {
  std::string id;
  std::string head_record_id;
  std::string name;      // personal data: the client, or a case's reporter
  std::string city;      // personal data: the client's city ("" for a case)
  uint32_t records = 0;  // including the head record
  absl::Time updated;
  kluis::v1::DossierKind kind = kluis::v1::DOSSIER_KIND_COACHING;
  std::vector<std::string> organisation_ids;  // sorted
  std::string start_date, end_date;           // "" when unknown / open
  // Each working note's effective expiry; "" while the trajectory is open.
  std::map<std::string, std::string> working_notes;  // record id → expiry
  // Correspondence marked answered: record id → answered date.
  std::map<std::string, std::string> answered_mail;
  // Disclosures to a processor not confirmed deleted: id → delete-by date.
  std::map<std::string, std::string> processor_copies;
  // The client's own retention term from the agreement that ends last
  // (0: the practice's default).
  uint32_t retention_years = 0;
  // The client objected to retention on this day ("" when not).
  std::string objection_date;

  // Closed once its end date has passed (a case: once it has a closed date).
  bool Closed(const std::string& today) const;
  uint32_t OverdueWorkingNotes(const std::string& today) const;
};

// Every set criterion must match.
struct DossierQuery {
  std::string name;          // substring, accents and case ignored
  std::string organisation;  // substring of a linked organisation's name
  kluis::v1::DossierKind kind = kluis::v1::DOSSIER_KIND_UNSPECIFIED;
  std::string from_date, to_date;  // period overlaps [from, to]
  enum class State { kAny, kOpen, kClosed } state = State::kAny;
  size_t limit = 0;  // 0: no limit
  std::string today;
};

class DossierIndex {
 public:
  void Put(DossierEntry entry);
  void Remove(const std::string& id);
  std::optional<DossierEntry> Get(const std::string& id) const;
  // Adjusts the record count and the last-change time of one dossier.
  void Touch(const std::string& id, int record_delta, absl::Time when);
  // Matches sorted by name (accents and case folded), then id.
  std::vector<DossierEntry> Search(const DossierQuery& query) const;
  // Dossiers linked to an organisation.
  size_t CountLinked(const std::string& organisation_id) const;
  std::vector<DossierEntry> All() const;
  size_t size() const;
  void Clear();

  // The practice's organisations, by id (names are personal data only in
  // so far as they name a person's employer).
  void PutOrganisation(const std::string& id, const std::string& name);
  void RemoveOrganisation(const std::string& id);
  std::optional<std::string> OrganisationName(const std::string& id) const;

 private:
  mutable absl::Mutex mu_;
  std::map<std::string, DossierEntry> by_id_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, std::string> folded_ ABSL_GUARDED_BY(mu_);  // id → key
  std::map<std::string, std::string> organisations_ ABSL_GUARDED_BY(mu_);
};

// Lower-cases ASCII and folds common Latin accents (é → e), for search.
std::string FoldForSearch(const std::string& text);

}  // namespace kluis::core

#endif  // KLUIS_DAEMON_CORE_DOSSIER_INDEX_H_
