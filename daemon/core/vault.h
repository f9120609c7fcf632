// Vault: the domain of kluisd. Lifecycle (init, unlock, lock, idle lock,
// passphrase change) and the dossiers and records, validated, encrypted per
// dossier and committed one logical change at a time.
//
// Thread-safety: every method may be called from any gRPC thread.
// `lifecycle_mu_` guards the lock state and the store pointer; `write_mu_`
// serialises the read-check-write of mutations so that no update is lost,
// and Lock() takes it first, so a lock waits for a mutation in flight and a
// mutation re-checks the lock state once it holds it. `unlock_mu_`
// serialises unlocks; a Lock() during an unlock bumps `generation_`, and the
// unlock then gives up instead of marking the vault unlocked. Lock order:
// unlock_mu_, write_mu_, lifecycle_mu_. The key ring, the store and the
// index are thread-safe themselves.
// Errors common to all data methods: kFailedPrecondition "vault is locked:
// run kluis unlock" / "vault is not initialised: run kluis init";
// kInvalidArgument "<field>: <rule>"; kNotFound "<field>: no such …".
#ifndef KLUIS_DAEMON_CORE_VAULT_H_
#define KLUIS_DAEMON_CORE_VAULT_H_

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "daemon/core/attachment.h"
#include "daemon/core/audit.h"
#include "daemon/core/breach_assessment.h"
#include "daemon/core/clock.h"
#include "daemon/core/dossier_index.h"
#include "daemon/core/history.h"
#include "daemon/core/key_ring.h"
#include "daemon/core/processing_register.h"
#include "daemon/core/record_rules.h"
#include "daemon/core/refusal.h"
#include "daemon/core/retention.h"
#include "daemon/core/store.h"
#include "daemon/i18n/translator.h"
#include "kluis/v1/records.pb.h"
#include "kluis/v1/registers.pb.h"

namespace kluis::core {

struct VaultOptions {
  absl::Duration idle_lock = absl::Minutes(15);  // zero: never
  int unlock_threads = 2;
};

struct VaultStatus {
  bool initialized = false;
  bool unlocked = false;
  uint64_t dossiers = 0;
  std::string head;
  uint64_t working_notes_overdue = 0;
  uint64_t retention_due = 0;  // dossiers and records past their term
  // Open data-subject requests whose deadline is within 7 days, or past.
  uint64_t requests_due_soon = 0;
  uint64_t requests_overdue = 0;
  // Breaches whose 72 hours run (not reported, not decided "no risk").
  struct RunningBreach {
    std::string id;
    std::string deadline;      // "YYYY-MM-DD HH:MM", local
    int64_t minutes_left = 0;  // negative: past the deadline
  };
  std::vector<RunningBreach> breaches;
  // Why the vault accepts no more changes (a disk barrier failed), or "".
  std::string write_problem;
  // The access journal failed to record something since the daemon
  // started: the first failure and how many there were, or "".
  std::string journal_problem;
  // What `kluis audit verify` would report about the history (a commit
  // kluisd did not sign, a rewritten past), or empty. Checked while
  // unlocked, incrementally: the commits since the last check.
  std::string history_problem;
};

struct UnlockResult {
  uint64_t dossiers = 0;
  // Dossiers skipped because their key file or client record is damaged or
  // missing; one bad file must not lock the practitioner out of the rest.
  std::vector<std::string> unreadable;
};

struct CreatedDossier {
  std::string dossier_id;
  std::string record_id;
};

struct ImportItem {
  kluis::v1::Client client;
  std::vector<kluis::v1::Note> notes;
};
struct ImportRequest {
  std::vector<ImportItem> dossiers;
  std::vector<kluis::v1::Organisation> organisations;
  std::string reason;
  bool validate_only = false;
};
struct ImportRefusal {
  std::string item;   // "dossiers[3]"
  std::string error;  // "client.email: not an e-mail address"
};
struct ImportResult {
  std::vector<std::string> dossier_ids;
  std::vector<std::string> organisation_ids;
  std::vector<ImportRefusal> refused;  // validate_only
};
inline constexpr size_t kMaxImportBatch = 5000;

struct DeepCheckReport {
  uint64_t checked = 0, failed = 0, erased = 0, skipped = 0;
  std::string first_failure;  // a path: ids only
};

struct DossierView {
  kluis::v1::Record head;                  // the client, or the adviser case
  std::vector<kluis::v1::Record> records;  // oldest first
  DossierEntry entry;
};

class Vault {
 public:
  // Opens (create=false) or creates (create=true) the versioned store.
  using StoreOpener =
      std::function<absl::StatusOr<std::unique_ptr<Store>>(bool create)>;

