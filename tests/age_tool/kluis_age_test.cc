// kluis-age as a user runs it: key generation compatible with age-keygen,
// encryption and decryption interoperating with the age CLI through files and
// pipes, passphrases typed at a terminal, and the failure rules: one-line
// errors, no secrets echoed, and no output file (not even a partial one) when
// decryption fails.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "tests/support/test_support.h"

namespace kluis::age_tool {
namespace {

using kluis::testing::FileExists;
using kluis::testing::KluisAgeBinary;
using kluis::testing::ListDir;
using kluis::testing::ProcessResult;
using kluis::testing::RandomBytes;
using kluis::testing::ReadFileOrDie;
using kluis::testing::RunCommand;
using kluis::testing::RunOnPty;
using kluis::testing::TempDir;
using kluis::testing::WriteFileOrDie;

ProcessResult Tool(std::vector<std::string> args, const std::string& in = "") {
  args.insert(args.begin(), KluisAgeBinary());
  return RunCommand(args, in);
}

std::string Trim(const std::string& s) {
  return std::string(absl::StripTrailingAsciiWhitespace(s));
}

int Mode(const std::string& path) {
  struct stat st;
  EXPECT_EQ(::stat(path.c_str(), &st), 0);
  return st.st_mode & 0777;
}

void ExpectOneLineError(const ProcessResult& r) {
  EXPECT_NE(r.exit_code, 0);
  EXPECT_TRUE(absl::StartsWith(r.err, "kluis-age: error: ")) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST(KluisAgeTest, KeygenWritesAnAgeKeygenCompatibleFile) {
  TempDir dir;
  const std::string key = dir.File("key.txt");
  ProcessResult g = Tool({"--keygen", "-o", key});
  ASSERT_EQ(g.exit_code, 0) << g.err;
  EXPECT_EQ(Mode(key), 0600);
  const std::vector<std::string> lines =
      absl::StrSplit(Trim(ReadFileOrDie(key)), '\n');
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_TRUE(absl::StartsWith(lines[0], "# created: "));
  EXPECT_TRUE(absl::StartsWith(lines[1], "# public key: age1"));
  EXPECT_TRUE(absl::StartsWith(lines[2], "AGE-SECRET-KEY-1"));
  const std::string ours = Trim(Tool({"--to-recipient", key}).out);
  const std::string theirs = Trim(RunCommand({"age-keygen", "-y", key}).out);
  EXPECT_EQ(ours, theirs);
  EXPECT_EQ(lines[1], "# public key: " + ours);
  EXPECT_TRUE(absl::StrContains(g.err, ours));  // "Public key: …" on stderr
  // age-keygen's file works with ours too.
  RunCommand({"age-keygen", "-o", dir.File("theirs.txt")});
  EXPECT_EQ(Trim(Tool({"--to-recipient", dir.File("theirs.txt")}).out),
            Trim(RunCommand({"age-keygen", "-y", dir.File("theirs.txt")}).out));
}

TEST(KluisAgeTest, KeygenNeverOverwritesAKey) {
  TempDir dir;
  const std::string key = dir.File("key.txt");
  ASSERT_EQ(Tool({"--keygen", "-o", key}).exit_code, 0);
  const std::string before = ReadFileOrDie(key);
  ExpectOneLineError(Tool({"--keygen", "-o", key}));
  EXPECT_EQ(ReadFileOrDie(key), before);
}

TEST(KluisAgeTest, InteroperatesWithAgeThroughFilesAndPipes) {
  TempDir dir;
  RunCommand({"age-keygen", "-o", dir.File("k1")});
  RunCommand({"age-keygen", "-o", dir.File("k2")});
  const std::string r1 =
      Trim(RunCommand({"age-keygen", "-y", dir.File("k1")}).out);
  const std::string r2 =
      Trim(RunCommand({"age-keygen", "-y", dir.File("k2")}).out);
  const std::string plain = RandomBytes(200000);
  WriteFileOrDie(dir.File("plain"), plain);

  // Ours, to two recipients, armored, through a pipe → age.
  ProcessResult e = Tool({"-e", "-a", "-r", r1, "-r", r2}, plain);
  ASSERT_EQ(e.exit_code, 0) << e.err;
  EXPECT_TRUE(absl::StartsWith(e.out, "-----BEGIN AGE ENCRYPTED FILE-----\n"));
  ProcessResult d = RunCommand({"age", "-d", "-i", dir.File("k2")}, e.out);
  ASSERT_EQ(d.exit_code, 0) << d.err;
  EXPECT_TRUE(d.out == plain);

  // age, binary, to a file → ours to a file.
  ASSERT_EQ(RunCommand({"age", "-e", "-r", r1, "-o", dir.File("c.age"),
                        dir.File("plain")})
                .exit_code,
            0);
  ProcessResult o = Tool(
      {"-d", "-i", dir.File("k1"), "-o", dir.File("out"), dir.File("c.age")});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  EXPECT_TRUE(ReadFileOrDie(dir.File("out")) == plain);
  EXPECT_EQ(Mode(dir.File("out")), 0600);  // plaintext is private
}

TEST(KluisAgeTest, PassphraseFilesBothWays) {
  TempDir dir;
  WriteFileOrDie(dir.File("pass"), "zeven zeeuwse zeilers\n");
  const std::string plain = RandomBytes(5000);
  WriteFileOrDie(dir.File("plain"), plain);
  ProcessResult e =
      Tool({"-e", "-p", "--passphrase-file", dir.File("pass"), "--work-factor",
            "12", "-o", dir.File("ours.age"), dir.File("plain")});
  ASSERT_EQ(e.exit_code, 0) << e.err;
  ProcessResult d =
      RunOnPty({"age", "-d", "-o", dir.File("via-age"), dir.File("ours.age")},
               {{"passphrase", "zeven zeeuwse zeilers"}});
  ASSERT_EQ(d.exit_code, 0) << d.out;
  EXPECT_TRUE(ReadFileOrDie(dir.File("via-age")) == plain);

  ProcessResult a =
      RunOnPty({"age", "-p", "-o", dir.File("theirs.age"), dir.File("plain")},
               {{"passphrase", "zeven zeeuwse zeilers"},
                {"onfirm", "zeven zeeuwse zeilers"}});
  ASSERT_EQ(a.exit_code, 0) << a.out;
  ProcessResult o = Tool(
      {"-d", "--passphrase-file", dir.File("pass"), dir.File("theirs.age")});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  EXPECT_TRUE(o.out == plain);
}

TEST(KluisAgeTest, PromptsForPassphrasesOnTheTerminal) {
  TempDir dir;
  WriteFileOrDie(dir.File("plain"), "Invented: Bram Mulder, group 6.");
  ProcessResult e = RunOnPty({KluisAgeBinary(), "-e", "-p", "--work-factor",
                              "10", "-o", dir.File("c.age"), dir.File("plain")},
                             {{"Enter passphrase", "geheim woord"},
                              {"Confirm passphrase", "geheim woord"}});
  ASSERT_EQ(e.exit_code, 0) << e.out;
  EXPECT_FALSE(absl::StrContains(e.out, "geheim woord"));  // not echoed
  ProcessResult d = RunOnPty(
      {KluisAgeBinary(), "-d", "-o", dir.File("out"), dir.File("c.age")},
      {{"Enter passphrase", "geheim woord"}});
  ASSERT_EQ(d.exit_code, 0) << d.out;
  EXPECT_EQ(ReadFileOrDie(dir.File("out")), "Invented: Bram Mulder, group 6.");
  // Two different entries are refused and nothing is written.
  ProcessResult m =
      RunOnPty({KluisAgeBinary(), "-e", "-p", "-o", dir.File("m.age"),
                dir.File("plain")},
               {{"Enter passphrase", "een"}, {"Confirm passphrase", "twee"}});
  EXPECT_NE(m.exit_code, 0);
  EXPECT_FALSE(FileExists(dir.File("m.age")));
}

TEST(KluisAgeTest, FailedDecryptionLeavesNoOutputFile) {
  TempDir dir;
  ASSERT_EQ(Tool({"--keygen", "-o", dir.File("k")}).exit_code, 0);
  ASSERT_EQ(Tool({"--keygen", "-o", dir.File("other")}).exit_code, 0);
  const std::string r = Trim(Tool({"--to-recipient", dir.File("k")}).out);
  WriteFileOrDie(dir.File("plain"), RandomBytes(3 * 65536 + 5));
  ASSERT_EQ(Tool({"-e", "-r", r, "-o", dir.File("c.age"), dir.File("plain")})
                .exit_code,
            0);
  std::string cipher = ReadFileOrDie(dir.File("c.age"));
  // Damage the last chunk: the first three decrypt before the failure.
  cipher[cipher.size() - 3] ^= 0x40;
  WriteFileOrDie(dir.File("bad.age"), cipher);
  const size_t files_before = ListDir(dir.path()).size();

  ProcessResult p = Tool(
      {"-d", "-i", dir.File("k"), "-o", dir.File("out"), dir.File("bad.age")});
  ExpectOneLineError(p);
  EXPECT_TRUE(absl::StrContains(p.err, "payload")) << p.err;
  ProcessResult w = Tool({"-d", "-i", dir.File("other"), "-o", dir.File("out"),
                          dir.File("c.age")});
  ExpectOneLineError(w);
  EXPECT_TRUE(absl::StrContains(w.err, "no identity")) << w.err;
  EXPECT_FALSE(FileExists(dir.File("out")));
  EXPECT_EQ(ListDir(dir.path()).size(), files_before);  // no temp files left

  // An existing output file is left as it was.
  WriteFileOrDie(dir.File("out"), "previous");
  ExpectOneLineError(Tool(
      {"-d", "-i", dir.File("k"), "-o", dir.File("out"), dir.File("bad.age")}));
  EXPECT_EQ(ReadFileOrDie(dir.File("out")), "previous");
}

TEST(KluisAgeTest, ErrorsNeverEchoSecretsAndNameTheRule) {
  TempDir dir;
  ASSERT_EQ(Tool({"--keygen", "-o", dir.File("k")}).exit_code, 0);
  const std::vector<std::string> lines =
      absl::StrSplit(Trim(ReadFileOrDie(dir.File("k"))), '\n');
  const std::string secret = lines[2];
  // A secret key pasted where a recipient belongs.
  ProcessResult r = Tool({"-e", "-r", secret}, "x");
  ExpectOneLineError(r);
  EXPECT_FALSE(absl::StrContains(r.err, secret.substr(16)));
  EXPECT_TRUE(absl::StrContains(r.err, "recipient")) << r.err;
  // A damaged identity file.
  WriteFileOrDie(dir.File("bad-key"),
                 secret.substr(0, secret.size() - 2) + "qq\n");
  ProcessResult i = Tool({"-d", "-i", dir.File("bad-key")}, "x");
  ExpectOneLineError(i);
  EXPECT_FALSE(absl::StrContains(i.err, secret.substr(16, 30)));
  EXPECT_TRUE(absl::StrContains(i.err, "line 1")) << i.err;
  // Usage errors.
  ExpectOneLineError(Tool({"-r", "age1abc"}, "x"));
  ExpectOneLineError(Tool({"-e", "-d"}, "x"));
  ExpectOneLineError(Tool(
      {"-e", "-p", "-r", Trim(Tool({"--to-recipient", dir.File("k")}).out)},
      "x"));
}

TEST(KluisAgeTest, NotAnAgeFileIsAHeaderError) {
  TempDir dir;
  ASSERT_EQ(Tool({"--keygen", "-o", dir.File("k")}).exit_code, 0);
  ProcessResult r = Tool({"-d", "-i", dir.File("k")}, "just some text\n");
  ExpectOneLineError(r);
  EXPECT_TRUE(absl::StrContains(r.err, "header")) << r.err;
}

}  // namespace
}  // namespace kluis::age_tool
