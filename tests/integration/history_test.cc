// Change history through the real daemon: versions from git, each old
// version read back exactly, field-level diffs, restore as a new change.
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "client/common/connection.h"
#include "tests/integration/daemon_harness.h"

namespace kluis::testing {
namespace {

std::unique_ptr<grpc::ClientContext> Ctx() {
  auto c = std::make_unique<grpc::ClientContext>();
  c->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  return c;
}

TEST(HistoryTest, FiveEditsGiveFiveVersionsThatReadBackAndDiffExactly) {
  DaemonHarness d;
  ASSERT_TRUE(d.Start());
  d.Init();
  const std::string dossier = std::string(absl::StripAsciiWhitespace(
      d.Kluis({"client", "add", "--name", "Fenna de Vries"}).out));
  ProcessResult add =
      d.Kluis({"appointment", "add", dossier, "--date", "2026-03-01", "--time",
               "10:00", "--place", "Praktijk", "--reason", "intake gepland"});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  const std::string record(absl::StripAsciiWhitespace(add.out));
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
  EXPECT_EQ(d.Kluis({"history", dossier, "--since", "2999-01-01"}).out, "");
  // The whole vault: every commit, from its message alone.
  ProcessResult vault = d.Kluis({"history"});
  EXPECT_TRUE(absl::StrContains(vault.out, "dossier " + dossier + ": create"))
      << vault.out;
  EXPECT_TRUE(absl::StrContains(vault.out, "update record " + record));
  EXPECT_EQ(std::count(vault.out.begin(), vault.out.end(), '\n'), 8);
  ProcessResult bad = d.Kluis({"history", dossier, "--since", "gisteren"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err, "kluis: error: since: must be a date as YYYY-MM-DD\n");
}

}  // namespace
}  // namespace kluis::testing
