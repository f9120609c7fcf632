// Erasure through the real daemon, CLI, git, age and a backup drive: after
// `kluis retention apply` the dossier is gone from the head, its key file
// is gone, its old blobs in history no longer decrypt even with the vault
// and recovery identities, the backup drive loses the key at its next run
// (and `backup status` says so until then), and the invoice data of that
// client is still readable until its own term. `kluis erase` does the same
// on a client's request and says what the law keeps.
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "kluis/v1/backup.pb.h"
#include "kluis/v1/retention.pb.h"
#include "tests/integration/daemon_harness.h"
#include "tests/support/test_support.h"

namespace kluis::testing {
namespace {

class ErasureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(d_.Start());
    recovery_ = d_.Init();
    // Ended in 2015: the ZKM rule's 7 years are long over.
    gone_ = IdFromJson(
        d_.Kluis({"client", "add", "--name", "Ilse Verhoef", "--address",
                  "Lindelaan 4", "--city", "Zwolle", "--json"})
            .out);
    ASSERT_EQ(gone_.size(), 32u);
    Ok({"agreement", "add", gone_, "--question", "Loopbaanvraag",
        "--start-date", "2014-01-06", "--end-date", "2015-06-30"});
    note_ = IdFromJson(d_.Kluis({"note", "add", gone_, "--text",
                                 "Gesprek over overspannenheid", "--json"})
                           .out);
    ASSERT_EQ(note_.size(), 32u);
    // Invoiced in 2024: kept until 2032-01-01 (AWR art. 52).
    invoice_ = IdFromJson(
        d_.Kluis({"invoice", "add", gone_, "--number", "2024-017", "--date",
                  "2024-05-01", "--amount", "181,50", "--json"})
            .out);
    ASSERT_EQ(invoice_.size(), 32u);
    // Still open: not due.
    stays_ = IdFromJson(d_.Kluis({"client", "add", "--name", "Ruud Bakker",
                                  "--city", "Ede", "--json"})
                            .out);
    ASSERT_EQ(stays_.size(), 32u);
  }
  void Ok(const std::vector<std::string>& args) {
    ProcessResult r = d_.Kluis(args);
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  }
  template <typename M>
  M Json(const std::vector<std::string>& args) {
    ProcessResult r = d_.Kluis(args);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    M out;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(r.out, &out).ok())
        << r.out;
    return out;
  }
  std::string KeyFile(const std::string& id) {
    return absl::StrCat(d_.vault(), "/keys/dossiers/", id, ".age");
  }
  std::string NotePath() const {
    return absl::StrCat("dossiers/", gone_.substr(0, 2), "/", gone_, "/", note_,
                        ".age");
  }

  DaemonHarness d_;
  std::string recovery_, gone_, note_, invoice_, stays_;
};

