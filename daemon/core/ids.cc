#include "daemon/core/ids.h"

#include <sys/random.h>

#include <cerrno>
#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace kluis::core {

std::string NewId() {
  char bytes[16];
  size_t got = 0;
  while (got < sizeof(bytes)) {
    ssize_t n = getrandom(bytes + got, sizeof(bytes) - got, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) std::abort();  // the kernel CSPRNG is gone: nothing is safe
    got += static_cast<size_t>(n);
  }
  std::string id =
      absl::BytesToHexString(absl::string_view(bytes, sizeof(bytes)));
  // Reserved for the practice key; 2^-128, but cheap to rule out.
  return id == kPracticeKeyId ? NewId() : id;
}

bool IsValidId(absl::string_view id) {
  if (id.size() != 32) return false;
  for (char c : id) {
    if (!absl::ascii_isdigit(c) && (c < 'a' || c > 'f')) return false;
  }
  return true;
}

absl::Status CheckId(absl::string_view field, absl::string_view id) {
  if (IsValidId(id)) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(field, ": not a kluis id (32 hex digits)"));
}

absl::Status CheckVersion(absl::string_view version) {
  if (version.size() == 40 && version.find_first_not_of("0123456789abcdef") ==
                                  absl::string_view::npos) {
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError(
      "version: not a version id (40 hex digits, from kluis history)");
}

std::string TombstonePath(absl::string_view id) {
  return absl::StrCat(kErasedRoot, "/", id.substr(0, 2), "/", id,
                      kRecordSuffix);
}

std::string RecordTombstonePath(absl::string_view dossier_id,
                                absl::string_view record_id) {
  return absl::StrCat(kErasedRoot, "/", dossier_id.substr(0, 2), "/",
                      dossier_id, "/", record_id, kRecordSuffix);
}

std::string KeptInvoicePath(int year, absl::string_view record_id) {
  return absl::StrCat(kFiscalRoot, "/", year, "/", record_id, kRecordSuffix);
}

std::string FiscalKeyId(int year) {
  return absl::StrFormat("f15ca1%026d", year);
}

std::string DossierDir(absl::string_view dossier_id) {
  return absl::StrCat(kDossiersRoot, "/", dossier_id.substr(0, 2), "/",
                      dossier_id);
}

std::string DossierHeadPath(absl::string_view dossier_id) {
  return absl::StrCat(DossierDir(dossier_id), "/", kHeadFile);
}

std::string RecordPath(absl::string_view dossier_id,
                       absl::string_view record_id) {
  return absl::StrCat(DossierDir(dossier_id), "/", record_id, kRecordSuffix);
}

std::string PracticeRecordPath(absl::string_view record_id) {
  return absl::StrCat(kPracticeRoot, "/", record_id, kRecordSuffix);
}

std::string AttachmentDataPath(absl::string_view dossier_id,
                               absl::string_view record_id) {
  return absl::StrCat(DossierDir(dossier_id), "/", record_id, kDataSuffix);
}

bool IsRecordFile(absl::string_view name) {
  return absl::EndsWith(name, kRecordSuffix) &&
         !absl::EndsWith(name, kDataSuffix);
}

std::string ShortId(absl::string_view id) {
  return std::string(id.substr(0, 8));
}

}  // namespace kluis::core
