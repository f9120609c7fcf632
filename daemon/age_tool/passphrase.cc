#include "daemon/age_tool/passphrase.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "client/common/terminal.h"

namespace kluis::age_tool {
namespace {

constexpr size_t kMaxSecretFile = 1 << 20;

// Reads all of fd into locked memory, growing by doubling.
absl::StatusOr<crypto::SecureBytes> ReadAllSecret(int fd, size_t limit) {
  crypto::SecureBytes buf(4096);
  size_t len = 0;
  while (true) {
    if (len == buf.size()) {
      if (buf.size() >= limit) {
        return absl::InvalidArgumentError("secret file: larger than 1 MiB");
      }
      crypto::SecureBytes bigger(buf.size() * 2);
      std::memcpy(bigger.data(), buf.data(), len);
      buf = std::move(bigger);
    }
    ssize_t n = ::read(fd, buf.data() + len, buf.size() - len);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return absl::UnavailableError("secret file: read failed");
    if (n == 0) break;
    len += static_cast<size_t>(n);
  }
  crypto::SecureBytes out =
      crypto::SecureBytes::CopyOf(absl::Span<const uint8_t>(buf.data(), len));
  return out;
}

crypto::SecureBytes FirstLine(const crypto::SecureBytes& text) {
  size_t end = 0;
  while (end < text.size() && text.data()[end] != '\n') ++end;
  size_t len = end;
  if (len > 0 && text.data()[len - 1] == '\r') --len;
  return crypto::SecureBytes::CopyOf(
      absl::Span<const uint8_t>(text.data(), len));
}

}  // namespace

absl::StatusOr<crypto::SecureBytes> ReadSecretFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return absl::NotFoundError(
        absl::StrCat("cannot open ", path, ": ", std::strerror(errno)));
  }
  absl::StatusOr<crypto::SecureBytes> text = ReadAllSecret(fd, kMaxSecretFile);
  ::close(fd);
  return text;
}

absl::StatusOr<crypto::SecureBytes> ReadPassphraseFile(
    const std::string& path) {
  absl::StatusOr<crypto::SecureBytes> text = ReadSecretFile(path);
  if (!text.ok()) return text.status();
  crypto::SecureBytes pass = FirstLine(*text);
  if (pass.empty()) {
    return absl::InvalidArgumentError("passphrase file: first line is empty");
  }
  return pass;
}

absl::StatusOr<crypto::SecureBytes> PromptPassphrase(absl::string_view prompt,
                                                     bool confirm) {
  absl::StatusOr<std::string> typed = client::PromptSecret(prompt, confirm);
  if (!typed.ok()) return typed.status();
  crypto::SecureBytes out = crypto::SecureBytes::CopyOf(*typed);
  client::Wipe(&*typed);
  return out;
}

}  // namespace kluis::age_tool