TEST_F(ErasureTest, RetentionApplyErasesForGoodAndBackupsFollow) {
  const std::string drive = d_.dir().File("usb");
  ASSERT_EQ(mkdir(drive.c_str(), 0700), 0);
  Ok({"backup", "add", drive, "--name", "usb1"});
  Ok({"backup", "run", "usb1"});
  const std::string drive_key =
      absl::StrCat(drive, "/kluis-backup/keys/dossiers/", gone_, ".age");
  ASSERT_TRUE(FileExists(drive_key));

  // The note's ciphertext as history keeps it, and the identities that
  // could open it today: the dossier key via the recovery identity (the
  // control that shows the check can fail), and the vault identity.
  const std::string blob = d_.dir().File("note.age");
  ProcessResult cat =
      Git(d_.repo(), {"cat-file", "blob", absl::StrCat("main:", NotePath())});
  ASSERT_EQ(cat.exit_code, 0) << cat.err;
  WriteFileOrDie(blob, cat.out);
  const std::string dossier_key = d_.dir().File("dossier-key.txt");
  ASSERT_EQ(RunCommand({"age", "-d", "-i", recovery_, "-o", dossier_key,
                        KeyFile(gone_)})
                .exit_code,
            0);
  ProcessResult before = RunCommand({"age", "-d", "-i", dossier_key, blob});
  ASSERT_EQ(before.exit_code, 0) << before.err;
  ASSERT_TRUE(absl::StrContains(before.out, "overspannenheid"));
  const std::string vault_key = d_.dir().File("vault-key.txt");
  ASSERT_EQ(RunCommand({"age", "-d", "-i", recovery_, "-o", vault_key,
                        d_.vault() + "/keys/vault.recovery.age"})
                .exit_code,
            0);

  // A dry run says what would go and changes nothing.
  const std::string head = Trim(Git(d_.repo(), {"rev-parse", "main"}).out);
  auto dry = Json<kluis::v1::ErasureResponse>(
      {"retention", "apply", "--dry-run", "--json"});
  EXPECT_TRUE(dry.dry_run());
  ASSERT_EQ(dry.erased_size(), 1);
  EXPECT_EQ(dry.erased(0).dossier_id(), gone_);
  EXPECT_EQ(Trim(Git(d_.repo(), {"rev-parse", "main"}).out), head);
  EXPECT_TRUE(FileExists(KeyFile(gone_)));

  ProcessResult apply = d_.Kluis({"retention", "apply"});
  ASSERT_EQ(apply.exit_code, 0) << apply.err;
  EXPECT_TRUE(absl::StrContains(apply.out, "erased: 1")) << apply.out;
  EXPECT_TRUE(absl::StrContains(apply.out, "kept by a legal duty: 1"))
      << apply.out;
  EXPECT_FALSE(absl::StrContains(apply.out, "Verhoef")) << apply.out;

  // Off the head, key destroyed; the other dossier untouched.
  ProcessResult tree = Git(d_.repo(), {"ls-tree", "-r", "--name-only", "main"});
  ASSERT_EQ(tree.exit_code, 0);
  EXPECT_FALSE(absl::StrContains(tree.out, gone_ + "/")) << tree.out;
  EXPECT_TRUE(absl::StrContains(tree.out, stays_)) << tree.out;
  EXPECT_FALSE(FileExists(KeyFile(gone_)));
  EXPECT_TRUE(FileExists(KeyFile(stays_)));
  EXPECT_NE(d_.Kluis({"client", "show", gone_}).exit_code, 0);
  EXPECT_EQ(d_.Kluis({"client", "show", stays_}).exit_code, 0);
  // History still holds the blob, and nothing opens it any more.
  ASSERT_EQ(Git(d_.repo(), {"cat-file", "-e",
                            Trim(Git(d_.repo(), {"hash-object", blob}).out)})
                .exit_code,
            0);
  EXPECT_NE(RunCommand({"age", "-d", "-i", recovery_, blob}).exit_code, 0);
  EXPECT_NE(RunCommand({"age", "-d", "-i", vault_key, blob}).exit_code, 0);
  EXPECT_NE(
      RunCommand({"age", "-d", "-i", recovery_, KeyFile(gone_)}).exit_code, 0);
  // Nor can kluis bring it back.
  ProcessResult restore = d_.Kluis(
      {"restore", gone_, Trim(Git(d_.repo(), {"rev-parse", "main~1"}).out)});
  EXPECT_NE(restore.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(restore.err, "dossier_id: erased"))
      << restore.err;

  // The invoice outlives the dossier, readable until its own term.
  auto kept = Json<kluis::v1::KeptInvoicesResponse>(
      {"retention", "invoices", "--json"});
  ASSERT_EQ(kept.invoices_size(), 1);
  EXPECT_EQ(kept.invoices(0).record_id(), invoice_);
  EXPECT_EQ(kept.invoices(0).invoice().number(), "2024-017");
  EXPECT_EQ(kept.invoices(0).invoice().amount_cents(), 18150);
  EXPECT_EQ(kept.invoices(0).addressee(), "Ilse Verhoef");
  EXPECT_EQ(kept.invoices(0).keep_until(), "2032-01-01");
  // The tombstone: ids, rule, dates; no name.
  ProcessResult erased = d_.Kluis({"retention", "erased", "--json"});
  ASSERT_EQ(erased.exit_code, 0) << erased.err;
  EXPECT_TRUE(absl::StrContains(erased.out, gone_));
  EXPECT_TRUE(absl::StrContains(erased.out, "2015-06-30"));
  EXPECT_FALSE(absl::StrContains(erased.out, "Verhoef"));

  // The drive still holds the key until its next run, and says so.
  ProcessResult pending = d_.Kluis({"backup", "status"});
  EXPECT_TRUE(absl::StrContains(pending.out,
                                "erasures pending until its next run: 1 keys"))
      << pending.out;
  EXPECT_TRUE(absl::StrContains(pending.out, gone_.substr(0, 8)))
      << pending.out;
  EXPECT_TRUE(FileExists(drive_key));
  Ok({"backup", "run", "usb1"});
  EXPECT_FALSE(FileExists(drive_key));
  auto after =
      Json<kluis::v1::BackupStatusResponse>({"backup", "status", "--json"});
  ASSERT_EQ(after.targets_size(), 1);
  EXPECT_EQ(after.targets(0).keys_pending_size(), 0);

  // A key left behind by a crash is swept at the next unlock.
  d_.Stop();
  ASSERT_EQ(rename(dossier_key.c_str(), KeyFile(gone_).c_str()), 0);
  ASSERT_TRUE(d_.Start());
  d_.Unlock();
  EXPECT_FALSE(FileExists(KeyFile(gone_)));
}

