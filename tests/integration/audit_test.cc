// Tamper evidence with stock tools: every commit kluisd makes (single,
// bulk-packed, attachment) verifies with `git verify-commit` in SSH mode,
// and `kluis audit verify` reports a commit made by hand or rewritten.
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "tests/integration/daemon_harness.h"

namespace kluis::testing {
namespace {

std::string Trim(const std::string& s) {
  return std::string(absl::StripAsciiWhitespace(s));
}

class AuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(d_.Start());
    d_.Init();
    dossier_ = IdFromJson(
        d_.Kluis({"client", "add", "--name", "Fenna de Vries", "--json"}).out);
    ASSERT_EQ(dossier_.size(), 32u);
    ASSERT_EQ(
        d_.Kluis({"note", "add", dossier_, "--text", "Intake."}).exit_code, 0);
    WriteFileOrDie(d_.dir().File("scan.pdf"), RandomBytes(300000));
    ASSERT_EQ(
        d_.Kluis({"attach", dossier_, d_.dir().File("scan.pdf")}).exit_code, 0);
    // 70 clients in one request: the bulk path that writes one pack.
    std::string jsonl;
    for (int i = 0; i < 70; ++i) {
      absl::StrAppend(&jsonl, "{\"client\":{\"name\":\"Cliënt ", i, "\"}}\n");
    }
    WriteFileOrDie(d_.dir().File("bulk.jsonl"), jsonl);
    ASSERT_EQ(
        d_.Kluis({"client", "import", d_.dir().File("bulk.jsonl")}).exit_code,
        0);
  }
  std::vector<std::string> Commits() {
    return absl::StrSplit(Trim(Git(d_.repo(), {"rev-list", "main"}).out), '\n');
  }
  ProcessResult VerifyCommit(const std::string& id) {
    return Git(d_.repo(),
               {"-c", "gpg.format=ssh", "-c",
                "gpg.ssh.allowedSignersFile=" + allowed_, "verify-commit", id});
  }
  DaemonHarness d_;
  std::string dossier_;
  std::string allowed_ = d_.dir().File("allowed_signers");
};

