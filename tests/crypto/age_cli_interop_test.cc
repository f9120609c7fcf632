// Interop with the reference implementation, both ways, through the Debian
// `age` and `age-keygen` command lines: X25519 with one and several
// recipients, binary and armored, over the payload sizes around chunk
// boundaries and a few MiB; passphrase files made by `age -p` (driven through
// a pseudo-terminal) and ours read by `age -d`; identity files either way.
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "daemon/crypto/age.h"
#include "daemon/crypto/identity_file.h"
#include "daemon/crypto/scrypt_recipient.h"
#include "daemon/crypto/x25519.h"
#include "tests/support/test_support.h"

namespace kluis::crypto {
namespace {

using kluis::testing::ProcessResult;
using kluis::testing::RandomBytes;
using kluis::testing::ReadFileOrDie;
using kluis::testing::RunCommand;
using kluis::testing::RunOnPty;
using kluis::testing::TempDir;
using kluis::testing::WriteFileOrDie;

const size_t kSizes[] = {0, 1, 65535, 65536, 65537, 3 * 65536, 5 << 20};

struct AgeKey {
  std::string file;
  std::string recipient;
  X25519Identity identity;
};

// A key made by age-keygen, parsed by us.
AgeKey KeygenKey(const TempDir& dir, const std::string& name) {
  const std::string file = dir.File(name);
  ProcessResult r = RunCommand({"age-keygen", "-o", file});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  absl::StatusOr<std::vector<X25519Identity>> ids =
      ParseIdentityFile(ReadFileOrDie(file));
  EXPECT_TRUE(ids.ok()) << ids.status();
  ProcessResult y = RunCommand({"age-keygen", "-y", file});
  std::string recipient(absl::StripTrailingAsciiWhitespace(y.out));
  EXPECT_EQ(recipient, (*ids)[0].recipient().Encode());
  return AgeKey{file, recipient, std::move((*ids)[0])};
}

std::string Str(const std::vector<uint8_t>& v) { return {v.begin(), v.end()}; }

class AgeCliInteropTest : public ::testing::TestWithParam<size_t> {};

TEST_P(AgeCliInteropTest, OursDecryptsWithAgeCli) {
  TempDir dir;
  AgeKey a = KeygenKey(dir, "a.txt"), b = KeygenKey(dir, "b.txt"),
         c = KeygenKey(dir, "c.txt");
  const std::string plain = RandomBytes(GetParam());
  struct Variant {
    std::vector<const Recipient*> to;
    bool armor;
    const AgeKey* opener;
  };
  const Variant variants[] = {
      {{&a.identity.recipient()}, false, &a},
      {{&a.identity.recipient(), &b.identity.recipient(),
        &c.identity.recipient()},
       false,
       &c},
      {{&b.identity.recipient()}, true, &b},
      {{&a.identity.recipient(), &b.identity.recipient()}, true, &a},
  };
  for (const Variant& v : variants) {
    absl::StatusOr<std::vector<uint8_t>> cipher =
        Encrypt(v.to, AsBytes(plain), EncryptOptions{v.armor});
    ASSERT_TRUE(cipher.ok()) << cipher.status();
    WriteFileOrDie(dir.File("ours.age"), Str(*cipher));
    ProcessResult r =
        RunCommand({"age", "-d", "-i", v.opener->file, dir.File("ours.age")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(r.out == plain)
        << "armor " << v.armor << " recipients " << v.to.size();
  }
}

TEST_P(AgeCliInteropTest, AgeCliOutputDecryptsWithOurs) {
  TempDir dir;
  AgeKey a = KeygenKey(dir, "a.txt"), b = KeygenKey(dir, "b.txt");
  const std::string plain = RandomBytes(GetParam());
  WriteFileOrDie(dir.File("plain"), plain);
  struct Case {
    std::vector<std::string> args;
    std::vector<const X25519Identity*> openers;  // each must open it alone
  };
  const Case cases[] = {
      {{"-r", a.recipient}, {&a.identity}},
      {{"-r", a.recipient, "-r", b.recipient}, {&a.identity, &b.identity}},
      {{"-a", "-r", b.recipient}, {&b.identity}},
      {{"-a", "-r", b.recipient, "-r", a.recipient},
       {&a.identity, &b.identity}},
  };
  for (const Case& c : cases) {
    std::vector<std::string> cmd = {"age", "-e"};
    cmd.insert(cmd.end(), c.args.begin(), c.args.end());
    cmd.insert(cmd.end(), {"-o", dir.File("theirs.age"), dir.File("plain")});
    ProcessResult r = RunCommand(cmd);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string cipher = ReadFileOrDie(dir.File("theirs.age"));
    for (const X25519Identity* id : c.openers) {
      const Identity* ids[] = {id};
      absl::StatusOr<std::vector<uint8_t>> back = Decrypt(ids, AsBytes(cipher));
      ASSERT_TRUE(back.ok()) << back.status();
      EXPECT_TRUE(Str(*back) == plain);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Sizes, AgeCliInteropTest, ::testing::ValuesIn(kSizes));

TEST(AgeCliInteropKeysTest, OurIdentityFileWorksWithAgeKeygenAndAge) {
  TempDir dir;
  absl::StatusOr<X25519Identity> id = X25519Identity::Generate();
  ASSERT_TRUE(id.ok());
  SecureBytes text = FormatIdentityFile(*id, absl::Now());
  WriteFileOrDie(dir.File("ours.txt"), std::string(text.view()));
  ProcessResult y = RunCommand({"age-keygen", "-y", dir.File("ours.txt")});
  ASSERT_EQ(y.exit_code, 0) << y.err;
  EXPECT_EQ(absl::StripTrailingAsciiWhitespace(y.out),
            id->recipient().Encode());
  ProcessResult e =
      RunCommand({"age", "-e", "-r", id->recipient().Encode()}, "hello");
  ASSERT_EQ(e.exit_code, 0);
  WriteFileOrDie(dir.File("m.age"), e.out);
  ProcessResult d =
      RunCommand({"age", "-d", "-i", dir.File("ours.txt"), dir.File("m.age")});
  EXPECT_EQ(d.exit_code, 0) << d.err;
  EXPECT_EQ(d.out, "hello");
}

TEST(AgeCliInteropPassphraseTest, AgePassphraseFileDecryptsWithOurs) {
  TempDir dir;
  const std::string plain = RandomBytes(100000);
  WriteFileOrDie(dir.File("plain"), plain);
  // age -p reads the passphrase from the terminal only: answer on a pty.
  ProcessResult r = RunOnPty(
      {"age", "-p", "-o", dir.File("p.age"), dir.File("plain")},
      {{"passphrase", "tulpen in de regen"}, {"onfirm", "tulpen in de regen"}});
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const std::string cipher = ReadFileOrDie(dir.File("p.age"));
  ScryptIdentity good(SecureBytes::CopyOf("tulpen in de regen"));
  const Identity* ids[] = {&good};
  absl::StatusOr<std::vector<uint8_t>> back = Decrypt(ids, AsBytes(cipher));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_TRUE(Str(*back) == plain);
  ScryptIdentity bad(SecureBytes::CopyOf("tulpen in de zon"));
  const Identity* bad_ids[] = {&bad};
  EXPECT_FALSE(Decrypt(bad_ids, AsBytes(cipher)).ok());
}

TEST(AgeCliInteropPassphraseTest, OurPassphraseFileDecryptsWithAge) {
  TempDir dir;
  absl::StatusOr<ScryptRecipient> r =
      ScryptRecipient::Create(SecureBytes::CopyOf("molen aan de dijk"), 14);
  ASSERT_TRUE(r.ok());
  const Recipient* rs[] = {&*r};
  const std::string plain = RandomBytes(70000);
  absl::StatusOr<std::vector<uint8_t>> cipher =
      Encrypt(rs, AsBytes(plain), EncryptOptions{true});
  ASSERT_TRUE(cipher.ok());
  WriteFileOrDie(dir.File("ours.age"), Str(*cipher));
  ProcessResult d =
      RunOnPty({"age", "-d", "-o", dir.File("out"), dir.File("ours.age")},
               {{"passphrase", "molen aan de dijk"}});
  ASSERT_EQ(d.exit_code, 0) << d.out;
  EXPECT_TRUE(ReadFileOrDie(dir.File("out")) == plain);
}

}  // namespace
}  // namespace kluis::crypto
