// Backups through the real daemon and CLI onto a folder standing in for an
// external drive: a run while locked, an incremental run, the target read
// back with only git, age and the recovery key, a whole vault restored from
// it on "another machine", and damage on the drive found and healed.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <map>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "tests/integration/daemon_harness.h"
#include "tests/support/test_support.h"

namespace kluis::testing {
namespace {

class BackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(d_.Start());
    recovery_ = d_.Init();
    dossier_ =
        IdFromJson(d_.Kluis({"client", "add", "--name", "Wouter Brinkman",
                             "--city", "Deventer", "--json"})
                       .out);
    ASSERT_EQ(dossier_.size(), 32u);
    for (int i = 0; i < 3; ++i) {
      ASSERT_EQ(d_.Kluis({"note", "add", dossier_, "--text",
                          absl::StrCat("Gesprek ", i)})
                    .exit_code,
                0);
    }
    content_ = RandomBytes(150000);
    WriteFileOrDie(d_.dir().File("scan.pdf"), content_);
    scan_ = IdFromJson(
        d_.Kluis({"attach", dossier_, d_.dir().File("scan.pdf"), "--json"})
            .out);
    ASSERT_EQ(scan_.size(), 32u);
    drive_ = d_.dir().File("usb");
    ASSERT_EQ(mkdir(drive_.c_str(), 0700), 0);
    target_ = drive_ + "/kluis-backup";
    ProcessResult add = d_.Kluis({"backup", "add", drive_, "--name", "usb1"});
    ASSERT_EQ(add.exit_code, 0) << add.err;
  }
  std::string Mirror() const { return target_ + "/repo.git"; }
  std::string Rev(const std::string& repo, const std::string& ref) {
    return Trim(Git(repo, {"rev-parse", ref}).out);
  }

  // Objects in the packs of `repo`.
  uint64_t InPack(const std::string& repo) {
    for (absl::string_view line :
         absl::StrSplit(Git(repo, {"count-objects", "-v"}).out, '\n')) {
      uint64_t n = 0;
      if (absl::ConsumePrefix(&line, "in-pack: ") &&
          absl::SimpleAtoi(line, &n)) {
        return n;
      }
    }
    return 0;
  }
  // "usb1: sent N objects, …" of kluis backup run (not on a terminal).
  static uint64_t SentObjects(const std::string& out) {
    const size_t at = out.find(": sent ");
    uint64_t n = 0;
    if (at == std::string::npos) return 0;
    const size_t start = at + 7;
    (void)absl::SimpleAtoi(out.substr(start, out.find(' ', start) - start), &n);
    return n;
  }

  DaemonHarness d_;
  std::string recovery_, dossier_, scan_, content_, drive_, target_;
};