  Vault(StoreOpener opener, KeyRing* keys, Clock* clock, VaultOptions options);

  // Opens the store of an existing vault. Errors: kDataLoss when the keys
  // exist but the repository does not (or the reverse).
  absl::Status Start();

  // Creates keys and repository; returns the recovery identity file text
  // (secret, shown once). Errors: kAlreadyExists, kInvalidArgument.
  absl::StatusOr<std::string> Init(absl::string_view passphrase);
  // Errors: kPermissionDenied "passphrase: wrong" after a delay that grows
  // with each consecutive failure.
  absl::StatusOr<UnlockResult> Unlock(absl::string_view passphrase);
  // The forgotten passphrase: unlocks with the recovery identity (the text
  // Init returned) and sets `new_passphrase`. Journalled. Errors:
  // kInvalidArgument "new_passphrase: …" / "recovery_key: …",
  // kPermissionDenied "recovery_key: not this vault's recovery key" (after
  // the same growing delay as a wrong passphrase).
  absl::StatusOr<UnlockResult> Recover(absl::string_view recovery_key,
                                       absl::string_view new_passphrase);
  void Lock();
  absl::Status ChangePassphrase(absl::string_view old_passphrase,
                                absl::string_view new_passphrase);
  VaultStatus Status();
  // What is due for erasure on `as_of` (YYYY-MM-DD, "" for today) and in
  // the 90 days after, with rule, legal basis and dates; ids only.
  // Errors: kFailedPrecondition while locked, kInvalidArgument "as_of: …".
  absl::StatusOr<kluis::v1::RetentionReportResponse> RetentionReport(
      const std::string& as_of);
  // Locks when nothing happened for the idle time; true if it locked.
  // Erases what is due today by the retention rules (see
  // Retention.Apply); `dry_run` changes nothing. Journalled.
  absl::StatusOr<kluis::v1::ErasureResponse> ApplyRetention(bool dry_run);
  // An erasure request for one dossier: all of it, except invoice data
  // still within its fiscal term, which is kept under its fiscal year's
  // key. Journalled with `reason`. Errors: kNotFound "dossier_id: …",
  // kInvalidArgument "reason: …".
  absl::StatusOr<kluis::v1::ErasureResponse> EraseDossier(
      absl::string_view dossier_id, absl::string_view reason, bool dry_run);
  // Invoice data kept after erasure (0: every fiscal year). Journalled.
  absl::StatusOr<std::vector<kluis::v1::KeptInvoice>> KeptInvoices(
      uint32_t fiscal_year);
  // kluis compact --purge-erased: rewrites main's history without every
  // path a tombstone names, re-signed, and removes the dropped objects.
  // Journalled. Errors: kInvalidArgument "purge_erased: …" unless asked.
  absl::StatusOr<kluis::v1::CompactResponse> Compact(bool purge_erased);
  // Every tombstone, oldest erasure first.
  absl::StatusOr<std::vector<kluis::v1::Tombstone>> Tombstones();
  // The anonymised intervision summary of a dossier (intervision.h), in
  // Markdown in t's language. Journalled as an export. Errors: kNotFound
  // "dossier_id: …".
  absl::StatusOr<std::string> IntervisionExport(absl::string_view dossier_id,
                                                const i18n::Translator& t);
  // The client's access and portability package, as a tar archive
  // (access_export.h): index.html, data.json, schema.json, attachments/.
  // Working notes within their term are withheld. Journalled. Plaintext:
  // the caller encrypts it or hands it to the client, never to disk. The
  // words (index.html, the information in data.json) in t's language.
  absl::StatusOr<std::string> AccessExport(absl::string_view dossier_id,
                                           const i18n::Translator& t);
  // The processing register (processing_register.h), with what only the
  // daemon knows in `security`, in t's language.
  absl::StatusOr<kluis::v1::ProcessingRegister> ProcessingRegister(
      const SecurityFacts& security, const i18n::Translator& t);
  // Assesses a lost backup drive whose last good run left main at
  // `drive_head`; `facts` comes with target, last_good_run, other_backup,
  // key_compromised and the work factor filled in. Unless `dry_run`, writes
  // the breach register entry. Errors: kFailedPrecondition while locked.
  absl::StatusOr<kluis::v1::LostTargetAssessment> AssessLostTarget(
      absl::string_view drive_head, LostTargetFacts facts, bool dry_run);
  // Minutes per organisation and activity within [from, to] (either may be
  // ""). Errors: kInvalidArgument "from_date: …", kNotFound
  // "organisation_id: …".
  absl::StatusOr<kluis::v1::HoursReportResponse> HoursReport(
      absl::string_view organisation_id, absl::string_view from,
      absl::string_view to);
  // The anonymised annual report of an organisation (annual_report.h).
  // Errors: kNotFound "organisation_id: …", kInvalidArgument "year: …",
  // kFailedPrecondition "annual_advice.text: …" when the advice names a
  // person of one of the organisation's cases. Labels in t's language.
  absl::StatusOr<kluis::v1::AnnualReport> AnnualReport(
      absl::string_view organisation_id, uint32_t year,
      const i18n::Translator& t);
  // kluis agenda archive: files the month's appointments of an iCalendar
  // export into the dossiers they concern (by attendee e-mail, else by the
  // client's or reporter's name in the title) or the practice archive.
  // Idempotent by UID. Errors: kInvalidArgument "month: …" / "ics: …".
  absl::StatusOr<kluis::v1::ArchiveAgendaResponse> ArchiveAgenda(
      absl::string_view ics, absl::string_view month, bool dry_run);
  // kluis invoice pdf: the invoice as a PDF (invoice_document.h) for the
  // organisation billed (the invoice's, else the commission's or the
  // case's) or else the client, in `lang` ("nl", "" or "en"); kept as the
  // dossier's attachment "factuur-<number>.pdf" (a new version of it each
  // time) and journalled as an export. Errors: kNotFound "dossier_id: …" /
  // "invoice_id: …" / "invoice.organisation_id: …"; kInvalidArgument
  // "lang: …" or naming every field the invoice lacks, each with rule
  // "required" ("profile.iban: required for an invoice; …").
  absl::StatusOr<kluis::v1::InvoicePdfResponse> InvoicePdf(
      absl::string_view dossier_id, absl::string_view invoice_id,
      absl::string_view lang);
  bool LockIfIdle();
  absl::Duration idle_lock() const { return options_.idle_lock; }

