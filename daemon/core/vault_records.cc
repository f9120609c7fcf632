// Vault data operations: dossiers and their records. Each mutation is one
// commit; the record is validated, wrapped in its envelope, encrypted to its
// dossier's key, and only then written.
#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "daemon/core/ids.h"
#include "daemon/core/record_codec.h"
#include "daemon/core/validation.h"
#include "daemon/core/vault.h"

namespace kluis::core {

using kluis::v1::Record;
using kluis::v1::RecordKind;

absl::StatusOr<Record> Vault::ReadRecord(Store* store,
                                         absl::string_view dossier_id,
                                         const std::string& path) {
  absl::StatusOr<std::string> sealed = store->Read(path);
  if (!sealed.ok()) return sealed.status();
  absl::StatusOr<std::string> json = keys_->Open(dossier_id, *sealed);
  if (!json.ok()) return json.status();
  absl::StatusOr<Record> record = DecodeRecord(*json);
  std::fill(json->begin(), json->end(), '\0');
  return record;
}

absl::StatusOr<std::string> Vault::SealRecord(absl::string_view dossier_id,
                                              const Record& record) {
  absl::StatusOr<std::string> json = EncodeRecord(record);
  if (!json.ok()) return json.status();
  absl::StatusOr<std::string> sealed = keys_->Seal(dossier_id, *json);
  std::fill(json->begin(), json->end(), '\0');
  return sealed;
}

absl::StatusOr<DossierEntry> Vault::RequireDossier(
    absl::string_view dossier_id) {
  absl::Status s = CheckId("dossier_id", dossier_id);
  if (!s.ok()) return s;
  std::optional<DossierEntry> e = index_.Get(std::string(dossier_id));
  if (!e.has_value()) return absl::NotFoundError("dossier_id: no such dossier");
  return *e;
}

std::string Vault::PathOf(const DossierEntry& dossier,
                          absl::string_view record_id) {
  return record_id == dossier.head_record_id
             ? DossierHeadPath(dossier.id)
             : RecordPath(dossier.id, record_id);
}

absl::Status Vault::NormalizeAndValidate(Record* record) {
  const absl::Time now = clock_->Now();
  switch (record->body_case()) {
    case Record::kClient:
      NormalizeClient(record->mutable_client());
      return ValidateClient(record->client(), now);
    case Record::kNote:
      NormalizeNote(record->mutable_note());
      if (record->note().date().empty()) {
        record->mutable_note()->set_date(
            absl::FormatTime("%Y-%m-%d", now, absl::LocalTimeZone()));
      }
      return ValidateNote(record->note(), now);
    case Record::BODY_NOT_SET:
      break;
  }
  return absl::InvalidArgumentError(
      "record: a body (client or note) is required");
}

void Vault::Stamp(Record* record, const std::string& id,
                  const std::string& dossier_id, absl::Time now,
                  absl::string_view reason) {
  record->set_id(id);
  record->set_dossier_id(dossier_id);
  record->set_kind(KindOf(*record));
  record->set_schema_version(kRecordSchemaVersion);
  *record->mutable_created() = ToProtoTime(now);
  *record->mutable_updated() = ToProtoTime(now);
  record->set_reason(std::string(reason));
}

absl::StatusOr<CreatedDossier> Vault::CreateDossier(kluis::v1::Client client,
                                                    absl::string_view reason) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  Record record;
  *record.mutable_client() = std::move(client);
  absl::Status s = NormalizeAndValidate(&record);
  if (s.ok()) s = ValidateReason(reason);
  if (!s.ok()) return s;

  const absl::Time now = clock_->Now();
  CreatedDossier ids{NewId(), NewId()};
  Stamp(&record, ids.record_id, ids.dossier_id, now, reason);

