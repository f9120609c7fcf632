// Vault record operations, in a dossier or at practice level. Each mutation
// is one commit: the record is validated, wrapped in its envelope,
// encrypted to its dossier's (or the practice's) key, and committed with
// the dossier's head when the record changes the dossier's facts.
#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "daemon/core/dossier_facts.h"
#include "daemon/core/ids.h"
#include "daemon/core/kind_rules.h"
#include "daemon/core/record_codec.h"
#include "daemon/core/register_rules.h"
#include "daemon/core/validation.h"
#include "daemon/core/vault.h"

namespace kluis::core {

using kluis::v1::Record;
using kluis::v1::RecordKind;

absl::StatusOr<std::string> Vault::CreateRecord(absl::string_view dossier_id,
                                                Record record,
                                                absl::string_view reason) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  const RecordKind kind = KindOf(record);
  if (IsHeadKind(kind)) {
    return absl::InvalidArgumentError(
        "record: a dossier has one client (or case) record, made with the "
        "dossier");
  }
  if (kind == kluis::v1::RECORD_KIND_ATTACHMENT) {
    return absl::InvalidArgumentError(
        "record: attachments are uploaded with their content "
        "(Attachments.Upload, kluis attach)");
  }
  record.clear_facts();
  absl::Status s = NormalizeAndValidate(&record);
  if (s.ok()) s = ValidateReason(reason);
  if (s.ok()) s = CheckReasonAllowed(record, reason);
  if (!s.ok()) return s;
  const absl::Time now = clock_->Now();
  absl::MutexLock lock(&write_mu_);
  if (absl::Status ready = Ready().status(); !ready.ok()) return ready;
  absl::StatusOr<Place> place = Locate(dossier_id);
  if (!place.ok()) return place.status();
  s = CheckPlacement(*place, record);
  if (s.ok()) s = CheckReferences(*store, *place, record);
  if (s.ok()) s = FillDeleteBy(*store, &record);
  if (!s.ok()) return s;
  if (place->practice) {
    if (kind == kluis::v1::RECORD_KIND_PRACTICE_PROFILE) {
      absl::MutexLock p(&profile_mu_);
      if (profile_.has_value()) {
        return absl::AlreadyExistsError(
            "practice_profile: the practice has one; update it");
      }
    }
    s = EnsurePracticeKey(*store);
    if (!s.ok()) return s;
  }
  const std::string id = NewId();
  Stamp(&record, id, place->practice ? "" : place->dossier.id, now, reason);
  absl::StatusOr<std::string> sealed = SealRecord(place->key_id, record);
  if (!sealed.ok()) return sealed.status();
  std::vector<StoreChange> changes = {{place->Path(id), std::move(*sealed)}};
  std::optional<Record> head;
  if (AffectsFacts(record)) {
    s = FoldIntoHead(*store, *place, id, &record, &changes, &head);
    if (!s.ok()) return s;
  }
  // A disclosure is journalled before it is saved: one the journal cannot
  // record is not made (and a retry makes no second one).
  if (record.has_disclosure()) {
    s = Journal(*store, "disclosure", place->dossier.id, "ok",
                DisclosureSummary(record.disclosure()));
    if (!s.ok()) return s;
  }
  absl::StatusOr<std::string> commit = (*store)->Commit(
      changes, absl::StrCat(place->Label(), ": add record ", id));
  if (!commit.ok()) {
    if (record.has_disclosure()) {
      (void)Journal(*store, "disclosure", place->dossier.id, "failed",
                    "not saved");  // a failure shows in status by itself
    }
    return commit.status();
  }
  Reindex(*place, &record, head, +1, now);
  return id;
}

absl::StatusOr<Record> Vault::GetRecord(absl::string_view dossier_id,
                                        absl::string_view record_id) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  absl::Status s = CheckId("record_id", record_id);
  if (!s.ok()) return s;
  absl::StatusOr<Place> place = Locate(dossier_id);
  if (!place.ok()) return place.status();
  absl::StatusOr<Record> r =
      ReadRecord(*store, place->key_id, place->Path(record_id));
  if (absl::IsNotFound(r.status())) {
    return absl::NotFoundError("record_id: no such record in this dossier");
  }
  return r;
}

absl::StatusOr<std::vector<Record>> Vault::ListRecords(
    absl::string_view dossier_id, RecordKind kind) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  if (!kluis::v1::RecordKind_IsValid(kind)) {
    return absl::InvalidArgumentError("kind: unknown value");
  }
  absl::StatusOr<Place> place = Locate(dossier_id);
  if (!place.ok()) return place.status();
  absl::StatusOr<std::vector<std::string>> files = (*store)->List(place->Dir());
  if (!files.ok()) return files.status();
  std::vector<Record> out;
  for (const std::string& f : *files) {
    if (!IsRecordFile(f)) continue;
    absl::StatusOr<Record> r =
        ReadRecord(*store, place->key_id, absl::StrCat(place->Dir(), "/", f));
    if (!r.ok()) return r.status();
    if (kind == kluis::v1::RECORD_KIND_UNSPECIFIED || r->kind() == kind) {
      out.push_back(std::move(*r));
    }
  }
  std::sort(out.begin(), out.end(), [](const Record& a, const Record& b) {
    const absl::Time ta = FromProtoTime(a.created()),
                     tb = FromProtoTime(b.created());
    return ta != tb ? ta < tb : a.id() < b.id();
  });
  return out;
}

