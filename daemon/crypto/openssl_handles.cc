#include "daemon/crypto/openssl_handles.h"

#include <openssl/err.h>

#include "absl/strings/str_cat.h"

namespace kluis::crypto {

absl::Status OpenSslError(absl::string_view what) {
  ERR_clear_error();
  return absl::InternalError(absl::StrCat("libcrypto: ", what, " failed"));
}

}  // namespace kluis::crypto
