// git's SSH signature format, proven against OpenSSH's ssh-keygen -Y in
// both directions.
#include "daemon/crypto/ssh_signature.h"

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "tests/support/test_support.h"

namespace kluis::crypto {
namespace {

using kluis::testing::ProcessResult;
using kluis::testing::ReadFileOrDie;
using kluis::testing::RunCommand;
using kluis::testing::TempDir;
using kluis::testing::WriteFileOrDie;

constexpr char kMessage[] =
    "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
    "author kluisd <kluisd@localhost> 1700000000 +0000\n\nmessage\n";

TEST(SshSignatureTest, SshKeygenVerifiesOurSignatures) {
  TempDir dir;
  absl::StatusOr<Ed25519SigningKey> key = Ed25519SigningKey::Generate();
  ASSERT_TRUE(key.ok());
  const std::string line = key->PublicKeyLine("kluis-vault");
  EXPECT_TRUE(absl::StartsWith(line, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI"));
  absl::StatusOr<std::string> sig = key->Sign(kMessage, "git");
  ASSERT_TRUE(sig.ok());
  WriteFileOrDie(dir.File("msg"), kMessage);
  WriteFileOrDie(dir.File("msg.sig"), *sig);
  WriteFileOrDie(dir.File("allowed"),
                 "vault@kluis namespaces=\"git\" " + line + "\n");
  ProcessResult v =
      RunCommand({"ssh-keygen", "-Y", "verify", "-f", dir.File("allowed"), "-I",
                  "vault@kluis", "-n", "git", "-s", dir.File("msg.sig")},
                 kMessage);
  EXPECT_EQ(v.exit_code, 0) << v.out << v.err;
  ProcessResult wrong =
      RunCommand({"ssh-keygen", "-Y", "verify", "-f", dir.File("allowed"), "-I",
                  "vault@kluis", "-n", "git", "-s", dir.File("msg.sig")},
                 std::string(kMessage) + "x");
  EXPECT_NE(wrong.exit_code, 0);
}

TEST(SshSignatureTest, WeVerifySshKeygenSignatures) {
  TempDir dir;
  ASSERT_EQ(RunCommand({"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f",
                        dir.File("id")})
                .exit_code,
            0);
  WriteFileOrDie(dir.File("msg"), kMessage);
  ASSERT_EQ(RunCommand({"ssh-keygen", "-Y", "sign", "-f", dir.File("id"), "-n",
                        "git", dir.File("msg")})
                .exit_code,
            0);
  const std::string pub = ReadFileOrDie(dir.File("id.pub"));
  const std::string sig = ReadFileOrDie(dir.File("msg.sig"));
  EXPECT_TRUE(VerifySshSignature(pub, kMessage, sig, "git").ok());
  EXPECT_TRUE(
      absl::IsPermissionDenied(VerifySshSignature(pub, "other", sig, "git")));
  EXPECT_TRUE(
      absl::IsPermissionDenied(VerifySshSignature(pub, kMessage, sig, "file")));
}

TEST(SshSignatureTest, RefusesOtherKeysTamperingAndGarbage) {
  absl::StatusOr<Ed25519SigningKey> a = Ed25519SigningKey::Generate();
  absl::StatusOr<Ed25519SigningKey> b = Ed25519SigningKey::Generate();
  ASSERT_TRUE(a.ok() && b.ok());
  const std::string sig = *a->Sign(kMessage, "git");
  EXPECT_TRUE(
      VerifySshSignature(a->PublicKeyLine(""), kMessage, sig, "git").ok());
  EXPECT_TRUE(absl::IsPermissionDenied(
      VerifySshSignature(b->PublicKeyLine(""), kMessage, sig, "git")));
  std::string flipped = kMessage;
  flipped[5] ^= 1;
  EXPECT_TRUE(absl::IsPermissionDenied(
      VerifySshSignature(a->PublicKeyLine(""), flipped, sig, "git")));
  EXPECT_TRUE(absl::IsDataLoss(
      VerifySshSignature(a->PublicKeyLine(""), kMessage, "garbage", "git")));
  std::string broken = sig;
  broken[40] = broken[40] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(
      VerifySshSignature(a->PublicKeyLine(""), kMessage, broken, "git").ok());
  EXPECT_TRUE(absl::IsInvalidArgument(
      VerifySshSignature("ssh-rsa AAAA", kMessage, sig, "git")));
  // The same seed gives the same key.
  absl::StatusOr<Ed25519SigningKey> again =
      Ed25519SigningKey::FromSeed(SecureBytes::CopyOf(a->seed().span()));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->PublicKeyLine("x"), a->PublicKeyLine("x"));
}

}  // namespace
}  // namespace kluis::crypto
