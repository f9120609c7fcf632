// AgeKeyRing: core::KeyRing with age files under <vault>/keys.
//   keys/vault.age          the vault identity file, scrypt-encrypted with
//                           the passphrase
//   keys/vault.pub          its recipient (age1…), not secret
//   keys/recovery.pub       the recovery recipient; its identity is returned
//                           once by Create and never stored
//   keys/dossiers/<id>.age  each dossier's identity file, encrypted to the
//                           vault and recovery recipients
// Every key file is written atomically and durably. Identities in memory live
// in locked memory and are dropped on Lock().
//
// Thread-safety: safe for concurrent use. `mu_` guards the unlocked
// identities; decryption runs outside it on shared, immutable identities.
#ifndef KLUIS_DAEMON_CRYPTO_AGE_KEY_RING_H_
#define KLUIS_DAEMON_CRYPTO_AGE_KEY_RING_H_

#include <map>
#include <memory>
#include <set>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "daemon/core/key_ring.h"
#include "daemon/crypto/scrypt_recipient.h"
#include "daemon/crypto/ssh_signature.h"
#include "daemon/crypto/x25519.h"

namespace kluis::crypto {

struct AgeKeyRingOptions {
  // scrypt work factor for the passphrase-wrapped vault key (log2 N).
  int work_factor = kDefaultScryptWorkFactor;
};

class AgeKeyRing : public core::KeyRing {
 public:
  AgeKeyRing(std::string vault_dir, AgeKeyRingOptions options = {});

  bool Exists() override;
  absl::StatusOr<std::string> Create(absl::string_view passphrase) override;
  absl::Status Unlock(absl::string_view passphrase) override;
  void Lock() override;
  bool IsUnlocked() override;
  absl::Status ChangePassphrase(absl::string_view old_passphrase,
                                absl::string_view new_passphrase) override;
  absl::Status Recover(absl::string_view recovery_identity,
                       absl::string_view new_passphrase) override;
  absl::Status CreateDossierKey(absl::string_view dossier_id) override;
  absl::Status CreateDossierKeys(const std::vector<std::string>& ids) override;
  // keys/dossiers/.pending: one id per line (dot-named: no backup copies
  // it). Begin writes it durably; End rewrites it without a sync (an id
  // left behind is only checked again).
  absl::Status BeginDossierKeys(const std::vector<std::string>& ids) override;
  absl::Status EndDossierKeys(const std::vector<std::string>& ids) override;
  absl::StatusOr<std::vector<std::string>> PendingDossierKeys() override;
  absl::Status DestroyDossierKey(absl::string_view dossier_id) override;
  absl::StatusOr<std::string> Seal(absl::string_view dossier_id,
                                   absl::string_view plaintext) override;
  absl::StatusOr<std::unique_ptr<core::ContentSealer>> NewSealer(
      absl::string_view dossier_id, core::ByteSink* out) override;
  absl::StatusOr<std::unique_ptr<core::ByteSource>> NewOpener(
      absl::string_view dossier_id,
      std::unique_ptr<core::ByteSource> in) override;
  absl::StatusOr<std::string> SealForVault(
      absl::string_view plaintext) override;
  absl::StatusOr<std::string> OpenAsVault(
      absl::string_view ciphertext) override;
  absl::StatusOr<std::string> SignCommit(absl::string_view commit) override;
  absl::StatusOr<std::string> SignerPublicKey() override;
  absl::Status VerifyCommit(absl::string_view commit,
                            absl::string_view signature) override;
  absl::StatusOr<std::string> Open(absl::string_view dossier_id,
                                   absl::string_view ciphertext) override;

  std::string DossierKeyPath(absl::string_view dossier_id) const;

 private:
  using IdentityPtr = std::shared_ptr<const X25519Identity>;
  using SignerPtr = std::shared_ptr<const Ed25519SigningKey>;
  // keys/recovery.pub. Errors: kNotFound, kDataLoss.
  absl::StatusOr<X25519Recipient> RecoveryRecipient();
  // keys/signing.age (the seed, to vault + recovery) and keys/signing.pub.
  absl::Status WriteSigner(const Ed25519SigningKey& key,
                           const X25519Recipient& vault);
  // Loads the signing key; a vault made before signing existed gets one.
  // Errors: kDataLoss when only one of the two files exists or it is
  // damaged.
  absl::StatusOr<SignerPtr> LoadSigner(const X25519Identity& vault);
  absl::StatusOr<X25519Identity> DecryptVaultKey(absl::string_view passphrase);
  absl::Status WriteVaultKey(const X25519Identity& id,
                             absl::string_view passphrase);
  // keys/vault.recovery.age: the vault identity wrapped to the recovery
  // recipient, so that the recovery identity can set a new passphrase.
  absl::Status WriteRecoveryWrap(const X25519Identity& id);
  absl::StatusOr<IdentityPtr> DossierIdentity(absl::string_view dossier_id);
  // Writes one new dossier key file; `sync` false defers durability.
  absl::Status WriteDossierKey(absl::string_view dossier_id, bool sync);
  std::string PendingPath() const;
  absl::StatusOr<std::set<std::string>> ReadPending()
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(pending_mu_);

  const std::string dir_;
  const AgeKeyRingOptions options_;
  absl::Mutex mu_;
  IdentityPtr vault_ ABSL_GUARDED_BY(mu_);
  SignerPtr signer_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, IdentityPtr, std::less<>> dossiers_
      ABSL_GUARDED_BY(mu_);
  // Serialises read-modify-write of keys/dossiers/.pending.
  absl::Mutex pending_mu_;
};

}  // namespace kluis::crypto

#endif  // KLUIS_DAEMON_CRYPTO_AGE_KEY_RING_H_
