// The parts every vault write shares: where a record lives, whether it may
// live there, what it links to, and how the dossier's head and the index
// follow a change.
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "daemon/core/dossier_facts.h"
#include "daemon/core/ids.h"
#include "daemon/core/kind_rules.h"
#include "daemon/core/record_codec.h"
#include "daemon/core/vault.h"

namespace kluis::core {
namespace {

// Case and runs of spaces do not make another recipient: "Basisschool  De
// Regenboog" is the school the consent names as "basisschool de regenboog".
std::string FoldRecipient(absl::string_view r) {
  return absl::AsciiStrToLower(absl::StrJoin(
      absl::StrSplit(r, absl::ByAnyChar(" \t\n"), absl::SkipEmpty()), " "));
}

bool SameRecipient(absl::string_view a, absl::string_view b) {
  return FoldRecipient(a) == FoldRecipient(b);
}

}  // namespace

using kluis::v1::Record;

std::string Vault::Place::Path(absl::string_view record_id) const {
  if (practice) return PracticeRecordPath(record_id);
  return record_id == dossier.head_record_id
             ? DossierHeadPath(dossier.id)
             : RecordPath(dossier.id, record_id);
}

std::string Vault::Place::Dir() const {
  return practice ? std::string(kPracticeRoot) : DossierDir(dossier.id);
}

std::string Vault::Place::Label() const {
  return practice ? "practice" : absl::StrCat("dossier ", dossier.id);
}

absl::StatusOr<Record> Vault::ReadRecord(Store* store, absl::string_view key_id,
                                         const std::string& path) {
  absl::StatusOr<std::string> sealed = store->Read(path);
  if (!sealed.ok()) return sealed.status();
  return ReadSealed(key_id, *sealed);
}

absl::StatusOr<Record> Vault::ReadSealed(absl::string_view key_id,
                                         absl::string_view sealed) {
  absl::StatusOr<std::string> json = keys_->Open(key_id, sealed);
  if (!json.ok()) return json.status();
  absl::StatusOr<Record> record = DecodeRecord(*json);
  std::fill(json->begin(), json->end(), '\0');
  return record;
}

absl::StatusOr<std::string> Vault::SealRecord(absl::string_view key_id,
                                              const Record& record) {
  absl::StatusOr<std::string> json = EncodeRecord(record);
  if (!json.ok()) return json.status();
  absl::StatusOr<std::string> sealed = keys_->Seal(key_id, *json);
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

absl::StatusOr<Vault::Place> Vault::Locate(absl::string_view dossier_id) {
  Place place;
  if (dossier_id.empty()) {
    place.practice = true;
    place.key_id = std::string(kPracticeKeyId);
    return place;
  }
  absl::StatusOr<DossierEntry> e = RequireDossier(dossier_id);
  if (!e.ok()) return e.status();
  place.dossier = std::move(*e);
  place.key_id = place.dossier.id;
  return place;
}

absl::StatusOr<Vault::Place> Vault::LocateInHistory(
    absl::string_view dossier_id) {
  absl::StatusOr<Place> place = Locate(dossier_id);
  if (!absl::IsNotFound(place.status())) return place;
  // A deleted dossier: its files are gone from the head, not from history,
  // and its key is kept until it is erased.
  Place gone;
  gone.dossier.id = std::string(dossier_id);
  gone.key_id = gone.dossier.id;
  return gone;
}

absl::Status Vault::EnsurePracticeKey(Store* store) {
  absl::StatusOr<std::string> probe = keys_->Seal(kPracticeKeyId, "");
  if (probe.ok() || !absl::IsNotFound(probe.status())) return probe.status();
  // Only a vault without practice records may get a new practice key: a
  // missing key next to existing records is damage, not a fresh start.
  absl::StatusOr<std::vector<std::string>> files = store->List(kPracticeRoot);
  if (!files.ok()) return files.status();
  if (!files->empty()) {
    return absl::DataLossError("practice key: missing, but records exist");
  }
  return keys_->CreateDossierKey(kPracticeKeyId);
}

absl::Status Vault::CheckPlacement(const Place& place, const Record& record) {
  const kluis::v1::RecordKind kind = KindOf(record);
  if (place.practice && !IsPracticeKind(kind)) {
    return absl::InvalidArgumentError(
        "dossier_id: required; only the practice's own records "
        "(organisations, profile, requests, processors, breaches, hours, "
        "advice, archived agenda entries) live outside a dossier");
  }
  if (!place.practice && IsPracticeKind(kind)) {
    return absl::InvalidArgumentError(
        "dossier_id: must be empty; this kind belongs to the practice, not "
        "to a dossier");
  }
  return absl::OkStatus();
}

absl::Status Vault::CheckReferences(Store* store, const Place& place,
                                    const Record& record) {
  auto org = [&](const char* field, const std::string& id) -> absl::Status {
    if (id.empty() || index_.OrganisationName(id).has_value()) {
      return absl::OkStatus();
    }
    return absl::NotFoundError(absl::StrCat(field, ": no such organisation"));
  };
  switch (record.body_case()) {
    case Record::kCommission:
      return org("commission.organisation_id",
                 record.commission().organisation_id());
    case Record::kInvoice:
      return org("invoice.organisation_id", record.invoice().organisation_id());
    case Record::kAdviserCase:
      return org("adviser_case.organisation_id",
                 record.adviser_case().organisation_id());
    case Record::kHours:
      return org("hours.organisation_id", record.hours().organisation_id());
    case Record::kAnnualAdvice:
      return org("annual_advice.organisation_id",
                 record.annual_advice().organisation_id());
    case Record::kAgreement:
      for (int i = 0; i < record.agreement().attachment_ids_size(); ++i) {
        const std::string& id = record.agreement().attachment_ids(i);
        absl::StatusOr<Record> a =
            ReadRecord(store, place.key_id, RecordPath(place.dossier.id, id));
        if (absl::IsNotFound(a.status()) || (a.ok() && !a->has_attachment())) {
          return absl::NotFoundError(
              absl::StrCat("agreement.attachment_ids[", i,
                           "]: no such attachment in this dossier"));
        }
        if (!a.ok()) return a.status();
      }
      return absl::OkStatus();
    case Record::kDisclosure:
      return CheckConsent(store, place, record.disclosure());
    default:
      return absl::OkStatus();
  }
}

absl::Status Vault::CheckConsent(Store* store, const Place& place,
                                 const kluis::v1::Disclosure& d) {
  if (d.ground() != kluis::v1::DISCLOSURE_GROUND_CONSENT) {
    return absl::OkStatus();
  }
  absl::StatusOr<Record> c = ReadRecord(
      store, place.key_id, RecordPath(place.dossier.id, d.consent_id()));
  if (absl::IsNotFound(c.status()) || (c.ok() && !c->has_consent())) {
    return absl::NotFoundError(
        "disclosure.consent_id: no such consent in this dossier (record the "
        "client's consent with kluis consent add)");
  }
  if (!c.ok()) return c.status();
  const kluis::v1::Consent& consent = c->consent();
  if (consent.given_date() > d.date()) {
    return RuleRefusal("disclosure.consent_id", rule::kConsent,
                       N_("that consent was given after the disclosure's date; "
                          "no consent was in force"));
  }
  if (!consent.withdrawn_date().empty() &&
      consent.withdrawn_date() <= d.date()) {
    return RuleRefusal(
        "disclosure.consent_id", rule::kConsent,
        absl::StrCat("that consent was withdrawn on ", consent.withdrawn_date(),
                     "; a new consent is needed"));
  }
  if (!SameRecipient(consent.recipient(), d.recipient())) {
    return RuleRefusal("disclosure.recipient", rule::kConsent,
                       N_("not the recipient the consent names; a consent for "
                          "this recipient is needed"));
  }
  return absl::OkStatus();
}

absl::Status Vault::FoldIntoHead(Store* store, const Place& place,
                                 const std::string& record_id,
                                 const Record* record,
                                 std::vector<StoreChange>* changes,
                                 std::optional<Record>* head) {
  if (place.practice) return absl::OkStatus();
  absl::StatusOr<Record> h =
      ReadRecord(store, place.key_id, DossierHeadPath(place.dossier.id));
  if (!h.ok()) return h.status();
  if (!ApplyToFacts(record_id, record, h->mutable_facts())) {
    return absl::OkStatus();
  }
  absl::StatusOr<std::string> sealed = SealRecord(place.key_id, *h);
  if (!sealed.ok()) return sealed.status();
  changes->push_back({DossierHeadPath(place.dossier.id), std::move(*sealed)});
  *head = std::move(*h);
  return absl::OkStatus();
}

void Vault::Reindex(const Place& place, const Record* record,
                    const std::optional<Record>& head, int delta,
                    absl::Time now) {
  if (place.practice) {
    if (record != nullptr && record->has_organisation()) {
      index_.PutOrganisation(record->id(), record->organisation().name());
    } else if (record != nullptr && record->has_practice_profile()) {
      absl::MutexLock lock(&profile_mu_);
      profile_ = *record;
    }
    return;
  }
  if (head.has_value()) {
    DossierEntry e = place.dossier;
    DescribeDossier(*head, &e);
    e.records = static_cast<uint32_t>(
        std::max<int64_t>(0, int64_t{place.dossier.records} + delta));
    e.updated = std::max(e.updated, now);
    index_.Put(std::move(e));
  } else {
    index_.Touch(place.dossier.id, delta, now);
  }
}

std::string Vault::Today() const {
  return absl::FormatTime("%Y-%m-%d", clock_->Now(), absl::LocalTimeZone());
}

std::string Vault::OrganisationName(const std::string& id) const {
  return index_.OrganisationName(id).value_or("");
}

RuleContext Vault::Rules() {
  RuleContext ctx;
  ctx.now = clock_->Now();
  absl::MutexLock lock(&profile_mu_);
  if (profile_.has_value()) {
    const kluis::v1::PracticeProfile& p = profile_->practice_profile();
    ctx.case_categories.assign(p.case_categories().begin(),
                               p.case_categories().end());
    if (p.coaching_retention_years() != 0) {
      ctx.coaching_retention_years = p.coaching_retention_years();
    }
  }
  if (ctx.case_categories.empty()) {
    ctx.case_categories = DefaultCaseCategories();
  }
  return ctx;
}

absl::Status Vault::NormalizeAndValidate(Record* record) {
  return NormalizeAndValidateBody(record, Rules());
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

absl::Status Vault::CheckConsentUnused(Store* store, const Place& place,
                                       absl::string_view consent_id) {
  absl::StatusOr<std::vector<std::string>> files = store->List(place.Dir());
  if (!files.ok()) return files.status();
  for (const std::string& f : *files) {
    if (!IsRecordFile(f)) continue;
    absl::StatusOr<Record> r =
        ReadRecord(store, place.key_id, absl::StrCat(place.Dir(), "/", f));
    if (!r.ok()) return r.status();
    if (r->has_disclosure() && r->disclosure().consent_id() == consent_id) {
      return RuleRefusal(
          "record_id", rule::kConsent,
          absl::StrCat("disclosure ", ShortId(r->id()),
                       " rests on this consent, which must stay as its "
                       "proof; set withdrawn_date instead"));
    }
  }
  return absl::OkStatus();
}

}  // namespace kluis::core
