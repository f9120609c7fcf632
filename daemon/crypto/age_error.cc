#include "daemon/crypto/age_error.h"

#include <optional>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"

namespace kluis::crypto {
namespace {

constexpr absl::string_view kPayloadUrl = "type.kluis/age-error-kind";

absl::Status Tagged(absl::Status status, AgeErrorKind kind) {
  status.SetPayload(kPayloadUrl, absl::Cord(AgeErrorKindName(kind)));
  return status;
}

}  // namespace

absl::Status ArmorError(absl::string_view rule) {
  return Tagged(absl::DataLossError(absl::StrCat("age armor: ", rule)),
                AgeErrorKind::kArmor);
}

absl::Status HeaderError(absl::string_view rule) {
  return Tagged(absl::DataLossError(absl::StrCat("age header: ", rule)),
                AgeErrorKind::kHeader);
}

absl::Status NoMatchError() {
  return Tagged(absl::PermissionDeniedError(
                    "age: no identity or passphrase matches this file"),
                AgeErrorKind::kNoMatch);
}

absl::Status HmacError() {
  return Tagged(absl::DataLossError("age header: MAC does not verify (the "
                                    "header was altered)"),
                AgeErrorKind::kHmac);
}

absl::Status PayloadError(absl::string_view rule) {
  return Tagged(absl::DataLossError(absl::StrCat("age payload: ", rule)),
                AgeErrorKind::kPayload);
}

AgeErrorKind GetAgeErrorKind(const absl::Status& status) {
  auto p = status.GetPayload(kPayloadUrl);
  if (!p.has_value()) return AgeErrorKind::kNone;
  for (AgeErrorKind k :
       {AgeErrorKind::kArmor, AgeErrorKind::kHeader, AgeErrorKind::kNoMatch,
        AgeErrorKind::kHmac, AgeErrorKind::kPayload}) {
    if (*p == AgeErrorKindName(k)) return k;
  }
  return AgeErrorKind::kNone;
}

absl::string_view AgeErrorKindName(AgeErrorKind kind) {
  switch (kind) {
    case AgeErrorKind::kNone:
      return "none";
    case AgeErrorKind::kArmor:
      return "armor failure";
    case AgeErrorKind::kHeader:
      return "header failure";
    case AgeErrorKind::kNoMatch:
      return "no match";
    case AgeErrorKind::kHmac:
      return "HMAC failure";
    case AgeErrorKind::kPayload:
      return "payload failure";
  }
  return "none";
}

}  // namespace kluis::crypto
