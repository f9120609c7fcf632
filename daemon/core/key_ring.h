// KeyRing: the vault's keys (implemented with age files by
// daemon/crypto/age_key_ring). The vault identity is unlocked with the
// passphrase; each dossier has its own identity, wrapped to the vault and
// recovery recipients, and its records are encrypted to it.
//
// Thread-safety: implementations are safe for concurrent use. Secrets never
// leave the implementation except the recovery identity returned by Create.
#ifndef KLUIS_DAEMON_CORE_KEY_RING_H_
#define KLUIS_DAEMON_CORE_KEY_RING_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "daemon/core/byte_stream.h"

namespace kluis::core {

class KeyRing {
 public:
  virtual ~KeyRing() = default;

  // True when a vault identity exists on disk.
  virtual bool Exists() = 0;
  // Creates the vault identity (wrapped with `passphrase`) and a recovery
  // identity, whose identity-file text is returned once and never stored.
  // Leaves the ring unlocked. Errors: kAlreadyExists, kInvalidArgument.
  virtual absl::StatusOr<std::string> Create(absl::string_view passphrase) = 0;
  // Errors: kPermissionDenied for a wrong passphrase, kNotFound without a
  // vault identity, kDataLoss for a damaged key file.
  virtual absl::Status Unlock(absl::string_view passphrase) = 0;
  // Wipes every key held in memory.
  virtual void Lock() = 0;
  virtual bool IsUnlocked() = 0;
  // Errors: kPermissionDenied for a wrong old passphrase.
  virtual absl::Status ChangePassphrase(absl::string_view old_passphrase,
                                        absl::string_view new_passphrase) = 0;
  // The forgotten passphrase: unlocks with the recovery identity (the text
  // Create returned) and wraps the vault identity with `new_passphrase`
  // instead of the old one. Errors: kInvalidArgument when the text holds no
  // identity, kPermissionDenied for another vault's recovery identity,
  // kFailedPrecondition for a vault without a recovery-wrapped vault key
  // (made before it existed and not unlocked since), kDataLoss for damage.
  virtual absl::Status Recover(absl::string_view recovery_identity,
                               absl::string_view new_passphrase) = 0;

  // Creates and durably stores a new dossier identity.
  // Errors: kFailedPrecondition when locked, kAlreadyExists.
  virtual absl::Status CreateDossierKey(absl::string_view dossier_id) = 0;
  // Many at once, durable together when it returns (implementations may
  // sync once instead of per key).
  virtual absl::Status CreateDossierKeys(const std::vector<std::string>& ids) {
    for (const std::string& id : ids) {
      absl::Status s = CreateDossierKey(id);
      if (!s.ok()) return s;
    }
    return absl::OkStatus();
  }
  // The intent log around a new dossier's key: Begin (durable before the
  // key is written) names the ids whose keys are about to exist, End
  // (after the commit that uses them, or after dropping them) forgets
  // them, and Pending lists what a crash left in between, for the unlock
  // to keep (the dossier was committed) or destroy (it never was). A key
  // to nothing must not stay: the loose objects sealed to it before the
  // crash would stay readable. Errors: kUnavailable.
  virtual absl::Status BeginDossierKeys(const std::vector<std::string>& ids) {
    (void)ids;
    return absl::OkStatus();
  }
  virtual absl::Status EndDossierKeys(const std::vector<std::string>& ids) {
    (void)ids;
    return absl::OkStatus();
  }
  virtual absl::StatusOr<std::vector<std::string>> PendingDossierKeys() {
    return std::vector<std::string>{};
  }
  // Crypto-shredding (DESIGN §3.2): forgets the dossier's identity and
  // removes its key file durably, so that nothing sealed to it can be read
  // again, here or from history. A missing key is no error (idempotent).
  // Works while locked. Errors: kInvalidArgument for a malformed id.
  virtual absl::Status DestroyDossierKey(absl::string_view dossier_id) = 0;
  // Encrypts to / decrypts with the dossier's identity. Errors:
  // kFailedPrecondition when locked, kNotFound without a key for the dossier,
  // kDataLoss for damaged ciphertext.
  virtual absl::StatusOr<std::string> Seal(absl::string_view dossier_id,
                                           absl::string_view plaintext) = 0;
  virtual absl::StatusOr<std::string> Open(absl::string_view dossier_id,
                                           absl::string_view ciphertext) = 0;
  // The access journal: sealed to the vault's own recipient, which works
  // while locked (an unlock failure is journalled then), and opened with
  // the vault identity. Errors: kFailedPrecondition when locked (open),
  // kDataLoss for damage.
  virtual absl::StatusOr<std::string> SealForVault(
      absl::string_view plaintext) = 0;
  virtual absl::StatusOr<std::string> OpenAsVault(
      absl::string_view ciphertext) = 0;
  // Commit signing: git's SSH signature format (namespace "git") with the
  // vault's Ed25519 key, made with the vault. Errors: kFailedPrecondition
  // when locked.
  virtual absl::StatusOr<std::string> SignCommit(absl::string_view commit) = 0;
  // The signer's public key, "ssh-ed25519 AAAA… kluis-vault"; also while
  // locked. Errors: kNotFound for a vault without one.
  virtual absl::StatusOr<std::string> SignerPublicKey() = 0;
  // Errors: kPermissionDenied for a signature by another key or over other
  // bytes, kDataLoss for a malformed one.
  virtual absl::Status VerifyCommit(absl::string_view commit,
                                    absl::string_view signature) = 0;
  // Streaming forms, for attachments: a sealer encrypts into `out` (which
  // must outlive it) and reports the plaintext's size and SHA-256; an
  // opener decrypts `in`, failing with kDataLoss on damage at the point
  // where it is found. Same errors as Seal / Open.
  virtual absl::StatusOr<std::unique_ptr<ContentSealer>> NewSealer(
      absl::string_view dossier_id, ByteSink* out) = 0;
  virtual absl::StatusOr<std::unique_ptr<ByteSource>> NewOpener(
      absl::string_view dossier_id, std::unique_ptr<ByteSource> in) = 0;
};

}  // namespace kluis::core

#endif  // KLUIS_DAEMON_CORE_KEY_RING_H_
