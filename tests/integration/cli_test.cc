// The practitioner's path through the real kluis CLI against the real
// daemon, the documented exit codes, and the disaster-recovery drill with
// nothing but git and age.
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "tests/integration/daemon_harness.h"

namespace kluis::testing {
namespace {

TEST(CliTest, InitUnlockAddShowListLockUnlock) {
  DaemonHarness d;
  ASSERT_TRUE(d.Start());
  EXPECT_TRUE(absl::StrContains(d.Kluis({"status"}).out, "not initialised"));
  d.Init();
  ProcessResult add =
      d.Kluis({"client", "add", "--name", "Fenna de Vries", "--email",
               "fenna@example.org", "--birth-date", "1990-04-01", "--address",
               "Kerkstraat 1", "--postcode", "1234ab", "--city", "Utrecht"});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  const std::string dossier = Trim(add.out);
  ASSERT_EQ(dossier.size(), 8u);  // the short id alone on stdout
  ProcessResult n1 =
      d.Kluis({"note", "add", dossier, "--text", "Intake: doelen besproken."});
  ASSERT_EQ(n1.exit_code, 0) << n1.err;
  EXPECT_EQ(Trim(n1.out).size(), 8u);
  ProcessResult n2 = d.Kluis({"note", "add", dossier, "--working"},
                             "Eigen werknotitie.\nTweede regel.\n");
  ASSERT_EQ(n2.exit_code, 0) << n2.err;

  ProcessResult show = d.Kluis({"client", "show", dossier});
  EXPECT_TRUE(absl::StrContains(show.out, "Fenna de Vries"));
  EXPECT_TRUE(absl::StrContains(show.out, "1234 AB"));
  EXPECT_TRUE(absl::StrContains(show.out, "working"));
  ProcessResult json = d.Kluis({"client", "show", dossier, "--json"});
  ASSERT_EQ(json.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(json.out, "\"name\": \"Fenna de Vries\""));
  EXPECT_TRUE(absl::StrContains(json.out, "\"working\": true"));
  ProcessResult list = d.Kluis({"client", "list", "--json"});
  EXPECT_TRUE(absl::StrContains(list.out, dossier));
  EXPECT_TRUE(absl::StrContains(list.out, "\"records\": 3"));
  ProcessResult notes = d.Kluis({"note", "list", dossier, "--json"});
  EXPECT_TRUE(absl::StrContains(notes.out, "Tweede regel."));
  EXPECT_TRUE(
      absl::StrContains(d.Kluis({"client", "list", "vries"}).out, dossier));
  EXPECT_FALSE(
      absl::StrContains(d.Kluis({"client", "list", "jansen"}).out, dossier));

  ASSERT_EQ(
      d.Kluis({"client", "update", dossier, "--city", "Amersfoort"}).exit_code,
      0);
  EXPECT_TRUE(absl::StrContains(d.Kluis({"client", "show", dossier}).out,
                                "Amersfoort"));

  ASSERT_EQ(d.Kluis({"lock"}).exit_code, 0);
  ProcessResult locked = d.Kluis({"client", "show", dossier});
  EXPECT_EQ(locked.exit_code, 3);
  EXPECT_EQ(locked.err, "kluis: error: vault is locked: run kluis unlock\n");
  EXPECT_TRUE(locked.out.empty());

  d.Unlock();
  EXPECT_TRUE(absl::StrContains(d.Kluis({"client", "show", dossier}).out,
                                "Amersfoort"));
  // And after a restart of the daemon.
  d.Stop();
  ASSERT_TRUE(d.Start());
  EXPECT_EQ(d.Kluis({"client", "show", dossier}).exit_code, 3);
  d.Unlock();
  EXPECT_TRUE(
      absl::StrContains(d.Kluis({"note", "list", dossier}).out, "Intake"));
}

TEST(CliTest, ADossierIsNamedByItsClientOrTheStartOfItsId) {
  DaemonHarness d;
  ASSERT_TRUE(d.Start());
  d.Init();
  const std::string fenna =
      IdFromJson(d.Kluis({"client", "add", "--name", "Fenna de Vries", "--city",
                          "Utrecht", "--json"})
                     .out);
  ASSERT_EQ(fenna.size(), 32u);
  ASSERT_EQ(
      d.Kluis({"client", "add", "--name", "Fenna Jansen", "--city", "Zwolle"})
          .exit_code,
      0);
  // By name, accents, case and extra spaces ignored.
  ProcessResult by_name =
      d.Kluis({"note", "add", "  FÉNNA de   vries", "--text", "Intake"});
  ASSERT_EQ(by_name.exit_code, 0) << by_name.err;
  // By the first characters of the id.
  ProcessResult by_prefix =
      d.Kluis({"note", "add", fenna.substr(0, 6), "--text", "Vervolg"});
  ASSERT_EQ(by_prefix.exit_code, 0) << by_prefix.err;
  ProcessResult notes = d.Kluis({"note", "list", "Fenna de Vries"});
  EXPECT_TRUE(absl::StrContains(notes.out, "Intake")) << notes.err;
  EXPECT_TRUE(absl::StrContains(notes.out, "Vervolg"));

  // Two match: both listed with their city and short id, nothing written.
  const std::string head = Trim(Git(d.repo(), {"rev-parse", "main"}).out);
  ProcessResult two = d.Kluis({"note", "add", "fenna", "--text", "Welke?"});
  EXPECT_EQ(two.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(two.err, "2 dossiers match")) << two.err;
  EXPECT_TRUE(absl::StrContains(two.err, "Fenna de Vries (Utrecht)"));
  EXPECT_TRUE(absl::StrContains(two.err, "Fenna Jansen (Zwolle)"));
  EXPECT_TRUE(absl::StrContains(two.err, fenna.substr(0, 8)));
  ProcessResult none = d.Kluis({"note", "add", "Piet Paulusma", "--text", "x"});
  EXPECT_EQ(none.exit_code, 4);
  EXPECT_FALSE(absl::StrContains(none.err, "Piet"));
  EXPECT_EQ(Trim(Git(d.repo(), {"rev-parse", "main"}).out), head);
  d.Stop();
}

TEST(CliTest, ExitCodesAreDistinct) {
  DaemonHarness d;
  // 5: no daemon.
  ProcessResult none = d.Kluis({"status"});
  EXPECT_EQ(none.exit_code, 5);
  EXPECT_TRUE(absl::StrContains(none.err, "not reachable"));
  ASSERT_TRUE(d.Start());
  EXPECT_EQ(d.Kluis({"client", "list"}).exit_code, 3);  // not initialised
  d.Init();
  EXPECT_EQ(
      d.Kluis({"client", "show", "0123456789abcdef0123456789abcdef"}).exit_code,
      4);
  ProcessResult bad =
      d.Kluis({"client", "add", "--name", "X", "--email", "x-at-y"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err, "kluis: error: client.email: not an e-mail address\n");
  EXPECT_EQ(d.Kluis({"client", "add"}).exit_code, 2);  // --name missing
  EXPECT_EQ(
      d.Kluis({"init", "--passphrase-file", d.passphrase_file()}).exit_code, 7);
  d.Kluis({"lock"});
  WriteFileOrDie(d.dir().File("wrong"), "not the passphrase\n");
  EXPECT_EQ(
      d.Kluis({"unlock", "--passphrase-file", d.dir().File("wrong")}).exit_code,
      6);
}

TEST(CliTest, UnlockSkipsADamagedDossierAndSaysSo) {
  DaemonHarness d;
  ASSERT_TRUE(d.Start());
  d.Init();
  const std::string bad = IdFromJson(
      d.Kluis({"client", "add", "--name", "Kapot Bestand", "--json"}).out);
  const std::string good = IdFromJson(
      d.Kluis({"client", "add", "--name", "Heel Bestand", "--json"}).out);
  d.Kluis({"lock"});
  WriteFileOrDie(d.vault() + "/keys/dossiers/" + bad + ".age",
                 "not an age file");
  ProcessResult u =
      d.Kluis({"unlock", "--passphrase-file", d.passphrase_file()});
  EXPECT_EQ(u.exit_code, 0) << u.err;
  EXPECT_TRUE(absl::StrContains(u.err, "1 dossier(s) could not be read"))
      << u.err;
  EXPECT_TRUE(
      absl::StrContains(d.Kluis({"client", "show", good}).out, "Heel Bestand"));
  EXPECT_EQ(d.Kluis({"client", "show", bad}).exit_code, 4);
  EXPECT_TRUE(
      absl::StrContains(d.log(), "event=dossier_unreadable dossier=" + bad));
}

TEST(CliTest, ImportIsOneCommitInOnePack) {
  DaemonHarness d;
  ASSERT_TRUE(d.Start());
  d.Init();
  std::string lines;
  for (int i = 0; i < 150; ++i) {
    lines += absl::StrCat(
        "{\"client\": {\"name\": \"Import Persoon ", i,
        "\"}, \"notes\": [{\"text\": \"Overgenomen dossier.\"}]}\n");
  }
  WriteFileOrDie(d.dir().File("import.jsonl"), lines);
  const std::string before =
      Trim(Git(d.repo(), {"rev-list", "--count", "--all"}).out);
  ProcessResult r = d.Kluis({"client", "import", d.dir().File("import.jsonl")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 150);
  EXPECT_EQ(Trim(Git(d.repo(), {"rev-list", "--count", "main"}).out), "1");
  EXPECT_TRUE(before.empty() || before == "0");
  EXPECT_TRUE(absl::StrContains(Git(d.repo(), {"count-objects", "-v"}).out,
                                "packs: 1"));
  EXPECT_TRUE(absl::StrContains(d.Kluis({"client", "list", "Persoon 149"}).out,
                                "Persoon 149"));
  // A bad line: named by number, never quoted, and nothing imported.
  WriteFileOrDie(d.dir().File("bad.jsonl"),
                 "{\"client\": {\"name\": \"Goed\"}}\n{geheim: kapot}\n");
  ProcessResult bad = d.Kluis({"client", "import", d.dir().File("bad.jsonl")});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(bad.err, "line 2")) << bad.err;
  EXPECT_FALSE(absl::StrContains(bad.err, "geheim"));
  EXPECT_EQ(Trim(Git(d.repo(), {"rev-list", "--count", "main"}).out), "1");
}

TEST(CliTest, DisasterRecoveryWithOnlyGitAndAge) {
  DaemonHarness d;
  ASSERT_TRUE(d.Start());
  const std::string recovery = d.Init();
  const std::string dossier = IdFromJson(
      d.Kluis({"client", "add", "--name", "Noor Visser-Kwartel", "--json"})
          .out);
  const std::string note = IdFromJson(
      d.Kluis({"note", "add", dossier, "--text", "Afspraak verzet.", "--json"})
          .out);
  d.Stop();  // kluis is gone; only files remain

  const std::string path =
      "main:dossiers/" + dossier.substr(0, 2) + "/" + dossier;
  ProcessResult head =
      Git(d.repo(), {"cat-file", "blob", path + "/dossier.age"});
  ASSERT_EQ(head.exit_code, 0) << head.err;
  WriteFileOrDie(d.dir().File("head.age"), head.out);
  WriteFileOrDie(
      d.dir().File("note.age"),
      Git(d.repo(), {"cat-file", "blob", path + "/" + note + ".age"}).out);
  const std::string key_file = d.vault() + "/keys/dossiers/" + dossier + ".age";

  // Route 1: the passphrase opens keys/vault.age (age asks on the terminal).
  ProcessResult v = RunOnPty({"age", "-d", "-o", d.dir().File("vault-id.txt"),
                              d.vault() + "/keys/vault.age"},
                             {{"passphrase", kTestPassphrase}});
  ASSERT_EQ(v.exit_code, 0) << v.out;
  EXPECT_TRUE(absl::StrContains(ReadFileOrDie(d.dir().File("vault-id.txt")),
                                "AGE-SECRET-KEY-1"));
  ProcessResult k =
      RunCommand({"age", "-d", "-i", d.dir().File("vault-id.txt"), "-o",
                  d.dir().File("dossier-id.txt"), key_file});
  ASSERT_EQ(k.exit_code, 0) << k.err;
  ProcessResult r =
      RunCommand({"age", "-d", "-i", d.dir().File("dossier-id.txt"),
                  d.dir().File("head.age")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(r.out, "\"name\":\"Noor Visser-Kwartel\""))
      << r.out;
  ProcessResult rn =
      RunCommand({"age", "-d", "-i", d.dir().File("dossier-id.txt"),
                  d.dir().File("note.age")});
  EXPECT_TRUE(absl::StrContains(rn.out, "Afspraak verzet.")) << rn.out;

  // Route 2: the recovery key, no passphrase.
  ProcessResult k2 = RunCommand({"age", "-d", "-i", recovery, "-o",
                                 d.dir().File("dossier-id2.txt"), key_file});
  ASSERT_EQ(k2.exit_code, 0) << k2.err;
  ProcessResult r2 =
      RunCommand({"age", "-d", "-i", d.dir().File("dossier-id2.txt"),
                  d.dir().File("head.age")});
  EXPECT_TRUE(absl::StrContains(r2.out, "Noor Visser-Kwartel"));
}

TEST(CliTest, ASecondDaemonRefusesAndAStaleSocketIsReplaced) {
  DaemonHarness d;
  ASSERT_TRUE(d.Start());
  d.Init();
  // Same vault, another socket: the vault lock refuses it.
  ProcessResult second =
      RunCommand({KluisdBinary(), "--foreground", "--vault", d.vault(),
                  "--socket", d.dir().File("run/other.sock")});
  EXPECT_NE(second.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(second.err, "another kluisd")) << second.err;
  // A crash leaves the socket file behind; the next start replaces it.
  d.Kill9();
  ASSERT_TRUE(FileExists(d.socket()));
  ASSERT_TRUE(d.Start());
  EXPECT_EQ(d.Kluis({"status"}).exit_code, 0);
  d.Stop();
  EXPECT_FALSE(FileExists(d.socket()));  // clean shutdown removes it
}

}  // namespace
}  // namespace kluis::testing
