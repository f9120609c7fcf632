// Hostile backup drives, against the real daemon and CLI: whoever had the
// drive planted hooks, config that names programs, links into the vault,
// a lying manifest, another vault's backup. Every planted program only
// leaves a marker file when it runs. Each attack checks that no marker
// appeared, that the vault is unchanged (main and the key files' bytes),
// and that a run that must refuse says why. The count of attacks tried and
// held is printed at the end.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <functional>
#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "tests/integration/daemon_harness.h"
#include "tests/support/test_support.h"

namespace kluis::testing {
namespace {

int attacks_tried = 0;
int attacks_held = 0;

class CountPrinter : public ::testing::Environment {
 public:
  void TearDown() override {
    std::printf("hostile drives: %d attacks tried, %d held\n", attacks_tried,
                attacks_held);
  }
};
const auto* const kPrinter =
    ::testing::AddGlobalTestEnvironment(new CountPrinter);

// Every hook git knows, receive and push side and the rest.
constexpr const char* kHooks[] = {
    "pre-receive",
    "update",
    "post-receive",
    "post-update",
    "reference-transaction",
    "push-to-checkout",
    "proc-receive",
    "pre-auto-gc",
    "post-checkout",
    "post-merge",
    "pre-push",
    "post-rewrite",
    "post-index-change",
    "fsmonitor-watchman",
    "pre-commit",
    "commit-msg",
    "sendemail-validate",
    "applypatch-msg",
};

class HostileDriveTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(d_.Start());
    d_.Init();
    dossier_ = IdFromJson(d_.Kluis({"client", "add", "--name", "Ilse Verhoeven",
                                    "--city", "Zwolle", "--json"})
                              .out);
    ASSERT_EQ(dossier_.size(), 32u);
    ASSERT_EQ(d_.Kluis({"note", "add", dossier_, "--text", "Intake"}).exit_code,
              0);
    markers_ = d_.dir().File("markers");
    ASSERT_EQ(mkdir(markers_.c_str(), 0700), 0);
    drive_ = d_.dir().File("usb");
    ASSERT_EQ(mkdir(drive_.c_str(), 0700), 0);
    target_ = drive_ + "/kluis-backup";
    ProcessResult add = d_.Kluis({"backup", "add", drive_, "--name", "usb"});
    ASSERT_EQ(add.exit_code, 0) << add.err;
    ProcessResult run = d_.Kluis({"backup", "run", "usb"});
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  }

  std::string Mirror() const { return target_ + "/repo.git"; }
  std::string Rev(const std::string& repo, const std::string& ref) {
    return Trim(Git(repo, {"rev-parse", ref}).out);
  }
  // A program that leaves markers_/<name> when it runs.
  std::string Program(const std::string& path, const std::string& name) {
    WriteFileOrDie(path, absl::StrCat("#!/bin/sh\ntouch '", markers_, "/", name,
                                      "'\ncat >/dev/null 2>&1\n"));
    EXPECT_EQ(chmod(path.c_str(), 0755), 0);
    return path;
  }
  std::vector<std::string> Markers() { return ListDir(markers_); }
  // What must not change: main and every key file's bytes.
  std::map<std::string, std::string> VaultState() {
    std::map<std::string, std::string> out;
    out["main"] = Rev(d_.repo(), "main");
    ProcessResult keys =
        RunCommand({"find", d_.vault() + "/keys", "-type", "f"});
    for (absl::string_view f : absl::StrSplit(keys.out, '\n')) {
      if (!f.empty()) out[std::string(f)] = ReadFileOrDie(std::string(f));
    }
    return out;
  }
  // Counts one attack, and whether it held.
  void Verdict(const std::string& attack, bool held) {
    ++attacks_tried;
    if (held) ++attacks_held;
    EXPECT_TRUE(held) << attack;
  }
  // Everything under `root`: each path with its type, and a file's bytes.
  std::map<std::string, std::string> Tree(const std::string& root) {
    std::map<std::string, std::string> out;
    ProcessResult all = RunCommand({"find", root, "-printf", "%p %y\\n"});
    for (absl::string_view line : absl::StrSplit(all.out, '\n')) {
      if (line.empty()) continue;
      const std::string path(line.substr(0, line.size() - 2));
      out[path] = line.back() == 'f' ? ReadFileOrDie(path)
                                     : std::string(1, line.back());
    }
    return out;
  }
  void AddNote(const std::string& text) {
    ASSERT_EQ(d_.Kluis({"note", "add", dossier_, "--text", text}).exit_code, 0);
  }

