// Restoring earlier versions as new changes: a record (also a deleted one,
// with its attachment's content), or a whole dossier (also a deleted one)
// as it was at a version, in one commit. History is never rewritten, and
// every restore is journalled with its reason.
#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "daemon/core/dossier_facts.h"
#include "daemon/core/ids.h"
#include "daemon/core/kind_rules.h"
#include "daemon/core/record_codec.h"
#include "daemon/core/validation.h"
#include "daemon/core/vault.h"

namespace kluis::core {

using kluis::v1::Record;

namespace {

// The restored copy is a new version: stamped now (strictly after the
// version it replaces) with the reason of the restore.
void Restamp(Record* r, absl::Time now, const std::string& why) {
  const absl::Time prev = FromProtoTime(r->updated());
  *r->mutable_updated() =
      ToProtoTime(std::max(now, prev + absl::Microseconds(1)));
  r->set_reason(why);
}

}  // namespace

absl::StatusOr<Record> Vault::Restore(absl::string_view dossier_id,
                                      absl::string_view record_id,
                                      absl::string_view version,
                                      absl::string_view reason) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  absl::Status s = CheckVersion(version);
  if (s.ok()) s = ValidateReason(reason);
  if (!s.ok()) return s;
  const std::string why = reason.empty() ? absl::StrCat("restored to version ",
                                                        version.substr(0, 12))
                                         : std::string(reason);
  if (IsErased(*store, dossier_id, record_id)) {
    return RuleRefusal(
        record_id.empty() || IsErased(*store, dossier_id, "") ? "dossier_id"
                                                              : "record_id",
        rule::kRecord,
        N_("erased (see kluis retention erased); it cannot be restored"));
  }
  if (record_id.empty()) {
    if (dossier_id.empty()) {
      return absl::InvalidArgumentError(
          "record_id: required for a practice record; only a dossier is "
          "restored as a whole");
    }
    return RestoreDossier(dossier_id, version, why);
  }
  absl::StatusOr<Record> old = GetRecordAt(dossier_id, record_id, version);
  if (!old.ok()) return old.status();
  absl::StatusOr<Record> now = GetRecord(dossier_id, record_id);
  absl::StatusOr<Record> restored;
  if (absl::IsNotFound(now.status())) {
    restored =
        RestoreDeletedRecord(*store, dossier_id, std::move(*old), version, why);
  } else if (!now.ok()) {
    return now.status();
  } else {
    restored = UpdateRecord(dossier_id, std::move(*old),
                            ToRfc3339(FromProtoTime(now->updated())), why);
  }
  if (restored.ok()) {
    s = Journalled(Journal(*store, "restore", dossier_id, "ok", why));
    if (!s.ok()) return s;
  }
  return restored;
}

absl::StatusOr<Record> Vault::RestoreDeletedRecord(Store* store,
                                                   absl::string_view dossier_id,
                                                   Record old,
                                                   absl::string_view version,
                                                   const std::string& why) {
  absl::MutexLock lock(&write_mu_);
  if (absl::Status ready = Ready().status(); !ready.ok()) return ready;
  absl::StatusOr<Place> place = Locate(dossier_id);
  if (absl::IsNotFound(place.status())) {
    return RuleRefusal("dossier_id", rule::kRecord,
                       N_("the dossier was deleted; restore the whole dossier "
                          "first (kluis restore DOSSIER VERSION)"));
  }
  if (!place.ok()) return place.status();
  if (!place->practice && old.id() == place->dossier.head_record_id) {
    return RuleRefusal("record_id", rule::kRecord,
                       N_("the head record goes only with its dossier"));
  }
  const std::string path = place->Path(old.id());
  if (absl::Status gone = store->Read(path).status(); !absl::IsNotFound(gone)) {
    if (!gone.ok()) return gone;
    return RuleRefusal(
        "record_id", rule::kRecord,
        N_("the record exists again; restore it as a new version"));
  }
  absl::Status s = CheckReferences(store, *place, old);
  if (!s.ok()) return s;
  const absl::Time now = clock_->Now();
  Restamp(&old, now, why);
  absl::StatusOr<std::string> sealed = SealRecord(place->key_id, old);
  if (!sealed.ok()) return sealed.status();
  std::vector<StoreChange> changes = {{path, std::move(*sealed)}};
  if (old.has_attachment()) {
    // The content comes back as the very blob it was.
    absl::StatusOr<std::map<std::string, std::string>> then =
        store->FilesAt(version, place->Dir());
    if (!then.ok()) return then.status();
    auto data = then->find(absl::StrCat(old.id(), kDataSuffix));
    if (data == then->end()) {
      return absl::DataLossError(
          "version: the attachment's content is missing at that version");
    }
    changes.push_back({AttachmentDataPath(place->dossier.id, old.id()),
                       std::nullopt, data->second});
  }
  std::optional<Record> head;
  if (AffectsFacts(old)) {
    s = FoldIntoHead(store, *place, old.id(), &old, &changes, &head);
    if (!s.ok()) return s;
  }
  absl::StatusOr<std::string> commit = store->Commit(
      changes, absl::StrCat(place->Label(), ": restore record ", old.id()));
  if (!commit.ok()) return commit.status();
  Reindex(*place, &old, head, +1, now);
  return old;
}

