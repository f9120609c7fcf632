// Vault::ProcessingRegister and Vault::AssessLostTarget: the art. 30
// register and the breach assessment of a lost backup drive, from what the
// vault holds (and, for a drive, held at its last good run).
#include "absl/strings/str_cat.h"
#include "daemon/core/ids.h"
#include "daemon/core/kind_rules.h"
#include "daemon/core/vault.h"

namespace kluis::core {

using kluis::v1::Record;

std::vector<Record> Vault::Heads(Store* store) {
  std::vector<Record> out;
  for (const DossierEntry& e : index_.All()) {
    absl::StatusOr<Record> head =
        ReadRecord(store, e.id, DossierHeadPath(e.id));
    if (head.ok()) out.push_back(std::move(*head));
  }
  return out;
}

absl::StatusOr<kluis::v1::ProcessingRegister> Vault::ProcessingRegister(
    const SecurityFacts& security, const i18n::Translator& t) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  absl::StatusOr<std::vector<Record>> processors =
      ListRecords("", kluis::v1::RECORD_KIND_PROCESSOR);
  if (!processors.ok()) return processors.status();
  absl::StatusOr<std::vector<Record>> orgs =
      ListRecords("", kluis::v1::RECORD_KIND_ORGANISATION);
  if (!orgs.ok()) return orgs.status();
  RegisterInputs in;
  in.today = Today();
  in.heads = Heads(*store);
  for (const Record& p : *processors) in.processors.push_back(p.processor());
  for (const Record& o : *orgs) {
    in.organisation_contacts |= !o.organisation().contact_person().empty();
  }
  in.terms = Terms();
  in.security = security;
  std::optional<Record> profile;
  {
    absl::MutexLock lock(&profile_mu_);
    profile = profile_;
  }
  if (profile.has_value()) in.profile = &profile->practice_profile();
  return BuildProcessingRegister(in, t);
}

absl::Status Vault::CountDrive(Store* store, absl::string_view commit,
                               LostTargetFacts* f) {
  absl::StatusOr<std::vector<std::string>> shards =
      store->DirsAt(commit, kDossiersRoot);
  if (!shards.ok()) return shards.status();
  for (const std::string& shard : *shards) {
    absl::StatusOr<std::vector<std::string>> ids =
        store->DirsAt(commit, absl::StrCat(kDossiersRoot, "/", shard));
    if (!ids.ok()) return ids.status();
    for (const std::string& id : *ids) {
      ++f->dossiers;
      absl::StatusOr<std::map<std::string, std::string>> files =
          store->FilesAt(commit, DossierDir(id));
      if (!files.ok()) return files.status();
      for (const auto& [name, blob] : *files) f->records += IsRecordFile(name);
      absl::StatusOr<std::string> sealed =
          store->ReadAt(commit, DossierHeadPath(id));
      absl::StatusOr<Record> head =
          sealed.ok() ? ReadSealed(id, *sealed) : sealed.status();
      if (!head.ok()) {
        // Erased since: its key is gone, which is what protects it now.
        ++f->unreadable;
        continue;
      }
      f->kinds.insert(KindOf(*head));
      for (int k : head->facts().kinds()) {
        f->kinds.insert(kluis::v1::RecordKind(k));
      }
      if (head->has_client()) {
        f->groups.insert("clients");
        f->people += 1 + head->client().guardians_size();
        if (head->client().guardians_size() > 0) {
          f->groups.insert("parents and guardians of minor clients");
        }
      } else if (head->has_adviser_case()) {
        const kluis::v1::AdviserCase& c = head->adviser_case();
        f->groups.insert("reporters");
        f->people += 1 + c.accused_size() + c.children_size();
        if (c.accused_size() > 0) f->groups.insert("persons complained about");
        if (c.children_size() > 0) f->groups.insert("children of reporters");
      }
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<kluis::v1::LostTargetAssessment> Vault::AssessLostTarget(
    absl::string_view drive_head, LostTargetFacts facts, bool dry_run) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  absl::Status s = CountDrive(*store, drive_head, &facts);
  if (absl::IsNotFound(s)) {
    // The drive's state is no longer in this vault's history (compacted
    // since): count nothing we cannot see, and say data may be lost.
    facts.intact_here = false;
  } else if (!s.ok()) {
    return s;
  } else {
    s = (*store)->WalkHistory([&](const CommitRecord& c) {
      if (c.id == drive_head) facts.intact_here = true;
      return !facts.intact_here;
    });
    if (!s.ok()) return s;
  }
  {
    absl::MutexLock lock(&profile_mu_);
    facts.controller = profile_.has_value()
                           ? profile_->practice_profile().controller_name()
                           : "the practice";
  }
  kluis::v1::LostTargetAssessment out;
  ::kluis::core::AssessLostTarget(facts, &out);
  if (dry_run) return out;
  Record entry;
  *entry.mutable_breach() = BreachFromAssessment(facts, out);
  absl::StatusOr<std::string> id = CreateRecord(
      "", std::move(entry), absl::StrCat("assess-lost-target ", facts.target));
  if (!id.ok()) return id.status();
  out.set_breach_id(*id);
  return out;
}

absl::Status Vault::FillDeleteBy(Store* store, Record* record) {
  if (!record->has_disclosure() ||
      record->disclosure().processor_id().empty()) {
    return absl::OkStatus();
  }
  kluis::v1::Disclosure* d = record->mutable_disclosure();
  absl::StatusOr<Record> p =
      ReadRecord(store, kPracticeKeyId, PracticeRecordPath(d->processor_id()));
  if (absl::IsNotFound(p.status()) || (p.ok() && !p->has_processor())) {
    return absl::NotFoundError(
        "disclosure.processor_id: no such processor (kluis processor list)");
  }
  if (!p.ok()) return p.status();
  if (!d->delete_by_date().empty()) return absl::OkStatus();
  if (p->processor().deletion_days() == 0) {
    return absl::InvalidArgumentError(
        "disclosure.delete_by_date: is required: the processor's agreement "
        "names no deletion term (processor.deletion_days)");
  }
  d->set_delete_by_date(AddDays(d->date(), p->processor().deletion_days()));
  return absl::OkStatus();
}

}  // namespace kluis::core