  // `head` holds a client (a coaching dossier) or an adviser case.
  // Errors: kInvalidArgument, kNotFound for an unknown organisation.
  absl::StatusOr<CreatedDossier> CreateDossier(kluis::v1::Record head,
                                               absl::string_view reason);
  absl::StatusOr<DossierView> GetDossier(absl::string_view dossier_id);
  absl::StatusOr<std::vector<DossierEntry>> ListDossiers(DossierQuery query);
  // The dossiers a person may mean by `ref`, a name or an id prefix
  // (dossier_ref.h): one to act on, several to choose from, or none.
  // Errors: kInvalidArgument "dossier: …", kFailedPrecondition (locked).
  absl::StatusOr<std::vector<DossierEntry>> ResolveDossier(
      absl::string_view ref);
  absl::Status DeleteDossier(absl::string_view dossier_id);
  // All or nothing, one commit (written as one pack). Errors name the item:
  // "dossiers[12].client.email: not an e-mail address". With validate_only
  // every item is checked and each refusal listed; nothing is written.
  absl::StatusOr<ImportResult> Import(ImportRequest request);
  std::string Today() const;
  // Names of organisations, for summaries ("" when unknown).
  std::string OrganisationName(const std::string& id) const;

  // An empty dossier_id addresses the practice's own records
  // (organisations, the practice profile). Errors: kInvalidArgument for a
  // kind that does not belong where it is put; kAlreadyExists for a second
  // practice profile; kFailedPrecondition for deleting an organisation that
  // dossiers still link to.
  absl::StatusOr<std::string> CreateRecord(absl::string_view dossier_id,
                                           kluis::v1::Record record,
                                           absl::string_view reason);
  absl::StatusOr<kluis::v1::Record> GetRecord(absl::string_view dossier_id,
                                              absl::string_view record_id);
  absl::StatusOr<std::vector<kluis::v1::Record>> ListRecords(
      absl::string_view dossier_id, kluis::v1::RecordKind kind);
  absl::StatusOr<kluis::v1::Record> UpdateRecord(
      absl::string_view dossier_id, kluis::v1::Record record,
      absl::string_view expected_updated, absl::string_view reason);
  absl::Status DeleteRecord(absl::string_view dossier_id,
                            absl::string_view record_id);

