// `kluis backup add` on a drive that already holds a kluis backup, through
// the real daemon, CLI and git: after a restore the practice's own drive is
// taken on with its identity and brought up to date by the next run; a
// drive of another vault (also one whose manifest claims this vault), one
// newer than the vault, or one that does not verify is refused, and the
// drive and the registry stay exactly as they were; a hook planted on the
// drive never runs; an add cut short by a crash (SIGKILL at a chosen
// rename, from gdb) is finished by the next.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "tests/integration/daemon_harness.h"
#include "tests/support/test_support.h"

namespace kluis::testing {
namespace {

class BackupAdoptTest : public ::testing::Test {
 protected:
  // The practice's vault with its weekly drive A, then the laptop lost: a
  // new one restored from A (laptop_), not yet with a backup target.
  void SetUp() override {
    ASSERT_TRUE(old_.Start());
    old_.Init();
    ASSERT_EQ(old_.Kluis({"client", "add", "--name", "Sanne de Vries", "--city",
                          "Apeldoorn"})
                  .exit_code,
              0);
    // Its whole id, as the repository names it: dossiers/XX/<id>/…
    const std::string files =
        Git(old_.repo(), {"ls-tree", "-r", "--name-only", "main", "dossiers"})
            .out;
    ASSERT_GT(files.size(), 46u) << files;
    dossier_ = files.substr(12, 32);
    ASSERT_EQ(
        old_.Kluis({"note", "add", dossier_, "--text", "Intake"}).exit_code, 0);
    drive_ = old_.dir().File("USB-A");
    ASSERT_EQ(mkdir(drive_.c_str(), 0700), 0);
    ProcessResult add = old_.Kluis({"backup", "add", drive_, "--name", "usb"});
    ASSERT_EQ(add.exit_code, 0) << add.err;
    ProcessResult run = old_.Kluis({"backup", "run", "usb"});
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
    old_.Stop();
    target_id_ = ManifestField(Manifest(), "targetId");
    ASSERT_EQ(target_id_.size(), 32u);
    ProcessResult restore = RunCommand(
        {KluisdBinary(), "--vault", laptop_.vault(), "--restore-from", drive_});
    ASSERT_EQ(restore.exit_code, 0) << restore.err;
    ASSERT_TRUE(laptop_.Start());
    ProcessResult unlock =
        laptop_.Kluis({"unlock", "--passphrase-file", old_.passphrase_file()});
    ASSERT_EQ(unlock.exit_code, 0) << unlock.err;
  }

  std::string Manifest() const {
    return drive_ + "/kluis-backup/manifest.json";
  }
  std::string Mirror() const { return drive_ + "/kluis-backup/repo.git"; }
  static std::string ManifestField(const std::string& path,
                                   const std::string& field) {
    const std::string m = ReadFileOrDie(path);
    const std::string key = absl::StrCat("\"", field, "\": \"");
    const size_t at = m.find(key);
    if (at == std::string::npos) return "";
    const size_t start = at + key.size();
    return m.substr(start, m.find('"', start) - start);
  }
  // Every name under `root` with its type, size and mode, and the hash of
  // every file: equal before and after means nothing there changed.
  static std::string Fingerprint(const std::string& root) {
    return RunCommand({"sh", "-c",
                       "cd \"$1\" && find . -printf '%p %y %s %m\\n' | sort && "
                       "find . -type f -exec sha256sum {} + | sort",
                       "fingerprint", root})
        .out;
  }
  std::string Registry(DaemonHarness& d) {
    return d.Kluis({"backup", "status", "--json"}).out;
  }
  // Another vault with its own backup on a drive of its own.
  std::string StrangersDrive(DaemonHarness& stranger) {
    EXPECT_TRUE(stranger.Start());
    stranger.Init();
    EXPECT_EQ(
        stranger.Kluis({"client", "add", "--name", "Basisschool De Regenboog"})
            .exit_code,
        0);
    const std::string drive = stranger.dir().File("USB-B");
    EXPECT_EQ(mkdir(drive.c_str(), 0700), 0);
    EXPECT_EQ(stranger.Kluis({"backup", "add", drive}).exit_code, 0);
    ProcessResult run = stranger.Kluis({"backup", "run"});
    EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
    return drive;
  }
  // `kluis backup add` on `drive` is refused, saying `says`, and neither
  // the drive nor the registry changed.
  void ExpectRefusedUntouched(const std::string& drive,
                              const std::string& says) {
    const std::string before = Fingerprint(drive);
    const std::string registry = Registry(laptop_);
    ProcessResult add = laptop_.Kluis({"backup", "add", drive, "--name", "x"});
    EXPECT_NE(add.exit_code, 0) << add.out;
    EXPECT_TRUE(absl::StrContains(add.err, "path: holds")) << add.err;
    EXPECT_TRUE(absl::StrContains(add.err, says)) << add.err;
    EXPECT_TRUE(absl::StrContains(add.err, "nothing was changed")) << add.err;
    EXPECT_EQ(Fingerprint(drive), before) << add.err;
    EXPECT_EQ(Registry(laptop_), registry);
  }

