// Vault erasure (DESIGN §3.2): a dossier leaves the head and loses its key,
// so its ciphertext in history and on backups can no longer be read; a
// working note or an answered e-mail leaves the head. Each erasure leaves a
// tombstone, sealed to the vault, with ids, rule and dates only. Invoice
// data outlives its dossier under the key of its fiscal year, until its own
// term (AWR art. 52).
#include <algorithm>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "daemon/core/dossier_facts.h"
#include "daemon/core/ids.h"
#include "daemon/core/record_codec.h"
#include "daemon/core/retention.h"
#include "daemon/core/validation.h"
#include "daemon/core/vault.h"
#include "google/protobuf/util/json_util.h"

namespace kluis::core {

using kluis::v1::ErasureResponse;
using kluis::v1::KeptInvoice;
using kluis::v1::Record;
using kluis::v1::RetentionItem;
using kluis::v1::Tombstone;

namespace {

constexpr absl::string_view kInvoiceBasis =
    "Dutch tax law: 7 years after the end of the fiscal year (AWR art. 52)";

absl::StatusOr<std::string> ToJson(const google::protobuf::Message& m) {
  std::string json;
  google::protobuf::util::JsonPrintOptions opts;
  if (!google::protobuf::util::MessageToJsonString(m, &json, opts).ok()) {
    return absl::InternalError("erasure: cannot encode");
  }
  return json;
}

absl::Status FromJson(std::string* json, google::protobuf::Message* m) {
  google::protobuf::util::JsonParseOptions opts;
  opts.ignore_unknown_fields = true;
  const bool ok =
      google::protobuf::util::JsonStringToMessage(*json, m, opts).ok();
  std::fill(json->begin(), json->end(), '\0');
  return ok ? absl::OkStatus()
            : absl::DataLossError("erasure: a kept file does not parse");
}

std::string Address(const kluis::v1::Client& c) {
  std::string out = c.address();
  for (const std::string* part : {&c.postcode(), &c.city()}) {
    if (part->empty()) continue;
    if (!out.empty()) out += ", ";
    out += *part;
  }
  return out;
}

int YearOf(absl::string_view date) {
  int year = 0;
  return absl::SimpleAtoi(date.substr(0, 4), &year) ? year : 0;
}

const char* DossierKindName(kluis::v1::DossierKind k) {
  return k == kluis::v1::DOSSIER_KIND_CASE ? "case" : "coaching";
}

}  // namespace

absl::Status Vault::SealTombstone(const Tombstone& t,
                                  std::vector<StoreChange>* changes) {
  absl::StatusOr<std::string> json = ToJson(t);
  if (!json.ok()) return json.status();
  absl::StatusOr<std::string> sealed = keys_->SealForVault(*json);
  if (!sealed.ok()) return sealed.status();
  std::string path;
  if (!t.record_id().empty()) {
    path = RecordTombstonePath(t.dossier_id(), t.record_id());
  } else if (t.kind() == kluis::v1::RETENTION_ITEM_KIND_INVOICES) {
    path = TombstonePath(FiscalKeyId(static_cast<int>(t.fiscal_year())));
  } else {
    path = TombstonePath(t.dossier_id());
  }
  changes->push_back({path, std::move(*sealed)});
  return absl::OkStatus();
}

absl::Status Vault::EnsureKey(const std::string& key_id) {
  absl::StatusOr<std::string> probe = keys_->Seal(key_id, "");
  if (probe.ok() || !absl::IsNotFound(probe.status())) return probe.status();
  return keys_->CreateDossierKey(key_id);
}

absl::Status Vault::EraseDossierLocked(Store* store, const DossierEntry& entry,
                                       Tombstone tomb, const std::string& today,
                                       bool dry_run, ErasureResponse* out) {
  const std::string dir = DossierDir(entry.id);
  absl::StatusOr<std::vector<std::string>> files = store->List(dir);
  if (!files.ok()) return files.status();
  std::vector<StoreChange> changes;
  absl::StatusOr<Record> head =
      ReadRecord(store, entry.id, DossierHeadPath(entry.id));
  if (!head.ok()) return head.status();
  for (const std::string& f : *files) {
    const std::string path = absl::StrCat(dir, "/", f);
    changes.push_back({path, std::nullopt});
    if (!IsRecordFile(f)) continue;
    absl::StatusOr<Record> r = ReadRecord(store, entry.id, path);
    if (!r.ok()) return r.status();
    if (!r->has_invoice()) continue;
    const std::string& date = r->invoice().date();
    const std::string until = FirstDayAfterYearEnd(date, 7);
    if (until.empty() || until <= today) continue;  // its own term is over
    const int year = YearOf(date);
    kluis::v1::KeptPart* part = out->add_kept();
    part->set_dossier_id(entry.id);
    part->set_record_id(r->id());
    part->set_what("invoice");
    part->set_legal_basis(std::string(kInvoiceBasis));
    part->set_keep_until(until);
    if (dry_run) continue;
    KeptInvoice kept;
    kept.set_dossier_id(entry.id);
    kept.set_record_id(r->id());
    *kept.mutable_invoice() = r->invoice();
    if (head->has_client()) {
      kept.set_addressee(head->client().name());
      kept.set_address(Address(head->client()));
    }
    kept.set_fiscal_year(static_cast<uint32_t>(year));
    kept.set_keep_until(until);
    const std::string key_id = FiscalKeyId(year);
    absl::Status s = EnsureKey(key_id);
    if (!s.ok()) return s;
    absl::StatusOr<std::string> json = ToJson(kept);
    if (!json.ok()) return json.status();
    absl::StatusOr<std::string> sealed = keys_->Seal(key_id, *json);
    std::fill(json->begin(), json->end(), '\0');
    if (!sealed.ok()) return sealed.status();
    changes.push_back({KeptInvoicePath(year, r->id()), std::move(*sealed)});
  }
  tomb.set_dossier_id(entry.id);
  tomb.set_dossier_kind(DossierKindName(entry.kind));
  tomb.set_closing_date(entry.end_date);
  tomb.set_erased_date(today);
  *out->add_erased() = tomb;
  if (dry_run) return absl::OkStatus();
  absl::Status s = SealTombstone(tomb, &changes);
  if (!s.ok()) return s;
  absl::StatusOr<std::string> commit =
      store->Commit(changes, absl::StrCat("dossier ", entry.id, ": erase"));
  if (!commit.ok()) return commit.status();
  index_.Remove(entry.id);
  // After the commit: a crash in between leaves a key that the sweep at
  // the next unlock destroys (its tombstone names it).
  s = keys_->DestroyDossierKey(entry.id);
  if (!s.ok()) return s;
  out->set_keys_destroyed(out->keys_destroyed() + 1);
  return absl::OkStatus();
}

absl::Status Vault::EraseRecordLocked(Store* store, const RetentionItem& item,
                                      const std::string& today, bool dry_run,
                                      ErasureResponse* out) {
  absl::StatusOr<Place> place = Locate(item.dossier_id());
  if (!place.ok()) return place.status();
  Tombstone tomb;
  tomb.set_dossier_id(item.dossier_id());
  tomb.set_record_id(item.record_id());
  tomb.set_kind(item.kind());
  tomb.set_dossier_kind(DossierKindName(place->dossier.kind));
  tomb.set_rule(item.rule());
  tomb.set_legal_basis(item.legal_basis());
  tomb.set_closing_date(item.reference_date());
  tomb.set_erased_date(today);
  *out->add_erased() = tomb;
  if (dry_run) return absl::OkStatus();
  const std::string path = place->Path(item.record_id());
  absl::StatusOr<Record> old = ReadRecord(store, place->key_id, path);
  if (!old.ok()) return old.status();
  std::vector<StoreChange> changes = {{path, std::nullopt}};
  std::optional<Record> head;
  absl::Status s;
  if (AffectsFacts(*old)) {
    s = FoldIntoHead(store, *place, old->id(), nullptr, &changes, &head);
    if (!s.ok()) return s;
  }
  s = SealTombstone(tomb, &changes);
  if (!s.ok()) return s;
  absl::StatusOr<std::string> commit = store->Commit(
      changes, absl::StrCat(place->Label(), ": erase record ", old->id()));
  if (!commit.ok()) return commit.status();
  Reindex(*place, nullptr, head, -1, clock_->Now());
  return absl::OkStatus();
}

absl::Status Vault::EraseFiscalYearLocked(Store* store,
                                          const RetentionItem& item,
                                          const std::string& today,
                                          bool dry_run, ErasureResponse* out) {
  const int year = static_cast<int>(item.fiscal_year());
  const std::string key_id = FiscalKeyId(year);
  Tombstone tomb;
  tomb.set_kind(item.kind());
  tomb.set_fiscal_year(item.fiscal_year());
  tomb.set_rule(item.rule());
  tomb.set_legal_basis(item.legal_basis());
  tomb.set_closing_date(item.reference_date());
  tomb.set_erased_date(today);
  *out->add_erased() = tomb;
  if (dry_run) return absl::OkStatus();
  const std::string dir = absl::StrCat(kFiscalRoot, "/", year);
  absl::StatusOr<std::vector<std::string>> files = store->List(dir);
  if (!files.ok()) return files.status();
  std::vector<StoreChange> changes;
  for (const std::string& f : *files) {
    changes.push_back({absl::StrCat(dir, "/", f), std::nullopt});
  }
  absl::Status s = SealTombstone(tomb, &changes);
  if (!s.ok()) return s;
  absl::StatusOr<std::string> commit = store->Commit(
      changes, absl::StrCat("fiscal year ", year, ": erase kept invoices"));
  if (!commit.ok()) return commit.status();
  s = keys_->DestroyDossierKey(key_id);
  if (!s.ok()) return s;
  out->set_keys_destroyed(out->keys_destroyed() + 1);
  return absl::OkStatus();
}

std::vector<RetentionItem> Vault::FiscalItems(Store* store) {
  std::vector<RetentionItem> out;
  absl::StatusOr<std::vector<std::string>> years = store->List(kFiscalRoot);
  if (!years.ok()) return out;
  for (const std::string& y : *years) {
    const int year = YearOf(y);
    if (year <= 0) continue;
    RetentionItem item;
    item.set_kind(kluis::v1::RETENTION_ITEM_KIND_INVOICES);
    item.set_fiscal_year(static_cast<uint32_t>(year));
    item.set_rule(
        "invoice data of erased dossiers: 7 years after the end of the "
        "fiscal year");
    item.set_legal_basis(std::string(kInvoiceBasis));
    item.set_reference_date(absl::StrCat(year, "-12-31"));
    item.set_due_date(absl::StrCat(year + 8, "-01-01"));
    out.push_back(std::move(item));
  }
  return out;
}

absl::StatusOr<ErasureResponse> Vault::EraseDossier(
    absl::string_view dossier_id, absl::string_view reason, bool dry_run) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  absl::Status s = CheckId("dossier_id", dossier_id);
  if (s.ok()) s = ValidateReason(reason);
  if (s.ok() && reason.empty()) {
    s = absl::InvalidArgumentError(
        "reason: required for an erasure (for example: the client's "
        "request of YYYY-MM-DD)");
  }
  if (!s.ok()) return s;
  absl::MutexLock lock(&write_mu_);
  if (absl::Status ready = Ready().status(); !ready.ok()) return ready;
  absl::StatusOr<DossierEntry> entry = RequireDossier(dossier_id);
  if (absl::IsNotFound(entry.status())) {
    if (IsErased(*store, dossier_id, "")) {
      return RuleRefusal("dossier_id", rule::kRecord, N_("already erased"));
    }
    // Deleted is not erased: history still holds it under a live key.
    if (keys_->Seal(dossier_id, "").ok()) {
      return RuleRefusal(
          "dossier_id", rule::kRecord,
          N_("deleted but not erased; its history is still readable. Restore "
             "it (kluis history DOSSIER, kluis restore DOSSIER VERSION) and "
             "erase it, so that its invoice data is kept"));
    }
  }
  if (!entry.ok()) return entry.status();
  Tombstone tomb;
  tomb.set_kind(kluis::v1::RETENTION_ITEM_KIND_ERASURE_REQUEST);
  tomb.set_rule("erased on request, before the end of its term");
  tomb.set_legal_basis("the data subject's right to erasure (GDPR art. 17)");
  ErasureResponse out;
  out.set_dry_run(dry_run);
  s = EraseDossierLocked(*store, *entry, tomb, Today(), dry_run, &out);
  if (!s.ok()) return s;
  if (!dry_run) {
    s = Journalled(Journal(*store, "erase", entry->id, "ok", reason));
    if (!s.ok()) return s;
  }
  return out;
}

