#include "client/common/terminal.h"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>

#include "absl/strings/str_cat.h"

namespace kluis::client {

void Wipe(std::string* secret) {
  volatile char* p = secret->data();
  for (size_t i = 0; i < secret->size(); ++i) p[i] = 0;
  secret->clear();
}

absl::StatusOr<std::string> ReadSecretLine(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError("passphrase file: cannot open");
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.empty()) {
    return absl::InvalidArgumentError("passphrase file: first line is empty");
  }
  return line;
}

absl::StatusOr<std::string> ReadSecretFile(const std::string& path,
                                           absl::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(what, ": cannot open"));
  std::string text(64 * 1024 + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  if (text.empty() || text.size() > 64 * 1024) {
    Wipe(&text);
    return absl::InvalidArgumentError(
        absl::StrCat(what, ": empty, or larger than a key file (64 KiB)"));
  }
  return text;
}

namespace {
std::string ReadLineFrom(int fd) {
  std::string out;
  char c;
  while (true) {
    ssize_t n = ::read(fd, &c, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0 || c == '\n' || c == '\r') break;
    out.push_back(c);
  }
  return out;
}
}  // namespace

absl::StatusOr<std::string> PromptSecret(absl::string_view prompt,
                                         bool confirm) {
  const int tty = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
  if (tty < 0) {
    return absl::FailedPreconditionError(
        "passphrase: no terminal; use --passphrase-file");
  }
  termios old_tio;
  const bool is_tty = ::tcgetattr(tty, &old_tio) == 0;
  if (is_tty) {
    termios tio = old_tio;
    tio.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tio.c_lflag |= ECHONL;
    ::tcsetattr(tty, TCSAFLUSH, &tio);
  }
  auto ask = [&](absl::string_view p) {
    const std::string line = absl::StrCat(p, ": ");
    (void)!::write(tty, line.data(), line.size());
    return ReadLineFrom(tty);
  };
  std::string first = ask(prompt);
  std::string second = confirm ? ask("Confirm passphrase") : first;
  if (is_tty) ::tcsetattr(tty, TCSAFLUSH, &old_tio);
  ::close(tty);
  const bool same = first == second;
  Wipe(&second);
  if (first.empty()) return absl::InvalidArgumentError("passphrase: empty");
  if (!same) {
    Wipe(&first);
    return absl::InvalidArgumentError("passphrase: the two entries differ");
  }
  return first;
}

}  // namespace kluis::client