  absl::MutexLock lock(&write_mu_);
  if (absl::Status ready = Ready().status(); !ready.ok()) return ready;
  // The key file is durable before any commit refers to it; a crash in
  // between leaves an unused key, never an unreadable record.
  s = keys_->CreateDossierKey(ids.dossier_id);
  if (!s.ok()) return s;
  absl::StatusOr<std::string> sealed = SealRecord(ids.dossier_id, record);
  if (!sealed.ok()) return sealed.status();
  absl::StatusOr<std::string> commit =
      (*store)->Commit({{DossierHeadPath(ids.dossier_id), std::move(*sealed)}},
                       absl::StrCat("dossier ", ids.dossier_id, ": create"));
  if (!commit.ok()) return commit.status();
  index_.Put(DossierEntry{ids.dossier_id, ids.record_id, record.client().name(),
                          1, now});
  return ids;
}

absl::StatusOr<DossierView> Vault::GetDossier(absl::string_view dossier_id) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  absl::StatusOr<DossierEntry> entry = RequireDossier(dossier_id);
  if (!entry.ok()) return entry.status();
  absl::StatusOr<std::vector<Record>> all =
      ListRecords(dossier_id, kluis::v1::RECORD_KIND_UNSPECIFIED);
  if (!all.ok()) return all.status();
  DossierView view;
  for (Record& r : *all) {
    if (r.id() == entry->head_record_id) {
      view.client = std::move(r);
    } else {
      view.records.push_back(std::move(r));
    }
  }
  return view;
}

absl::StatusOr<std::vector<DossierEntry>> Vault::ListDossiers(
    const std::string& query, size_t limit) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  if (query.size() > kMaxNameChars * 4) {
    return absl::InvalidArgumentError("query: longer than a name can be");
  }
  return index_.Search(query, limit);
}

absl::Status Vault::DeleteDossier(absl::string_view dossier_id) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  absl::MutexLock lock(&write_mu_);
  if (absl::Status ready = Ready().status(); !ready.ok()) return ready;
  absl::StatusOr<DossierEntry> entry = RequireDossier(dossier_id);
  if (!entry.ok()) return entry.status();
  absl::StatusOr<std::vector<std::string>> files =
      (*store)->List(DossierDir(entry->id));
  if (!files.ok()) return files.status();
  std::vector<StoreChange> changes;
  for (const std::string& f : *files) {
    changes.push_back(
        {absl::StrCat(DossierDir(entry->id), "/", f), std::nullopt});
  }
  absl::StatusOr<std::string> commit = (*store)->Commit(
      changes, absl::StrCat("dossier ", entry->id, ": delete"));
  if (!commit.ok()) return commit.status();
  index_.Remove(entry->id);
  return absl::OkStatus();
}

absl::StatusOr<std::string> Vault::CreateRecord(absl::string_view dossier_id,
                                                Record record,
                                                absl::string_view reason) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  if (record.body_case() == Record::kClient) {
    return absl::InvalidArgumentError(
        "record: a dossier has one client record, made with the dossier");
  }
  absl::Status s = NormalizeAndValidate(&record);
  if (s.ok()) s = ValidateReason(reason);
  if (!s.ok()) return s;
  const absl::Time now = clock_->Now();
  absl::MutexLock lock(&write_mu_);
  if (absl::Status ready = Ready().status(); !ready.ok()) return ready;
  absl::StatusOr<DossierEntry> entry = RequireDossier(dossier_id);
  if (!entry.ok()) return entry.status();
  const std::string id = NewId();
  Stamp(&record, id, entry->id, now, reason);
  absl::StatusOr<std::string> sealed = SealRecord(entry->id, record);
  if (!sealed.ok()) return sealed.status();
  absl::StatusOr<std::string> commit = (*store)->Commit(
      {{RecordPath(entry->id, id), std::move(*sealed)}},
      absl::StrCat("dossier ", entry->id, ": add record ", id));
  if (!commit.ok()) return commit.status();
  index_.Touch(entry->id, +1, now);
  return id;
}

absl::StatusOr<Record> Vault::GetRecord(absl::string_view dossier_id,
                                        absl::string_view record_id) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  absl::Status s = CheckId("record_id", record_id);
  if (!s.ok()) return s;
  absl::StatusOr<DossierEntry> entry = RequireDossier(dossier_id);
  if (!entry.ok()) return entry.status();
  absl::StatusOr<Record> r =
      ReadRecord(*store, entry->id, PathOf(*entry, record_id));
  if (absl::IsNotFound(r.status())) {
    return absl::NotFoundError("record_id: no such record in this dossier");
  }
  return r;
}