TEST_F(BackupTest, RunsWhileLockedIncrementallyAndReadsBackWithGitAndAge) {
  EXPECT_TRUE(absl::StrContains(ReadFileOrDie(target_ + "/RESTORE.txt"),
                                "age -d -i recovery.txt"));
  EXPECT_TRUE(absl::StrContains(ReadFileOrDie(target_ + "/RESTORE.txt"),
                                "kluis restore --from"));
  EXPECT_TRUE(
      absl::StrContains(d_.Kluis({"status"}).out, "BACKUP OVERDUE: usb1"));
  ASSERT_EQ(d_.Kluis({"lock"}).exit_code, 0);
  ProcessResult run = d_.Kluis({"backup", "run", "usb1"});
  ASSERT_EQ(run.exit_code, 0) << run.err << run.out;
  EXPECT_TRUE(absl::StrContains(run.out, "usb1: mirror")) << run.out;
  EXPECT_TRUE(absl::StrContains(run.out, "usb1: done")) << run.out;
  // Every ref: the history and the access journal (with this run in it).
  EXPECT_EQ(Rev(Mirror(), "main"), Rev(d_.repo(), "main"));
  ASSERT_EQ(
      Git(Mirror(), {"rev-parse", "--verify", "refs/kluis/journal"}).exit_code,
      0);
  EXPECT_EQ(Rev(Mirror(), "refs/kluis/journal"),
            Rev(d_.repo(), "refs/kluis/journal"));
  const std::string manifest = ReadFileOrDie(target_ + "/manifest.json");
  EXPECT_TRUE(absl::StrContains(manifest, Rev(d_.repo(), "main")));
  EXPECT_FALSE(absl::StrContains(manifest, "Brinkman"));
  ProcessResult verify = d_.Kluis({"backup", "verify", "usb1"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
  EXPECT_TRUE(absl::StrContains(verify.out, "usb1: ok")) << verify.out;
  EXPECT_FALSE(absl::StrContains(d_.Kluis({"status"}).out, "OVERDUE"));
  EXPECT_TRUE(absl::StrContains(d_.Kluis({"backup", "status"}).out, "mounted"));

  // Incremental: more work, a second run; the mirror stays packed.
  d_.Unlock();
  // The run made while locked is in the access journal.
  EXPECT_TRUE(absl::StrContains(d_.Kluis({"audit", "log"}).out, "target usb1"));
  for (int i = 0; i < 40; ++i) {
    ASSERT_EQ(d_.Kluis({"note", "add", dossier_, "--text",
                        absl::StrCat("Vervolg ", i)})
                  .exit_code,
              0);
  }
  const uint64_t packed_before = InPack(Mirror());
  ProcessResult second = d_.Kluis({"backup", "run"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  // Only what is new travels: the objects sent are exactly those the
  // mirror gained, and the bytes are reported.
  const uint64_t sent = SentObjects(second.out);
  EXPECT_GT(sent, 0u) << second.out;
  EXPECT_EQ(sent, InPack(Mirror()) - packed_before) << second.out;
  EXPECT_TRUE(absl::StrContains(second.out, "KiB")) << second.out;
  EXPECT_EQ(Rev(Mirror(), "main"), Rev(d_.repo(), "main"));
  const std::string counts = Git(Mirror(), {"count-objects", "-v"}).out;
  EXPECT_TRUE(absl::StrContains(counts, "\ncount: 0\n") ||
              absl::StartsWith(counts, "count: 0\n"))
      << counts;
  EXPECT_EQ(Git(Mirror(), {"fsck", "--full", "--strict"}).exit_code, 0);

  // The disaster drill: the drive, git, age and the recovery key.
  const std::string rec = d_.dir().File("record.age");
  const std::string key = d_.dir().File("dossier-key.txt");
  ProcessResult blob =
      Git(Mirror(), {"cat-file", "blob",
                     absl::StrCat("main:dossiers/", dossier_.substr(0, 2), "/",
                                  dossier_, "/dossier.age")});
  ASSERT_EQ(blob.exit_code, 0);
  WriteFileOrDie(rec, blob.out);
  ASSERT_EQ(RunCommand({"age", "-d", "-i", recovery_, "-o", key,
                        target_ + "/keys/dossiers/" + dossier_ + ".age"})
                .exit_code,
            0);
  ProcessResult plain = RunCommand({"age", "-d", "-i", key, rec});
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_TRUE(absl::StrContains(plain.out, "Wouter Brinkman"));
}

TEST_F(BackupTest, AWholeVaultComesBackOnAnotherMachine) {
  const std::string before_more = Rev(d_.repo(), "main");
  ASSERT_EQ(d_.Kluis({"note", "add", dossier_, "--text", "Laatste gesprek"})
                .exit_code,
            0);
  ASSERT_EQ(d_.Kluis({"backup", "run", "usb1"}).exit_code, 0);
  d_.Stop();
  // "Another machine": only the drive, the recovery key, and a forgotten
  // passphrase. kluis restore runs kluisd's restore mode.
  DaemonHarness other;
  // Another HOME too: nothing of this user's is needed.
  const std::string other_home = other.dir().File("home");
  ASSERT_EQ(mkdir(other_home.c_str(), 0700), 0);
  const std::vector<std::string> restore_cmd = {
      "env",
      "-u",
      "XDG_DATA_HOME",
      absl::StrCat("HOME=", other_home),
      absl::StrCat("KLUISD=", KluisdBinary()),
      KluisBinary(),
      "restore",
      "--from",
      drive_,
      "--vault",
      other.vault()};
  ProcessResult restore = RunCommand(restore_cmd);
  ASSERT_EQ(restore.exit_code, 0) << restore.err;
  EXPECT_TRUE(absl::StrContains(restore.out, "restored: 1 dossiers"))
      << restore.out;
  EXPECT_TRUE(absl::StrContains(restore.err, "kluis unlock --recovery-key"));
  // Never over an existing vault.
  ProcessResult again = RunCommand(restore_cmd);
  EXPECT_NE(again.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(again.err, "vault: a vault is there already"));
  ASSERT_TRUE(other.Start());
  // Another vault's recovery key opens nothing.
  DaemonHarness stranger;
  ASSERT_TRUE(stranger.Start());
  const std::string stranger_key = stranger.Init();
  WriteFileOrDie(other.dir().File("new-pass"), "nieuw wachtwoord 2026\n");
  ProcessResult wrong =
      other.Kluis({"unlock", "--recovery-key", stranger_key,
                   "--new-passphrase-file", other.dir().File("new-pass")});
  EXPECT_EQ(wrong.exit_code, 6) << wrong.err;
  EXPECT_TRUE(absl::StrContains(wrong.err, "recovery_key: not this vault's"))
      << wrong.err;
  ProcessResult recover =
      other.Kluis({"unlock", "--recovery-key", recovery_,
                   "--new-passphrase-file", other.dir().File("new-pass")});
  ASSERT_EQ(recover.exit_code, 0) << recover.err;
  EXPECT_TRUE(absl::StrContains(recover.err, "unlocked (1 dossiers)"))
      << recover.err;
  // The old passphrase no longer opens the vault; the new one does.
  ASSERT_EQ(other.Kluis({"lock"}).exit_code, 0);
  EXPECT_EQ(other.Kluis({"unlock", "--passphrase-file", d_.passphrase_file()})
                .exit_code,
            6);
  ASSERT_EQ(
      other.Kluis({"unlock", "--passphrase-file", other.dir().File("new-pass")})
          .exit_code,
      0);
  EXPECT_TRUE(
      absl::StrContains(other.Kluis({"audit", "log"}).out, "unlock_recovery"));
  ProcessResult show = other.Kluis({"client", "show", dossier_, "--json"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_TRUE(absl::StrContains(show.out, "Wouter Brinkman"));
  EXPECT_TRUE(absl::StrContains(show.out, "Laatste gesprek"));
  ProcessResult fetch = other.Kluis(
      {"fetch", dossier_, scan_, "-o", other.dir().File("terug.pdf")});
  ASSERT_EQ(fetch.exit_code, 0) << fetch.err;
  EXPECT_EQ(ReadFileOrDie(other.dir().File("terug.pdf")), content_);
  EXPECT_EQ(other.Kluis({"audit", "verify"}).exit_code, 0);
  other.Stop();

  // As it was at an earlier version: exactly that state.
  const std::string earlier = other.dir().File("earlier");
  ProcessResult at =
      RunCommand({KluisdBinary(), "--vault", earlier, "--restore-from", drive_,
                  "--restore-at", before_more});
  ASSERT_EQ(at.exit_code, 0) << at.err;
  EXPECT_EQ(Rev(earlier + "/repo.git", "main"), before_more);
  ProcessResult bad =
      RunCommand({KluisdBinary(), "--vault", other.dir().File("x"),
                  "--restore-from", drive_, "--restore-at", "gisteren"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(bad.err, "at: no such version")) << bad.err;
}

TEST_F(BackupTest, ARestoreSkipsErasedDossiersAndSaysHowMany) {
  const std::string gone =
      IdFromJson(d_.Kluis({"client", "add", "--name", "Ilse Verhoef", "--city",
                           "Zwolle", "--json"})
                     .out);
  ASSERT_EQ(gone.size(), 32u);
  ASSERT_EQ(d_.Kluis({"backup", "run", "usb1"}).exit_code, 0);
  const std::string with_both = Rev(d_.repo(), "main");
  const std::string key_on_drive = target_ + "/keys/dossiers/" + gone + ".age";
  ASSERT_TRUE(FileExists(key_on_drive));
  // Erasure (DESIGN §3.2): off the head, then its key destroyed; the next
  // run takes the key off the drive too.
  // Only a tombstone in main takes a key off a drive.
  ProcessResult erase =
      d_.Kluis({"erase", gone, "--reason", "Verzoek van de cliënt"});
  ASSERT_EQ(erase.exit_code, 0) << erase.err;
  ProcessResult run = d_.Kluis({"backup", "run", "usb1"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_FALSE(FileExists(key_on_drive));
  // As it was when the dossier was still there: restored, but unreadable.
  DaemonHarness other;
  ProcessResult restore =
      RunCommand({KluisdBinary(), "--vault", other.vault(), "--restore-from",
                  drive_, "--restore-at", with_both});
  ASSERT_EQ(restore.exit_code, 0) << restore.err;
  EXPECT_TRUE(absl::StrContains(restore.out, "restored: 2 dossiers"))
      << restore.out;
  EXPECT_TRUE(absl::StrContains(restore.out, "skipped: 1 erased dossiers"))
      << restore.out;
  ASSERT_TRUE(other.Start());
  other.Unlock();
  EXPECT_EQ(other.Kluis({"client", "show", dossier_}).exit_code, 0);
  ProcessResult erased = other.Kluis({"client", "show", gone, "--json"});
  EXPECT_NE(erased.exit_code, 0);
  EXPECT_FALSE(absl::StrContains(erased.out, "Verhoef"));
  // The latest state has nothing erased left to skip.
  DaemonHarness latest;
  ProcessResult now = RunCommand(
      {KluisdBinary(), "--vault", latest.vault(), "--restore-from", drive_});
  ASSERT_EQ(now.exit_code, 0) << now.err;
  EXPECT_TRUE(absl::StrContains(now.out, "restored: 1 dossiers")) << now.out;
  EXPECT_FALSE(absl::StrContains(now.out, "skipped")) << now.out;
}

TEST_F(BackupTest, DamageOnTheDriveIsFoundAndHealedByTheNextRun) {
  ASSERT_EQ(d_.Kluis({"backup", "run", "usb1"}).exit_code, 0);
  // One flipped byte in the middle of the pack.
  std::vector<std::string> packs;
  for (const std::string& f : ListDir(Mirror() + "/objects/pack")) {
    if (absl::EndsWith(f, ".pack")) packs.push_back(f);
  }
  ASSERT_EQ(packs.size(), 1u);
  const std::string pack = Mirror() + "/objects/pack/" + packs[0];
  std::string bytes = ReadFileOrDie(pack);
  ASSERT_GT(bytes.size(), 1000u);
  chmod(pack.c_str(), 0600);
  bytes[bytes.size() / 2] ^= 0x20;
  WriteFileOrDie(pack, bytes);
  ProcessResult bad = d_.Kluis({"backup", "verify", "usb1"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(bad.out, "git fsck")) << bad.out;
  ProcessResult heal = d_.Kluis({"backup", "run", "usb1"});
  ASSERT_EQ(heal.exit_code, 0) << heal.out << heal.err;
  EXPECT_TRUE(absl::StrContains(heal.out, "rebuild")) << heal.out;
  EXPECT_EQ(d_.Kluis({"backup", "verify", "usb1"}).exit_code, 0);

  // A key file lost, another damaged: both named, both healed.
  const std::string key = target_ + "/keys/dossiers/" + dossier_ + ".age";
  ASSERT_EQ(unlink(key.c_str()), 0);
  std::string vault_key = ReadFileOrDie(target_ + "/keys/vault.age");
  vault_key[vault_key.size() - 3] ^= 0x01;
  WriteFileOrDie(target_ + "/keys/vault.age", vault_key);
  // A dossier-level key (here the practice key) with one bit flipped: the
  // same size, so only a byte-for-byte comparison sees it.
  const std::string practice =
      target_ + "/keys/dossiers/00000000000000000000000000000000.age";
  std::string practice_key = ReadFileOrDie(practice);
  practice_key[practice_key.size() / 2] ^= 0x04;
  WriteFileOrDie(practice, practice_key);
  bad = d_.Kluis({"backup", "verify", "usb1"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(bad.out, "keys: 1 key files missing"))
      << bad.out;
  EXPECT_TRUE(absl::StrContains(bad.out, "keys: 2 key files differ"))
      << bad.out;
  ASSERT_EQ(d_.Kluis({"backup", "run", "usb1"}).exit_code, 0);
  EXPECT_EQ(d_.Kluis({"backup", "verify", "usb1"}).exit_code, 0);
  EXPECT_EQ(
      ReadFileOrDie(practice),
      ReadFileOrDie(d_.vault() +
                    "/keys/dossiers/00000000000000000000000000000000.age"));
  // Without a verify first: the run's own check (every pack's checksum)
  // finds a flipped byte and rebuilds.
  std::vector<std::string> now_packs;
  for (const std::string& f : ListDir(Mirror() + "/objects/pack")) {
    if (absl::EndsWith(f, ".pack")) now_packs.push_back(f);
  }
  ASSERT_FALSE(now_packs.empty());
  const std::string one = Mirror() + "/objects/pack/" + now_packs[0];
  std::string pack_bytes = ReadFileOrDie(one);
  chmod(one.c_str(), 0600);
  pack_bytes[pack_bytes.size() / 3] ^= 0x10;
  WriteFileOrDie(one, pack_bytes);
  heal = d_.Kluis({"backup", "run", "usb1"});
  ASSERT_EQ(heal.exit_code, 0) << heal.out << heal.err;
  EXPECT_TRUE(absl::StrContains(heal.out, "rebuild")) << heal.out;
  ProcessResult healed = d_.Kluis({"backup", "verify", "usb1"});
  EXPECT_EQ(healed.exit_code, 0) << healed.out << healed.err;
  // A pack lost from the drive (both halves): fewer objects than the last
  // run counted, so the next run rebuilds.
  ASSERT_EQ(d_.Kluis({"note", "add", dossier_, "--text", "Nog een"}).exit_code,
            0);
  ASSERT_EQ(d_.Kluis({"backup", "run", "usb1"}).exit_code, 0);
  std::vector<std::string> idx;
  for (const std::string& f : ListDir(Mirror() + "/objects/pack")) {
    if (absl::EndsWith(f, ".idx")) idx.push_back(f);
  }
  ASSERT_GE(idx.size(), 2u);  // the big one, and this run's
  std::string smallest;
  for (const std::string& f : idx) {
    const std::string path = Mirror() + "/objects/pack/" + f;
    if (smallest.empty() ||
        ReadFileOrDie(path).size() <
            ReadFileOrDie(Mirror() + "/objects/pack/" + smallest).size()) {
      smallest = f;
    }
  }
  const std::string stem =
      Mirror() + "/objects/pack/" + smallest.substr(0, smallest.size() - 4);
  ASSERT_EQ(unlink((stem + ".idx").c_str()), 0);
  ASSERT_EQ(unlink((stem + ".pack").c_str()), 0);
  heal = d_.Kluis({"backup", "run", "usb1"});
  ASSERT_EQ(heal.exit_code, 0) << heal.out << heal.err;
  EXPECT_TRUE(absl::StrContains(heal.out, "rebuild")) << heal.out;
  EXPECT_EQ(d_.Kluis({"backup", "verify", "usb1"}).exit_code, 0);
  // The vault itself was never touched.
  EXPECT_EQ(Git(d_.repo(), {"fsck", "--full", "--strict"}).exit_code, 0);
  EXPECT_EQ(d_.Kluis({"audit", "verify"}).exit_code, 0);
}

TEST_F(BackupTest, ADeepCheckDecryptsEveryFileAndNamesOneThatDoesNot) {
  ASSERT_EQ(d_.Kluis({"backup", "run", "usb1"}).exit_code, 0);
  ASSERT_EQ(d_.Kluis({"lock"}).exit_code, 0);
  ProcessResult locked = d_.Kluis({"backup", "verify", "usb1", "--deep"});
  EXPECT_EQ(locked.exit_code, 3) << locked.err;  // needs the keys
  d_.Unlock();
  ProcessResult deep = d_.Kluis({"backup", "verify", "usb1", "--deep"});
  EXPECT_EQ(deep.exit_code, 0) << deep.out << deep.err;
  // The client record, three notes, the attachment's record and content.
  EXPECT_TRUE(absl::StrContains(deep.out, "deep: 6 files decrypted"))
      << deep.out;
  EXPECT_TRUE(absl::StrContains(deep.out, "0 failed"));
  ProcessResult some =
      d_.Kluis({"backup", "verify", "usb1", "--deep", "--sample", "1"});
  EXPECT_EQ(some.exit_code, 0);
  EXPECT_FALSE(absl::StrContains(some.out, "deep: 6 files")) << some.out;
  EXPECT_EQ(d_.Kluis({"backup", "verify", "usb1", "--deep", "--sample", "0"})
                .exit_code,
            2);
  // A file git finds sound but that is no ciphertext of this vault.
  const std::string work = d_.dir().File("werk");
  ASSERT_EQ(RunCommand({"git", "clone", "-q", "-b", "main", Mirror(), work})
                .exit_code,
            0);
  const std::string note_file =
      Trim(RunCommand({"git", "-C", work, "ls-files", "dossiers/"}).out);
  std::string victim;
  for (absl::string_view f : absl::StrSplit(note_file, '\n')) {
    if (!absl::EndsWith(f, "dossier.age") && !absl::EndsWith(f, ".data.age")) {
      victim = std::string(f);
    }
  }
  ASSERT_FALSE(victim.empty());
  WriteFileOrDie(work + "/" + victim, "geen versleutelde inhoud\n");
  ASSERT_EQ(RunCommand({"git", "-C", work, "-c", "user.name=t", "-c",
                        "user.email=t@example.invalid", "commit", "-qam", "x"})
                .exit_code,
            0);
  ASSERT_EQ(RunCommand({"git", "-C", work, "push", "-qf", "origin", "main"})
                .exit_code,
            0);
  deep = d_.Kluis({"backup", "verify", "usb1", "--deep"});
  EXPECT_EQ(deep.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(deep.out,
                                "records: 1 do not decrypt (the "
                                "first: " +
                                    victim + ")"))
      << deep.out;
}

TEST_F(BackupTest, ARunKilledMidwayIsCompletedByTheNext) {
  ASSERT_EQ(d_.Kluis({"backup", "run", "usb1"}).exit_code, 0);
  WriteFileOrDie(d_.dir().File("groot.bin"), RandomBytes(8 << 20));
  ASSERT_EQ(
      d_.Kluis({"attach", dossier_, d_.dir().File("groot.bin")}).exit_code, 0);
  std::thread run([&] { d_.Kluis({"backup", "run", "usb1"}); });
  usleep(150 * 1000);
  d_.Kill9();
  run.join();
  ASSERT_TRUE(d_.Start());
  ProcessResult again = d_.Kluis({"backup", "run", "usb1"});
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_EQ(d_.Kluis({"backup", "verify", "usb1"}).exit_code, 0);
  EXPECT_EQ(Rev(Mirror(), "main"), Rev(d_.repo(), "main"));
  EXPECT_EQ(Git(d_.repo(), {"fsck", "--full", "--strict"}).exit_code, 0);
}

TEST_F(BackupTest, AFullDriveFailsClearlyAndKeepsThePreviousBackup) {
  // A small drive of its own: a tmpfs, where this machine lets us mount.
  const std::string small = d_.dir().File("small");
  ASSERT_EQ(mkdir(small.c_str(), 0700), 0);
  if (geteuid() != 0 ||
      RunCommand({"mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", small})
              .exit_code != 0) {
    GTEST_SKIP() << "cannot mount a small tmpfs here (needs root with "
                    "CAP_SYS_ADMIN): the full-drive case did not run";
  }
  struct Unmount {
    std::string path;
    ~Unmount() { RunCommand({"umount", "-l", path}); }
  } unmount{small};
  ASSERT_EQ(d_.Kluis({"backup", "add", small, "--name", "klein"}).exit_code, 0);
  ASSERT_EQ(d_.Kluis({"backup", "run", "klein"}).exit_code, 0);
  const std::string good = Rev(small + "/kluis-backup/repo.git", "main");
  const std::string manifest =
      ReadFileOrDie(small + "/kluis-backup/manifest.json");
  WriteFileOrDie(d_.dir().File("groot.bin"), RandomBytes(6 << 20));
  ASSERT_EQ(
      d_.Kluis({"attach", dossier_, d_.dir().File("groot.bin")}).exit_code, 0);
  ProcessResult full = d_.Kluis({"backup", "run", "klein"});
  EXPECT_NE(full.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(full.out + full.err, "the drive is full"))
      << full.out << full.err;
  EXPECT_TRUE(absl::StrContains(full.out + full.err, "intact"));
  // The previous good state: refs, manifest, and a clean check.
  EXPECT_EQ(Rev(small + "/kluis-backup/repo.git", "main"), good);
  EXPECT_EQ(ReadFileOrDie(small + "/kluis-backup/manifest.json"), manifest);
  ProcessResult verify = d_.Kluis({"backup", "verify", "klein"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
  EXPECT_TRUE(absl::StrContains(d_.Kluis({"backup", "status"}).out,
                                "the drive is full"));
}

// An exFAT file system, as on most USB drives: an image on a loop device,
// mounted with FUSE. Unmounted and detached when it goes.
class ExfatDrive {
 public:
  // `options`: mount options, e.g. as a desktop mounts a USB drive.
  explicit ExfatDrive(const TempDir& dir, const std::string& options = "")
      : image_(dir.File("exfat.img")), mount_(dir.File("exfat")) {
    if (geteuid() != 0 || mkdir(mount_.c_str(), 0700) != 0) return;
    if (RunCommand({"truncate", "-s", "96M", image_}).exit_code != 0 ||
        RunCommand({"mkfs.exfat", image_}).exit_code != 0) {
      return;
    }
    ProcessResult loop = RunCommand({"losetup", "-f", "--show", image_});
    if (loop.exit_code != 0) return;
    loop_ = Trim(loop.out);
    std::vector<std::string> mount = {"mount.exfat-fuse", loop_, mount_};
    if (!options.empty()) mount.insert(mount.begin() + 1, {"-o", options});
    mounted_ = RunCommand(mount).exit_code == 0;
  }
  ~ExfatDrive() {
    if (mounted_) RunCommand({"umount", mount_});
    if (!loop_.empty()) RunCommand({"losetup", "-d", loop_});
  }
  bool mounted() const { return mounted_; }
  const std::string& path() const { return mount_; }

 private:
  std::string image_, mount_, loop_;
  bool mounted_ = false;
};

TEST_F(BackupTest, AnExfatDriveHoldsAGoodBackup) {
  ExfatDrive drive(d_.dir());
  if (!drive.mounted()) {
    GTEST_SKIP() << "cannot mount an exFAT image here (needs root, a loop "
                    "device, /dev/fuse, exfatprogs and exfat-fuse): the "
                    "exFAT round trip did not run";
  }
  ProcessResult add = d_.Kluis({"backup", "add", drive.path(), "--name", "ex"});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  ProcessResult run = d_.Kluis({"backup", "run", "ex"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  ASSERT_EQ(
      d_.Kluis({"note", "add", dossier_, "--text", "Na de eerste"}).exit_code,
      0);
  ASSERT_EQ(d_.Kluis({"backup", "run", "ex"}).exit_code, 0);
  ProcessResult verify = d_.Kluis({"backup", "verify", "ex"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
  DaemonHarness other;
  ProcessResult restore = RunCommand({KluisdBinary(), "--vault", other.vault(),
                                      "--restore-from", drive.path()});
  ASSERT_EQ(restore.exit_code, 0) << restore.err;
  ASSERT_TRUE(other.Start());
  other.Unlock();
  ProcessResult show = other.Kluis({"client", "show", dossier_, "--json"});
  EXPECT_TRUE(absl::StrContains(show.out, "Na de eerste")) << show.err;
  ProcessResult fetch = other.Kluis(
      {"fetch", dossier_, scan_, "-o", other.dir().File("terug.pdf")});
  ASSERT_EQ(fetch.exit_code, 0) << fetch.err;
  EXPECT_EQ(ReadFileOrDie(other.dir().File("terug.pdf")), content_);
}

TEST_F(BackupTest, AnExfatDriveMountedAsADesktopDoesHoldsAGoodBackup) {
  // uid=, gid=, fmask=0022: every file shows as rwxr-xr-x and chmod may be
  // refused; keys and manifest are written all the same.
  ExfatDrive drive(d_.dir(), absl::StrCat("uid=", getuid(), ",gid=", getgid(),
                                          ",fmask=0022,dmask=0022"));
  if (!drive.mounted()) {
    GTEST_SKIP() << "cannot mount an exFAT image here (needs root, a loop "
                    "device, /dev/fuse, exfatprogs and exfat-fuse)";
  }
  ProcessResult add = d_.Kluis({"backup", "add", drive.path(), "--name", "ex"});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  ProcessResult run = d_.Kluis({"backup", "run", "ex"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  ASSERT_EQ(d_.Kluis({"note", "add", dossier_, "--text", "Op de FAT-schijf"})
                .exit_code,
            0);
  run = d_.Kluis({"backup", "run", "ex"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  ProcessResult verify = d_.Kluis({"backup", "verify", "ex"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
  // No temp file of a write is left on the drive.
  ProcessResult temps =
      RunCommand({"find", drive.path() + "/kluis-backup", "-name", "*.tmp-*"});
  EXPECT_EQ(Trim(temps.out), "");
}

TEST_F(BackupTest, AnotherVaultsBackupIsNeverOverwritten) {
  ASSERT_EQ(d_.Kluis({"backup", "run", "usb1"}).exit_code, 0);
  const std::string ours = Rev(Mirror(), "main");
  // A second vault whose target folder now holds the first vault's backup
  // (a drive swapped at the same mount point).
  DaemonHarness other;
  ASSERT_TRUE(other.Start());
  other.Init();
  ASSERT_EQ(
      other.Kluis({"client", "add", "--name", "Tamara Wijnands"}).exit_code, 0);
  const std::string drive2 = other.dir().File("usb");
  ASSERT_EQ(mkdir(drive2.c_str(), 0700), 0);
  ASSERT_EQ(other.Kluis({"backup", "add", drive2, "--name", "usb"}).exit_code,
            0);
  ASSERT_EQ(RunCommand({"rm", "-rf", drive2 + "/kluis-backup"}).exit_code, 0);
  ASSERT_EQ(
      RunCommand({"cp", "-r", target_, drive2 + "/kluis-backup"}).exit_code, 0);
  ProcessResult run = other.Kluis({"backup", "run", "usb"});
  EXPECT_NE(run.exit_code, 0);
  EXPECT_TRUE(
      absl::StrContains(run.out + run.err, "holds the backup of another vault"))
      << run.out << run.err;
  EXPECT_EQ(Rev(drive2 + "/kluis-backup/repo.git", "main"), ours);
  EXPECT_EQ(ReadFileOrDie(drive2 + "/kluis-backup/manifest.json"),
            ReadFileOrDie(target_ + "/manifest.json"));
}

TEST_F(BackupTest, BadTargetsAreRefusedWithTheRule) {
  ProcessResult r = d_.Kluis({"backup", "add", "relative/usb"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(r.err, "path: must be the absolute path"))
      << r.err;
  r = d_.Kluis({"backup", "add", d_.dir().File("nope")});
  EXPECT_EQ(r.exit_code, 2);
  r = d_.Kluis({"backup", "add", drive_, "--name", "other"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(r.err, "path: already a backup target"))
      << r.err;
  const std::string second = d_.dir().File("usb2");
  ASSERT_EQ(mkdir(second.c_str(), 0700), 0);
  r = d_.Kluis({"backup", "add", second, "--name", "mijn schijf"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(r.err, "name: 1 to 40")) << r.err;
  r = d_.Kluis({"backup", "run", "nosuch"});
  EXPECT_EQ(r.exit_code, 4);
  // A drive that is not plugged in: the run says so, status shows it.
  ASSERT_EQ(rename(drive_.c_str(), (drive_ + "-weg").c_str()), 0);
  r = d_.Kluis({"backup", "run", "usb1"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(r.out + r.err, "not mounted"))
      << r.out << r.err;
  EXPECT_TRUE(absl::StrContains(d_.Kluis({"backup", "status"}).out, "absent"));
}

// Every file under `root`, by path, with its bytes.
std::map<std::string, std::string> FilesUnder(const std::string& root) {
  std::map<std::string, std::string> out;
  for (absl::string_view f :
       absl::StrSplit(RunCommand({"find", root, "-type", "f"}).out, '\n')) {
    if (!f.empty()) out[std::string(f)] = ReadFileOrDie(std::string(f));
  }
  return out;
}

TEST_F(BackupTest, AVaultWhoseKeysCannotBeReadChangesNothingOnTheDrive) {
  ASSERT_EQ(d_.Kluis({"backup", "run", "usb1"}).exit_code, 0);
  ASSERT_EQ(d_.Kluis({"lock"}).exit_code, 0);
  const auto drive_before = FilesUnder(target_);
  ASSERT_GE(drive_before.size(), 4u);
  const std::string keys = d_.vault() + "/keys";
  for (const std::string& moved : {keys, keys + "/dossiers"}) {
    ASSERT_EQ(rename(moved.c_str(), (moved + "-weg").c_str()), 0);
    ProcessResult run = d_.Kluis({"backup", "run", "usb1"});
    EXPECT_NE(run.exit_code, 0);
    EXPECT_TRUE(absl::StrContains(run.out + run.err, "nothing on the drive"))
        << run.out << run.err;
    // Not a key, not a ref, not the manifest: the drive as it was.
    EXPECT_EQ(FilesUnder(target_), drive_before) << moved;
    ASSERT_EQ(rename((moved + "-weg").c_str(), moved.c_str()), 0);
  }
  ProcessResult run = d_.Kluis({"backup", "run", "usb1"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
}

TEST_F(BackupTest, OnlyAKeyWithATombstoneLeavesTheDrive) {
  ASSERT_EQ(d_.Kluis({"backup", "run", "usb1"}).exit_code, 0);
  // A key the vault lost (no tombstone) and one the vault never had stay
  // on the drive: the drive may be the only copy left.
  const std::string lost = absl::StrCat("/keys/dossiers/", dossier_, ".age");
  const std::string key = ReadFileOrDie(d_.vault() + lost);
  ASSERT_EQ(std::remove((d_.vault() + lost).c_str()), 0);
  const std::string stranger =
      target_ + "/keys/dossiers/0123456789abcdef0123456789abcdef.age";
  WriteFileOrDie(stranger, "age-encryption.org/v1 (niet van ons)");
  ProcessResult run = d_.Kluis({"backup", "run", "usb1"});
  EXPECT_EQ(ReadFileOrDie(target_ + lost), key);
  EXPECT_TRUE(FileExists(stranger));
  EXPECT_TRUE(FileExists(target_ + "/keys/vault.age"));
  WriteFileOrDie(d_.vault() + lost, key);
  ASSERT_EQ(chmod((d_.vault() + lost).c_str(), 0600), 0);
}

TEST_F(BackupTest,
       ARunCutShortBeforeItsManifestKeepsAnErasedKeyAndARestorableDrive) {
  ASSERT_EQ(d_.Kluis({"backup", "run", "usb1"}).exit_code, 0);
  const std::string good = Rev(Mirror(), "main");
  const std::string key = target_ + "/keys/dossiers/" + dossier_ + ".age";
  ASSERT_EQ(d_.Kluis({"erase", dossier_, "--reason", "verzoek van de cliënt"})
                .exit_code,
            0);
  // The manifest cannot be written: the run stops after its push.
  const std::string restore_txt = target_ + "/RESTORE.txt";
  ASSERT_EQ(std::remove(restore_txt.c_str()), 0);
  ASSERT_EQ(mkdir(restore_txt.c_str(), 0700), 0);
  EXPECT_NE(d_.Kluis({"backup", "run", "usb1"}).exit_code, 0);
  // The key of the dossier the old manifest still names is there, so the
  // drive restores as it was; the next run finishes the erasure.
  EXPECT_TRUE(FileExists(key));
  DaemonHarness back;
  ProcessResult restore = RunCommand(
      {KluisdBinary(), "--vault", back.vault(), "--restore-from", drive_});
  ASSERT_EQ(restore.exit_code, 0) << restore.err;
  EXPECT_EQ(Rev(back.repo(), "main"), good);
  ASSERT_EQ(rmdir(restore_txt.c_str()), 0);
  ASSERT_EQ(d_.Kluis({"backup", "run", "usb1"}).exit_code, 0);
  EXPECT_FALSE(FileExists(key));
}

TEST_F(BackupTest, JournalEntriesTheVaultRemovedLeaveTheDriveToo) {
  ASSERT_EQ(d_.Kluis({"export", "intervision", dossier_}).exit_code, 0);
  ASSERT_EQ(d_.Kluis({"backup", "run", "usb1"}).exit_code, 0);
  const std::string old_entry = Rev(Mirror(), "refs/kluis/journal");
  ASSERT_EQ(Git(Mirror(), {"cat-file", "-e", old_entry}).exit_code, 0);
  // What journal retention does: the kept entries as a new chain.
  const std::string tree = Rev(d_.repo(), "refs/kluis/journal^{tree}");
  const std::string rewritten =
      Trim(Git(d_.repo(),
               {"-c", "user.name=kluisd", "-c", "user.email=kluisd@localhost",
                "commit-tree", tree, "-m", "journal 7 after none pruned"})
               .out);
  ASSERT_EQ(rewritten.size(), 40u);
  ASSERT_EQ(
      Git(d_.repo(), {"update-ref", "refs/kluis/journal", rewritten}).exit_code,
      0);
  ProcessResult run = d_.Kluis({"backup", "run", "usb1"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  // The run journals itself on top of the rewritten chain.
  EXPECT_EQ(Git(Mirror(), {"merge-base", "--is-ancestor", rewritten,
                           "refs/kluis/journal"})
                .exit_code,
            0);
  EXPECT_NE(Git(Mirror(), {"cat-file", "-e", old_entry}).exit_code, 0)
      << "a removed journal entry is still on the drive";
  EXPECT_EQ(Git(Mirror(), {"fsck", "--full", "--strict"}).exit_code, 0);
}

TEST_F(BackupTest, ARestoreTakesTheManifestsHeadAndFailsOnAMissingKey) {
  ASSERT_EQ(d_.Kluis({"backup", "run", "usb1"}).exit_code, 0);
  const std::string good = Rev(Mirror(), "main");
  // A run cut short after its push: main on the drive is past the
  // manifest, and the keys of what it added may be missing.
  ASSERT_EQ(d_.Kluis({"client", "add", "--name", "Joost Lammers"}).exit_code,
            0);
  ASSERT_EQ(Git(d_.repo(), {"push", "--mirror", Mirror()}).exit_code, 0);
  DaemonHarness back;
  ProcessResult restore = RunCommand(
      {KluisdBinary(), "--vault", back.vault(), "--restore-from", drive_});
  ASSERT_EQ(restore.exit_code, 0) << restore.err;
  EXPECT_EQ(Rev(back.repo(), "main"), good);
  // A dossier key gone from the drive without a tombstone: no restore,
  // and nothing left behind.
  ASSERT_EQ(
      std::remove((target_ + "/keys/dossiers/" + dossier_ + ".age").c_str()),
      0);
  ASSERT_EQ(Git(Mirror(), {"update-ref", "refs/heads/main", good}).exit_code,
            0);
  DaemonHarness lost;
  restore = RunCommand(
      {KluisdBinary(), "--vault", lost.vault(), "--restore-from", drive_});
  EXPECT_NE(restore.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(restore.err, "1 dossier keys are missing"))
      << restore.err;
  EXPECT_FALSE(FileExists(lost.repo()));
}

TEST_F(BackupTest, ADriveNewerThanTheVaultIsNeverPruned) {
  ASSERT_EQ(d_.Kluis({"backup", "run", "usb1"}).exit_code, 0);
  const std::string older = Rev(d_.repo(), "main");
  ASSERT_EQ(d_.Kluis({"note", "add", dossier_, "--text", "Alleen op de schijf"})
                .exit_code,
            0);
  ASSERT_EQ(d_.Kluis({"backup", "run", "usb1"}).exit_code, 0);
  const std::string newer = Rev(Mirror(), "main");
  const std::string manifest = ReadFileOrDie(target_ + "/manifest.json");
  // The vault rolled back (as after a restore from an older drive), and
  // work goes on in it.
  d_.Stop();
  ASSERT_EQ(Git(d_.repo(), {"update-ref", "refs/heads/main", older}).exit_code,
            0);
  ASSERT_TRUE(d_.Start());
  d_.Unlock();
  ASSERT_EQ(d_.Kluis({"note", "add", dossier_, "--text", "Na het terugzetten"})
                .exit_code,
            0);
  ProcessResult run = d_.Kluis({"backup", "run", "usb1"});
  EXPECT_NE(run.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(run.out + run.err,
                                "this drive is newer than the vault"))
      << run.out << run.err;
  EXPECT_EQ(Rev(Mirror(), "main"), newer);
  EXPECT_EQ(Git(Mirror(), {"cat-file", "-e", newer}).exit_code, 0);
  EXPECT_EQ(ReadFileOrDie(target_ + "/manifest.json"), manifest);
  EXPECT_EQ(Git(Mirror(), {"fsck", "--full", "--strict"}).exit_code, 0);
}

TEST_F(BackupTest, WhatACutRebuildLeftIsRecoveredByTheNextRun) {
  ASSERT_EQ(d_.Kluis({"backup", "run", "usb1"}).exit_code, 0);
  const std::string good = Rev(Mirror(), "main");
  // Cut between the two renames of a rebuild: only repo.git.old, and a
  // half-written repo.git.new.
  ASSERT_EQ(rename(Mirror().c_str(), (Mirror() + ".old").c_str()), 0);
  ASSERT_EQ(mkdir((Mirror() + ".new").c_str(), 0700), 0);
  WriteFileOrDie(Mirror() + ".new/HEAD", "half");
  ProcessResult run = d_.Kluis({"backup", "run", "usb1"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_FALSE(FileExists(Mirror() + ".old"));
  EXPECT_FALSE(FileExists(Mirror() + ".new"));
  EXPECT_EQ(
      Git(Mirror(), {"merge-base", "--is-ancestor", good, "main"}).exit_code,
      0);
  EXPECT_EQ(d_.Kluis({"backup", "verify", "usb1"}).exit_code, 0);
}

TEST_F(BackupTest, ErasuresPendingOnADriveAreCountedAlsoAfterACompaction) {
  ASSERT_EQ(d_.Kluis({"backup", "run", "usb1"}).exit_code, 0);
  ProcessResult erase =
      d_.Kluis({"erase", dossier_, "--reason", "Verzoek van de cliënt"});
  ASSERT_EQ(erase.exit_code, 0) << erase.err;
  EXPECT_TRUE(absl::StrContains(d_.Kluis({"backup", "status"}).out,
                                "erasures pending until its next run: 1 keys"));
  ProcessResult compact = d_.Kluis({"compact", "--purge-erased"});
  ASSERT_EQ(compact.exit_code, 0) << compact.err;
  // The drive's last good run names a commit the vault no longer has.
  ProcessResult status = d_.Kluis({"backup", "status"});
  EXPECT_TRUE(absl::StrContains(status.out,
                                "erasures pending until its next run: 1 keys"))
      << status.out;
  ProcessResult run = d_.Kluis({"backup", "run", "usb1"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_FALSE(FileExists(target_ + "/keys/dossiers/" + dossier_ + ".age"));
  EXPECT_FALSE(absl::StrContains(d_.Kluis({"backup", "status"}).out,
                                 "erasures pending"));
}

TEST(BackupScheduleTest, APluggedInDriveGetsItsDueBackupByItself) {
  DaemonHarness d;
  ASSERT_TRUE(d.Start({"--backup-poll", "1"}));
  d.Init();
  ASSERT_EQ(d.Kluis({"client", "add", "--name", "Sanne Veenstra"}).exit_code,
            0);
  const std::string drive = d.dir().File("usb");
  ASSERT_EQ(mkdir(drive.c_str(), 0700), 0);
  ASSERT_EQ(d.Kluis({"backup", "add", drive}).exit_code, 0);
  ASSERT_EQ(d.Kluis({"lock"}).exit_code, 0);
  // Nobody runs it: the daemon sees the drive and the overdue target.
  const std::string manifest = drive + "/kluis-backup/manifest.json";
  for (int i = 0;
       i < 300 && !absl::StrContains(d.Kluis({"backup", "status"}).out, "ok ");
       ++i) {
    usleep(100 * 1000);
  }
  ProcessResult status = d.Kluis({"backup", "status"});
  EXPECT_FALSE(absl::StrContains(status.out, "OVERDUE")) << status.out;
  EXPECT_TRUE(absl::StrContains(
      ReadFileOrDie(manifest), Trim(Git(d.repo(), {"rev-parse", "main"}).out)));
  EXPECT_TRUE(absl::StrContains(d.log(), "event=backup_run_scheduled"));
}

}  // namespace
}  // namespace kluis::testing
