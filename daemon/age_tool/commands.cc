#include "daemon/age_tool/commands.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "daemon/age_tool/output_file.h"
#include "daemon/age_tool/passphrase.h"
#include "daemon/crypto/age.h"
#include "daemon/crypto/age_error.h"
#include "daemon/crypto/identity_file.h"
#include "daemon/crypto/x25519.h"

namespace kluis::age_tool {
namespace {

using crypto::SecureBytes;

constexpr size_t kCopyBlock = 1 << 20;

// A copy buffer for plaintext, wiped however the function leaves.
class WipedBuffer {
 public:
  WipedBuffer() : data_(new uint8_t[kCopyBlock]) {}
  ~WipedBuffer() { OPENSSL_cleanse(data_.get(), kCopyBlock); }
  absl::Span<uint8_t> span() { return {data_.get(), kCopyBlock}; }

 private:
  std::unique_ptr<uint8_t[]> data_;
};

// An input file descriptor, closed on scope exit unless it is stdin.
class Input {
 public:
  static absl::StatusOr<std::unique_ptr<Input>> Open(const std::string& path) {
    if (path.empty() || path == "-") {
      return std::unique_ptr<Input>(new Input(STDIN_FILENO, false));
    }
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      return absl::NotFoundError(
          absl::StrCat("input: cannot open: ", std::strerror(errno)));
    }
    return std::unique_ptr<Input>(new Input(fd, true));
  }
  ~Input() {
    if (owned_) ::close(fd_);
  }
  crypto::Reader* reader() { return &reader_; }

 private:
  Input(int fd, bool owned) : fd_(fd), owned_(owned), reader_(fd) {}
  int fd_;
  bool owned_;
  crypto::FdReader reader_;
};

// Asks for the passphrase only when the file turns out to hold a scrypt
// stanza, as `age -d` does.
class PromptingScryptIdentity : public crypto::Identity {
 public:
  absl::StatusOr<SecureBytes> Unwrap(
      absl::Span<const crypto::Stanza> stanzas) const override {
    bool has_scrypt = false;
    for (const crypto::Stanza& st : stanzas) has_scrypt |= st.type == "scrypt";
    if (!has_scrypt) return crypto::NoMatchError();
    absl::StatusOr<SecureBytes> pass =
        PromptPassphrase("Enter passphrase", false);
    if (!pass.ok()) return pass.status();
    return crypto::ScryptIdentity(std::move(*pass)).Unwrap(stanzas);
  }
};

}  // namespace

absl::Status RunEncrypt(const EncryptArgs& args) {
  std::vector<std::unique_ptr<crypto::Recipient>> owned;
  if (args.passphrase) {
    if (!args.recipients.empty()) {
      return absl::InvalidArgumentError(
          "-p cannot be combined with -r: a passphrase must be alone");
    }
    absl::StatusOr<SecureBytes> pass =
        args.passphrase_file.empty()
            ? PromptPassphrase("Enter passphrase", true)
            : ReadPassphraseFile(args.passphrase_file);
    if (!pass.ok()) return pass.status();
    absl::StatusOr<crypto::ScryptRecipient> r =
        crypto::ScryptRecipient::Create(std::move(*pass), args.work_factor);
    if (!r.ok()) return r.status();
    owned.push_back(std::make_unique<crypto::ScryptRecipient>(std::move(*r)));
  }
  for (const std::string& text : args.recipients) {
    absl::StatusOr<crypto::X25519Recipient> r =
        crypto::X25519Recipient::Parse(text);
    if (!r.ok()) return r.status();
    owned.push_back(std::make_unique<crypto::X25519Recipient>(*r));
  }
  if (owned.empty()) {
    return absl::InvalidArgumentError("encrypt: give -r RECIPIENT or -p");
  }
  std::vector<const crypto::Recipient*> recipients;
  for (const auto& r : owned) recipients.push_back(r.get());

  absl::StatusOr<std::unique_ptr<Input>> in = Input::Open(args.input);
  if (!in.ok()) return in.status();
  absl::StatusOr<std::unique_ptr<OutputFile>> out =
      OutputFile::Open(args.output, 0644);
  if (!out.ok()) return out.status();
  absl::StatusOr<std::unique_ptr<crypto::Writer>> enc = crypto::NewEncryptor(
      recipients, (*out)->writer(), crypto::EncryptOptions{args.armor});
  if (!enc.ok()) return enc.status();

  WipedBuffer buf;
  while (true) {
    absl::StatusOr<size_t> n = crypto::ReadFull(*(*in)->reader(), buf.span());
    if (!n.ok()) return n.status();
    if (*n == 0) break;
    absl::Status s = (*enc)->Write(buf.span().subspan(0, *n));
    if (!s.ok()) return s;
  }
  absl::Status s = (*enc)->Close();
  if (!s.ok()) return s;
  return (*out)->Commit();
}

