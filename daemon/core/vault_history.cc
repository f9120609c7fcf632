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

bool IsVersionId(absl::string_view v) {
  return v.size() == 40 &&
         v.find_first_not_of("0123456789abcdef") == absl::string_view::npos;
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
  absl::StatusOr<Place> place = Locate(dossier_id);
  if (!place.ok()) return place.status();
  const std::string path =
      record_id.empty() ? place->Dir() : place->Path(record_id);
  std::vector<RecordVersion> out;
  absl::Status failed;
  absl::Status s = (*store)->History(path, [&](const HistoryEntry& h) {
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
          sealed.ok() ? keys_->Open(place->key_id, *sealed) : sealed.status();
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
      if (v.operation == "update" && r->id() == place->dossier.head_record_id &&
          !c.old_blob.empty()) {
        absl::StatusOr<std::string> old_sealed = (*store)->ReadBlob(c.old_blob);
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
  if (!s.ok()) return s;
  if (!IsVersionId(version)) {
    return absl::InvalidArgumentError(
        "version: not a version id (40 hex digits, from kluis history)");
  }
  absl::StatusOr<Place> place = Locate(dossier_id);
  if (!place.ok()) return place.status();
  absl::StatusOr<std::string> sealed =
      (*store)->ReadAt(version, place->Path(record_id));
  if (absl::IsNotFound(sealed.status())) {
    return absl::NotFoundError("version: the record did not exist then");
  }
  if (!sealed.ok()) return sealed.status();
  absl::StatusOr<std::string> json = keys_->Open(place->key_id, *sealed);
  if (!json.ok()) return json.status();
  absl::StatusOr<Record> r = DecodeRecord(*json);
  std::fill(json->begin(), json->end(), '\0');
  return r;
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

absl::StatusOr<Record> Vault::Restore(absl::string_view dossier_id,
                                      absl::string_view record_id,
                                      absl::string_view version,
                                      absl::string_view reason) {
  absl::StatusOr<Record> old = GetRecordAt(dossier_id, record_id, version);
  if (!old.ok()) return old.status();
  absl::StatusOr<Record> now = GetRecord(dossier_id, record_id);
  if (absl::IsNotFound(now.status())) {
    return absl::FailedPreconditionError(
        "record_id: the record was deleted; restoring a deleted record is "
        "not supported yet");
  }
  if (!now.ok()) return now.status();
  const std::string why = reason.empty() ? absl::StrCat("restored to version ",
                                                        version.substr(0, 12))
                                         : std::string(reason);
  absl::StatusOr<Record> restored =
      UpdateRecord(dossier_id, std::move(*old),
                   ToRfc3339(FromProtoTime(now->updated())), why);
  if (restored.ok()) {
    absl::StatusOr<Store*> store = Ready();
    if (store.ok()) (void)Journal(*store, "restore", dossier_id, "ok", why);
  }
  return restored;
}

}  // namespace kluis::core
