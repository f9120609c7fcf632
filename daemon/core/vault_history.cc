// Vault history: versions of a record or a dossier from git's trees (only
// the versions found are decrypted, for their reason), a record as of a
// version, the field-level diff of two versions, and restoring an earlier
// version as a new change; history itself is never rewritten.
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "daemon/core/ids.h"
#include "daemon/core/kind_rules.h"
#include "daemon/core/record_codec.h"
#include "daemon/core/vault.h"

namespace kluis::core {

using kluis::v1::Record;

namespace {

// Every commit kluisd makes names the one place it changes ("dossier ID:
// …", "practice: …") or is a bulk change ("import …"), and every commit is
// signed (kluis audit verify), so history skips, from their messages alone,
// the commits that concern another place: the tree of only one commit in
// thousands needs to be read.
Store::MessageFilter MayChange(const std::string& label) {
  return [prefix = absl::StrCat(label, ":")](absl::string_view message) {
    const bool one_place = absl::StartsWith(message, "dossier ") ||
                           absl::StartsWith(message, "practice:");
    return !one_place || absl::StartsWith(message, prefix);
  };
}

}  // namespace

absl::StatusOr<std::vector<RecordVersion>> Vault::History(
    absl::string_view dossier_id, absl::string_view record_id, absl::Time since,
    absl::Time until) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  if (!record_id.empty()) {
    absl::Status s = CheckId("record_id", record_id);
    if (!s.ok()) return s;
  }
  absl::StatusOr<Place> place = LocateInHistory(dossier_id);
  if (!place.ok()) return place.status();
  const std::string path =
      record_id.empty() ? place->Dir() : place->Path(record_id);
  std::vector<RecordVersion> out;
  absl::Status failed;
  absl::Status s = (*store)->History(
      path, MayChange(place->Label()), [&](const HistoryEntry& h) {
        const absl::Time t = absl::FromUnixSeconds(h.time);
        if (t < since) return false;  // newest first: nothing older matters
        if (t > until) return true;
        for (const PathChange& c : h.changes) {
          if (absl::EndsWith(c.path, kDataSuffix)) continue;
          RecordVersion v;
          v.commit = h.commit;
          v.time = t;
          v.author = "kluisd (the vault's owner)";
          v.operation = c.old_blob.empty()   ? "create"
                        : c.new_blob.empty() ? "delete"
                                             : "update";
          absl::StatusOr<std::string> sealed =
              (*store)->ReadBlob(c.new_blob.empty() ? c.old_blob : c.new_blob);
          absl::StatusOr<std::string> json =
              sealed.ok() ? keys_->Open(place->key_id, *sealed)
                          : sealed.status();
          if (!json.ok()) {
            failed = json.status();
            return false;
          }
          absl::StatusOr<Record> r = DecodeRecord(*json);
          std::fill(json->begin(), json->end(), '\0');
          if (!r.ok()) {
            failed = r.status();
            return false;
          }
          // A head rewritten only for its facts is no change of the record.
          if (v.operation == "update" &&
              r->id() == place->dossier.head_record_id && !c.old_blob.empty()) {
            absl::StatusOr<std::string> old_sealed =
                (*store)->ReadBlob(c.old_blob);
            absl::StatusOr<std::string> old_json =
                old_sealed.ok() ? keys_->Open(place->key_id, *old_sealed)
                                : old_sealed.status();
            if (old_json.ok()) {
              absl::StatusOr<Record> old = DecodeRecord(*old_json);
              std::fill(old_json->begin(), old_json->end(), '\0');
              if (old.ok() && old->updated().SerializeAsString() ==
                                  r->updated().SerializeAsString()) {
                continue;
              }
            }
          }
          v.record_id = r->id();
          v.kind = KindOf(*r);
          if (v.operation != "delete") v.reason = r->reason();
          out.push_back(std::move(v));
        }
        return true;
      });
  if (!s.ok()) return s;
  if (!failed.ok()) return failed;
  return out;
}

absl::StatusOr<std::vector<VaultChange>> Vault::VaultHistory(absl::Time since,
                                                             absl::Time until) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  std::vector<VaultChange> out;
  absl::Status s = (*store)->WalkHistory([&](const CommitRecord& c) {
    const absl::Time t = absl::FromUnixSeconds(c.time);
    if (t < since) return false;
    if (t <= until) {
      out.push_back(
          {c.id, t, std::string(absl::StripAsciiWhitespace(c.message))});
    }
    return true;
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<Record> Vault::GetRecordAt(absl::string_view dossier_id,
                                          absl::string_view record_id,
                                          absl::string_view version) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  absl::Status s = CheckId("record_id", record_id);
  if (s.ok()) s = CheckVersion(version);
  if (!s.ok()) return s;
  absl::StatusOr<Place> place = LocateInHistory(dossier_id);
  if (!place.ok()) return place.status();
  absl::StatusOr<std::string> sealed =
      (*store)->ReadAt(version, place->Path(record_id));
  if (absl::IsNotFound(sealed.status()) && !place->practice &&
      place->dossier.head_record_id.empty()) {
    // A deleted dossier: its head record is at the head's path.
    sealed = (*store)->ReadAt(version, DossierHeadPath(place->dossier.id));
    if (sealed.ok()) {
      absl::StatusOr<Record> head = ReadSealed(place->key_id, *sealed);
      if (!head.ok()) return head.status();
      if (head->id() != record_id) {
        return absl::NotFoundError("version: the record did not exist then");
      }
      return head;
    }
  }
  if (absl::IsNotFound(sealed.status())) {
    return absl::NotFoundError("version: the record did not exist then");
  }
  if (!sealed.ok()) return sealed.status();
  return ReadSealed(place->key_id, *sealed);
}

absl::StatusOr<std::vector<FieldChange>> Vault::Diff(
    absl::string_view dossier_id, absl::string_view record_id,
    absl::string_view older, absl::string_view newer) {
  absl::StatusOr<Record> a = GetRecordAt(dossier_id, record_id, older);
  if (!a.ok()) return a.status();
  absl::StatusOr<Record> b = newer.empty()
                                 ? GetRecord(dossier_id, record_id)
                                 : GetRecordAt(dossier_id, record_id, newer);
  if (!b.ok()) return b.status();
  return DiffRecords(*a, *b);
}

}  // namespace kluis::core