  // Versions of one record (or, with an empty record_id, of every record
  // of the dossier), newest first, within [since, until].
  absl::StatusOr<std::vector<RecordVersion>> History(
      absl::string_view dossier_id, absl::string_view record_id,
      absl::Time since = absl::InfinitePast(),
      absl::Time until = absl::InfiniteFuture());
  // Every change of the vault, newest first, within [since, until].
  absl::StatusOr<std::vector<VaultChange>> VaultHistory(absl::Time since,
                                                        absl::Time until);
  // The record as of `version` (a commit id from History). Errors:
  // kInvalidArgument, kNotFound when it did not exist then.
  absl::StatusOr<kluis::v1::Record> GetRecordAt(absl::string_view dossier_id,
                                                absl::string_view record_id,
                                                absl::string_view version);
  // Field-level changes from `older` to `newer` (empty: the current one).
  absl::StatusOr<std::vector<FieldChange>> Diff(absl::string_view dossier_id,
                                                absl::string_view record_id,
                                                absl::string_view older,
                                                absl::string_view newer);
  // Writes the body of `version` as a new version (history is kept); a
  // deleted record comes back with its id (and an attachment with its
  // content). With an empty record_id the whole dossier (also a deleted
  // one) is made as it was at `version`, in one commit; returns its head.
  // Errors: kNotFound "version: …" when it did not exist then;
  // kFailedPrecondition for a record of a deleted dossier.
  absl::StatusOr<kluis::v1::Record> Restore(absl::string_view dossier_id,
                                            absl::string_view record_id,
                                            absl::string_view version,
                                            absl::string_view reason);

  // The public key that signs every commit ("ssh-ed25519 …"); also while
  // locked. Errors: kFailedPrecondition without a vault.
  absl::StatusOr<std::string> SignerPublicKey();
  // Checks every commit's signature and the chain from the head to the
  // root; needs no passphrase.
  absl::StatusOr<AuditReport> VerifyHistory();

  // Journals an action taken outside the vault's own methods (a backup
  // run); works while locked. `reason` must hold no personal data.
  // Errors: kFailedPrecondition without a vault.
  absl::Status JournalAction(absl::string_view action,
                             absl::string_view outcome,
                             absl::string_view reason);