absl::Status RunDecrypt(const DecryptArgs& args) {
  std::vector<std::unique_ptr<crypto::Identity>> owned;
  for (const std::string& path : args.identity_files) {
    absl::StatusOr<SecureBytes> text = ReadSecretFile(path);
    if (!text.ok()) return text.status();
    absl::StatusOr<std::vector<crypto::X25519Identity>> ids =
        crypto::ParseIdentityFile(text->view());
    if (!ids.ok()) return ids.status();
    for (auto& id : *ids) {
      owned.push_back(std::make_unique<crypto::X25519Identity>(std::move(id)));
    }
  }
  if (!args.passphrase_file.empty()) {
    absl::StatusOr<SecureBytes> pass = ReadPassphraseFile(args.passphrase_file);
    if (!pass.ok()) return pass.status();
    owned.push_back(std::make_unique<crypto::ScryptIdentity>(std::move(*pass)));
  }
  if (owned.empty())
    owned.push_back(std::make_unique<PromptingScryptIdentity>());
  std::vector<const crypto::Identity*> identities;
  for (const auto& id : owned) identities.push_back(id.get());

  absl::StatusOr<std::unique_ptr<Input>> in = Input::Open(args.input);
  if (!in.ok()) return in.status();
  absl::StatusOr<std::unique_ptr<crypto::Reader>> dec =
      crypto::NewDecryptor(identities, (*in)->reader());
  if (!dec.ok()) return dec.status();
  // Opened only after the header checks out, so that a wrong key leaves no
  // file behind even for a moment.
  absl::StatusOr<std::unique_ptr<OutputFile>> out =
      OutputFile::Open(args.output, 0600);
  if (!out.ok()) return out.status();

  WipedBuffer buf;
  while (true) {
    absl::StatusOr<size_t> n = (*dec)->Read(buf.span());
    if (!n.ok()) return n.status();
    if (*n == 0) break;
    absl::Status s = (*out)->writer()->Write(buf.span().subspan(0, *n));
    if (!s.ok()) return s;
  }
  return (*out)->Commit();
}

absl::Status RunKeygen(const std::string& output) {
  absl::StatusOr<crypto::X25519Identity> id =
      crypto::X25519Identity::Generate();
  if (!id.ok()) return id.status();
  SecureBytes text = crypto::FormatIdentityFile(*id, absl::Now());
  int fd = STDOUT_FILENO;
  if (!output.empty() && output != "-") {
    fd = ::open(output.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
      return absl::AlreadyExistsError(absl::StrCat(
          "keygen: cannot create the identity file (", std::strerror(errno),
          "); an existing key file is never overwritten"));
    }
  }
  crypto::FdWriter w(fd);
  absl::Status s = w.Write(text.span());
  if (fd != STDOUT_FILENO) {
    if (s.ok() && ::fsync(fd) != 0) s = absl::UnavailableError("keygen: fsync");
    ::close(fd);
    if (s.ok()) {
      const std::string pub =
          absl::StrCat("Public key: ", id->recipient().Encode(), "\n");
      (void)!::write(STDERR_FILENO, pub.data(), pub.size());
    }
  }
  return s;
}

absl::Status RunToRecipient(const std::string& input) {
  absl::StatusOr<SecureBytes> text = (input.empty() || input == "-")
                                         ? ReadSecretFile("/dev/stdin")
                                         : ReadSecretFile(input);
  if (!text.ok()) return text.status();
  absl::StatusOr<std::vector<crypto::X25519Identity>> ids =
      crypto::ParseIdentityFile(text->view());
  if (!ids.ok()) return ids.status();
  std::string out;
  for (const auto& id : *ids)
    absl::StrAppend(&out, id.recipient().Encode(), "\n");
  crypto::FdWriter w(STDOUT_FILENO);
  return w.Write(crypto::AsBytes(out));
}

}  // namespace kluis::age_tool