  DaemonHarness d_;
  std::string dossier_, markers_, drive_, target_;
};

TEST_F(HostileDriveTest, NoHookOnTheDriveEverRuns) {
  // (git init --template= made no hooks folder: plant one.)
  mkdir((Mirror() + "/hooks").c_str(), 0700);
  for (const char* h : kHooks) Program(Mirror() + "/hooks/" + h, h);
  // A positive control: plain git pushing into a copy of this drive runs
  // them, so an empty marker folder below proves kluis's options.
  const std::string copy = d_.dir().File("control.git");
  ASSERT_EQ(RunCommand({"cp", "-a", Mirror(), copy}).exit_code, 0);
  AddNote("Tweede gesprek");
  ASSERT_EQ(Git(d_.repo(), {"push", "--mirror", copy}).exit_code, 0);
  ASSERT_FALSE(Markers().empty()) << "the planted hooks do not fire";
  ASSERT_EQ(RunCommand({"sh", "-c", "rm -f '" + markers_ + "'/*"}).exit_code,
            0);
  const auto before = VaultState();
  ProcessResult run = d_.Kluis({"backup", "run", "usb"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  AddNote("Derde gesprek");
  EXPECT_EQ(d_.Kluis({"backup", "run", "usb"}).exit_code, 0);
  EXPECT_EQ(d_.Kluis({"backup", "verify", "usb"}).exit_code, 0);
  DaemonHarness other;
  ProcessResult restore = RunCommand(
      {KluisdBinary(), "--vault", other.vault(), "--restore-from", drive_});
  EXPECT_EQ(restore.exit_code, 0) << restore.err;
  const std::vector<std::string> ran = Markers();
  // One attack per hook: its marker is its name.
  for (const char* h : kHooks) {
    Verdict(absl::StrCat("hook ", h, " in the drive repository"),
            !FileExists(markers_ + "/" + h) &&
                Rev(Mirror(), "main") == Rev(d_.repo(), "main"));
  }
  EXPECT_TRUE(ran.empty()) << absl::StrJoin(ran, " ");
  // The vault moved only by the notes added above.
  EXPECT_EQ(before.size(), VaultState().size());
}

TEST_F(HostileDriveTest, ConfigOnTheDriveNamesNoProgramThatRuns) {
  const std::string hooks = d_.dir().File("planted-hooks");
  ASSERT_EQ(mkdir(hooks.c_str(), 0700), 0);
  for (const char* h : kHooks) Program(hooks + "/" + h, absl::StrCat("hp-", h));
  const std::string worktree = d_.dir().File("worktree");
  ASSERT_EQ(mkdir(worktree.c_str(), 0700), 0);
  const std::string included = d_.dir().File("included.cfg");
  WriteFileOrDie(included,
                 absl::StrCat("[core]\n\tfsmonitor = ",
                              Program(d_.dir().File("inc-fsm"), "include"),
                              "\n[core]\n\thooksPath = ", hooks, "\n"));
  const std::string planted = absl::StrCat(
      "[core]\n\tfsmonitor = ", Program(d_.dir().File("fsm"), "fsmonitor"),
      "\n\thooksPath = ", hooks,
      "\n\tsshCommand = ", Program(d_.dir().File("ssh"), "ssh"),
      "\n\talternateRefsCommand = ", Program(d_.dir().File("alt"), "altrefs"),
      "\n\tpager = ", Program(d_.dir().File("pager"), "pager"),
      "\n\tbare = false\n\tworktree = ", worktree,
      "\n[receive]\n\tdenyCurrentBranch = updateInstead\n\tprocReceiveRefs = "
      "refs\n[uploadpack]\n\tpackObjectsHook = ",
      Program(d_.dir().File("pack"), "packhook"),
      "\n[gc]\n\tauto = 1\n\tautoPackLimit = 1\n[credential]\n\thelper = !",
      Program(d_.dir().File("cred"), "credential"),
      "\n[include]\n\tpath = ", included, "\n");
  auto plant = [&] {
    WriteFileOrDie(Mirror() + "/config",
                   ReadFileOrDie(Mirror() + "/config") + planted);
  };
  plant();
  const auto before = VaultState();
  // A verify reads the drive as it is; a restore clones from it.
  d_.Kluis({"backup", "verify", "usb"});
  DaemonHarness other;
  RunCommand(
      {KluisdBinary(), "--vault", other.vault(), "--restore-from", drive_});
  EXPECT_EQ(before, VaultState());
  AddNote("Na de verificatie");
  ProcessResult run = d_.Kluis({"backup", "run", "usb"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  // The run wrote the config afresh: nothing planted survives it.
  const std::string config = ReadFileOrDie(Mirror() + "/config");
  EXPECT_FALSE(absl::StrContains(config, "fsmonitor")) << config;
  plant();
  AddNote("Nog een");
  d_.Kluis({"backup", "run", "usb"});
  d_.Kluis({"backup", "verify", "usb"});
  const std::vector<std::string> ran = Markers();
  // One attack per planted program (each hook through hooksPath too), and
  // the worktree updateInstead would write.
  for (const char* program : {"include", "fsmonitor", "ssh", "altrefs", "pager",
                              "packhook", "credential"}) {
    Verdict(absl::StrCat("config program ", program),
            !FileExists(markers_ + "/" + program));
  }
  for (const char* h : kHooks) {
    Verdict(absl::StrCat("core.hooksPath hook ", h),
            !FileExists(absl::StrCat(markers_, "/hp-", h)));
  }
  Verdict("receive.denyCurrentBranch=updateInstead with core.worktree",
          ListDir(worktree).empty());
  EXPECT_TRUE(ran.empty()) << absl::StrJoin(ran, " ");
  EXPECT_TRUE(ListDir(worktree).empty());
}

TEST_F(HostileDriveTest, ARepositoryThatReadsElsewhereIsRefused) {
  const std::string good = Rev(Mirror(), "main");
  const std::string manifest = ReadFileOrDie(target_ + "/manifest.json");
  struct Case {
    std::string name;
    std::function<void()> plant, undo;
  };
  const std::string alternates = Mirror() + "/objects/info/alternates";
  const std::string commondir = Mirror() + "/commondir";
  const std::string link = Mirror() + "/refs/kluis/elsewhere";
  const std::vector<Case> cases = {
      {"objects/info/alternates into the vault",
       [&] { WriteFileOrDie(alternates, d_.repo() + "/objects\n"); },
       [&] { unlink(alternates.c_str()); }},
      {"commondir pointing at the vault",
       [&] { WriteFileOrDie(commondir, d_.repo() + "\n"); },
       [&] { unlink(commondir.c_str()); }},
      {"a symbolic link inside the repository",
       [&] { ASSERT_EQ(symlink(d_.repo().c_str(), link.c_str()), 0); },
       [&] { unlink(link.c_str()); }},
  };
  for (const Case& c : cases) {
    c.plant();
    AddNote(c.name);
    const auto after_note = VaultState();
    ProcessResult run = d_.Kluis({"backup", "run", "usb"});
    ProcessResult verify = d_.Kluis({"backup", "verify", "usb"});
    c.undo();  // before plain git reads the drive in the checks
    const bool held =
        run.exit_code != 0 &&
        absl::StrContains(run.out + run.err, "nothing was written") &&
        verify.exit_code != 0 && Rev(Mirror(), "main") == good &&
        ReadFileOrDie(target_ + "/manifest.json") == manifest &&
        VaultState() == after_note && Markers().empty();
    Verdict(c.name, held);
    EXPECT_TRUE(held) << c.name << ": " << run.out << run.err << verify.out;
  }
  // Undone, the drive takes its backup again.
  ProcessResult run = d_.Kluis({"backup", "run", "usb"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
}

TEST_F(HostileDriveTest, AnotherDriveAtTheSamePlaceIsRefused) {
  const std::string real = target_ + ".real";
  ASSERT_EQ(rename(target_.c_str(), real.c_str()), 0);
  // Another vault's backup: a drive with the same label mounts here.
  DaemonHarness other;
  ASSERT_TRUE(other.Start());
  other.Init();
  ASSERT_EQ(other.Kluis({"client", "add", "--name", "Ruud Kamphuis"}).exit_code,
            0);
  const std::string other_drive = other.dir().File("usb");
  ASSERT_EQ(mkdir(other_drive.c_str(), 0700), 0);
  ASSERT_EQ(other.Kluis({"backup", "add", other_drive}).exit_code, 0);
  ASSERT_EQ(other.Kluis({"backup", "run"}).exit_code, 0);
  struct Case {
    std::string name, says;
    std::function<void()> plant;
  };
  const std::vector<Case> cases = {
      {"a drive with no kluis manifest (only a repository)",
       "holds no readable kluis manifest",
       [&] {
         ASSERT_EQ(RunCommand({"git", "init", "-q", "--bare",
                               "--template=", target_ + "/repo.git"})
                       .exit_code,
                   0);
       }},
      {"a copy of this vault's drive under another target id",
       "another target id",
       [&] {
         ASSERT_EQ(RunCommand({"cp", "-a", real, target_}).exit_code, 0);
         std::string m = ReadFileOrDie(target_ + "/manifest.json");
         const size_t at = m.find("\"targetId\": \"");
         ASSERT_NE(at, std::string::npos) << m;
         m.replace(at + 13, 32, std::string(32, 'e'));
         WriteFileOrDie(target_ + "/manifest.json", m);
       }},
      {"another vault's drive with the same label", "another vault",
       [&] {
         ASSERT_EQ(
             RunCommand({"cp", "-a", other_drive + "/kluis-backup", target_})
                 .exit_code,
             0);
       }},
      {"kluis-backup as a link to a copy elsewhere", "link",
       [&] {
         ASSERT_EQ(
             RunCommand({"cp", "-a", real, d_.dir().File("elders")}).exit_code,
             0);
         ASSERT_EQ(symlink(d_.dir().File("elders").c_str(), target_.c_str()),
                   0);
       }},
  };
  AddNote("Voor de verwisselde schijf");
  for (const Case& c : cases) {
    c.plant();
    const auto drive = Tree(drive_);
    const auto vault = VaultState();
    ProcessResult run = d_.Kluis({"backup", "run", "usb"});
    ProcessResult verify = d_.Kluis({"backup", "verify", "usb"});
    ProcessResult deep = d_.Kluis({"backup", "verify", "usb", "--deep"});
    const bool held =
        run.exit_code != 0 && absl::StrContains(run.out + run.err, c.says) &&
        absl::StrContains(run.out + run.err, "nothing was written") &&
        verify.exit_code != 0 && Tree(drive_) == drive &&
        VaultState() == vault && Markers().empty();
    Verdict(c.name, held);
    EXPECT_TRUE(held) << c.name << ": " << run.out << run.err << verify.out;
    ASSERT_EQ(RunCommand({"rm", "-rf", target_}).exit_code, 0);
  }
  ASSERT_EQ(rename(real.c_str(), target_.c_str()), 0);
  ProcessResult run = d_.Kluis({"backup", "run", "usb"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
}

TEST_F(HostileDriveTest, AddTakesOnlyThisVaultsOwnBackup) {
  auto folder = [&](const std::string& name) {
    const std::string f = d_.dir().File(name);
    EXPECT_EQ(mkdir(f.c_str(), 0700), 0);
    return f;
  };
  // Another vault's backup, and a repository that is no kluis backup.
  DaemonHarness other;
  ASSERT_TRUE(other.Start());
  other.Init();
  ASSERT_EQ(other.Kluis({"client", "add", "--name", "Ruud Kamphuis"}).exit_code,
            0);
  const std::string foreign = folder("vreemd");
  ASSERT_EQ(other.Kluis({"backup", "add", foreign}).exit_code, 0);
  ProcessResult first = other.Kluis({"backup", "run"});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  const std::string bare = folder("kaal");
  ASSERT_EQ(RunCommand({"git", "clone", "-q", "--mirror", d_.repo(),
                        bare + "/kluis-backup/repo.git"})
                .exit_code,
            0);
  for (const auto& [what, where] :
       std::vector<std::pair<std::string, std::string>>{
           {"another vault's backup", foreign},
           {"a repository without a manifest", bare}}) {
    const auto before = Tree(where);
    ProcessResult add = d_.Kluis({"backup", "add", where, "--name", "x"});
    const bool held = add.exit_code != 0 &&
                      absl::StrContains(add.err, "path: holds") &&
                      Tree(where) == before;
    Verdict(absl::StrCat("backup add on ", what), held);
    EXPECT_TRUE(held) << what << ": " << add.err;
  }
  // A copy of this vault's own backup is taken on, with an id of its own.
  const std::string copy = folder("kopie");
  ASSERT_EQ(RunCommand({"cp", "-a", target_, copy + "/kluis-backup"}).exit_code,
            0);
  ProcessResult add = d_.Kluis({"backup", "add", copy, "--name", "kopie"});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  EXPECT_NE(ReadFileOrDie(copy + "/kluis-backup/manifest.json"),
            ReadFileOrDie(target_ + "/manifest.json"));
  ProcessResult run = d_.Kluis({"backup", "run", "kopie"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  run = d_.Kluis({"backup", "run", "usb"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
}

TEST_F(HostileDriveTest, LinksOnTheDriveAreNeverFollowed) {
  const std::string keys = target_ + "/keys";
  const std::string real_keys = target_ + "/keys.real";
  const std::string manifest = target_ + "/manifest.json";
  const std::string vault_key = d_.vault() + "/keys/vault.age";
  const std::string registry = d_.vault() + "/backups.json";
  struct Case {
    std::string name, link;
    std::function<void()> plant, undo;
  };
  const std::vector<Case> cases = {
      {"keys/ a link to the vault's keys", keys,
       [&] {
         ASSERT_EQ(rename(keys.c_str(), real_keys.c_str()), 0);
         ASSERT_EQ(symlink((d_.vault() + "/keys").c_str(), keys.c_str()), 0);
       },
       [&] {
         unlink(keys.c_str());
         rename(real_keys.c_str(), keys.c_str());
       }},
      {"keys/vault.age a link to the vault's vault.age", keys + "/vault.age",
       [&] {
         ASSERT_EQ(rename((keys + "/vault.age").c_str(),
                          (target_ + "/vault.age.real").c_str()),
                   0);
         ASSERT_EQ(symlink(vault_key.c_str(), (keys + "/vault.age").c_str()),
                   0);
       },
       [&] {
         unlink((keys + "/vault.age").c_str());
         rename((target_ + "/vault.age.real").c_str(),
                (keys + "/vault.age").c_str());
       }},
      {"manifest.json a link to the vault's registry", manifest,
       [&] {
         ASSERT_EQ(rename(manifest.c_str(), (manifest + ".real").c_str()), 0);
         ASSERT_EQ(symlink(registry.c_str(), manifest.c_str()), 0);
       },
       [&] {
         unlink(manifest.c_str());
         rename((manifest + ".real").c_str(), manifest.c_str());
       }},
  };
  for (const Case& c : cases) {
    c.plant();
    const auto vault = VaultState();
    const auto vault_keys = Tree(d_.vault() + "/keys");
    ProcessResult run = d_.Kluis({"backup", "run", "usb"});
    ProcessResult verify = d_.Kluis({"backup", "verify", "usb"});
    struct stat st;
    // Still a link, pointing where it did: nothing written through it.
    const bool still_link =
        lstat(c.link.c_str(), &st) == 0 && S_ISLNK(st.st_mode);
    const bool held = run.exit_code != 0 && verify.exit_code != 0 &&
                      still_link && VaultState() == vault &&
                      Tree(d_.vault() + "/keys") == vault_keys &&
                      Markers().empty();
    Verdict(c.name, held);
    EXPECT_TRUE(held) << c.name << ": " << run.out << run.err << verify.out;
    c.undo();
  }
  ProcessResult run = d_.Kluis({"backup", "run", "usb"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
}

TEST_F(HostileDriveTest, AManifestThatLiesAboutItsHeadIsCaught) {
  const std::string path = target_ + "/manifest.json";
  std::string m = ReadFileOrDie(path);
  const std::string head = Rev(Mirror(), "main");
  const size_t at = m.find(head);
  ASSERT_NE(at, std::string::npos);
  m.replace(at, 40, std::string(40, 'a'));
  WriteFileOrDie(path, m);
  const auto vault = VaultState();
  ProcessResult verify = d_.Kluis({"backup", "verify", "usb"});
  DaemonHarness other;
  ProcessResult restore = RunCommand(
      {KluisdBinary(), "--vault", other.vault(), "--restore-from", drive_});
  const bool held =
      verify.exit_code != 0 &&
      absl::StrContains(verify.out, "main is not what the manifest says") &&
      restore.exit_code != 0 &&
      absl::StrContains(restore.err, "not in the backup's repository") &&
      !FileExists(other.repo()) && VaultState() == vault;
  Verdict("a manifest that lies about its head", held);
  EXPECT_TRUE(held) << verify.out << restore.err;
  // The next run writes the truth.
  ProcessResult run = d_.Kluis({"backup", "run", "usb"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_TRUE(absl::StrContains(ReadFileOrDie(path), head));
}

TEST_F(HostileDriveTest, AHugeFileInKeysIsNeverRead) {
  // Sparse: 8 GiB that nobody should read into memory, one where a key
  // belongs and one beside the keys.
  const std::string key = target_ + "/keys/dossiers/" + dossier_ + ".age";
  const std::string beside = target_ + "/keys/dossiers/groot.bin";
  ASSERT_EQ(RunCommand({"truncate", "-s", "8G", key}).exit_code, 0);
  ASSERT_EQ(RunCommand({"truncate", "-s", "8G", beside}).exit_code, 0);
  const auto vault = VaultState();
  ProcessResult verify = d_.Kluis({"backup", "verify", "usb"});
  ProcessResult run = d_.Kluis({"backup", "run", "usb"});
  const std::string ours =
      ReadFileOrDie(d_.vault() + "/keys/dossiers/" + dossier_ + ".age");
  struct stat st;
  const bool held = verify.exit_code != 0 && run.exit_code == 0 &&
                    stat(key.c_str(), &st) == 0 &&
                    static_cast<size_t>(st.st_size) == ours.size() &&
                    ReadFileOrDie(key) == ours && VaultState() == vault &&
                    d_.running();
  Verdict("a huge file in keys/", held);
  EXPECT_TRUE(held) << verify.out << run.out << run.err;
  unlink(beside.c_str());
}

// The drive's repository made a "partial clone" with a promisor remote
// whose uploadpack is a shell command, and an object removed: git would
// fetch the missing object lazily, running that command. git reads
// extensions.partialClone only from the repository's own config (no -c
// overrides it), so kluis refuses any config it did not write, and a run
// writes it afresh before git reads it.
TEST_F(HostileDriveTest, APromisorRemoteOnTheDriveNeverRuns) {
  const std::string tree = Rev(Mirror(), "main^{tree}");
  ASSERT_EQ(tree.size(), 40u);
  // Every object loose (packs unpacked elsewhere, then removed), then the
  // tree of main deleted: ls-tree -r main, fsck and a clone need it.
  const std::string packs = d_.dir().File("packs");
  ASSERT_EQ(mkdir(packs.c_str(), 0700), 0);
  ASSERT_EQ(RunCommand({"sh", "-c",
                        absl::StrCat("set -e; cd '", Mirror(),
                                     "/objects/pack'; for p in *.pack; do mv "
                                     "\"$p\" '",
                                     packs,
                                     "'/; rm -f \"${p%.pack}\".*; git "
                                     "--git-dir='",
                                     Mirror(), "' unpack-objects -q < '", packs,
                                     "'/\"$p\"; done")})
                .exit_code,
            0);
  const std::string object = absl::StrCat(
      Mirror(), "/objects/", tree.substr(0, 2), "/", tree.substr(2));
  ASSERT_TRUE(FileExists(object));
  ASSERT_EQ(unlink(object.c_str()), 0);
  const std::string marker = markers_ + "/promisor";
  std::string config = ReadFileOrDie(Mirror() + "/config");
  const size_t at = config.find("repositoryformatversion = 0");
  ASSERT_NE(at, std::string::npos) << config;
  config.replace(at, 27, "repositoryformatversion = 1");
  const std::string planted = absl::StrCat(
      config,
      "[extensions]\n\tpartialClone = evil\n[remote \"evil\"]\n"
      "\turl = ",
      d_.dir().File("nowhere"), "\n\tpromisor = true\n\tuploadpack = \"touch '",
      marker, "'; id >>'", marker, "'; false\"\n");
  WriteFileOrDie(Mirror() + "/config", planted);
  // The control: git with the options kluis gave it before (file transport
  // allowed) runs the planted command on a copy of this drive.
  const std::string copy = d_.dir().File("control.git");
  ASSERT_EQ(RunCommand({"cp", "-a", Mirror(), copy}).exit_code, 0);
  RunCommand({"git", "-c", "protocol.allow=never", "-c",
              "protocol.file.allow=always", "--git-dir=" + copy, "ls-tree",
              "-r", "main"});
  ASSERT_TRUE(FileExists(marker)) << "the planted promisor remote never runs";
  ASSERT_EQ(unlink(marker.c_str()), 0);
  const auto vault = VaultState();
  const auto drive = Tree(drive_);
  const char kChanged[] = "git settings (config) were changed by someone else";
  {
    ProcessResult verify = d_.Kluis({"backup", "verify", "usb"});
    ProcessResult deep = d_.Kluis({"backup", "verify", "usb", "--deep"});
    const bool held = verify.exit_code != 0 && deep.exit_code != 0 &&
                      absl::StrContains(verify.out + verify.err, kChanged) &&
                      absl::StrContains(deep.out + deep.err, kChanged) &&
                      !FileExists(marker) && VaultState() == vault &&
                      Tree(drive_) == drive;
    Verdict("a promisor remote through backup verify", held);
    EXPECT_TRUE(held) << verify.out << verify.err << deep.out << deep.err;
  }
  {
    ProcessResult status = d_.Kluis({"backup", "status"});
    const bool held =
        status.exit_code == 0 && absl::StrContains(status.out, "usb") &&
        !FileExists(marker) && VaultState() == vault && Tree(drive_) == drive;
    Verdict("a promisor remote through backup status", held);
    EXPECT_TRUE(held) << status.out << status.err;
  }
  {
    DaemonHarness other;
    const std::string home = other.dir().File("home");
    ASSERT_EQ(mkdir(home.c_str(), 0700), 0);
    ProcessResult restore =
        RunCommand({"env", "-u", "XDG_DATA_HOME", absl::StrCat("HOME=", home),
                    absl::StrCat("KLUISD=", KluisdBinary()), KluisBinary(),
                    "restore", "--from", drive_, "--vault", other.vault()});
    const bool held = restore.exit_code != 0 &&
                      absl::StrContains(restore.err, kChanged) &&
                      !FileExists(other.repo()) && !FileExists(marker) &&
                      VaultState() == vault && Tree(drive_) == drive;
    Verdict("a promisor remote through restore --from", held);
    EXPECT_TRUE(held) << restore.out << restore.err;
  }
  {
    // A run writes the settings afresh first, then finds the lost object
    // and rebuilds the mirror: a sound drive again.
    AddNote("Na de promisor");
    const auto after_note = VaultState();
    ProcessResult run = d_.Kluis({"backup", "run", "usb"});
    ProcessResult deep = d_.Kluis({"backup", "verify", "usb", "--deep"});
    const bool held =
        run.exit_code == 0 && deep.exit_code == 0 && !FileExists(marker) &&
        ReadFileOrDie(Mirror() + "/config") != planted &&
        !absl::StrContains(ReadFileOrDie(Mirror() + "/config"), "promisor") &&
        Rev(Mirror(), "main") == Rev(d_.repo(), "main") &&
        VaultState() == after_note;
    Verdict("a promisor remote through backup run", held);
    EXPECT_TRUE(held) << run.out << run.err << deep.out << deep.err;
  }
  EXPECT_TRUE(Markers().empty()) << absl::StrJoin(Markers(), " ");
}

// fsck's lists of objects to let pass, pointing at a FIFO nobody writes:
// git would wait on it for ever. Each command finishes, refusing the drive
// (verify, restore) or writing its settings afresh (run).
TEST_F(HostileDriveTest, AnFsckSkipListThatIsAFifoHangsNothing) {
  const std::string fifo = d_.dir().File("skiplist");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  const std::string planted = absl::StrCat(
      ReadFileOrDie(Mirror() + "/config"), "[fsck]\n\tskipList = ", fifo,
      "\n[receive \"fsck\"]\n\tskipList = ", fifo,
      "\n[fetch \"fsck\"]\n\tskipList = ", fifo, "\n");
  WriteFileOrDie(Mirror() + "/config", planted);
  const auto vault = VaultState();
  ProcessResult deep = d_.Kluis({"backup", "verify", "usb", "--deep"});
  DaemonHarness other;
  ProcessResult restore = RunCommand(
      {KluisdBinary(), "--vault", other.vault(), "--restore-from", drive_});
  const bool refused =
      deep.exit_code != 0 && restore.exit_code != 0 &&
      absl::StrContains(deep.out + deep.err, "changed by someone else") &&
      !FileExists(other.repo()) && VaultState() == vault;
  AddNote("Na de fifo");
  ProcessResult run = d_.Kluis({"backup", "run", "usb"});
  ProcessResult again = d_.Kluis({"backup", "verify", "usb", "--deep"});
  const bool held =
      refused && run.exit_code == 0 && again.exit_code == 0 &&
      !absl::StrContains(ReadFileOrDie(Mirror() + "/config"), "skipList") &&
      Rev(Mirror(), "main") == Rev(d_.repo(), "main") && Markers().empty();
  Verdict("fsck.skipList a FIFO", held);
  EXPECT_TRUE(held) << deep.out << deep.err << restore.err << run.out << run.err
                    << again.out;
}

}  // namespace
}  // namespace kluis::testing

namespace kluis::testing {
namespace {

// git reads "--output=FILE" in a revision's place as an option and
// empties FILE before it fails: no text from the drive (its main, its
// manifest's heads) may reach a git command line unless it is a commit id.
TEST_F(HostileDriveTest, TextGitWouldReadAsAnOptionNeverReachesIt) {
  const std::string victim = d_.dir().File("victim");
  WriteFileOrDie(victim, "kostbaar");
  const std::string attack = "--output=" + victim;

  // 1. The registered drive's manifest names the option as its head; the
  //    next run diffs "since the last head".
  const std::string path = target_ + "/manifest.json";
  std::string m = ReadFileOrDie(path);
  const std::string head = Rev(Mirror(), "main");
  const size_t at = m.find(head);
  ASSERT_NE(at, std::string::npos);
  m.replace(at, 40, attack);
  WriteFileOrDie(path, m);
  AddNote("Na de aanval");
  const auto vault = VaultState();
  ProcessResult run = d_.Kluis({"backup", "run", "usb"});
  bool held = ReadFileOrDie(victim) == "kostbaar";
  Verdict("a manifest head that git would read as --output", held);
  EXPECT_TRUE(held) << run.out << run.err;

  // 2. A copy of the drive, offered to backup add, whose main is the option:
  //    adoption looks it up in the vault's history.
  const std::string copy = d_.dir().File("kopie");
  ASSERT_EQ(mkdir(copy.c_str(), 0700), 0);
  ASSERT_EQ(RunCommand({"cp", "-a", target_, copy + "/kluis-backup"}).exit_code,
            0);
  WriteFileOrDie(copy + "/kluis-backup/repo.git/refs/heads/main",
                 attack + "\n");
  const auto before = Tree(copy);
  ProcessResult add = d_.Kluis({"backup", "add", copy, "--name", "kopie"});
  held = add.exit_code != 0 && ReadFileOrDie(victim) == "kostbaar" &&
         Tree(copy) == before;
  Verdict("a drive main that git would read as --output", held);
  EXPECT_TRUE(held) << add.err;
  EXPECT_EQ(Rev(d_.repo(), "main"), vault.at("main"));
}

}  // namespace
}  // namespace kluis::testing