absl::StatusOr<Record> Vault::UpdateRecord(absl::string_view dossier_id,
                                           Record record,
                                           absl::string_view expected_updated,
                                           absl::string_view reason) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  absl::Status s = CheckId("record.id", record.id());
  if (s.ok()) s = NormalizeAndValidate(&record);
  if (s.ok()) s = ValidateReason(reason);
  if (s.ok()) s = CheckReasonAllowed(record, reason);
  if (!s.ok()) return s;
  absl::Time expected;
  if (!expected_updated.empty()) {
    std::string err;
    if (!absl::ParseTime(absl::RFC3339_full, expected_updated, &expected,
                         &err)) {
      return absl::InvalidArgumentError(
          "expected_updated: not an RFC 3339 time");
    }
  }
  absl::MutexLock lock(&write_mu_);
  if (absl::Status ready = Ready().status(); !ready.ok()) return ready;
  absl::StatusOr<Place> place = Locate(dossier_id);
  if (!place.ok()) return place.status();
  const std::string path = place->Path(record.id());
  absl::StatusOr<Record> old = ReadRecord(*store, place->key_id, path);
  if (absl::IsNotFound(old.status())) {
    return absl::NotFoundError("record.id: no such record in this dossier");
  }
  if (!old.ok()) return old.status();
  if (KindOf(*old) != KindOf(record)) {
    return absl::InvalidArgumentError(
        "record: the kind of a record cannot change");
  }
  if (!expected_updated.empty() && expected != FromProtoTime(old->updated())) {
    return ChangedSinceRead("expected_updated",
                            N_("the record changed since; reload and retry"));
  }
  if (record.has_attachment()) {
    // The content is immutable: size and digest stay those of the upload.
    record.mutable_attachment()->set_size(old->attachment().size());
    record.mutable_attachment()->set_sha256(old->attachment().sha256());
  }
  s = CheckReferences(*store, *place, record);
  if (s.ok()) s = FillDeleteBy(*store, &record);
  if (!s.ok()) return s;
  const absl::Time now = clock_->Now();
  // The envelope (id, created, facts) stays; body and reason are replaced.
  Record next = std::move(*old);
  const google::protobuf::FieldDescriptor* body =
      record.GetReflection()->GetOneofFieldDescriptor(
          record, Record::descriptor()->FindOneofByName("body"));
  next.GetReflection()
      ->MutableMessage(&next, body)
      ->CopyFrom(record.GetReflection()->GetMessage(record, body));
  // Strictly later than the version it replaces, even on a coarse clock.
  const absl::Time prev = FromProtoTime(next.updated());
  *next.mutable_updated() =
      ToProtoTime(std::max(now, prev + absl::Microseconds(1)));
  next.set_reason(std::string(reason));
  const bool is_head =
      !place->practice && next.id() == place->dossier.head_record_id;
  std::vector<StoreChange> changes;
  std::optional<Record> head;
  if (!is_head && AffectsFacts(next)) {
    s = FoldIntoHead(*store, *place, next.id(), &next, &changes, &head);
    if (!s.ok()) return s;
  }
  absl::StatusOr<std::string> sealed = SealRecord(place->key_id, next);
  if (!sealed.ok()) return sealed.status();
  changes.insert(changes.begin(), {path, std::move(*sealed)});
  if (is_head) head = next;
  absl::StatusOr<std::string> commit = (*store)->Commit(
      changes, absl::StrCat(place->Label(), ": update record ", next.id()));
  if (!commit.ok()) return commit.status();
  Reindex(*place, &next, head, 0, now);
  return next;
}

absl::Status Vault::DeleteRecord(absl::string_view dossier_id,
                                 absl::string_view record_id) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  absl::Status s = CheckId("record_id", record_id);
  if (!s.ok()) return s;
  absl::MutexLock lock(&write_mu_);
  if (absl::Status ready = Ready().status(); !ready.ok()) return ready;
  absl::StatusOr<Place> place = Locate(dossier_id);
  if (!place.ok()) return place.status();
  if (!place->practice && record_id == place->dossier.head_record_id) {
    return absl::InvalidArgumentError(
        "record_id: the head record goes only with its dossier");
  }
  const std::string path = place->Path(record_id);
  absl::StatusOr<Record> old = ReadRecord(*store, place->key_id, path);
  if (absl::IsNotFound(old.status())) {
    return absl::NotFoundError("record_id: no such record in this dossier");
  }
  if (!old.ok()) return old.status();
  if (old->has_practice_profile()) {
    return RuleRefusal("record_id", rule::kRecord,
                       N_("the practice profile can be changed, not deleted"));
  }
  if (old->has_organisation()) {
    const size_t linked = index_.CountLinked(old->id());
    if (linked > 0) {
      return RuleRefusal("record_id", rule::kRecord,
                         absl::StrCat("the organisation is linked to ", linked,
                                      " dossiers; unlink them first"));
    }
  }
  if (old->has_consent()) {
    s = CheckConsentUnused(*store, *place, record_id);
    if (!s.ok()) return s;
  }
  std::vector<StoreChange> changes = {{path, std::nullopt}};
  if (old->has_attachment()) {
    changes.push_back(
        {AttachmentDataPath(place->dossier.id, record_id), std::nullopt});
  }
  std::optional<Record> head;
  if (AffectsFacts(*old)) {
    s = FoldIntoHead(*store, *place, old->id(), nullptr, &changes, &head);
    if (!s.ok()) return s;
  }
  absl::StatusOr<std::string> commit = (*store)->Commit(
      changes, absl::StrCat(place->Label(), ": delete record ", record_id));
  if (!commit.ok()) return commit.status();
  if (place->practice && old->has_organisation()) {
    index_.RemoveOrganisation(old->id());
  }
  Reindex(*place, nullptr, head, -1, clock_->Now());
  return absl::OkStatus();
}

}  // namespace kluis::core