  // Decrypts every record and attachment in `copy`'s head (a backup's
  // mirror) with this vault's keys; with sample_percent < 100 only that
  // share of the files, chosen by `rotation`. Needs the vault unlocked.
  absl::StatusOr<DeepCheckReport> DeepCheck(Store* copy, int sample_percent,
                                            uint64_t rotation);

  // The access journal, newest first, optionally for one dossier and from
  // `since`. Needs the vault unlocked (entries are encrypted).
  absl::StatusOr<std::vector<JournalView>> ReadJournal(
      absl::string_view dossier_id, absl::Time since = absl::InfinitePast());

  // Starts an upload into a dossier; the caller writes the content and
  // finishes it (attachment.h). Errors: kInvalidArgument for the metadata.
  absl::StatusOr<std::unique_ptr<AttachmentUpload>> BeginAttachment(
      absl::string_view dossier_id, kluis::v1::Attachment attachment,
      absl::string_view reason);
  // The attachment record and a stream of its plaintext.
  absl::StatusOr<AttachmentDownload> OpenAttachment(
      absl::string_view dossier_id, absl::string_view record_id);

 private:
  // The store when unlocked, else the locked/uninitialised error. Marks
  // activity for the idle lock.
  absl::StatusOr<Store*> Ready();
  // Where a record lives: in a dossier, or at practice level.
  struct Place {
    bool practice = false;
    DossierEntry dossier;  // unless practice
    std::string key_id;    // the dossier id, or kPracticeKeyId
    std::string Path(absl::string_view record_id) const;
    std::string Dir() const;
    std::string Label() const;  // for commit messages: no personal data
  };

