// Crash-consistency workloads on the vault (issue 17): each records a few
// commands against the real kluisd, builds every state a power cut may leave
// (crash_states.h), and opens each with a fresh kluisd (crash_check.h).
// KLUIS_CRASH_SAMPLE=1 checks every state (make check-long); the default
// checks a deterministic sample so that make test stays short.
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "tests/crash/crash_check.h"
#include "tests/crash/crash_recording.h"

namespace kluis::crash {
namespace {

using testing::DaemonHarness;
using testing::ProcessResult;

constexpr size_t kSample = 4;

// "" when `kluis args…` succeeds (and its output holds `want`).
std::string Expect(StateView& v, const std::vector<std::string>& args,
                   const std::string& want = "") {
  ProcessResult r = v.d.Kluis(args);
  if (r.exit_code != 0) {
    return absl::StrCat(args[0], " ", args[1], " exit ", r.exit_code, ": ",
                        testing::Trim(r.err));
  }
  if (!want.empty() && r.out.find(want) == std::string::npos) {
    return absl::StrCat(args[0], " ", args[1], ": no ", want);
  }
  return "";
}

AckCheck NoteIsThere(const std::string& dossier, const std::string& note) {
  return [dossier, note](StateView& v) {
    return Expect(v, {"note", "show", dossier, note});
  };
}

// Records, builds the states and checks them; the fixture's recording ends
// at the test's last command.
class CrashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!RecorderUsable())
      GTEST_SKIP() << "recorder needs a build without ASan";
    ASSERT_TRUE(d_.Start());
    d_.Init();
    checks_.passphrase_files.push_back(d_.passphrase_file());
  }

  // The new dossier's or record's whole id (--json): key files and paths
  // are checked by it.
  std::string Add(std::vector<std::string> args) {
    const bool adds =
        args.size() > 1 && args[1] == "add" && args[0] != "backup";
    if (adds) args.push_back("--json");
    ProcessResult r = d_.Kluis(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return adds ? testing::IdFromJson(r.out) : testing::Trim(r.out);
  }

  void StartRecording() { rec_ = std::make_unique<Recording>(d_, d_.vault()); }

  void CheckAll(const std::string& workload) {
    const std::vector<Op> ops = rec_->Finish();
    absl::StatusOr<CrashModel> model =
        CrashModel::Build(rec_->snapshot(), rec_->root(), ops);
    ASSERT_TRUE(model.ok()) << model.status();
    const CrashStates states = BuildCrashStates(*model, ops, rec_->root());
    ASSERT_GT(states.crash_points, 0u);
    CheckStates(workload, *model, states, VaultStateCheck(checks_, states.acks),
                kSample);
  }

  DaemonHarness d_;
  std::unique_ptr<Recording> rec_;
  VaultChecks checks_;
};

TEST_F(CrashTest, NoteAdd) {
  const std::string dossier = Add({"client", "add", "--name", "Femke Wolters"});
  StartRecording();
  for (int i = 0; i < 2; ++i) {
    const std::string name = absl::StrCat("note-", i);
    const std::string note = rec_->Command(
        name, {"note", "add", dossier, "--text", absl::StrCat("Gesprek ", i)});
    checks_.acks[name] = NoteIsThere(dossier, note);
  }
  CheckAll("NoteAdd");
}

TEST_F(CrashTest, ClientImport) {
  std::string lines;
  for (int i = 0; i < 6; ++i) {
    lines += absl::StrCat("{\"client\": {\"name\": \"Import Jansen ", i,
                          "\"}, \"notes\": [{\"text\": \"Overgenomen.\"}]}\n");
  }
  testing::WriteFileOrDie(d_.dir().File("import.jsonl"), lines);
  StartRecording();
  const std::string out = rec_->Command(
      "import", {"client", "import", d_.dir().File("import.jsonl")});
  const std::vector<std::string> ids = absl::StrSplit(out, '\n');
  ASSERT_EQ(ids.size(), 6u);
  checks_.acks["import"] = [ids](StateView& v) {
    for (const std::string& id : {ids.front(), ids.back()}) {
      std::string err = Expect(v, {"client", "show", id}, "Import Jansen");
      if (!err.empty()) return err;
    }
    return std::string();
  };
  CheckAll("ClientImport");
}

TEST_F(CrashTest, RecordUpdate) {
  const std::string dossier = Add({"client", "add", "--name", "Bram Dijkhuis"});
  const std::string note =
      Add({"note", "add", dossier, "--text", "Eerste versie."});
  StartRecording();
  for (int i = 0; i < 2; ++i) {
    const std::string name = absl::StrCat("update-", i);
    const std::string text = absl::StrCat("Versie ", i + 2, ".");
    rec_->Command(name, {"note", "update", dossier, note, "--text", text});
    checks_.acks[name] = [dossier, note, i](StateView& v) {
      // A later version may be there too; this one or a newer must be.
      std::string err = Expect(v, {"note", "show", dossier, note}, "Versie ");
      if (!err.empty()) return err;
      ProcessResult r = v.d.Kluis({"note", "show", dossier, note});
      for (int j = i; j < 2; ++j) {
        if (r.out.find(absl::StrCat("Versie ", j + 2, ".")) !=
            std::string::npos) {
          return std::string();
        }
      }
      return std::string("an older version is shown");
    };
  }
  CheckAll("RecordUpdate");
}

