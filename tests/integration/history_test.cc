// Change history through the real daemon: versions from git, each old
// version read back exactly, field-level diffs, restore as a new change.
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "client/common/connection.h"
#include "tests/integration/daemon_harness.h"
#include "tests/support/test_support.h"

namespace kluis::testing {
namespace {

int CountSubstr(const std::string& s, const std::string& part) {
  int n = 0;
  for (size_t at = s.find(part); at != std::string::npos;
       at = s.find(part, at + 1)) {
    ++n;
  }
  return n;
}

std::unique_ptr<grpc::ClientContext> Ctx() {
  auto c = std::make_unique<grpc::ClientContext>();
  c->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  return c;
}

TEST(HistoryTest, FiveEditsGiveFiveVersionsThatReadBackAndDiffExactly) {
  DaemonHarness d;
  ASSERT_TRUE(d.Start());
  d.Init();
  const std::string dossier = IdFromJson(
      d.Kluis({"client", "add", "--name", "Fenna de Vries", "--json"}).out);
  ProcessResult add = d.Kluis(
      {"appointment", "add", dossier, "--date", "2026-03-01", "--time", "10:00",
       "--place", "Praktijk", "--reason", "intake gepland", "--json"});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  const std::string record = IdFromJson(add.out);
  const char* places[] = {"Online", "Bij cliënt thuis", "Praktijk", "Wandeling",
                          "Online"};
  for (int i = 0; i < 5; ++i) {
    std::vector<std::string> args = {
        "appointment", "update",  dossier,    record,
        "--place",     places[i], "--reason", absl::StrCat("wijziging ", i)};
    if (i == 3) {
      args.push_back("--time");
      args.push_back("11:15");
    }
    ASSERT_EQ(d.Kluis(args).exit_code, 0);
  }
  auto history =
      kluis::v1::History::NewStub(kluis::client::Connect(d.socket()));
  kluis::v1::ListVersionsRequest lr;
  lr.set_dossier_id(dossier);
  lr.set_record_id(record);
  kluis::v1::ListVersionsResponse versions;
  ASSERT_TRUE(history->ListVersions(Ctx().get(), lr, &versions).ok());
  ASSERT_EQ(versions.versions_size(), 6);
  EXPECT_EQ(versions.versions(5).operation(), "create");
  EXPECT_EQ(versions.versions(5).reason(), "intake gepland");
  for (int i = 0; i < 5; ++i) {
    const kluis::v1::Version& v = versions.versions(i);
    EXPECT_EQ(v.operation(), "update");
    EXPECT_EQ(v.reason(), absl::StrCat("wijziging ", 4 - i));
    EXPECT_EQ(v.record_id(), record);
    // Each version reads back exactly as it was written.
    kluis::v1::GetVersionRequest gr;
    gr.set_dossier_id(dossier);
    gr.set_record_id(record);
    gr.set_version(v.version());
    kluis::v1::Record at;
    ASSERT_TRUE(history->GetVersion(Ctx().get(), gr, &at).ok());
    EXPECT_EQ(at.appointment().place(), places[4 - i]);
    EXPECT_EQ(at.reason(), v.reason());
  }
  // The fourth edit changed two fields, and only those.
  kluis::v1::DiffRequest dr;
  dr.set_dossier_id(dossier);
  dr.set_record_id(record);
  dr.set_older(versions.versions(2).version());
  dr.set_newer(versions.versions(1).version());
  kluis::v1::DiffResponse diff;
  ASSERT_TRUE(history->Diff(Ctx().get(), dr, &diff).ok());
  ASSERT_EQ(diff.changes_size(), 2);
  EXPECT_EQ(diff.changes(0).field(), "appointment.time");
  EXPECT_EQ(diff.changes(0).old_value(), "10:00");
  EXPECT_EQ(diff.changes(0).new_value(), "11:15");
  EXPECT_EQ(diff.changes(1).field(), "appointment.place");
  // The CLI shows the same, and restores as a new change.
  ProcessResult cli_diff =
      d.Kluis({"diff", dossier, record, versions.versions(2).version(),
               versions.versions(1).version()});
  EXPECT_TRUE(absl::StrContains(cli_diff.out, "appointment.time: changed"));
  ProcessResult restore =
      d.Kluis({"restore", dossier, record, versions.versions(5).version()});
  ASSERT_EQ(restore.exit_code, 0) << restore.err;
  ProcessResult now = d.Kluis({"show", dossier, record, "--json"});
  EXPECT_TRUE(absl::StrContains(now.out, "\"place\": \"Praktijk\""));
  EXPECT_TRUE(absl::StrContains(now.out, "\"time\": \"10:00\""));
  ProcessResult h = d.Kluis({"history", dossier, record});
  EXPECT_EQ(std::count(h.out.begin(), h.out.end(), '\n'), 7);
  EXPECT_TRUE(absl::StrContains(h.out, "restored to version"));
  // Values never reach the log.
  EXPECT_FALSE(absl::StrContains(d.log(), "Wandeling"));
  // The dossier's history lists the client and the appointment, and a
  // period filter narrows it.
  ProcessResult all = d.Kluis({"history", dossier, "--json"});
  EXPECT_TRUE(absl::StrContains(all.out, "RECORD_KIND_CLIENT"));
  EXPECT_EQ(d.Kluis({"history", dossier, "--since", "2999-01-01"}).out,
            "no changes in that period\n");
  // The whole vault: every commit, from its message alone.
  ProcessResult vault = d.Kluis({"history"});
  // Ids are shown by their first 8 characters.
  EXPECT_TRUE(absl::StrContains(vault.out,
                                "dossier " + dossier.substr(0, 8) + ": create"))
      << vault.out;
  EXPECT_TRUE(
      absl::StrContains(vault.out, "update record " + record.substr(0, 8)));
  EXPECT_EQ(std::count(vault.out.begin(), vault.out.end(), '\n'), 8);
  ProcessResult bad = d.Kluis({"history", dossier, "--since", "gisteren"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err,
            "kluis: error: since: not a date: write it as DD-MM-YYYY (day "
            "first) or YYYY-MM-DD\n");
}

// The newest version of a dossier's history (a commit id).
std::string NewestVersion(DaemonHarness& d, const std::string& dossier) {
  auto history =
      kluis::v1::History::NewStub(kluis::client::Connect(d.socket()));
  kluis::v1::ListVersionsRequest lr;
  lr.set_dossier_id(dossier);
  kluis::v1::ListVersionsResponse versions;
  if (!history->ListVersions(Ctx().get(), lr, &versions).ok() ||
      versions.versions_size() == 0) {
    return "";
  }
  return versions.versions(0).version();
}

TEST(HistoryTest, RestoresDeletedRecordsAndWholeDossiers) {
  DaemonHarness d;
  ASSERT_TRUE(d.Start());
  d.Init();
  ASSERT_EQ(d.Kluis({"org", "add", "--name", "Stichting Voorbeeld"}).exit_code,
            0);
  const std::string first = Trim(Git(d.repo(), {"rev-parse", "main"}).out);
  const std::string dossier =
      IdFromJson(d.Kluis({"client", "add", "--name", "Jorrit Hoekstra",
                          "--city", "Zwolle", "--json"})
                     .out);
  const std::string appt =
      IdFromJson(d.Kluis({"appointment", "add", dossier, "--date", "2026-04-02",
                          "--time", "09:30", "--place", "Praktijk", "--json"})
                     .out);
  const std::string content = RandomBytes(200000);
  WriteFileOrDie(d.dir().File("verslag.pdf"), content);
  const std::string scan = IdFromJson(
      d.Kluis({"attach", dossier, d.dir().File("verslag.pdf"), "--json"}).out);
  ASSERT_EQ(scan.size(), 32u);
  const std::string v1 = NewestVersion(d, dossier);
  ASSERT_EQ(v1.size(), 40u);

  // A deleted record and a deleted attachment come back, with their ids
  // and the attachment's exact content.
  ASSERT_EQ(d.Kluis({"appointment", "delete", dossier, appt}).exit_code, 0);
  ASSERT_EQ(d.Kluis({"detach", dossier, scan}).exit_code, 0);
  EXPECT_NE(d.Kluis({"appointment", "show", dossier, appt}).exit_code, 0);
  ProcessResult r = d.Kluis({"restore", dossier, appt, v1});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = d.Kluis({"restore", dossier, scan, v1, "--reason", "per abuis gewist"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = d.Kluis({"appointment", "show", dossier, appt, "--json"});
  EXPECT_TRUE(absl::StrContains(r.out, "\"place\": \"Praktijk\"")) << r.out;
  EXPECT_TRUE(absl::StrContains(r.out, "restored to version")) << r.out;
  r = d.Kluis({"fetch", dossier, scan, "-o", d.dir().File("terug.pdf")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadFileOrDie(d.dir().File("terug.pdf")), content);
  ProcessResult h = d.Kluis({"history", dossier, appt});
  EXPECT_EQ(std::count(h.out.begin(), h.out.end(), '\n'), 3) << h.out;

  // A whole dossier, deleted after a change, comes back as it was before
  // the change, in one commit; its history stays readable meanwhile.
  ASSERT_EQ(
      d.Kluis({"appointment", "update", dossier, appt, "--place", "Online"})
          .exit_code,
      0);
  const std::string before_change = NewestVersion(d, dossier);
  ASSERT_EQ(
      d.Kluis({"appointment", "update", dossier, appt, "--place", "Wandeling"})
          .exit_code,
      0);
  ASSERT_EQ(d.Kluis({"client", "delete", dossier}).exit_code, 0);
  EXPECT_NE(d.Kluis({"client", "show", dossier}).exit_code, 0);
  EXPECT_EQ(Trim(d.Kluis({"search", "Hoekstra"}).out), "");
  h = d.Kluis({"history", dossier});
  ASSERT_EQ(h.exit_code, 0) << h.err;
  EXPECT_TRUE(absl::StrContains(h.out, "delete")) << h.out;
  // Not one record into a deleted dossier; and not to a time before it.
  r = d.Kluis({"restore", dossier, appt, before_change});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(r.err, "restore the whole dossier first"))
      << r.err;
  r = d.Kluis({"restore", dossier, first});
  EXPECT_EQ(r.exit_code, 4) << r.err;  // not found
  EXPECT_TRUE(absl::StrContains(r.err, "version: the dossier did not exist"))
      << r.err;
  r = d.Kluis({"restore", dossier, "gisteren"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(r.err, "version: give a version")) << r.err;

  const std::string head_before =
      Trim(Git(d.repo(), {"rev-parse", "main"}).out);
  r = d.Kluis({"restore", dossier, before_change, "--reason", "terugzetten"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(
      Trim(Git(d.repo(), {"rev-list", "--count", head_before + "..main"}).out),
      "1");  // one commit for the whole dossier
  r = d.Kluis({"appointment", "show", dossier, appt, "--json"});
  EXPECT_TRUE(absl::StrContains(r.out, "\"place\": \"Online\"")) << r.out;
  EXPECT_TRUE(absl::StrContains(r.out, "terugzetten"));
  EXPECT_TRUE(absl::StrContains(d.Kluis({"search", "Hoekstra"}).out,
                                dossier.substr(0, 8)));
  r = d.Kluis({"fetch", dossier, scan, "-o", d.dir().File("weer.pdf")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadFileOrDie(d.dir().File("weer.pdf")), content);
  // Every restore is journalled, and the history still verifies.
  ProcessResult log = d.Kluis({"audit", "log", "--dossier", dossier});
  EXPECT_EQ(CountSubstr(log.out, " restore "), 3) << log.out;
  EXPECT_EQ(d.Kluis({"audit", "verify"}).exit_code, 0);
  EXPECT_EQ(Git(d.repo(), {"fsck", "--full", "--strict"}).exit_code, 0);
}

}  // namespace
}  // namespace kluis::testing