TEST_F(AuditTest, StockGitVerifiesEveryCommitTheDaemonMade) {
  ProcessResult signer = d_.Kluis({"audit", "signer", "--allowed-signers"});
  ASSERT_EQ(signer.exit_code, 0) << signer.err;
  EXPECT_TRUE(absl::StrContains(signer.out, "namespaces=\"git\" ssh-ed25519 "));
  WriteFileOrDie(allowed_, signer.out);
  const std::vector<std::string> commits = Commits();
  ASSERT_EQ(commits.size(), 4u);
  for (const std::string& c : commits) {
    ProcessResult v = VerifyCommit(c);
    EXPECT_EQ(v.exit_code, 0) << c << ": " << v.err;
    EXPECT_TRUE(absl::StrContains(v.err, "Good \"git\" signature")) << v.err;
  }
  // The key is the vault's: the same after a restart, and checked while
  // locked.
  d_.Stop();
  ASSERT_TRUE(d_.Start());
  EXPECT_EQ(d_.Kluis({"audit", "signer", "--allowed-signers"}).out, signer.out);
  ProcessResult ok = d_.Kluis({"audit", "verify"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_TRUE(absl::StrContains(ok.out, "ok: 4 commits")) << ok.out;
}

TEST_F(AuditTest, AHandMadeCommitIsReported) {
  const std::string tree =
      Trim(Git(d_.repo(), {"rev-parse", "main^{tree}"}).out);
  ProcessResult made = Git(
      d_.repo(), {"-c", "user.name=Indringer", "-c", "user.email=x@example.org",
                  "commit-tree", tree, "-p", "main", "-m", "edit"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const std::string forged = Trim(made.out);
  ASSERT_EQ(Git(d_.repo(), {"update-ref", "refs/heads/main", forged}).exit_code,
            0);
  ProcessResult v = d_.Kluis({"audit", "verify", "--json"});
  EXPECT_EQ(v.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(v.out, "\"firstBadCommit\": \"" + forged))
      << v.out;
  EXPECT_TRUE(absl::StrContains(v.out, "signature: missing")) << v.out;
}

TEST_F(AuditTest, ARewrittenCommitIsReported) {
  // Rewrite the second commit's message, keep its signature header, and
  // re-chain everything after it: the signature no longer matches.
  const std::vector<std::string> commits = Commits();  // newest first
  const std::string target = commits[2];
  std::string raw = Git(d_.repo(), {"cat-file", "commit", target}).out;
  const size_t msg = raw.rfind("\n\n");
  ASSERT_NE(msg, std::string::npos);
  raw = raw.substr(0, msg) + "\n\nsomething else\n";
  WriteFileOrDie(d_.dir().File("raw"), raw);
  ProcessResult w = Git(
      d_.repo(), {"hash-object", "-t", "commit", "-w", d_.dir().File("raw")});
  ASSERT_EQ(w.exit_code, 0) << w.err;
  const std::string rewritten = Trim(w.out);
  std::string parent = rewritten;
  for (int i = 1; i >= 0; --i) {  // re-parent the newer commits by hand
    std::string c = Git(d_.repo(), {"cat-file", "commit", commits[i]}).out;
    const size_t p = c.find("parent ");
    c.replace(p + 7, 40, parent);
    WriteFileOrDie(d_.dir().File("raw"), c);
    parent = Trim(Git(d_.repo(), {"hash-object", "-t", "commit", "-w",
                                  d_.dir().File("raw")})
                      .out);
  }
  ASSERT_EQ(Git(d_.repo(), {"update-ref", "refs/heads/main", parent}).exit_code,
            0);
  ProcessResult v = d_.Kluis({"audit", "verify"});
  EXPECT_EQ(v.exit_code, 1);
  // The rewritten commit is the oldest that fails; the two re-parented
  // ones after it fail as well.
  EXPECT_TRUE(absl::StrContains(v.out, "3 of 4 commits do not verify"))
      << v.out;
  EXPECT_TRUE(
      absl::StrContains(v.out, "the first is " + rewritten.substr(0, 8)))
      << v.out;
  EXPECT_FALSE(absl::StrContains(v.out, target));
}

TEST_F(AuditTest, TheJournalKeepsUnlocksAndExportsAndShowsADeletedEntry) {
  ASSERT_EQ(d_.Kluis({"lock"}).exit_code, 0);
  WriteFileOrDie(d_.dir().File("wrong"), "niet het wachtwoord\n");
  EXPECT_EQ(d_.Kluis({"unlock", "--passphrase-file", d_.dir().File("wrong")})
                .exit_code,
            6);
  d_.Unlock();
  const std::string attachment = IdFromJson(
      d_.Kluis({"attach", dossier_, d_.dir().File("scan.pdf"), "--json"}).out);
  ASSERT_EQ(
      d_.Kluis({"fetch", dossier_, attachment, "-o", d_.dir().File("uit.pdf")})
          .exit_code,
      0);
  ProcessResult log = d_.Kluis({"audit", "log", "--json"});
  ASSERT_EQ(log.exit_code, 0) << log.err;
  EXPECT_TRUE(absl::StrContains(log.out, "\"action\": \"unlock_failed\""));
  EXPECT_TRUE(absl::StrContains(log.out, "\"outcome\": \"denied\""));
  EXPECT_TRUE(absl::StrContains(log.out, "\"action\": \"export\""));
  EXPECT_TRUE(absl::StrContains(
      d_.Kluis({"audit", "log", "--dossier", dossier_}).out, "export"));
  // Entries are encrypted: nothing readable in the repository.
  ProcessResult raw =
      Git(d_.repo(), {"cat-file", "-p", "refs/kluis/journal:entry.age"});
  EXPECT_FALSE(absl::StrContains(raw.out, "export"));
  ProcessResult ok = d_.Kluis({"audit", "verify"});
  EXPECT_EQ(ok.exit_code, 0) << ok.out;
  EXPECT_TRUE(absl::StrContains(ok.out, "access journal of")) << ok.out;

  // Drop the middle entry: re-point the newest at the oldest.
  std::vector<std::string> entries = absl::StrSplit(
      Trim(Git(d_.repo(), {"rev-list", "refs/kluis/journal"}).out), '\n');
  ASSERT_GE(entries.size(), 3u);
  const std::string newest = entries[0], oldest = entries[2];
  std::string c = Git(d_.repo(), {"cat-file", "commit", newest}).out;
  const size_t p = c.find("parent ");
  ASSERT_NE(p, std::string::npos);
  c.replace(p + 7, 40, oldest);
  const size_t sig = c.find("gpgsig ");
  if (sig != std::string::npos) {
    const size_t end = c.find("-----END SSH SIGNATURE-----", sig);
    c.erase(sig, c.find('\n', end) + 1 - sig);
  }
  WriteFileOrDie(d_.dir().File("forged"), c);
  const std::string forged =
      Trim(Git(d_.repo(),
               {"hash-object", "-t", "commit", "-w", d_.dir().File("forged")})
               .out);
  ASSERT_EQ(
      Git(d_.repo(), {"update-ref", "refs/kluis/journal", forged}).exit_code,
      0);
  ProcessResult bad = d_.Kluis({"audit", "verify"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(bad.out, "FAILED: access journal")) << bad.out;
  EXPECT_TRUE(absl::StrContains(bad.out, oldest.substr(0, 8))) << bad.out;
}

}  // namespace
}  // namespace kluis::testing