TEST_F(CrashTest, EraseDossier) {
  const std::string stays = Add({"client", "add", "--name", "Anouk Veldkamp"});
  const std::string gone = Add({"client", "add", "--name", "Pieter Zandvoort"});
  Add({"note", "add", gone, "--text", "Gesprek over werkdruk."});
  StartRecording();
  rec_->Command("erase", {"erase", gone, "--reason", "Verzoek van de client"});
  const std::string key = "/keys/dossiers/" + gone + ".age";
  checks_.acks["erase"] = [stays, gone, key](StateView& v) {
    if (v.d.Kluis({"client", "show", gone}).exit_code == 0) {
      return std::string("erased dossier still readable");
    }
    if (testing::FileExists(v.d.vault() + key)) {
      return std::string("erased dossier's key still on disk");
    }
    return Expect(v, {"client", "show", stays});
  };
  CheckAll("EraseDossier");
}

TEST_F(CrashTest, ChangePassphrase) {
  const std::string dossier = Add({"client", "add", "--name", "Joost Bleeker"});
  const std::string fresh = d_.dir().File("new-pass");
  testing::WriteFileOrDie(fresh, "zeven groene appels op de kast\n");
  checks_.passphrase_files.insert(checks_.passphrase_files.begin(), fresh);
  StartRecording();
  rec_->Command("change-passphrase",
                {"change-passphrase", "--passphrase-file", d_.passphrase_file(),
                 "--new-passphrase-file", fresh});
  checks_.acks["change-passphrase"] = [dossier](StateView& v) {
    if (v.passphrase != 0) return std::string("the new passphrase fails");
    return Expect(v, {"client", "show", dossier});
  };
  CheckAll("ChangePassphrase");
}

TEST_F(CrashTest, JournalAppend) {
  const std::string dossier =
      Add({"client", "add", "--name", "Lieke Brouwers"});
  Add({"note", "add", dossier, "--text", "Intake."});
  StartRecording();
  rec_->Command("export", {"export", "access", dossier, "--out",
                           d_.dir().File("inzage.tar")});
  checks_.acks["export"] = [dossier](StateView& v) {
    return Expect(v, {"audit", "log", "--dossier", dossier}, "export");
  };
  CheckAll("JournalAppend");
}

TEST_F(CrashTest, CompactPurgeErased) {
  const std::string stays = Add({"client", "add", "--name", "Ruben Kuipers"});
  const std::string gone = Add({"client", "add", "--name", "Wendy Altena"});
  const std::string note = Add({"note", "add", stays, "--text", "Blijft."});
  Add({"note", "add", gone, "--text", "Gaat weg."});
  Add({"erase", gone, "--reason", "Verzoek van de client"});
  StartRecording();
  rec_->Command("compact", {"compact", "--purge-erased"});
  checks_.acks["compact"] = [stays, gone, note](StateView& v) {
    ProcessResult all =
        testing::Git(v.d.repo(), {"log", "main", "--name-only", "--format="});
    // Its tombstone (erased/…) stays; its records must be gone.
    if (all.out.find("dossiers/" + gone.substr(0, 2) + "/" + gone) !=
        std::string::npos) {
      return std::string("erased paths still in the history");
    }
    return Expect(v, {"note", "show", stays, note});
  };
  CheckAll("CompactPurgeErased");
}

// The drive side of `kluis backup run`: the drive folder is the crash root.
// Whatever the cut, the drive must hold a valid backup — the previous good
// one or the new one — and the new one once the run was acknowledged.
TEST_F(CrashTest, BackupRun) {
  testing::TempDir drive;
  const std::string dossier = Add({"client", "add", "--name", "Marloes Post"});
  Add({"note", "add", dossier, "--text", "Eerste gesprek."});
  Add({"backup", "add", drive.path(), "--name", "usb1"});
  Add({"backup", "run", "usb1"});
  const std::string mirror = drive.path() + "/kluis-backup/repo.git";
  const std::string before =
      testing::Trim(testing::Git(mirror, {"rev-parse", "main"}).out);
  const std::string second =
      Add({"client", "add", "--name", "Gerrit Molenaar"});
  Add({"note", "add", second, "--text", "Nieuw dossier."});
  const std::string after =
      testing::Trim(testing::Git(d_.repo(), {"rev-parse", "main"}).out);
  ASSERT_NE(before, after);

  rec_ = std::make_unique<Recording>(d_, drive.path());
  rec_->Command("backup", {"backup", "run", "usb1"});
  const std::vector<Op> ops = rec_->Finish();
  absl::StatusOr<CrashModel> model =
      CrashModel::Build(rec_->snapshot(), rec_->root(), ops);
  ASSERT_TRUE(model.ok()) << model.status();
  const CrashStates states = BuildCrashStates(*model, ops, rec_->root());
  auto check = [&](const std::function<void(const std::string&)>& build,
                   size_t acks) {
    testing::TempDir tmp;
    const std::string root = tmp.File("drive");
    build(root);
    const std::string dir = root + "/kluis-backup";
    std::vector<std::string> problems =
        RepoProblems(dir + "/repo.git", dir + "/keys", "refs/heads/main");
    const std::string head = testing::Trim(
        testing::Git(dir + "/repo.git", {"rev-parse", "main"}).out);
    if (head != after && (acks > 0 || head != before)) {
      problems.push_back("drive main is neither the old nor the new head");
    }
    const std::string manifest = dir + "/manifest.json";
    if (!testing::FileExists(manifest) ||
        testing::ReadFileOrDie(manifest).find('{') == std::string::npos) {
      problems.push_back("manifest.json missing or unreadable");
    } else if (acks > 0 && testing::ReadFileOrDie(manifest).find(after) ==
                               std::string::npos) {
      problems.push_back("manifest.json does not name the new head");
    }
    return problems;
  };
  CheckStates("BackupRun", *model, states, check, kSample);
}

}  // namespace
}  // namespace kluis::crash