absl::StatusOr<ErasureResponse> Vault::ApplyRetention(bool dry_run) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  absl::MutexLock lock(&write_mu_);
  if (absl::Status ready = Ready().status(); !ready.ok()) return ready;
  const std::string today = Today();
  const RetentionTerms terms = Terms();
  std::vector<RetentionItem> due;
  for (const DossierEntry& e : index_.All()) {
    for (RetentionItem& item : RetentionOf(e, terms)) {
      if (item.due_date() <= today) due.push_back(std::move(item));
    }
  }
  for (RetentionItem& item : FiscalItems(*store)) {
    if (item.due_date() <= today) due.push_back(std::move(item));
  }
  ErasureResponse out;
  out.set_dry_run(dry_run);
  // A dossier that goes as a whole takes its notes and e-mails with it.
  std::set<std::string> whole;
  for (const RetentionItem& item : due) {
    if (item.record_id().empty() && !item.dossier_id().empty()) {
      whole.insert(item.dossier_id());
    }
  }
  for (const RetentionItem& item : due) {
    absl::Status s;
    if (item.kind() == kluis::v1::RETENTION_ITEM_KIND_PROCESSOR_COPY) {
      // Not here to erase: the processor must, and the practitioner
      // confirms it; also when its dossier goes now, or the copy there
      // would be forgotten.
      *out.add_to_confirm() = item;
      continue;
    }
    if (item.kind() == kluis::v1::RETENTION_ITEM_KIND_INVOICES) {
      s = EraseFiscalYearLocked(*store, item, today, dry_run, &out);
    } else if (!item.record_id().empty()) {
      if (whole.count(item.dossier_id())) continue;
      s = EraseRecordLocked(*store, item, today, dry_run, &out);
    } else {
      absl::StatusOr<DossierEntry> entry = RequireDossier(item.dossier_id());
      if (!entry.ok()) return entry.status();
      Tombstone tomb;
      tomb.set_kind(item.kind());
      tomb.set_rule(item.rule());
      tomb.set_legal_basis(item.legal_basis());
      s = EraseDossierLocked(*store, *entry, tomb, today, dry_run, &out);
    }
    if (!s.ok()) return s;
  }
  if (!dry_run && out.erased_size() > 0) {
    absl::Status s =
        Journalled(Journal(*store, "retention_apply", "", "ok",
                           absl::StrCat(out.erased_size(), " items erased, ",
                                        out.kept_size(), " invoices kept")));
    if (!s.ok()) return s;
  }
  return out;
}