absl::StatusOr<std::vector<Record>> Vault::ListRecords(
    absl::string_view dossier_id, RecordKind kind) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  absl::StatusOr<DossierEntry> entry = RequireDossier(dossier_id);
  if (!entry.ok()) return entry.status();
  absl::StatusOr<std::vector<std::string>> files =
      (*store)->List(DossierDir(entry->id));
  if (!files.ok()) return files.status();
  std::vector<Record> out;
  for (const std::string& f : *files) {
    absl::StatusOr<Record> r = ReadRecord(
        *store, entry->id, absl::StrCat(DossierDir(entry->id), "/", f));
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
  if (!s.ok()) return s;
  absl::MutexLock lock(&write_mu_);
  if (absl::Status ready = Ready().status(); !ready.ok()) return ready;
  absl::StatusOr<DossierEntry> entry = RequireDossier(dossier_id);
  if (!entry.ok()) return entry.status();
  const std::string path = PathOf(*entry, record.id());
  absl::StatusOr<Record> old = ReadRecord(*store, entry->id, path);
  if (absl::IsNotFound(old.status())) {
    return absl::NotFoundError("record.id: no such record in this dossier");
  }
  if (!old.ok()) return old.status();
  if (KindOf(*old) != KindOf(record)) {
    return absl::InvalidArgumentError(
        "record: the kind of a record cannot change");
  }
  if (!expected_updated.empty()) {
    absl::Time expected;
    std::string err;
    if (!absl::ParseTime(absl::RFC3339_full, expected_updated, &expected,
                         &err)) {
      return absl::InvalidArgumentError(
          "expected_updated: not an RFC 3339 time");
    }
    if (expected != FromProtoTime(old->updated())) {
      return absl::FailedPreconditionError(
          "expected_updated: the record changed since; reload and retry");
    }
  }
  const absl::Time now = clock_->Now();
  Record next = std::move(*old);
  next.clear_body();
  if (record.body_case() == Record::kClient) {
    *next.mutable_client() = record.client();
  } else {
    *next.mutable_note() = record.note();
  }
  // Strictly later than the version it replaces, even on a coarse clock.
  const absl::Time prev = FromProtoTime(next.updated());
  *next.mutable_updated() =
      ToProtoTime(std::max(now, prev + absl::Microseconds(1)));
  next.set_reason(std::string(reason));
  absl::StatusOr<std::string> sealed = SealRecord(entry->id, next);
  if (!sealed.ok()) return sealed.status();
  absl::StatusOr<std::string> commit = (*store)->Commit(
      {{path, std::move(*sealed)}},
      absl::StrCat("dossier ", entry->id, ": update record ", next.id()));
  if (!commit.ok()) return commit.status();
  if (next.body_case() == Record::kClient) {
    DossierEntry e = *entry;
    e.name = next.client().name();
    e.updated = now;
    index_.Put(std::move(e));
  } else {
    index_.Touch(entry->id, 0, now);
  }
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
  absl::StatusOr<DossierEntry> entry = RequireDossier(dossier_id);
  if (!entry.ok()) return entry.status();
  if (record_id == entry->head_record_id) {
    return absl::InvalidArgumentError(
        "record_id: the client record goes only with its dossier");
  }
  const std::string path = RecordPath(entry->id, record_id);
  absl::StatusOr<std::string> exists = (*store)->Read(path);
  if (absl::IsNotFound(exists.status())) {
    return absl::NotFoundError("record_id: no such record in this dossier");
  }
  if (!exists.ok()) return exists.status();
  absl::StatusOr<std::string> commit = (*store)->Commit(
      {{path, std::nullopt}},
      absl::StrCat("dossier ", entry->id, ": delete record ", record_id));
  if (!commit.ok()) return commit.status();
  index_.Touch(entry->id, -1, clock_->Now());
  return absl::OkStatus();
}

}  // namespace kluis::core
