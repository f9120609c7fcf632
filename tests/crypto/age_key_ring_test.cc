// AgeKeyRing on real files: the vault key opens with the passphrase only,
// dossier keys open with the vault key or the recovery key — also through the
// reference age CLI — and failures never create keys.
#include "daemon/crypto/age_key_ring.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "absl/strings/match.h"
#include "daemon/core/ids.h"
#include "tests/support/test_support.h"

namespace kluis::crypto {
namespace {

using kluis::testing::FileExists;
using kluis::testing::ListDir;
using kluis::testing::ProcessResult;
using kluis::testing::RunCommand;
using kluis::testing::RunOnPty;
using kluis::testing::TempDir;
using kluis::testing::WriteFileOrDie;

constexpr char kPass[] = "zeven zeeuwse zeilers";

TEST(AgeKeyRingTest, UnlockNeedsTheRightPassphraseAndNeverCreatesKeys) {
  TempDir dir;
  AgeKeyRing ring(dir.path(), {10});
  EXPECT_FALSE(ring.Exists());
  EXPECT_TRUE(absl::IsNotFound(ring.Unlock(kPass)));
  EXPECT_TRUE(ListDir(dir.path()).empty());  // a failure path creates nothing
  absl::StatusOr<std::string> recovery = ring.Create(kPass);
  ASSERT_TRUE(recovery.ok()) << recovery.status();
  EXPECT_TRUE(absl::StrContains(*recovery, "AGE-SECRET-KEY-1"));
  ring.Lock();
  EXPECT_TRUE(absl::IsPermissionDenied(ring.Unlock("verkeerd")));
  EXPECT_FALSE(ring.IsUnlocked());
  ASSERT_TRUE(ring.Unlock(kPass).ok());
  EXPECT_TRUE(absl::IsAlreadyExists(ring.Create(kPass).status()));
  struct stat st;
  ASSERT_EQ(::stat(dir.File("keys/vault.age").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
}

TEST(AgeKeyRingTest, SealOpenAndLockForgetsKeys) {
  TempDir dir;
  AgeKeyRing ring(dir.path(), {10});
  ASSERT_TRUE(ring.Create(kPass).ok());
  const std::string id = core::NewId();
  ASSERT_TRUE(ring.CreateDossierKey(id).ok());
  EXPECT_TRUE(absl::IsAlreadyExists(ring.CreateDossierKey(id)));
  absl::StatusOr<std::string> sealed = ring.Seal(id, "Invented: Anouk Bakker");
  ASSERT_TRUE(sealed.ok());
  EXPECT_FALSE(absl::StrContains(*sealed, "Anouk"));
  EXPECT_EQ(*ring.Open(id, *sealed), "Invented: Anouk Bakker");
  EXPECT_TRUE(absl::IsNotFound(ring.Seal(core::NewId(), "x").status()));
  ring.Lock();
  EXPECT_TRUE(absl::IsFailedPrecondition(ring.Open(id, *sealed).status()));
  ASSERT_TRUE(ring.Unlock(kPass).ok());
  EXPECT_EQ(*ring.Open(id, *sealed), "Invented: Anouk Bakker");  // reloaded
}

TEST(AgeKeyRingTest, KeysOpenWithStockAgeThroughPassphraseOrRecoveryKey) {
  TempDir dir;
  AgeKeyRing ring(dir.path(), {10});
  absl::StatusOr<std::string> recovery = ring.Create(kPass);
  ASSERT_TRUE(recovery.ok());
  WriteFileOrDie(dir.File("recovery.txt"), *recovery);
  const std::string id = core::NewId();
  ASSERT_TRUE(ring.CreateDossierKey(id).ok());
  WriteFileOrDie(dir.File("rec.age"), *ring.Seal(id, "Invented: Sem de Boer"));
  const std::string dossier_key = ring.DossierKeyPath(id);

  // Passphrase route: vault.age → vault identity → dossier key → record.
  ProcessResult v = RunOnPty(
      {"age", "-d", "-o", dir.File("vault.txt"), dir.File("keys/vault.age")},
      {{"passphrase", kPass}});
  ASSERT_EQ(v.exit_code, 0) << v.out;
  ProcessResult k = RunCommand({"age", "-d", "-i", dir.File("vault.txt"), "-o",
                                dir.File("dossier.txt"), dossier_key});
  ASSERT_EQ(k.exit_code, 0) << k.err;
  ProcessResult r = RunCommand(
      {"age", "-d", "-i", dir.File("dossier.txt"), dir.File("rec.age")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Invented: Sem de Boer");
  // Recovery route: no passphrase at all.
  ProcessResult k2 = RunCommand({"age", "-d", "-i", dir.File("recovery.txt"),
                                 "-o", dir.File("dossier2.txt"), dossier_key});
  ASSERT_EQ(k2.exit_code, 0) << k2.err;
  ProcessResult r2 = RunCommand(
      {"age", "-d", "-i", dir.File("dossier2.txt"), dir.File("rec.age")});
  EXPECT_EQ(r2.out, "Invented: Sem de Boer");
}

TEST(AgeKeyRingTest, ChangePassphraseKeepsTheSameVaultKey) {
  TempDir dir;
  AgeKeyRing ring(dir.path(), {10});
  ASSERT_TRUE(ring.Create(kPass).ok());
  const std::string id = core::NewId();
  ASSERT_TRUE(ring.CreateDossierKey(id).ok());
  const std::string sealed = *ring.Seal(id, "data");
  EXPECT_TRUE(absl::IsPermissionDenied(
      ring.ChangePassphrase("fout", "nieuw wachtwoord")));
  ASSERT_TRUE(ring.ChangePassphrase(kPass, "nieuw wachtwoord").ok());
  ring.Lock();
  EXPECT_TRUE(absl::IsPermissionDenied(ring.Unlock(kPass)));
  ASSERT_TRUE(ring.Unlock("nieuw wachtwoord").ok());
  EXPECT_EQ(*ring.Open(id, sealed), "data");
}

TEST(AgeKeyRingTest, RecoveryKeySetsANewPassphraseForTheSameVaultKey) {
  TempDir dir;
  AgeKeyRing ring(dir.path(), {10});
  absl::StatusOr<std::string> recovery = ring.Create(kPass);
  ASSERT_TRUE(recovery.ok());
  const std::string id = core::NewId();
  ASSERT_TRUE(ring.CreateDossierKey(id).ok());
  const std::string sealed = *ring.Seal(id, "Invented: Lotte Visser");
  const std::string journal = *ring.SealForVault("journal entry");
  const std::string signer = *ring.SignerPublicKey();
  ring.Lock();

  // Another vault's recovery key, or no key at all, changes nothing.
  TempDir other_dir;
  AgeKeyRing other(other_dir.path(), {10});
  absl::StatusOr<std::string> other_recovery = other.Create(kPass);
  ASSERT_TRUE(other_recovery.ok());
  EXPECT_TRUE(absl::IsPermissionDenied(
      ring.Recover(*other_recovery, "een nieuw wachtwoord")));
  EXPECT_TRUE(absl::IsInvalidArgument(
      ring.Recover("not a key file", "een nieuw wachtwoord")));
  EXPECT_FALSE(ring.IsUnlocked());
  ASSERT_TRUE(ring.Unlock(kPass).ok());
  ring.Lock();

  ASSERT_TRUE(ring.Recover(*recovery, "een nieuw wachtwoord").ok());
  EXPECT_TRUE(ring.IsUnlocked());
  EXPECT_EQ(*ring.Open(id, sealed), "Invented: Lotte Visser");
  EXPECT_EQ(*ring.OpenAsVault(journal), "journal entry");  // same vault key
  EXPECT_EQ(*ring.SignerPublicKey(), signer);              // same signer
  ring.Lock();
  EXPECT_TRUE(absl::IsPermissionDenied(ring.Unlock(kPass)));
  ASSERT_TRUE(ring.Unlock("een nieuw wachtwoord").ok());
}

TEST(AgeKeyRingTest, OlderVaultGetsItsRecoveryWrapAtTheNextUnlock) {
  TempDir dir;
  AgeKeyRing ring(dir.path(), {10});
  absl::StatusOr<std::string> recovery = ring.Create(kPass);
  ASSERT_TRUE(recovery.ok());
  ring.Lock();
  // As a vault made before the wrap existed.
  ASSERT_EQ(std::remove(dir.File("keys/vault.recovery.age").c_str()), 0);
  absl::Status s = ring.Recover(*recovery, "een nieuw wachtwoord");
  EXPECT_TRUE(absl::IsFailedPrecondition(s)) << s;
  EXPECT_FALSE(ring.IsUnlocked());
  ASSERT_TRUE(ring.Unlock(kPass).ok());
  EXPECT_TRUE(FileExists(dir.File("keys/vault.recovery.age")));
  ring.Lock();
  EXPECT_TRUE(ring.Recover(*recovery, "een nieuw wachtwoord").ok());
}

}  // namespace
}  // namespace kluis::crypto
