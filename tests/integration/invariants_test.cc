// DESIGN §4 as tests: no plaintext at rest (vault files, every git object,
// temp files), none in commit messages or the daemon's log, private modes,
// and only the owning user can talk to the daemon.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "daemon/core/ids.h"
#include "tests/integration/daemon_harness.h"

namespace kluis::testing {
namespace {

namespace fs = std::filesystem;

// Every regular file below `root` changed since `since`, that contains any
// of `needles`.
std::vector<std::string> FilesContaining(
    const std::string& root, const std::vector<std::string>& needles,
    fs::file_time_type since) {
  std::vector<std::string> hits;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(
           root, fs::directory_options::skip_permission_denied, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (!it->is_regular_file(ec) || it->file_size(ec) > (64u << 20)) continue;
    if (it->last_write_time(ec) < since) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::string data((std::istreambuf_iterator<char>(in)), {});
    for (const std::string& n : needles) {
      if (absl::StrContains(data, n)) hits.push_back(it->path().string());
    }
  }
  return hits;
}

TEST(InvariantsTest, NoPlaintextAtRestInCommitsOrInLogs) {
  const auto start = fs::file_time_type::clock::now() - std::chrono::seconds(1);
  // Invented data, unique to this run so that nothing else can match it.
  const std::string tag = core::NewId().substr(0, 10);
  const std::string name = "Kwartelkoning " + tag;
  const std::string email = "kwartel." + tag + "@example.org";
  const std::string note = "Schildpadsoep-notitie " + tag;
  const std::vector<std::string> needles = {name, email, note, tag};

  DaemonHarness d;
  ASSERT_TRUE(d.Start());
  d.Init();
  const std::string dossier =
      IdFromJson(d.Kluis({"client", "add", "--name", name, "--email", email,
                          "--city", "Zwolle", "--json"})
                     .out);
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(
        d.Kluis({"note", "add", dossier, "--text", absl::StrCat(note, " ", i)})
            .exit_code,
        0);
  }
  ASSERT_EQ(d.Kluis({"client", "update", dossier, "--phone", "030-1234567",
                     "--reason", "nieuw nummer " + tag})
                .exit_code,
            0);
  // The other kinds: an organisation, an adviser case, health data, and an
  // attachment streamed in (its source file goes before the scan).
  const std::string org = IdFromJson(
      d.Kluis({"org", "add", "--name", "Stichting " + tag, "--json"}).out);
  ASSERT_EQ(org.size(), 32u);
  ASSERT_EQ(d.Kluis({"case", "add", "--organisation-id", org, "--reporter-name",
                     name, "--opened-date", "2026-01-05", "--child",
                     "name=Kind " + tag + ",age=8"})
                .exit_code,
            0);
  ASSERT_EQ(d.Kluis({"health", "add", dossier, "--medication", note}).exit_code,
            0);
  const std::string src = d.dir().File("bijlage.txt");
  WriteFileOrDie(src, std::string(200000, '.') + note + "\n");
  ASSERT_EQ(d.Kluis({"attach", dossier, src}).exit_code, 0);
  ASSERT_EQ(unlink(src.c_str()), 0);
  // A rejected value must not be logged either.
  d.Kluis({"client", "add", "--name", "X", "--email", "fout-" + tag});
  d.Kluis({"lock"});
  d.Stop();

  // Files under the vault, raw.
  EXPECT_TRUE(FilesContaining(d.vault(), needles, start).empty());
  // Every git object, decompressed.
  ProcessResult all =
      Git(d.repo(), {"cat-file", "--batch-all-objects", "--batch"});
  ASSERT_EQ(all.exit_code, 0);
  EXPECT_GT(all.out.size(), 1000u);
  for (const std::string& n : needles)
    EXPECT_FALSE(absl::StrContains(all.out, n)) << n;
  // Commit messages, paths and the daemon's log.
  ProcessResult log =
      Git(d.repo(), {"log", "--format=%an %ae %s %b", "--name-only"});
  for (const std::string& n : needles) {
    EXPECT_FALSE(absl::StrContains(log.out, n)) << n;
    EXPECT_FALSE(absl::StrContains(d.log(), n)) << n;
  }
  EXPECT_TRUE(absl::StrContains(d.log(), "event=vault_init"));
  // Temp files: the daemon's TMPDIR and /tmp.
  for (const std::string& root : {d.dir().path(), std::string("/tmp")}) {
    std::vector<std::string> hits = FilesContaining(root, needles, start);
    // The harness's own daemon logs are checked above.
    std::erase_if(hits, [&](const std::string& p) {
      return absl::StrContains(p, "kluisd-");
    });
    EXPECT_TRUE(hits.empty()) << hits.front();
  }
}

TEST(InvariantsTest, EverythingTheDaemonCreatesIsPrivate) {
  DaemonHarness d;
  ASSERT_TRUE(d.Start());
  d.Init();
  d.Kluis({"client", "add", "--name", "Ties Hendriks"});
  struct stat st;
  ASSERT_EQ(::stat(d.socket().c_str(), &st), 0);
  EXPECT_TRUE(S_ISSOCK(st.st_mode));
  EXPECT_EQ(st.st_mode & 0777, 0600);
  ASSERT_EQ(::stat(d.dir().File("run").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700);
  for (const auto& e : fs::recursive_directory_iterator(d.vault())) {
    ASSERT_EQ(::stat(e.path().c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 077, 0) << e.path() << " is readable by others";
  }
}

TEST(InvariantsTest, AnotherUserIsRefusedBeforeAnyRequest) {
  if (::geteuid() != 0)
    GTEST_SKIP() << "needs root to run a client as another user";
  DaemonHarness d;
  ASSERT_TRUE(d.Start());
  d.Init();
  d.Kluis({"client", "add", "--name", "Lotte Smit"});
  // Open the file-system path so that only SO_PEERCRED stands in the way.
  ::chmod(d.dir().path().c_str(), 0711);
  ::chmod(d.dir().File("run").c_str(), 0711);
  ::chmod(d.socket().c_str(), 0666);
  ProcessResult r = RunCommand(
      {"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--",
       KluisBinary(), "--socket", d.socket(), "client", "list", "--json"});
  EXPECT_EQ(r.exit_code, 5) << r.err;
  EXPECT_FALSE(absl::StrContains(r.out, "Lotte"));
  // The client, too, refuses a socket that another user serves.
  EXPECT_TRUE(absl::StrContains(r.err, "served by another user")) << r.err;
  EXPECT_TRUE(absl::StrContains(d.log(), "event=peer_refused peer_uid=65534"))
      << d.log();
  // The owner still gets in.
  EXPECT_TRUE(absl::StrContains(d.Kluis({"client", "list"}).out, "Lotte"));
}

}  // namespace
}  // namespace kluis::testing
