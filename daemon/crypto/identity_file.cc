#include "daemon/crypto/identity_file.h"

#include <openssl/crypto.h>

#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace kluis::crypto {

absl::StatusOr<std::vector<X25519Identity>> ParseIdentityFile(
    absl::string_view text) {
  std::vector<X25519Identity> out;
  int line_no = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_no;
    line = absl::StripTrailingAsciiWhitespace(line);
    if (line.empty() || line[0] == '#') continue;
    if (absl::StartsWithIgnoreCase(line, "AGE-SECRET-KEY-PQ-1") ||
        absl::StartsWithIgnoreCase(line, "AGE-PLUGIN-")) {
      return absl::UnimplementedError(
          absl::StrCat("identity file line ", line_no,
                       ": identity type not supported (only X25519)"));
    }
    absl::StatusOr<X25519Identity> id = X25519Identity::Parse(line);
    if (!id.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "identity file line ", line_no, ": ", id.status().message()));
    }
    out.push_back(std::move(*id));
  }
  if (out.empty()) {
    return absl::InvalidArgumentError("identity file: no identity found");
  }
  return out;
}

SecureBytes FormatIdentityFile(const X25519Identity& id, absl::Time created) {
  const std::string head = absl::StrCat(
      "# created: ",
      absl::FormatTime("%Y-%m-%dT%H:%M:%S%Ez", created, absl::LocalTimeZone()),
      "\n# public key: ", id.recipient().Encode(), "\n");
  SecureBytes secret = id.Encode();
  SecureBytes out(head.size() + secret.size() + 1);
  std::memcpy(out.data(), head.data(), head.size());
  std::memcpy(out.data() + head.size(), secret.data(), secret.size());
  out.data()[out.size() - 1] = '\n';
  return out;
}

}  // namespace kluis::crypto
