#include "daemon/crypto/age_key_ring.h"

#include <openssl/crypto.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "daemon/core/ids.h"
#include "daemon/core/refusal.h"
#include "daemon/crypto/age.h"
#include "daemon/crypto/age_content.h"
#include "daemon/crypto/age_error.h"
#include "daemon/crypto/identity_file.h"
#include "daemon/platform/fs.h"

namespace kluis::crypto {
namespace {

std::string ToString(const std::vector<uint8_t>& v) {
  return std::string(v.begin(), v.end());
}

void Wipe(std::vector<uint8_t>& v) { OPENSSL_cleanse(v.data(), v.size()); }

absl::StatusOr<X25519Identity> ParseSingleIdentity(
    absl::Span<const uint8_t> text) {
  absl::StatusOr<std::vector<X25519Identity>> ids =
      ParseIdentityFile(absl::string_view(
          reinterpret_cast<const char*>(text.data()), text.size()));
  if (!ids.ok() || ids->size() != 1) {
    return absl::DataLossError("key file: does not hold exactly one identity");
  }
  return std::move((*ids)[0]);
}

}  // namespace

AgeKeyRing::AgeKeyRing(std::string vault_dir, AgeKeyRingOptions options)
    : dir_(std::move(vault_dir)), options_(options) {}

std::string AgeKeyRing::DossierKeyPath(absl::string_view dossier_id) const {
  return absl::StrCat(dir_, "/keys/dossiers/", dossier_id, ".age");
}

bool AgeKeyRing::Exists() {
  return platform::PathExists(dir_ + "/keys/vault.age");
}

absl::Status AgeKeyRing::WriteVaultKey(const X25519Identity& id,
                                       absl::string_view passphrase) {
  absl::StatusOr<ScryptRecipient> r = ScryptRecipient::Create(
      SecureBytes::CopyOf(passphrase), options_.work_factor);
  if (!r.ok()) return r.status();
  SecureBytes text = FormatIdentityFile(id, absl::Now());
  const Recipient* rs[] = {&*r};
  absl::StatusOr<std::vector<uint8_t>> sealed = Encrypt(rs, text.span());
  if (!sealed.ok()) return sealed.status();
  return platform::WriteFileAtomic(dir_ + "/keys/vault.age", ToString(*sealed));
}

absl::StatusOr<std::string> AgeKeyRing::Create(absl::string_view passphrase) {
  if (Exists()) return absl::AlreadyExistsError("vault: keys already exist");
  absl::Status s = platform::MakePrivateDirs(dir_ + "/keys/dossiers");
  if (!s.ok()) return s;
  absl::StatusOr<X25519Identity> vault = X25519Identity::Generate();
  absl::StatusOr<X25519Identity> recovery = X25519Identity::Generate();
  if (!vault.ok()) return vault.status();
  if (!recovery.ok()) return recovery.status();
  // Public halves first, the passphrase-wrapped key last: Exists() becomes
  // true only once everything it needs is on disk.
  s = platform::WriteFileAtomic(dir_ + "/keys/recovery.pub",
                                recovery->recipient().Encode() + "\n");
  if (s.ok()) {
    s = platform::WriteFileAtomic(dir_ + "/keys/vault.pub",
                                  vault->recipient().Encode() + "\n");
  }
  absl::StatusOr<Ed25519SigningKey> signer = Ed25519SigningKey::Generate();
  if (!signer.ok()) return signer.status();
  if (s.ok()) s = WriteSigner(*signer, vault->recipient());
  if (s.ok()) s = WriteRecoveryWrap(*vault);
  if (s.ok()) s = WriteVaultKey(*vault, passphrase);
  if (!s.ok()) return s;
  SecureBytes recovery_text = FormatIdentityFile(*recovery, absl::Now());
  {
    absl::MutexLock lock(&mu_);
    vault_ = std::make_shared<const X25519Identity>(std::move(*vault));
    signer_ = std::make_shared<const Ed25519SigningKey>(std::move(*signer));
    dossiers_.clear();
  }
  return std::string(recovery_text.view());
}

absl::StatusOr<X25519Identity> AgeKeyRing::DecryptVaultKey(
    absl::string_view passphrase) {
  absl::StatusOr<std::string> sealed =
      platform::ReadFile(dir_ + "/keys/vault.age");
  if (absl::IsNotFound(sealed.status())) {
    return absl::NotFoundError("vault: no vault key (keys/vault.age)");
  }
  if (!sealed.ok()) return sealed.status();
  ScryptIdentity id(SecureBytes::CopyOf(passphrase));
  const Identity* ids[] = {&id};
  absl::StatusOr<std::vector<uint8_t>> text = Decrypt(ids, AsBytes(*sealed));
  if (!text.ok()) {
    if (GetAgeErrorKind(text.status()) == AgeErrorKind::kNoMatch) {
      return absl::PermissionDeniedError("passphrase: wrong");
    }
    return absl::DataLossError("vault: the vault key file is damaged");
  }
  absl::StatusOr<X25519Identity> out = ParseSingleIdentity(*text);
  Wipe(*text);
  return out;
}

absl::Status AgeKeyRing::Unlock(absl::string_view passphrase) {
  absl::StatusOr<X25519Identity> id = DecryptVaultKey(passphrase);
  if (!id.ok()) return id.status();
  absl::StatusOr<SignerPtr> signer = LoadSigner(*id);
  if (!signer.ok()) return signer.status();
  if (!platform::PathExists(dir_ + "/keys/vault.recovery.age")) {
    // A vault from before the recovery wrap: give it one now. Not fatal:
    // the passphrase still works, and the next unlock tries again.
    (void)WriteRecoveryWrap(*id);
  }
  absl::MutexLock lock(&mu_);
  vault_ = std::make_shared<const X25519Identity>(std::move(*id));
  signer_ = std::move(*signer);
  return absl::OkStatus();
}

absl::Status AgeKeyRing::WriteRecoveryWrap(const X25519Identity& id) {
  absl::StatusOr<X25519Recipient> recovery = RecoveryRecipient();
  if (!recovery.ok()) return recovery.status();
  SecureBytes text = FormatIdentityFile(id, absl::Now());
  const Recipient* rs[] = {&*recovery};
  absl::StatusOr<std::vector<uint8_t>> sealed = Encrypt(rs, text.span());
  if (!sealed.ok()) return sealed.status();
  return platform::WriteFileAtomic(dir_ + "/keys/vault.recovery.age",
                                   ToString(*sealed));
}

absl::Status AgeKeyRing::Recover(absl::string_view recovery_identity,
                                 absl::string_view new_passphrase) {
  absl::StatusOr<std::vector<X25519Identity>> given =
      ParseIdentityFile(recovery_identity);
  if (!given.ok() || given->empty()) {
    return absl::InvalidArgumentError(
        "recovery_key: not an age identity file (a line AGE-SECRET-KEY-1…)");
  }
  absl::StatusOr<X25519Recipient> expected = RecoveryRecipient();
  if (!expected.ok()) return expected.status();
  const X25519Identity* recovery = nullptr;
  for (const X25519Identity& id : *given) {
    if (id.recipient().Encode() == expected->Encode()) recovery = &id;
  }
  if (recovery == nullptr) {
    return absl::PermissionDeniedError(
        "recovery_key: not this vault's recovery key");
  }
  absl::StatusOr<std::string> sealed =
      platform::ReadFile(dir_ + "/keys/vault.recovery.age");
  if (absl::IsNotFound(sealed.status())) {
    return absl::FailedPreconditionError(
        "recovery_key: this vault has no recovery copy of its key yet (it "
        "is made at the first unlock with the passphrase)");
  }
  if (!sealed.ok()) return sealed.status();
  const Identity* ids[] = {recovery};
  absl::StatusOr<std::vector<uint8_t>> text = Decrypt(ids, AsBytes(*sealed));
  if (!text.ok()) {
    return absl::DataLossError("keys/vault.recovery.age: does not decrypt");
  }
  absl::StatusOr<X25519Identity> vault = ParseSingleIdentity(*text);
  Wipe(*text);
  if (!vault.ok()) return vault.status();
  absl::StatusOr<std::string> pub =
      platform::ReadFile(dir_ + "/keys/vault.pub");
  if (!pub.ok() ||
      absl::StripTrailingAsciiWhitespace(*pub) != vault->recipient().Encode()) {
    return absl::DataLossError(
        "keys/vault.recovery.age: holds another key than keys/vault.pub");
  }
  absl::StatusOr<SignerPtr> signer = LoadSigner(*vault);
  if (!signer.ok()) return signer.status();
  absl::Status s = WriteVaultKey(*vault, new_passphrase);
  if (!s.ok()) return s;
  absl::MutexLock lock(&mu_);
  vault_ = std::make_shared<const X25519Identity>(std::move(*vault));
  signer_ = std::move(*signer);
  return absl::OkStatus();
}

void AgeKeyRing::Lock() {
  absl::MutexLock lock(&mu_);
  vault_.reset();
  signer_.reset();
  dossiers_.clear();
}

absl::StatusOr<X25519Recipient> AgeKeyRing::RecoveryRecipient() {
  absl::StatusOr<std::string> pub =
      platform::ReadFile(dir_ + "/keys/recovery.pub");
  if (!pub.ok()) return pub.status();
  absl::StatusOr<X25519Recipient> r =
      X25519Recipient::Parse(absl::StripTrailingAsciiWhitespace(*pub));
  if (!r.ok()) return absl::DataLossError("keys/recovery.pub: damaged");
  return r;
}

absl::Status AgeKeyRing::WriteSigner(const Ed25519SigningKey& key,
                                     const X25519Recipient& vault) {
  absl::StatusOr<X25519Recipient> recovery = RecoveryRecipient();
  if (!recovery.ok()) return recovery.status();
  const Recipient* rs[] = {&vault, &*recovery};
  absl::StatusOr<std::vector<uint8_t>> sealed = Encrypt(rs, key.seed().span());
  if (!sealed.ok()) return sealed.status();
  // The secret first: signing.pub is what says a signer exists.
  absl::Status s =
      platform::WriteFileAtomic(dir_ + "/keys/signing.age", ToString(*sealed));
  if (!s.ok()) return s;
  return platform::WriteFileAtomic(dir_ + "/keys/signing.pub",
                                   key.PublicKeyLine("kluis-vault") + "\n");
}

absl::StatusOr<AgeKeyRing::SignerPtr> AgeKeyRing::LoadSigner(
    const X25519Identity& vault) {
  absl::StatusOr<std::string> sealed =
      platform::ReadFile(dir_ + "/keys/signing.age");
  const bool has_pub = platform::PathExists(dir_ + "/keys/signing.pub");
  if (absl::IsNotFound(sealed.status()) && !has_pub) {
    // A vault from before commits were signed: give it its signer now.
    absl::StatusOr<Ed25519SigningKey> key = Ed25519SigningKey::Generate();
    if (!key.ok()) return key.status();
    absl::Status s = WriteSigner(*key, vault.recipient());
    if (!s.ok()) return s;
    return std::make_shared<const Ed25519SigningKey>(std::move(*key));
  }
  if (!sealed.ok() || !has_pub) {
    return absl::DataLossError(
        "keys/signing: the key or its public half is missing");
  }
  const Identity* ids[] = {&vault};
  absl::StatusOr<std::vector<uint8_t>> seed = Decrypt(ids, AsBytes(*sealed));
  if (!seed.ok())
    return absl::DataLossError("keys/signing.age: does not decrypt");
  absl::StatusOr<Ed25519SigningKey> key = Ed25519SigningKey::FromSeed(
      SecureBytes::CopyOf(absl::MakeConstSpan(*seed)));
  Wipe(*seed);
  if (!key.ok()) return absl::DataLossError("keys/signing.age: damaged");
  return std::make_shared<const Ed25519SigningKey>(std::move(*key));
}

absl::StatusOr<std::string> AgeKeyRing::SealForVault(
    absl::string_view plaintext) {
  absl::StatusOr<std::string> pub =
      platform::ReadFile(dir_ + "/keys/vault.pub");
  if (!pub.ok()) return pub.status();
  absl::StatusOr<X25519Recipient> vault =
      X25519Recipient::Parse(absl::StripTrailingAsciiWhitespace(*pub));
  if (!vault.ok()) return absl::DataLossError("keys/vault.pub: damaged");
  const Recipient* rs[] = {&*vault};
  absl::StatusOr<std::vector<uint8_t>> sealed = Encrypt(rs, AsBytes(plaintext));
  if (!sealed.ok()) return sealed.status();
  return ToString(*sealed);
}

absl::StatusOr<std::string> AgeKeyRing::OpenAsVault(
    absl::string_view ciphertext) {
  IdentityPtr vault;
  {
    absl::MutexLock lock(&mu_);
    vault = vault_;
  }
  if (vault == nullptr) return core::LockedError();
  const Identity* ids[] = {vault.get()};
  absl::StatusOr<std::vector<uint8_t>> plain =
      Decrypt(ids, AsBytes(ciphertext));
  if (!plain.ok())
    return absl::DataLossError("journal entry: does not decrypt");
  std::string out = ToString(*plain);
  Wipe(*plain);
  return out;
}

absl::StatusOr<std::string> AgeKeyRing::SignCommit(absl::string_view commit) {
  SignerPtr signer;
  {
    absl::MutexLock lock(&mu_);
    signer = signer_;
  }
  if (signer == nullptr) return core::LockedError();
  return signer->Sign(commit, kGitSignatureNamespace);
}

absl::StatusOr<std::string> AgeKeyRing::SignerPublicKey() {
  absl::StatusOr<std::string> pub =
      platform::ReadFile(dir_ + "/keys/signing.pub");
  if (absl::IsNotFound(pub.status())) {
    return absl::NotFoundError("vault: no signing key yet (unlock once)");
  }
  if (!pub.ok()) return pub.status();
  return std::string(absl::StripTrailingAsciiWhitespace(*pub));
}

absl::Status AgeKeyRing::VerifyCommit(absl::string_view commit,
                                      absl::string_view signature) {
  absl::StatusOr<std::string> pub = SignerPublicKey();
  if (!pub.ok()) return pub.status();
  return VerifySshSignature(*pub, commit, signature, kGitSignatureNamespace);
}

bool AgeKeyRing::IsUnlocked() {
  absl::MutexLock lock(&mu_);
  return vault_ != nullptr;
}

absl::Status AgeKeyRing::ChangePassphrase(absl::string_view old_passphrase,
                                          absl::string_view new_passphrase) {
  absl::StatusOr<X25519Identity> id = DecryptVaultKey(old_passphrase);
  if (!id.ok()) return id.status();
  return WriteVaultKey(*id, new_passphrase);
}

absl::Status AgeKeyRing::CreateDossierKey(absl::string_view dossier_id) {
  return WriteDossierKey(dossier_id, true);
}

absl::Status AgeKeyRing::CreateDossierKeys(
    const std::vector<std::string>& ids) {
  for (const std::string& id : ids) {
    absl::Status s = WriteDossierKey(id, false);
    if (!s.ok()) return s;
  }
  // One sync for all of them, before any commit refers to them.
  return platform::SyncFilesystem(dir_ + "/keys/dossiers");
}

std::string AgeKeyRing::PendingPath() const {
  return absl::StrCat(dir_, "/keys/dossiers/.pending");
}

absl::StatusOr<std::set<std::string>> AgeKeyRing::ReadPending() {
  std::set<std::string> ids;
  // Same user only, but a link or a FIFO planted there must neither lead
  // elsewhere nor block the unlock that holds the write lock.
  struct stat st;
  if (::lstat(PendingPath().c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    return absl::DataLossError(
        "keys/dossiers/.pending: not a regular file; remove it");
  }
  absl::StatusOr<std::string> text = platform::ReadFile(PendingPath());
  if (absl::IsNotFound(text.status())) return ids;
  if (!text.ok()) return text.status();
  for (absl::string_view line : absl::StrSplit(*text, '\n')) {
    if (core::IsValidId(line)) ids.emplace(line);
  }
  return ids;
}

absl::Status AgeKeyRing::BeginDossierKeys(const std::vector<std::string>& ids) {
  absl::MutexLock lock(&pending_mu_);
  absl::StatusOr<std::set<std::string>> pending = ReadPending();
  if (!pending.ok()) return pending.status();
  pending->insert(ids.begin(), ids.end());
  absl::Status s = platform::MakePrivateDirs(dir_ + "/keys/dossiers");
  if (!s.ok()) return s;
  return platform::WriteFileAtomic(PendingPath(),
                                   absl::StrJoin(*pending, "\n") + "\n");
}

absl::Status AgeKeyRing::EndDossierKeys(const std::vector<std::string>& ids) {
  absl::MutexLock lock(&pending_mu_);
  absl::StatusOr<std::set<std::string>> pending = ReadPending();
  if (!pending.ok()) return pending.status();
  for (const std::string& id : ids) pending->erase(id);
  // Not durable: an id left behind is only checked again at the next unlock.
  if (pending->empty()) {
    if (::unlink(PendingPath().c_str()) != 0 && errno != ENOENT) {
      return platform::ErrnoStatus(errno, "remove keys/dossiers/.pending");
    }
    return absl::OkStatus();
  }
  return platform::WriteFileAtomicNoSync(PendingPath(),
                                         absl::StrJoin(*pending, "\n") + "\n");
}

absl::StatusOr<std::vector<std::string>> AgeKeyRing::PendingDossierKeys() {
  absl::MutexLock lock(&pending_mu_);
  absl::StatusOr<std::set<std::string>> pending = ReadPending();
  if (!pending.ok()) return pending.status();
  return std::vector<std::string>(pending->begin(), pending->end());
}

absl::Status AgeKeyRing::DestroyDossierKey(absl::string_view dossier_id) {
  absl::Status s = core::CheckId("dossier_id", dossier_id);
  if (!s.ok()) return s;
  {
    absl::MutexLock lock(&mu_);
    // The identity's memory is wiped when the last user lets go of it.
    dossiers_.erase(std::string(dossier_id));
  }
  return platform::ShredFile(DossierKeyPath(dossier_id));
}

absl::Status AgeKeyRing::WriteDossierKey(absl::string_view dossier_id,
                                         bool sync) {
  absl::Status s = core::CheckId("dossier_id", dossier_id);
  if (!s.ok()) return s;
  IdentityPtr vault;
  {
    absl::MutexLock lock(&mu_);
    vault = vault_;
  }
  if (vault == nullptr) return core::LockedError();
  const std::string path = DossierKeyPath(dossier_id);
  if (platform::PathExists(path)) {
    return absl::AlreadyExistsError("dossier_id: key already exists");
  }
  absl::StatusOr<X25519Recipient> recovery = RecoveryRecipient();
  if (!recovery.ok()) return recovery.status();
  absl::StatusOr<X25519Identity> id = X25519Identity::Generate();
  if (!id.ok()) return id.status();
  SecureBytes text = FormatIdentityFile(*id, absl::Now());
  const Recipient* rs[] = {&vault->recipient(), &*recovery};
  absl::StatusOr<std::vector<uint8_t>> sealed = Encrypt(rs, text.span());
  if (!sealed.ok()) return sealed.status();
  s = sync ? platform::WriteFileAtomic(path, ToString(*sealed))
           : platform::WriteFileAtomicNoSync(path, ToString(*sealed));
  if (!s.ok()) return s;
  absl::MutexLock lock(&mu_);
  if (vault_ != nullptr) {  // not if the ring was locked meanwhile
    dossiers_[std::string(dossier_id)] =
        std::make_shared<const X25519Identity>(std::move(*id));
  }
  return absl::OkStatus();
}

absl::StatusOr<AgeKeyRing::IdentityPtr> AgeKeyRing::DossierIdentity(
    absl::string_view dossier_id) {
  IdentityPtr vault;
  {
    absl::MutexLock lock(&mu_);
    if (vault_ == nullptr) return core::LockedError();
    auto it = dossiers_.find(dossier_id);
    if (it != dossiers_.end()) return it->second;
    vault = vault_;
  }
  absl::Status s = core::CheckId("dossier_id", dossier_id);
  if (!s.ok()) return s;
  absl::StatusOr<std::string> sealed =
      platform::ReadFile(DossierKeyPath(dossier_id));
  if (absl::IsNotFound(sealed.status())) {
    return absl::NotFoundError("dossier_id: no key for this dossier");
  }
  if (!sealed.ok()) return sealed.status();
  const Identity* ids[] = {vault.get()};
  absl::StatusOr<std::vector<uint8_t>> text = Decrypt(ids, AsBytes(*sealed));
  if (!text.ok())
    return absl::DataLossError("dossier key file: does not decrypt");
  absl::StatusOr<X25519Identity> id = ParseSingleIdentity(*text);
  Wipe(*text);
  if (!id.ok()) return id.status();
  auto ptr = std::make_shared<const X25519Identity>(std::move(*id));
  absl::MutexLock lock(&mu_);
  if (vault_ == nullptr) return core::LockedError();
  return dossiers_.emplace(std::string(dossier_id), std::move(ptr))
      .first->second;
}

absl::StatusOr<std::string> AgeKeyRing::Seal(absl::string_view dossier_id,
                                             absl::string_view plaintext) {
  absl::StatusOr<IdentityPtr> id = DossierIdentity(dossier_id);
  if (!id.ok()) return id.status();
  const Recipient* rs[] = {&(*id)->recipient()};
  absl::StatusOr<std::vector<uint8_t>> sealed = Encrypt(rs, AsBytes(plaintext));
  if (!sealed.ok()) return sealed.status();
  return ToString(*sealed);
}

absl::StatusOr<std::string> AgeKeyRing::Open(absl::string_view dossier_id,
                                             absl::string_view ciphertext) {
  absl::StatusOr<IdentityPtr> id = DossierIdentity(dossier_id);
  if (!id.ok()) return id.status();
  const Identity* ids[] = {id->get()};
  absl::StatusOr<std::vector<uint8_t>> plain =
      Decrypt(ids, AsBytes(ciphertext));
  if (!plain.ok())
    return absl::DataLossError("record: does not decrypt with its dossier key");
  std::string out = ToString(*plain);
  Wipe(*plain);
  return out;
}

absl::StatusOr<std::unique_ptr<core::ContentSealer>> AgeKeyRing::NewSealer(
    absl::string_view dossier_id, core::ByteSink* out) {
  absl::StatusOr<IdentityPtr> id = DossierIdentity(dossier_id);
  if (!id.ok()) return id.status();
  const Recipient* r = &(*id)->recipient();
  return NewContentSealer(*id, r, out);
}

absl::StatusOr<std::unique_ptr<core::ByteSource>> AgeKeyRing::NewOpener(
    absl::string_view dossier_id, std::unique_ptr<core::ByteSource> in) {
  absl::StatusOr<IdentityPtr> id = DossierIdentity(dossier_id);
  if (!id.ok()) return id.status();
  const Identity* identity = id->get();
  return NewContentOpener(*id, identity, std::move(in));
}

}  // namespace kluis::crypto