absl::StatusOr<std::vector<KeptInvoice>> Vault::KeptInvoices(
    uint32_t fiscal_year) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  std::vector<KeptInvoice> out;
  absl::StatusOr<std::vector<std::string>> years = (*store)->List(kFiscalRoot);
  if (!years.ok()) return years.status();
  for (const std::string& y : *years) {
    const int year = YearOf(y);
    if (year <= 0 ||
        (fiscal_year != 0 && year != static_cast<int>(fiscal_year)))
      continue;
    const std::string dir = absl::StrCat(kFiscalRoot, "/", year);
    absl::StatusOr<std::vector<std::string>> files = (*store)->List(dir);
    if (!files.ok()) return files.status();
    for (const std::string& f : *files) {
      absl::StatusOr<std::string> sealed =
          (*store)->Read(absl::StrCat(dir, "/", f));
      if (!sealed.ok()) return sealed.status();
      absl::StatusOr<std::string> json =
          keys_->Open(FiscalKeyId(year), *sealed);
      if (!json.ok()) return json.status();
      KeptInvoice kept;
      absl::Status s = FromJson(&*json, &kept);
      if (!s.ok()) return s;
      out.push_back(std::move(kept));
    }
  }
  // Read data leaves the vault only once that is journalled.
  absl::Status journalled =
      Journal(*store, "export", "", "ok", "kept invoice data read");
  if (!journalled.ok()) return journalled;
  return out;
}