  // Skips (and lists in `unreadable`) dossiers that fail with kDataLoss or
  // kNotFound; any other error fails the rebuild.
  absl::Status RebuildIndex(Store* store, std::vector<std::string>* unreadable);
  // Every dossier's head record (unreadable ones skipped).
  std::vector<kluis::v1::Record> Heads(Store* store);
  // What the dossiers of a drive's head held (breach assessment).
  absl::Status CountDrive(Store* store, absl::string_view commit,
                          LostTargetFacts* facts);
  // A disclosure to a named processor gets its agreement's delete-by date.
  absl::Status FillDeleteBy(Store* store, kluis::v1::Record* record);
  absl::Status LoadPractice(Store* store, std::vector<std::string>* unreadable);
  absl::StatusOr<DossierEntry> LoadDossierEntry(Store* store,
                                                const std::string& id);
  absl::StatusOr<kluis::v1::Record> ReadRecord(Store* store,
                                               absl::string_view key_id,
                                               const std::string& path);
  absl::StatusOr<kluis::v1::Record> ReadSealed(absl::string_view key_id,
                                               absl::string_view sealed);
  absl::StatusOr<std::string> SealRecord(absl::string_view key_id,
                                         const kluis::v1::Record& record);
  absl::StatusOr<DossierEntry> RequireDossier(absl::string_view dossier_id);
  absl::StatusOr<Place> Locate(absl::string_view dossier_id);
  // Also a deleted dossier (by a well-formed id), for reading its history.
  absl::StatusOr<Place> LocateInHistory(absl::string_view dossier_id);
  absl::StatusOr<kluis::v1::Record> RestoreDeletedRecord(
      Store* store, absl::string_view dossier_id, kluis::v1::Record old,
      absl::string_view version, const std::string& why);
  // Creates the practice key on the first practice-level write of a vault
  // made before practice records existed.
  absl::Status EnsurePracticeKey(Store* store);
  // Checks a record's kind against its place, and that the ids it links to
  // (organisations, attachments) exist.
  absl::Status CheckPlacement(const Place& place,
                              const kluis::v1::Record& record);
  absl::Status CheckReferences(Store* store, const Place& place,
                               const kluis::v1::Record& record);
  // A disclosure on consent names a consent of its dossier that was in
  // force on its date, for the same recipient.
  absl::Status CheckConsent(Store* store, const Place& place,
                            const kluis::v1::Disclosure& d);
  // A consent that a disclosure rests on is its proof: not deleted.
  absl::Status CheckConsentUnused(Store* store, const Place& place,
                                  absl::string_view consent_id);
  // Folds the record's contribution into the dossier's head (facts), adding
  // the rewritten head to `changes` when it changed; `head` receives it.
  absl::Status FoldIntoHead(Store* store, const Place& place,
                            const std::string& record_id,
                            const kluis::v1::Record* record,
                            std::vector<StoreChange>* changes,
                            std::optional<kluis::v1::Record>* head);
  // Updates the index after a committed write at `place`.
  void Reindex(const Place& place, const kluis::v1::Record* record,
               const std::optional<kluis::v1::Record>& head, int delta,
               absl::Time now);
  friend class AttachmentUpload;
  // Appends an entry to the access journal (encrypted to the vault key;
  // works while locked).
  // The practice profile's retention terms (the defaults without one).
  RetentionTerms Terms();
  // The names of the organisations a dossier links to (id → name).
  std::map<std::string, std::string> OrganisationNames(
      const DossierEntry& entry) const;
  // Erasure steps, under write_mu_ (vault_erase.cc).
  absl::Status EraseDossierLocked(Store* store, const DossierEntry& entry,
                                  kluis::v1::Tombstone tomb,
                                  const std::string& today, bool dry_run,
                                  kluis::v1::ErasureResponse* out);
  absl::Status EraseRecordLocked(Store* store,
                                 const kluis::v1::RetentionItem& item,
                                 const std::string& today, bool dry_run,
                                 kluis::v1::ErasureResponse* out);
  absl::Status EraseFiscalYearLocked(Store* store,
                                     const kluis::v1::RetentionItem& item,
                                     const std::string& today, bool dry_run,
                                     kluis::v1::ErasureResponse* out);
  absl::Status SealTombstone(const kluis::v1::Tombstone& t,
                             std::vector<StoreChange>* changes);
  absl::Status EnsureKey(const std::string& key_id);
  // After a create or import that did not commit: destroys the new keys
  // of `dossier_ids` whose dossier is not in the head. (A failed barrier
  // may still have moved main; a dossier that made it keeps its key.)
  void DropUnusedKeys(Store* store,
                      const std::vector<std::string>& dossier_ids);
  // The fiscal years of kept invoices, as retention items.
  std::vector<kluis::v1::RetentionItem> FiscalItems(Store* store);
  // True when the dossier, or this record of it, has a tombstone.
  bool IsErased(Store* store, absl::string_view dossier_id,
                absl::string_view record_id);
  // Destroys the keys every tombstone names (finishes an erasure cut
  // short between its commit and its key's destruction).
  void SweepErasedKeys(Store* store);
  // Keeps or destroys the keys a create cut short left in the key ring's
  // intent log (KeyRing::PendingDossierKeys). Call with write_mu_ held.
  void SweepUnusedKeys(Store* store) ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  // Adds the open subject requests near or past their deadline, and the
  // breaches whose 72 hours run, to `st`.
  void CountOpenRequests(Store* store, const std::string& today,
                         VaultStatus* st);
  // Unlock and Recover: `open_keys` unlocks the key ring.
  absl::StatusOr<UnlockResult> UnlockWith(
      const std::function<absl::Status()>& open_keys, bool recovery);
  absl::Status Journal(Store* store, absl::string_view action,
                       absl::string_view dossier_id, absl::string_view outcome,
                       absl::string_view reason);
  // For a change that is saved before it is journalled (a disclosure, a
  // restore, an erasure): a failed journal append fails the call all the
  // same, saying that the change stands and what the journal lacks.
  static absl::Status Journalled(absl::Status journal);
  absl::Status VerifyJournal(Store* store, AuditReport* report);
  // Checks the commits from the head back to `stop_at` (a commit checked
  // before; "" for all, to the root): signatures, the parent chain, no
  // merges, one root. A walk that never meets `stop_at` is a rewritten
  // history.
  // At most `max_commits` (0: all) from the head when there is no
  // `stop_at`.
  absl::Status VerifyCommits(Store* store, absl::string_view stop_at,
                             AuditReport* report, uint64_t max_commits = 0);
  // For Status: the commits new since the last check, verified; the first
  // problem found stays until kluisd restarts.
  std::string HistoryProblem(Store* store);
  // Removes journal entries older than the practice's term (5 years
  // unless the profile says otherwise), journalling that it did.
  absl::Status ApplyJournalRetention(Store* store);
  absl::StatusOr<kluis::v1::Record> RestoreDossier(absl::string_view dossier_id,
                                                   absl::string_view version,
                                                   const std::string& why);
  absl::StatusOr<kluis::v1::Record> CommitAttachment(kluis::v1::Record record,
                                                     const std::string& blob_id,
                                                     absl::string_view reason);
  RuleContext Rules();
  // Drops the index and the cached profile (personal data) from memory.
  void ForgetPlaintext();
  absl::Status NormalizeAndValidate(kluis::v1::Record* record);
  // A new record envelope around `record`'s body.
  void Stamp(kluis::v1::Record* record, const std::string& id,
             const std::string& dossier_id, absl::Time now,
             absl::string_view reason);

