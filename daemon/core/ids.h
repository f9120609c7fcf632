// Record and dossier ids: 128 random bits as 32 lowercase hex digits. They
// carry no meaning, so paths and logs built from them leak nothing.
#ifndef KLUIS_DAEMON_CORE_IDS_H_
#define KLUIS_DAEMON_CORE_IDS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace kluis::core {

std::string NewId();
bool IsValidId(absl::string_view id);
// The first 8 characters, as people see an id (kluis shows them by default).
std::string ShortId(absl::string_view id);
// Errors: kInvalidArgument "<field>: not a kluis id (32 hex digits)".
absl::Status CheckId(absl::string_view field, absl::string_view id);
// A version is a commit id. Errors: kInvalidArgument "version: not a
// version id (40 hex digits, from kluis history)".
absl::Status CheckVersion(absl::string_view version);

// dossiers/<first two hex digits>/<dossier id>
std::string DossierDir(absl::string_view dossier_id);
// The dossier's head record (its client) and its other records.
std::string DossierHeadPath(absl::string_view dossier_id);
std::string RecordPath(absl::string_view dossier_id,
                       absl::string_view record_id);
// practice/<record id>.age: organisations and the practice profile.
std::string PracticeRecordPath(absl::string_view record_id);
// A record's file name (<id>.age), not an attachment's content.
bool IsRecordFile(absl::string_view name);
// The content of an attachment, next to its record.
std::string AttachmentDataPath(absl::string_view dossier_id,
                               absl::string_view record_id);
// Tombstones, sealed to the vault (ids, rule and dates only).
// erased/<first two hex digits>/<id>.age: of an erased dossier (or fiscal
// year): its key is destroyed. erased/<2 hex>/<dossier id>/<record id>.age:
// of one erased record of a dossier that stays.
std::string TombstonePath(absl::string_view id);
std::string RecordTombstonePath(absl::string_view dossier_id,
                                absl::string_view record_id);
// fiscal/<year>/<record id>.age: an invoice kept after its dossier was
// erased, under that fiscal year's key (FiscalKeyId).
std::string KeptInvoicePath(int year, absl::string_view record_id);
// The key of one fiscal year's kept invoices: "f15ca1" and the year,
// zero-padded to an id NewId() will not return in practice.
std::string FiscalKeyId(int year);
inline constexpr absl::string_view kErasedRoot = "erased";
// Plain commit ids, one per line: the first commits of main before each
// compaction that rewrote it (backups know a vault by its first commit).
inline constexpr absl::string_view kFormerRootsPath = "compaction/former-roots";
inline constexpr absl::string_view kFiscalRoot = "fiscal";
inline constexpr absl::string_view kDossiersRoot = "dossiers";
inline constexpr absl::string_view kPracticeRoot = "practice";
// The key of the practice-level records: an id NewId() never returns.
inline constexpr absl::string_view kPracticeKeyId =
    "00000000000000000000000000000000";
inline constexpr absl::string_view kDataSuffix = ".data.age";
inline constexpr absl::string_view kHeadFile = "dossier.age";
inline constexpr absl::string_view kRecordSuffix = ".age";

}  // namespace kluis::core

#endif  // KLUIS_DAEMON_CORE_IDS_H_