absl::StatusOr<std::vector<Tombstone>> Vault::Tombstones() {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  std::vector<Tombstone> out;
  // erased/<shard>/<id>.age, and erased/<shard>/<dossier>/<record>.age.
  std::function<absl::Status(const std::string&, int)> walk =
      [&](const std::string& dir, int depth) -> absl::Status {
    absl::StatusOr<std::vector<std::string>> names = (*store)->List(dir);
    if (!names.ok()) return names.status();
    for (const std::string& name : *names) {
      const std::string path = absl::StrCat(dir, "/", name);
      if (!absl::EndsWith(name, kRecordSuffix)) {
        if (depth < 2) {
          absl::Status s = walk(path, depth + 1);
          if (!s.ok()) return s;
        }
        continue;
      }
      absl::StatusOr<std::string> sealed = (*store)->Read(path);
      if (!sealed.ok()) return sealed.status();
      absl::StatusOr<std::string> json = keys_->OpenAsVault(*sealed);
      if (!json.ok()) return json.status();
      Tombstone t;
      absl::Status s = FromJson(&*json, &t);
      if (!s.ok()) return s;
      out.push_back(std::move(t));
    }
    return absl::OkStatus();
  };
  absl::Status s = walk(std::string(kErasedRoot), 0);
  if (!s.ok()) return s;
  std::sort(out.begin(), out.end(), [](const Tombstone& a, const Tombstone& b) {
    return a.erased_date() < b.erased_date();
  });
  return out;
}

