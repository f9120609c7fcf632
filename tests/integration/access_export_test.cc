// The access and portability export through the real daemon and CLI, and
// opened with the real tar, python3-jsonschema and age: every record but
// the working note within its term, the art. 15 items, the attachment
// byte for byte, data.json valid against schema.json, and with a passphrase
// one age file that `age -d` opens.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tests/core/outsider_text.h"
#include "tests/integration/daemon_harness.h"
#include "tests/support/test_support.h"

namespace kluis::testing {
namespace {

class AccessExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(d_.Start());
    d_.Init();
    Ok({"profile", "set", "--controller-name", "Praktijk Kompas", "--email",
        "info@kompas.example"});
    d_id_ = Id({"client", "add", "--name", "Marieke van Dongen", "--city",
                "Amersfoort"});
    ids_.push_back(Id({"agreement", "add", d_id_, "--question",
                       "Hoe vind ik rust?", "--start-date", "2026-01-05"}));
    ids_.push_back(Id({"report", "add", d_id_, "--date", "2026-02-02", "--text",
                       "Sessie over grenzen <stellen> & rust"}));
    ids_.push_back(
        Id({"health", "add", d_id_, "--relevance", "Slaapt slecht"}));
    const std::string consent =
        Id({"consent", "add", d_id_, "--recipient", "Bedrijfsarts De Wit",
            "--purpose", "Terugkoppeling", "--given-date", "2026-01-10"});
    ids_.push_back(consent);
    ids_.push_back(
        Id({"disclosure", "add", d_id_, "--to", "third-party", "--recipient",
            "Bedrijfsarts De Wit", "--what", "Voortgang", "--date",
            "2026-02-10", "--ground", "consent", "--consent-id", consent}));
    working_ = Id({"note", "add", d_id_, "--working", "--text",
                   "Eigen geheugensteun over haar moeder"});
    scan_bytes_ = RandomBytes(70000);
    WriteFileOrDie(d_.dir().File("scan.pdf"), scan_bytes_);
    ids_.push_back(Id({"attach", d_id_, d_.dir().File("scan.pdf")}));
  }
  void Ok(const std::vector<std::string>& args) {
    ProcessResult r = d_.Kluis(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  std::string Id(const std::vector<std::string>& args) {
    ProcessResult r = d_.Kluis(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Trim(r.out);
  }
  // Unpacks `tar` into a new directory; returns the package folder.
  std::string Unpack(const std::string& tar, const std::string& where) {
    EXPECT_EQ(mkdir(where.c_str(), 0700), 0);
    ProcessResult x = RunCommand({"tar", "-xf", tar, "-C", where});
    EXPECT_EQ(x.exit_code, 0) << x.err;
    return absl::StrCat(where, "/kluis-access-", d_id_.substr(0, 8));
  }

  DaemonHarness d_;
  std::string d_id_, working_, scan_bytes_;
  std::vector<std::string> ids_;
};

TEST_F(AccessExportTest, ThePackageHoldsEverythingButTheWorkingNote) {
  const std::string tar = d_.dir().File("inzage.tar");
  ProcessResult r =
      d_.Kluis({"export", "access", "--lang", "en", d_id_, "--out", tar});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  struct stat st;
  ASSERT_EQ(stat(tar.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const std::string pkg = Unpack(tar, d_.dir().File("plain"));

  const std::string json = ReadFileOrDie(pkg + "/data.json");
  for (const std::string& id : ids_) {
    EXPECT_TRUE(absl::StrContains(json, id)) << id;
  }
  EXPECT_TRUE(absl::StrContains(json, "Marieke van Dongen"));
  EXPECT_FALSE(absl::StrContains(json, working_));
  EXPECT_FALSE(absl::StrContains(json, "geheugensteun"));
  EXPECT_TRUE(absl::StrContains(json, "\"withheldWorkingNotes\": 1")) << json;
  // The art. 15 items.
  for (const char* item :
       {"Praktijk Kompas", "coaching as agreed",
        "health information (special category", "Bedrijfsarts De Wit",
        "7 years after the trajectory ends", "AWR art. 52",
        "Autoriteit Persoonsgegevens", "you yourself"}) {
    EXPECT_TRUE(absl::StrContains(json, item)) << item;
  }
  // Valid against its own schema (python3-jsonschema), and the schema can
  // fail: a record without its id does not pass.
  const std::string check =
      "import json,sys,jsonschema\n"
      "d=json.load(open(sys.argv[1]));s=json.load(open(sys.argv[2]))\n"
      "jsonschema.validate(d,s)\n"
      "del d['records'][0]['id']\n"
      "try:\n  jsonschema.validate(d,s)\n  sys.exit(3)\n"
      "except jsonschema.ValidationError:\n  pass\n";
  ProcessResult v = RunCommand(
      {"python3", "-c", check, pkg + "/data.json", pkg + "/schema.json"});
  EXPECT_EQ(v.exit_code, 0) << v.err;

  const std::string html = ReadFileOrDie(pkg + "/index.html");
  EXPECT_TRUE(absl::StrContains(html, "Marieke van Dongen"));
  EXPECT_TRUE(absl::StrContains(html,
                                "Sessie over grenzen &lt;stellen&gt; "
                                "&amp; rust"));
  EXPECT_FALSE(absl::StrContains(html, "<stellen>"));
  EXPECT_TRUE(absl::StrContains(html, "Withheld: 1 working note,"));
  EXPECT_FALSE(absl::StrContains(html, "geheugensteun"));
  EXPECT_TRUE(absl::StrContains(html, "Autoriteit Persoonsgegevens"));
  const std::string scan =
      absl::StrCat(pkg, "/attachments/", ids_.back().substr(0, 8), "-scan.pdf");
  EXPECT_TRUE(ReadFileOrDie(scan) == scan_bytes_);
  EXPECT_TRUE(
      absl::StrContains(html, "attachments/" + ids_.back().substr(0, 8)));

  ProcessResult log = d_.Kluis({"audit", "log", "--dossier", d_id_});
  EXPECT_TRUE(absl::StrContains(log.out, "access and portability export"))
      << log.out;
  // Never over an existing file.
  EXPECT_NE(d_.Kluis({"export", "access", "--lang", "en", d_id_, "--out", tar})
                .exit_code,
            0);
}

TEST_F(AccessExportTest, WithAPassphraseItIsOneAgeFileTheAgeCliOpens) {
  const std::string pass = d_.dir().File("afgesproken");
  WriteFileOrDie(pass, "kort\n");
  const std::string sealed = d_.dir().File("inzage.age");
  ProcessResult shortp = d_.Kluis({"export", "access", "--lang", "en", d_id_,
                                   "--out", sealed, "--passphrase-file", pass});
  EXPECT_EQ(shortp.exit_code, 2) << shortp.err;
  EXPECT_TRUE(absl::StrContains(shortp.err, "passphrase: at least 12"));
  EXPECT_FALSE(FileExists(sealed));

  WriteFileOrDie(pass, "vier blauwe fietsen in de regen\n");
  ProcessResult r = d_.Kluis({"export", "access", "--lang", "en", d_id_,
                              "--out", sealed, "--passphrase-file", pass});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string bytes = ReadFileOrDie(sealed);
  ASSERT_TRUE(absl::StartsWith(bytes, "age-encryption.org/v1\n-> scrypt "));
  EXPECT_FALSE(absl::StrContains(bytes, "Marieke"));
  const std::string tar = d_.dir().File("geopend.tar");
  ProcessResult open =
      RunOnPty({"age", "-d", "-o", tar, sealed},
               {{"passphrase", "vier blauwe fietsen in de regen"}});
  ASSERT_EQ(open.exit_code, 0) << open.out;
  const std::string pkg = Unpack(tar, d_.dir().File("opened"));
  EXPECT_TRUE(absl::StrContains(ReadFileOrDie(pkg + "/index.html"),
                                "Marieke van Dongen"));
}

TEST_F(AccessExportTest, TheIndexSpeaksDutchWithoutIdsOrEnumNames) {
  const std::string tar = d_.dir().File("inzage-nl.tar");
  ProcessResult r =
      d_.Kluis({"export", "access", "--lang", "nl", d_id_, "--out", tar});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string pkg = Unpack(tar, d_.dir().File("nl"));
  const std::string html = ReadFileOrDie(pkg + "/index.html");
  for (const char* dutch :
       {"<html lang=\"nl\">", "<h1>Uw gegevens</h1>", "Praktijk Kompas",
        "<th>hulpvraag</th><td>Hoe vind ik rust?</td>",
        "<th>startdatum</th><td>5 januari 2026</td>",
        "Bedrijfsarts De Wit (10 februari 2026; verstrekt aan een derde, op "
        "grond van uw toestemming)",
        "<th>grondslag</th><td>uw toestemming</td>",
        "gezondheidsinformatie (bijzondere categorie, AVG art. 9)",
        "Niet opgenomen: 1 werkaantekening,", "Autoriteit Persoonsgegevens"}) {
    EXPECT_TRUE(absl::StrContains(html, dutch)) << dutch << "\n" << html;
  }
  EXPECT_EQ(MachineTokenIn(html), "") << html;
  // data.json keeps the ids: it is the machine-readable part.
  EXPECT_TRUE(
      absl::StrContains(ReadFileOrDie(pkg + "/data.json"), ids_.front()));
}

}  // namespace
}  // namespace kluis::testing