absl::StatusOr<Record> Vault::RestoreDossier(absl::string_view dossier_id,
                                             absl::string_view version,
                                             const std::string& why) {
  absl::Status s = CheckId("dossier_id", dossier_id);
  if (!s.ok()) return s;
  const std::string id(dossier_id);
  const std::string dir = DossierDir(id);
  const std::string head_name(kHeadFile);
  absl::MutexLock lock(&write_mu_);
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  absl::StatusOr<std::map<std::string, std::string>> then =
      (*store)->FilesAt(version, dir);
  if (!then.ok()) return then.status();
  if (then->find(head_name) == then->end()) {
    return absl::NotFoundError(
        "version: the dossier did not exist then (pick a version from "
        "before its deletion: kluis history DOSSIER)");
  }
  absl::StatusOr<std::map<std::string, std::string>> current =
      (*store)->FilesAt("", dir);
  if (!current.ok()) return current.status();
  const absl::Time now = clock_->Now();
  std::vector<StoreChange> changes;
  for (const auto& [name, blob] : *then) {
    auto it = current->find(name);
    if (it != current->end() && it->second == blob) continue;  // unchanged
    const std::string path = absl::StrCat(dir, "/", name);
    if (absl::EndsWith(name, kDataSuffix)) {
      changes.push_back({path, std::nullopt, blob});
      continue;
    }
    absl::StatusOr<std::string> sealed = (*store)->ReadBlob(blob);
    if (!sealed.ok()) return sealed.status();
    absl::StatusOr<Record> r = ReadSealed(id, *sealed);
    if (absl::IsNotFound(r.status())) {
      return RuleRefusal("dossier_id", rule::kRecord,
                         N_("the dossier's key is gone (erased); it cannot be "
                            "restored"));
    }
    if (!r.ok()) return r.status();
    Restamp(&*r, now, why);
    absl::StatusOr<std::string> resealed = SealRecord(id, *r);
    if (!resealed.ok()) return resealed.status();
    changes.push_back({path, std::move(*resealed)});
  }
  for (const auto& [name, blob] : *current) {
    if (then->find(name) == then->end()) {
      changes.push_back({absl::StrCat(dir, "/", name), std::nullopt});
    }
  }
  if (!changes.empty()) {
    absl::StatusOr<std::string> commit = (*store)->Commit(
        changes,
        absl::StrCat("dossier ", id, ": restore to ", version.substr(0, 12)));
    if (!commit.ok()) return commit.status();
  }
  absl::StatusOr<DossierEntry> entry = LoadDossierEntry(*store, id);
  if (!entry.ok()) return entry.status();
  index_.Put(*entry);
  if (!changes.empty()) {
    s = Journalled(Journal(*store, "restore", id, "ok", why));
    if (!s.ok()) return s;
  }
  return ReadRecord(*store, id, DossierHeadPath(id));
}

}  // namespace kluis::core