absl::StatusOr<kluis::v1::CompactResponse> Vault::Compact(bool purge_erased) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  if (!purge_erased) {
    return absl::InvalidArgumentError(
        "purge_erased: required; compaction rewrites history and is only "
        "done when asked for");
  }
  absl::MutexLock lock(&write_mu_);
  if (absl::Status ready = Ready().status(); !ready.ok()) return ready;
  // What the tombstones name, without opening them.
  std::vector<std::string> paths;
  absl::StatusOr<std::vector<std::string>> shards = (*store)->List(kErasedRoot);
  if (!shards.ok()) return shards.status();
  for (const std::string& shard : *shards) {
    const std::string dir = absl::StrCat(kErasedRoot, "/", shard);
    absl::StatusOr<std::vector<std::string>> names = (*store)->List(dir);
    if (!names.ok()) return names.status();
    for (const std::string& name : *names) {
      if (absl::EndsWith(name, kRecordSuffix)) {
        const std::string id =
            name.substr(0, name.size() - kRecordSuffix.size());
        int year = 0;
        if (absl::StartsWith(id, "f15ca1") &&
            absl::SimpleAtoi(id.substr(6), &year) && FiscalKeyId(year) == id) {
          paths.push_back(absl::StrCat(kFiscalRoot, "/", year));
        } else if (IsValidId(id)) {
          paths.push_back(DossierDir(id));
        }
        continue;
      }
      if (!IsValidId(name)) continue;  // erased/<2>/<dossier>/<record>.age
      absl::StatusOr<std::vector<std::string>> records =
          (*store)->List(absl::StrCat(dir, "/", name));
      if (!records.ok()) return records.status();
      for (const std::string& r : *records) {
        if (!absl::EndsWith(r, kRecordSuffix)) continue;
        const std::string rid = r.substr(0, r.size() - kRecordSuffix.size());
        paths.push_back(RecordPath(name, rid));
        paths.push_back(AttachmentDataPath(name, rid));
      }
    }
  }
  absl::StatusOr<Store::Purged> purged;
  {
    // The history check in Status must not see the rewrite half-done, nor
    // keep a head that is no longer in history.
    absl::MutexLock check(&history_check_mu_);
    purged = (*store)->PurgeFromHistory(paths);
    history_checked_head_.clear();
  }
  if (!purged.ok()) return purged.status();
  kluis::v1::CompactResponse out;
  out.set_commits_rewritten(purged->commits_rewritten);
  out.set_paths_purged(static_cast<uint32_t>(paths.size()));
  if (purged->old_root != purged->new_root) {
    // Backups know the vault by its first commit: keep the old one known.
    absl::StatusOr<std::string> roots = (*store)->Read(kFormerRootsPath);
    std::string text = roots.ok() ? *roots : "";
    absl::StrAppend(&text, purged->old_root, "\n");
    absl::StatusOr<std::string> commit =
        (*store)->Commit({{std::string(kFormerRootsPath), text}},
                         "compact: remember the former first commit");
    if (!commit.ok()) return commit.status();
  }
  absl::Status journalled = Journalled(Journal(
      *store, "compact", "", "ok",
      absl::StrCat(purged->commits_rewritten, " commits rewritten without ",
                   paths.size(), " erased paths")));
  if (!journalled.ok()) return journalled;
  return out;
}

bool Vault::IsErased(Store* store, absl::string_view dossier_id,
                     absl::string_view record_id) {
  if (!dossier_id.empty() && store->Read(TombstonePath(dossier_id)).ok()) {
    return true;
  }
  return !dossier_id.empty() && !record_id.empty() &&
         store->Read(RecordTombstonePath(dossier_id, record_id)).ok();
}

void Vault::SweepErasedKeys(Store* store) {
  // Tombstone file names are the ids whose keys must be gone: a crash
  // between an erasure's commit and its key's destruction is finished here.
  absl::StatusOr<std::vector<std::string>> shards = store->List(kErasedRoot);
  if (!shards.ok()) return;
  for (const std::string& shard : *shards) {
    absl::StatusOr<std::vector<std::string>> files =
        store->List(absl::StrCat(kErasedRoot, "/", shard));
    if (!files.ok()) continue;
    for (const std::string& f : *files) {
      if (!absl::EndsWith(f, kRecordSuffix)) continue;
      const std::string id = f.substr(0, f.size() - kRecordSuffix.size());
      if (IsValidId(id)) (void)keys_->DestroyDossierKey(id);
    }
  }
}

}  // namespace kluis::core