  DaemonHarness old_, laptop_;
  std::string dossier_, drive_, target_id_;
};

TEST_F(BackupAdoptTest, AfterARestoreThePracticesOwnDriveIsAdopted) {
  // Work on the new laptop before the drive comes back: it is behind.
  ASSERT_EQ(laptop_
                .Kluis({"note", "add", dossier_, "--text",
                        "Eerste gesprek na de nieuwe laptop"})
                .exit_code,
            0);
  ASSERT_EQ(laptop_.Kluis({"client", "add", "--name", "Daan Jansen"}).exit_code,
            0);
  const std::string manifest_before = ReadFileOrDie(Manifest());
  ProcessResult add = laptop_.Kluis({"backup", "add", drive_, "--name", "usb"});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  EXPECT_TRUE(absl::StrContains(add.out, "adopted the existing backup"))
      << add.out;
  EXPECT_TRUE(absl::StrContains(add.out, "last run")) << add.out;
  // Taken on as it is: same manifest, same target id in the registry.
  EXPECT_EQ(ReadFileOrDie(Manifest()), manifest_before);
  ProcessResult status = laptop_.Kluis({"backup", "status", "--json"});
  EXPECT_TRUE(absl::StrContains(status.out, target_id_)) << status.out;
  EXPECT_TRUE(absl::StrContains(status.out, "\"lastGoodRun\"")) << status.out;
  status = laptop_.Kluis({"backup", "status"});
  EXPECT_TRUE(absl::StrContains(status.out, "usb")) << status.out;
  EXPECT_TRUE(absl::StrContains(status.out, "mounted")) << status.out;
  // The next run brings it up to date, with only what is new.
  ProcessResult run = laptop_.Kluis({"backup", "run", "usb"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(Trim(Git(Mirror(), {"rev-parse", "main"}).out),
            Trim(Git(laptop_.repo(), {"rev-parse", "main"}).out));
  EXPECT_EQ(ManifestField(Manifest(), "targetId"), target_id_);
  ProcessResult verify = laptop_.Kluis({"backup", "verify", "usb"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  status = laptop_.Kluis({"backup", "status"});
  EXPECT_FALSE(absl::StrContains(status.out, "OVERDUE")) << status.out;
  EXPECT_FALSE(absl::StrContains(status.out, "never")) << status.out;
}

TEST_F(BackupAdoptTest, AnotherVaultsDriveIsRefusedUntouched) {
  DaemonHarness stranger;
  const std::string drive = StrangersDrive(stranger);
  ExpectRefusedUntouched(drive, "the backup of another vault");
}

TEST_F(BackupAdoptTest, AForgedManifestOnAnotherVaultsRepositoryIsRefused) {
  DaemonHarness stranger;
  const std::string drive = StrangersDrive(stranger);
  // The other vault's repository, with a manifest that claims this vault
  // (its id, head and journal) and this drive's target id.
  const std::string forged = drive + "/kluis-backup/manifest.json";
  std::string m = ReadFileOrDie(forged);
  for (const char* field : {"vaultId", "head", "journalHead", "targetId"}) {
    const std::string theirs = ManifestField(forged, field);
    ASSERT_FALSE(theirs.empty()) << field;
    m = absl::StrReplaceAll(m, {{theirs, ManifestField(Manifest(), field)}});
  }
  WriteFileOrDie(forged, m);
  ASSERT_EQ(ManifestField(forged, "vaultId"),
            ManifestField(Manifest(), "vaultId"));
  ExpectRefusedUntouched(drive, "history that is not this vault's");
}

TEST_F(BackupAdoptTest, ADriveNewerThanTheVaultIsRefusedUntouched) {
  // A vault restored as it was before the drive's last change.
  laptop_.Stop();
  DaemonHarness earlier;
  const std::string first =
      Trim(Git(Mirror(), {"rev-list", "--max-parents=0", "main"}).out);
  ProcessResult restore =
      RunCommand({KluisdBinary(), "--vault", earlier.vault(), "--restore-from",
                  drive_, "--restore-at", first});
  ASSERT_EQ(restore.exit_code, 0) << restore.err;
  ASSERT_TRUE(earlier.Start());
  const std::string before = Fingerprint(drive_);
  ProcessResult add = earlier.Kluis({"backup", "add", drive_});
  EXPECT_NE(add.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(add.err, "newer than this vault")) << add.err;
  EXPECT_EQ(Fingerprint(drive_), before);
}

TEST_F(BackupAdoptTest, ADriveThatDoesNotVerifyIsRefused) {
  // One byte of a pack changed: git fsck --full finds it.
  const std::string pack =
      Trim(RunCommand({"sh", "-c", "ls \"$1\"/objects/pack/*.pack | head -1",
                       "pack", Mirror()})
               .out);
  ASSERT_FALSE(pack.empty());
  const std::string sound = ReadFileOrDie(pack);
  std::string bytes = sound;
  bytes[bytes.size() / 2] ^= 0x55;
  WriteFileOrDie(pack, bytes);
  ExpectRefusedUntouched(drive_, "does not verify");
  // A dossier key on the drive that is not the vault's.
  WriteFileOrDie(pack, sound);
  const std::string key =
      absl::StrCat(drive_, "/kluis-backup/keys/dossiers/", dossier_, ".age");
  std::string wrapped = ReadFileOrDie(key);
  wrapped[wrapped.size() - 10] ^= 0x01;
  WriteFileOrDie(key, wrapped);
  ExpectRefusedUntouched(drive_, "key files differ");
}

TEST_F(BackupAdoptTest, AHookPlantedOnTheDriveNeverRuns) {
  const std::string markers = laptop_.dir().File("markers");
  ASSERT_EQ(mkdir(markers.c_str(), 0700), 0);
  const std::string program = laptop_.dir().File("planted.sh");
  WriteFileOrDie(
      program, absl::StrCat("#!/bin/sh\ntouch '", markers,
                            "/ran-'\"$(basename \"$0\")\"\ncat >/dev/null\n"));
  ASSERT_EQ(chmod(program.c_str(), 0755), 0);
  ASSERT_EQ(mkdir((Mirror() + "/hooks").c_str(), 0700), 0);
  for (const char* hook :
       {"pre-receive", "update", "post-receive", "post-update",
        "reference-transaction", "pre-auto-gc"}) {
    const std::string path = Mirror() + "/hooks/" + hook;
    WriteFileOrDie(path, ReadFileOrDie(program));
    ASSERT_EQ(chmod(path.c_str(), 0755), 0);
  }
  std::ofstream(Mirror() + "/config", std::ios::app)
      << "[core]\n\tfsmonitor = " << program << "\n\thooksPath = " << Mirror()
      << "/hooks\n";
  ASSERT_EQ(
      laptop_.Kluis({"note", "add", dossier_, "--text", "Vervolg"}).exit_code,
      0);
  ProcessResult add = laptop_.Kluis({"backup", "add", drive_, "--name", "usb"});
  EXPECT_EQ(add.exit_code, 0) << add.err;
  ProcessResult run = laptop_.Kluis({"backup", "run", "usb"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(laptop_.Kluis({"backup", "verify", "usb"}).exit_code, 0);
  EXPECT_TRUE(ListDir(markers).empty()) << ListDir(markers)[0];
  // The planted settings are gone from the drive's config.
  EXPECT_FALSE(
      absl::StrContains(ReadFileOrDie(Mirror() + "/config"), "fsmonitor"));
}

// Kills `d`'s kluisd with SIGKILL (from gdb) as it enters rename() onto
// `path`, which therefore never happens; `command` is the CLI call that
// gets there. False when gdb cannot attach here.
bool KillAtRenameOnto(DaemonHarness& d, const std::string& path,
                      const std::vector<std::string>& command) {
  const pid_t pid = d.pid();
  const std::string script = d.dir().File("kill-at-rename.gdb");
  const std::string out = d.dir().File("kill-at-rename.out");
  WriteFileOrDie(script, absl::StrCat("set pagination off\n"
                                      "set confirm off\n"
                                      "break rename if $_streq((char*)$rsi, \"",
                                      path,
                                      "\")\n"
                                      "commands\nkill\nquit\nend\n"
                                      "continue\n"));
  std::thread debugger([&] {
    RunCommand({"sh", "-c", "gdb -q -batch -p \"$1\" -x \"$2\" >\"$3\" 2>&1",
                "gdb", std::to_string(pid), script, out});
  });
  bool ready = false;
  for (int i = 0; i < 600 && !ready; ++i) {
    usleep(100 * 1000);
    ready = FileExists(out) &&
            absl::StrContains(ReadFileOrDie(out), "Breakpoint 1 at");
  }
  if (!ready) {
    d.Kill9();
    debugger.join();
    return false;
  }
  usleep(500 * 1000);  // gdb goes on to `continue`
  d.Kluis(command);
  bool died = false;
  for (int i = 0; i < 200 && !died; ++i) {
    int status = 0;
    died = waitpid(pid, &status, WNOHANG) == pid;
    if (!died) usleep(50 * 1000);
  }
  if (!died) {
    ADD_FAILURE() << "kluisd did not stop at the rename: "
                  << ReadFileOrDie(out);
    kill(pid, SIGKILL);
  }
  d.WaitForExit();
  debugger.join();
  return true;
}

TEST_F(BackupAdoptTest, AnAddKilledBeforeItsRegistryIsSavedIsTakenOnByTheNext) {
  const std::string drive = laptop_.dir().File("USB-C");
  ASSERT_EQ(mkdir(drive.c_str(), 0700), 0);
  const std::string registry = laptop_.vault() + "/backups.json";
  if (!KillAtRenameOnto(laptop_, registry, {"backup", "add", drive})) {
    GTEST_SKIP() << "gdb cannot attach to kluisd here";
  }
  // Killed between the drive written and the registry saved.
  ASSERT_TRUE(FileExists(drive + "/kluis-backup/manifest.json"));
  ASSERT_TRUE(FileExists(drive + "/kluis-backup/repo.git"));
  EXPECT_FALSE(FileExists(registry));
  const std::string id =
      ManifestField(drive + "/kluis-backup/manifest.json", "targetId");
  ASSERT_TRUE(laptop_.Start());
  laptop_.Kluis({"unlock", "--passphrase-file", old_.passphrase_file()});
  ProcessResult again = laptop_.Kluis({"backup", "add", drive});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(ManifestField(drive + "/kluis-backup/manifest.json", "targetId"),
            id);
  ProcessResult run = laptop_.Kluis({"backup", "run", "USB-C"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(laptop_.Kluis({"backup", "verify", "USB-C"}).exit_code, 0);
}

TEST_F(BackupAdoptTest,
       AnAddKilledBeforeItsManifestIsWrittenIsFinishedByTheNext) {
  const std::string drive = laptop_.dir().File("USB-D");
  ASSERT_EQ(mkdir(drive.c_str(), 0700), 0);
  if (!KillAtRenameOnto(laptop_, drive + "/kluis-backup/manifest.json",
                        {"backup", "add", drive})) {
    GTEST_SKIP() << "gdb cannot attach to kluisd here";
  }
  ASSERT_TRUE(FileExists(drive + "/kluis-backup"));
  ASSERT_FALSE(FileExists(drive + "/kluis-backup/manifest.json"));
  // And the state just after the manifest, before the repository.
  const std::string later = laptop_.dir().File("USB-E");
  ASSERT_EQ(RunCommand({"cp", "-a", drive, later}).exit_code, 0);
  ASSERT_TRUE(laptop_.Start());
  laptop_.Kluis({"unlock", "--passphrase-file", old_.passphrase_file()});
  ProcessResult again = laptop_.Kluis({"backup", "add", drive});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  ASSERT_EQ(
      RunCommand({"rm", "-rf", later + "/kluis-backup/repo.git"}).exit_code, 0);
  // (a manifest of this vault's, from the add above, under its own id)
  std::string m = ReadFileOrDie(drive + "/kluis-backup/manifest.json");
  const std::string id =
      ManifestField(drive + "/kluis-backup/manifest.json", "targetId");
  WriteFileOrDie(later + "/kluis-backup/manifest.json",
                 absl::StrReplaceAll(m, {{id, std::string(32, 'c')}}));
  ProcessResult finish = laptop_.Kluis({"backup", "add", later});
  ASSERT_EQ(finish.exit_code, 0) << finish.err;
  for (const char* name : {"USB-D", "USB-E"}) {
    ProcessResult run = laptop_.Kluis({"backup", "run", name});
    EXPECT_EQ(run.exit_code, 0) << name << run.out << run.err;
  }
  EXPECT_EQ(ManifestField(later + "/kluis-backup/manifest.json", "targetId"),
            std::string(32, 'c'));
}

// A target added before targets had ids, whose drive has no manifest.
TEST_F(BackupAdoptTest, ADriveWithoutAManifestIsWrittenOnlyWhenItIsProvenOurs) {
  ProcessResult add = laptop_.Kluis({"backup", "add", drive_, "--name", "usb"});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  const std::string registry = laptop_.vault() + "/backups.json";
  WriteFileOrDie(registry, absl::StrReplaceAll(ReadFileOrDie(registry),
                                               {{target_id_, ""}}));
  ASSERT_TRUE(absl::StrContains(ReadFileOrDie(registry), "\"head\""));
  const std::string real = drive_ + "/kluis-backup.real";
  ASSERT_EQ(RunCommand({"cp", "-a", drive_ + "/kluis-backup", real}).exit_code,
            0);
  // An empty repository where a drive with a good run was: refused.
  ASSERT_EQ(RunCommand({"rm", "-rf", drive_ + "/kluis-backup"}).exit_code, 0);
  ASSERT_EQ(mkdir((drive_ + "/kluis-backup").c_str(), 0700), 0);
  ASSERT_EQ(RunCommand({"git", "init", "-q", "--bare", "--template=", Mirror()})
                .exit_code,
            0);
  std::string before = Fingerprint(drive_ + "/kluis-backup");
  ProcessResult run = laptop_.Kluis({"backup", "run", "usb"});
  EXPECT_NE(run.exit_code, 0);
  EXPECT_TRUE(
      absl::StrContains(run.out + run.err, "no readable kluis manifest"))
      << run.out << run.err;
  EXPECT_EQ(Fingerprint(drive_ + "/kluis-backup"), before);
  // Another vault's history, its manifest removed: refused.
  DaemonHarness stranger;
  const std::string other = StrangersDrive(stranger);
  ASSERT_EQ(RunCommand({"rm", "-rf", drive_ + "/kluis-backup"}).exit_code, 0);
  ASSERT_EQ(RunCommand(
                {"cp", "-a", other + "/kluis-backup", drive_ + "/kluis-backup"})
                .exit_code,
            0);
  ASSERT_EQ(unlink(Manifest().c_str()), 0);
  before = Fingerprint(drive_ + "/kluis-backup");
  run = laptop_.Kluis({"backup", "run", "usb"});
  EXPECT_NE(run.exit_code, 0);
  EXPECT_EQ(Fingerprint(drive_ + "/kluis-backup"), before);
  // This vault's own history from before manifests: written, given an id.
  ASSERT_EQ(RunCommand({"rm", "-rf", drive_ + "/kluis-backup"}).exit_code, 0);
  ASSERT_EQ(rename(real.c_str(), (drive_ + "/kluis-backup").c_str()), 0);
  ASSERT_EQ(unlink(Manifest().c_str()), 0);
  run = laptop_.Kluis({"backup", "run", "usb"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(ManifestField(Manifest(), "targetId").size(), 32u);
  EXPECT_EQ(laptop_.Kluis({"backup", "verify", "usb"}).exit_code, 0);
}

}  // namespace
}  // namespace kluis::testing
