// Refusals: an absl::Status that also says, for a client, which field broke
// which rule. The payload is a serialized kluis.v1.Refusal (errors.proto);
// service/ passes it on as the gRPC status's error details, so a client
// picks its exit code by kind and words the problem in its user's language
// without reading English text. The status message keeps the English
// "field: text; field: text" for logs and older clients.
//
// Privacy rule: a refusal names fields and rules, never a value the caller
// sent: `text` and `allowed` come from kluis (or from the practice's own
// configuration, such as its case categories), never from the request.
//
// Thread-safety: free functions and a value type; no shared state.
#ifndef KLUIS_DAEMON_CORE_REFUSAL_H_
#define KLUIS_DAEMON_CORE_REFUSAL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "daemon/i18n/translator.h"  // N_: the texts are gettext msgids
#include "kluis/v1/errors.pb.h"

namespace kluis::core {

// The absl::Status payload key that carries a serialized Refusal.
inline constexpr absl::string_view kRefusalPayload =
    "type.googleapis.com/kluis.v1.Refusal";

// Stable rule ids (errors.proto Problem.rule) that clients translate.
namespace rule {
inline constexpr char kRequired[] = "required";
inline constexpr char kFormat[] = "format";  // text says which format
inline constexpr char kDateNotFound[] = "date_not_found";
inline constexpr char kFuture[] = "future";
inline constexpr char kBsn[] = "bsn";
inline constexpr char kMaxChars[] = "max_chars";
inline constexpr char kMaxValue[] = "max_value";
inline constexpr char kMaxEntries[] = "max_entries";
inline constexpr char kAllowedValues[] = "allowed_values";
inline constexpr char kRecord[] = "record";  // a rule between fields
inline constexpr char kConsent[] = "consent";
inline constexpr char kAccused[] = "accused";
inline constexpr char kChanged[] = "changed_since_read";
inline constexpr char kLocked[] = "locked";
inline constexpr char kNoVault[] = "no_vault";
}  // namespace rule

// Collects every problem of one request, so a record with three missing
// fields is reported once, with all three.
class Problems {
 public:
  void Add(absl::string_view field, absl::string_view rule,
           absl::string_view text, uint64_t limit = 0,
           std::vector<std::string> allowed = {});
  // Adds the problems a refusal carries (or, for a status without one, its
  // message as one problem without a field).
  void Merge(const absl::Status& status);
  bool empty() const { return refusal_.problems().empty(); }
  // OK when empty; otherwise `code` with every problem and `kind`.
  absl::Status ToStatus(
      absl::StatusCode code = absl::StatusCode::kInvalidArgument,
      kluis::v1::Refusal::Kind kind = kluis::v1::Refusal::KIND_INVALID) const;

 private:
  kluis::v1::Refusal refusal_;
};

// One invalid field: INVALID_ARGUMENT "field: text", kind INVALID.
absl::Status InvalidField(absl::string_view field, absl::string_view rule,
                          absl::string_view text, uint64_t limit = 0,
                          std::vector<std::string> allowed = {});

// A privacy or domain rule refuses the change although each field is well
// formed: FAILED_PRECONDITION "field: text", kind RULE (the CLI exits 2).
absl::Status RuleRefusal(absl::string_view field, absl::string_view rule,
                         absl::string_view text);

// The record changed since the caller read it: FAILED_PRECONDITION, kind
// CONFLICT (the CLI exits 7).
absl::Status ChangedSinceRead(absl::string_view field, absl::string_view text);

// FAILED_PRECONDITION "vault is locked: run kluis unlock", kind LOCKED.
absl::Status LockedError();
// FAILED_PRECONDITION "vault is not initialised: run kluis init", kind
// NO_VAULT.
absl::Status NoVaultError();

// The refusal `status` carries, if any.
std::optional<kluis::v1::Refusal> RefusalOf(const absl::Status& status);

}  // namespace kluis::core

#endif  // KLUIS_DAEMON_CORE_REFUSAL_H_