TEST_F(ErasureTest, AnErasureRequestKeepsOnlyWhatTheLawKeeps) {
  ProcessResult no_reason = d_.Kluis({"erase", stays_});
  EXPECT_NE(no_reason.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(no_reason.err, "--reason")) << no_reason.err;
  ProcessResult bsn = d_.Kluis({"erase", stays_, "--reason", "BSN 111222333"});
  EXPECT_NE(bsn.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(bsn.err, "reason:")) << bsn.err;
  EXPECT_FALSE(absl::StrContains(bsn.err, "111222333")) << bsn.err;
  EXPECT_TRUE(FileExists(KeyFile(stays_)));

  ProcessResult erase = d_.Kluis(
      {"erase", gone_, "--reason", "Verzoek van de cliënt van 2026-11-20"});
  ASSERT_EQ(erase.exit_code, 0) << erase.err;
  EXPECT_TRUE(absl::StrContains(erase.out, "erased: 1")) << erase.out;
  EXPECT_TRUE(absl::StrContains(erase.out, "invoice " + invoice_.substr(0, 8)))
      << erase.out;
  EXPECT_TRUE(absl::StrContains(erase.out, "AWR art. 52")) << erase.out;
  EXPECT_FALSE(FileExists(KeyFile(gone_)));
  EXPECT_TRUE(FileExists(KeyFile(stays_)));
  ProcessResult journal = d_.Kluis({"audit", "log", "--dossier", gone_});
  EXPECT_TRUE(absl::StrContains(journal.out, "erase")) << journal.out;
  // The client's own dossier is gone; the other one is not due.
  ProcessResult report = d_.Kluis({"retention", "report"});
  EXPECT_FALSE(absl::StrContains(report.out, gone_.substr(0, 8))) << report.out;
}

TEST_F(ErasureTest, CompactionDropsErasedPathsFromHistoryHereAndOnTheDrive) {
  const std::string drive = d_.dir().File("usb");
  ASSERT_EQ(mkdir(drive.c_str(), 0700), 0);
  Ok({"backup", "add", drive, "--name", "usb1"});
  const std::string dir =
      absl::StrCat("dossiers/", gone_.substr(0, 2), "/", gone_);
  ProcessResult blobs = Git(d_.repo(), {"ls-tree", "-r", "main", dir});
  ASSERT_EQ(blobs.exit_code, 0);
  std::vector<std::string> ids;
  for (absl::string_view line : absl::StrSplit(blobs.out, '\n')) {
    // "<mode> blob <id>\t<path>"
    if (line.size() > 52) ids.emplace_back(line.substr(12, 40));
  }
  ASSERT_GE(ids.size(), 3u);
  Ok({"erase", gone_, "--reason", "Verzoek van de cliënt"});
  Ok({"backup", "run", "usb1"});
  const std::string mirror = drive + "/kluis-backup/repo.git";
  ASSERT_EQ(Git(mirror, {"cat-file", "-e", ids[0]}).exit_code, 0);

  ProcessResult no_flag = d_.Kluis({"compact"});
  EXPECT_EQ(no_flag.exit_code, 2) << no_flag.err;
  EXPECT_TRUE(absl::StrContains(no_flag.err, "purge_erased: required"));
  ProcessResult compact = d_.Kluis({"compact", "--purge-erased"});
  ASSERT_EQ(compact.exit_code, 0) << compact.err;
  EXPECT_TRUE(absl::StrContains(compact.out, "versions rewritten"))
      << compact.out;

  // No version holds the dossier any more, and its objects are gone.
  EXPECT_EQ(
      Trim(Git(d_.repo(), {"log", "--all", "--format=%H", "--", dir}).out), "");
  for (const std::string& id : ids) {
    EXPECT_NE(Git(d_.repo(), {"cat-file", "-e", id}).exit_code, 0) << id;
  }
  EXPECT_EQ(Git(d_.repo(), {"fsck", "--full", "--strict"}).exit_code, 0);
  // Re-signed: the audit still verifies; the rest is as it was.
  ProcessResult verify = d_.Kluis({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_EQ(d_.Kluis({"client", "show", stays_}).exit_code, 0);
  ProcessResult log = d_.Kluis({"audit", "log"});
  EXPECT_TRUE(absl::StrContains(log.out, "compact")) << log.out;

  // The drive follows at its next run, although the first commit changed.
  ProcessResult run = d_.Kluis({"backup", "run", "usb1"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  for (const std::string& id : ids) {
    EXPECT_NE(Git(mirror, {"cat-file", "-e", id}).exit_code, 0) << id;
  }
  EXPECT_EQ(Git(mirror, {"fsck", "--full", "--strict"}).exit_code, 0);
  EXPECT_EQ(d_.Kluis({"backup", "verify", "usb1"}).exit_code, 0);
}

}  // namespace
}  // namespace kluis::testing