  const StoreOpener opener_;
  KeyRing* const keys_;
  Clock* const clock_;
  const VaultOptions options_;
  DossierIndex index_;
  // The deadlines CountOpenRequests read from the practice records, and
  // the head they are of: a status poll of an unchanged vault decrypts
  // nothing. Ids and dates only.
  struct Deadlines {
    std::string head;
    std::vector<std::pair<std::string, absl::Time>> breaches;
    std::vector<std::string> requests;  // open requests' last days
  };
  absl::Mutex deadlines_mu_;
  Deadlines deadlines_ ABSL_GUARDED_BY(deadlines_mu_);
  mutable absl::Mutex profile_mu_;
  std::optional<kluis::v1::Record> profile_ ABSL_GUARDED_BY(profile_mu_);

  absl::Mutex unlock_mu_;
  absl::Mutex lifecycle_mu_;
  std::unique_ptr<Store> store_ ABSL_GUARDED_BY(lifecycle_mu_);
  uint64_t generation_ ABSL_GUARDED_BY(lifecycle_mu_) = 0;  // bumped by Lock
  bool unlocked_ ABSL_GUARDED_BY(lifecycle_mu_) = false;
  int failed_unlocks_ ABSL_GUARDED_BY(lifecycle_mu_) = 0;
  absl::Time last_activity_ ABSL_GUARDED_BY(lifecycle_mu_);

  absl::Mutex write_mu_;  // held across read-check-commit of a mutation

  // Journal appends that failed since start (shown by Status).
  absl::Mutex journal_health_mu_;
  std::string journal_problem_ ABSL_GUARDED_BY(journal_health_mu_);
  uint64_t journal_failures_ ABSL_GUARDED_BY(journal_health_mu_) = 0;

  // The incremental history check behind Status; a compaction, which
  // rewrites history itself, holds it and starts the check afresh.
  static constexpr uint64_t kHistoryFirstLook = 2000;
  absl::Mutex history_check_mu_;
  std::string history_checked_head_ ABSL_GUARDED_BY(history_check_mu_);
  std::string history_problem_ ABSL_GUARDED_BY(history_check_mu_);
};

// The delay before answering the n-th consecutive wrong passphrase.
absl::Duration UnlockFailureDelay(int consecutive_failures);

}  // namespace kluis::core

#endif  // KLUIS_DAEMON_CORE_VAULT_H_
