// The practice's registers through the real daemon and CLI: the processing
// register follows the vault, a breach starts its 72 hours and shows in
// kluis status, a lost backup drive is assessed against what it held, and
// hours carry nothing that could point at a case.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "tests/core/outsider_text.h"
#include "tests/integration/daemon_harness.h"
#include "tests/support/test_support.h"

namespace kluis::testing {
namespace {

class RegistersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(d_.Start());
    d_.Init();
    org_ = Ok(
        {"org", "add", "--name", "Stichting De Regenboog", "--type", "school"});
  }

  // An add answers with the new record's whole id (--json).
  std::string Ok(std::vector<std::string> args) {
    const bool adds = args.size() > 1 && args[0] != "backup" &&
                      (args[1] == "add" || args[1] == "new");
    if (adds) args.push_back("--json");
    ProcessResult r = d_.Kluis(args);
    EXPECT_EQ(r.exit_code, 0) << absl::StrJoin(args, " ") << ": " << r.err;
    return adds ? IdFromJson(r.out) : Trim(r.out);
  }

  std::string Head() { return Trim(Git(d_.repo(), {"rev-parse", "main"}).out); }

  DaemonHarness d_;
  std::string org_;
};

TEST_F(RegistersTest, TheProcessingRegisterFollowsTheVault) {
  const std::string client = Ok({"client", "add", "--name", "Sanne Kuipers"});
  const std::string before = Ok({"register", "--lang", "en"});
  EXPECT_TRUE(absl::StrContains(before, "identification and contact data"));
  EXPECT_FALSE(absl::StrContains(before, "SPECIAL CATEGORY")) << before;
  EXPECT_FALSE(absl::StrContains(before, "Rekenservice Noord"));
  EXPECT_TRUE(absl::StrContains(before, "no backup drive is registered"));

  // Health data: the special category appears.
  Ok({"health", "add", client, "--current-treatment", "huisarts", "--relevance",
      "energie"});
  const std::string health = Ok({"register", "--lang", "en"});
  EXPECT_TRUE(
      absl::StrContains(health,
                        "health data (medical treatment, medication) — SPECIAL "
                        "CATEGORY (art. 9)"))
      << health;

  // A processor: it appears as a recipient, with its agreement.
  Ok({"processor", "add", "--name", "Rekenservice Noord", "--service",
      "verwerking persoonlijke momenten", "--data-shared",
      "persoonlijke momenten zonder naam", "--agreement-date", "2025-02-01",
      "--deletion-days", "30"});
  const std::string processor = Ok({"register", "--lang", "en"});
  EXPECT_TRUE(absl::StrContains(
      processor, "processor Rekenservice Noord (verwerking persoonlijke"))
      << processor;
  EXPECT_TRUE(absl::StrContains(processor, "| 1 February 2025 |"));

  // A backup: its date appears among the measures.
  const std::string drive = d_.dir().File("usb");
  ASSERT_EQ(mkdir(drive.c_str(), 0700), 0);
  Ok({"backup", "add", drive, "--name", "usb1"});
  EXPECT_TRUE(absl::StrContains(Ok({"register", "--lang", "en"}),
                                "Backup to drive usb1: no successful backup"));
  Ok({"backup", "run", "usb1"});
  const std::string backed =
      Ok({"register", "--lang", "en", "--format", "json"});
  // A date as in a letter ("6 December 2026"), not a machine timestamp.
  const std::string month_year =
      absl::FormatTime("%B %Y", absl::Now(), absl::UTCTimeZone());
  EXPECT_TRUE(absl::StrContains(
      backed,
      "Backup to drive usb1: last successful backup, mirrored and verified, "))
      << backed;
  EXPECT_TRUE(absl::StrContains(backed, month_year)) << backed;
  EXPECT_TRUE(absl::StrContains(backed, "\"special_category\": true"));

  const std::string pdf = d_.dir().File("register.pdf");
  Ok({"register", "--lang", "en", "--format", "pdf", "--out", pdf});
  ProcessResult text = RunCommand({"pdftotext", pdf, "-"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_TRUE(absl::StrContains(text.out, "Rekenservice Noord")) << text.out;
  EXPECT_TRUE(absl::StrContains(text.out, "SPECIAL CATEGORY"));

  // HTML escapes what it shows; a bad format names the field.
  const std::string html = Ok({"register", "--lang", "en", "--format", "html"});
  EXPECT_TRUE(absl::StartsWith(html, "<!DOCTYPE html>"));
  EXPECT_TRUE(absl::StrContains(html, "<td>Rekenservice Noord</td>"));
}

TEST_F(RegistersTest, ABreachHasSeventyTwoHoursAndStatusShowsThem) {
  const absl::Time now = absl::Now();
  const std::string id = Ok({"breach", "new", "--summary",
                             "Tas met laptop in de trein laten "
                             "liggen",
                             "--nature", "stolen", "--encrypted"});
  ASSERT_EQ(id.size(), 32u);
  ProcessResult show = d_.Kluis({"breach", "show", id, "--json"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  const absl::TimeZone local = absl::LocalTimeZone();
  // Discovered this minute (or the next): deadline exactly 72 hours on.
  bool found = false;
  for (int m = -1; m <= 1; ++m) {
    const absl::Time at =
        absl::FromUnixSeconds(absl::ToUnixSeconds(now) / 60 * 60) +
        absl::Minutes(m) + absl::Hours(72);
    found |= absl::StrContains(
        show.out,
        absl::StrCat("\"deadline\": \"",
                     absl::FormatTime("%Y-%m-%d %H:%M", at, local), "\""));
  }
  EXPECT_TRUE(found) << show.out;

  const std::string status = Ok({"status"});
  EXPECT_TRUE(absl::StrContains(
                  status, absl::StrCat("breach ", id.substr(0, 8), ": 71 h")) ||
              absl::StrContains(
                  status, absl::StrCat("breach ", id.substr(0, 8), ": 72 h")))
      << status;

  // Deciding "no risk" needs the reason; then the clock stops.
  ProcessResult bare =
      d_.Kluis({"breach", "update", id, "--notify", "not-required"});
  EXPECT_EQ(bare.exit_code, 2);
  EXPECT_TRUE(
      absl::StrContains(bare.err, "breach.not_notified_reason: is required"))
      << bare.err;
  Ok({"breach", "update", id, "--notify", "not-required",
      "--not-notified-reason", "Versleuteld; sleutel niet bij de laptop"});
  EXPECT_FALSE(absl::StrContains(Ok({"status"}), id.substr(0, 8)));
  EXPECT_TRUE(absl::StrContains(Ok({"breach", "list"}), id.substr(0, 8)));

  // An old breach not yet handled shows as past its deadline.
  const std::string old =
      Ok({"breach", "new", "--summary", "USB-stick kwijt", "--discovered-date",
          "2026-01-05", "--discovered-time", "09:30"});
  const std::string late = Ok({"status"});
  EXPECT_TRUE(absl::StrContains(
      late, absl::StrCat("breach ", old.substr(0, 8),
                         ": the 72 hours to notify the AP ENDED at "
                         "2026-01-08 09:30")))
      << late;
}

TEST_F(RegistersTest, ALostDriveIsAssessedAgainstWhatItHeld) {
  std::vector<std::string> names = {"Bram de Groot", "Lotte Smit",
                                    "Daan Visser"};
  for (const std::string& n : names) {
    const std::string c = Ok({"client", "add", "--name", n});
    if (n == "Lotte Smit") {
      Ok({"health", "add", c, "--medication", "geen"});
    }
  }
  Ok({"case", "add", "--organisation-id", org_, "--reporter-name", "Eva Bakker",
      "--accused", "role=docent", "--opened-date", "2026-02-02"});
  const std::string usb = d_.dir().File("usb");
  const std::string disk = d_.dir().File("disk");
  ASSERT_EQ(mkdir(usb.c_str(), 0700), 0);
  ASSERT_EQ(mkdir(disk.c_str(), 0700), 0);
  Ok({"backup", "add", usb, "--name", "usb1"});
  Ok({"backup", "run", "usb1"});
  // Made after the drive's last run: not on it.
  Ok({"client", "add", "--name", "Later Toegevoegd"});

  // The only backup: no recent backup elsewhere, so notify.
  ProcessResult only =
      d_.Kluis({"breach", "assess-lost-target", "usb1", "--key-compromised",
                "no", "--dry-run", "--json"});
  ASSERT_EQ(only.exit_code, 0) << only.err;
  EXPECT_TRUE(absl::StrContains(only.out, "\"dossiers\": \"4\"")) << only.out;
  EXPECT_TRUE(absl::StrContains(only.out, "\"people\": \"5\"")) << only.out;
  EXPECT_TRUE(absl::StrContains(only.out, "\"specialCategory\": true"));
  EXPECT_TRUE(absl::StrContains(only.out, "ChaCha20-Poly1305"));
  EXPECT_TRUE(absl::StrContains(only.out, "\"notifyRequired\": true"));
  EXPECT_TRUE(absl::StrContains(only.out, "\"breachId\": \"\""));

  // With a recent second backup and the key safe: all three conditions met.
  Ok({"backup", "add", disk, "--name", "disk2"});
  Ok({"backup", "run", "disk2"});
  ProcessResult safe = d_.Kluis(
      {"breach", "assess-lost-target", "usb1", "--key-compromised", "no"});
  ASSERT_EQ(safe.exit_code, 0) << safe.err;
  EXPECT_TRUE(absl::StrContains(safe.out,
                                "4 dossier(s), about 5 people; "
                                "special categories: yes"))
      << safe.out;
  EXPECT_TRUE(absl::StrContains(
      safe.out, "[met] The data is still intact and available here"));
  EXPECT_TRUE(absl::StrContains(
      safe.out, "[met] Full control through a recent backup: Drive disk2"));
  EXPECT_TRUE(absl::StrContains(safe.out, "[met] The key is not compromised"));
  EXPECT_TRUE(absl::StrContains(safe.out, "No notification needed"));
  EXPECT_FALSE(absl::StrContains(safe.out, "draft"));
  const std::string list = Ok({"breach", "list", "--json"});
  EXPECT_TRUE(absl::StrContains(list, "\"lostTarget\": \"usb1\"")) << list;
  EXPECT_TRUE(absl::StrContains(list,
                                "\"notify\": \"NOTIFY_DECISION_NOT_"
                                "REQUIRED\""));
  EXPECT_FALSE(absl::StrContains(Ok({"status"}), "breach "));

  // The key lost with it: notify, with the drafts.
  ProcessResult lost = d_.Kluis({"breach", "assess-lost-target", "usb1",
                                 "--key-compromised", "yes", "--dry-run"});
  ASSERT_EQ(lost.exit_code, 0) << lost.err;
  EXPECT_TRUE(absl::StrContains(lost.out,
                                "[NOT met] The key is not "
                                "compromised"));
  EXPECT_TRUE(absl::StrContains(lost.out, "--- draft notification ---"));
  EXPECT_TRUE(absl::StrContains(lost.out, "--- draft letter to clients ---"));
  for (const std::string& n : names) {
    EXPECT_FALSE(absl::StrContains(lost.out, n)) << n;
  }

  ProcessResult unknown = d_.Kluis(
      {"breach", "assess-lost-target", "nope", "--key-compromised", "no"});
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(unknown.err, "name: no such backup target"));
}

TEST_F(RegistersTest, HoursCannotPointAtACase) {
  const std::string head = Head();
  ProcessResult reason =
      d_.Kluis({"hours", "add", "--organisation-id", org_, "--date",
                "2026-03-02", "--minutes", "45", "--activity", "consultation",
                "--reason", "gesprek met Eva Bakker"});
  EXPECT_EQ(reason.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(reason.err,
                                "reason: hours carry no free "
                                "text"))
      << reason.err;
  EXPECT_FALSE(absl::StrContains(reason.err, "Eva Bakker"));
  EXPECT_EQ(Head(), head);

  // Over the API: a dossier id is refused.
  const std::string c = Ok({"client", "add", "--name", "Kees Mulder"});
  kluis::v1::CreateRecordRequest req;
  req.set_dossier_id(c);
  req.mutable_record()->mutable_hours()->set_organisation_id(org_);
  req.mutable_record()->mutable_hours()->set_date("2026-03-02");
  req.mutable_record()->mutable_hours()->set_minutes(30);
  req.mutable_record()->mutable_hours()->set_activity(
      kluis::v1::HOURS_ACTIVITY_CONSULTATION);
  grpc::ClientContext ctx;
  kluis::v1::CreateRecordResponse resp;
  grpc::Status st = d_.RecordsStub()->CreateRecord(&ctx, req, &resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(absl::StrContains(st.error_message(),
                                "dossier_id: must be "
                                "empty"))
      << st.error_message();

  Ok({"hours", "add", "--organisation-id", org_, "--date", "2026-03-02",
      "--minutes", "45", "--activity", "consultation"});
  Ok({"hours", "add", "--organisation-id", org_, "--date", "2026-03-09",
      "--minutes", "75", "--activity", "prevention"});
  Ok({"hours", "add", "--organisation-id", org_, "--date", "2026-04-01",
      "--minutes", "60", "--activity", "consultation"});
  const std::string march = Ok({"hours", "report", "--org", org_, "--from",
                                "2026-03-01", "--to", "2026-03-31"});
  EXPECT_TRUE(absl::StrContains(
      march, absl::StrCat(org_.substr(0, 8),
                          "  Stichting De Regenboog: 120 min = 2.0 "
                          "hours (2 entries)")))
      << march;
  EXPECT_TRUE(absl::StrContains(march, "consultation       45 min"));
  EXPECT_TRUE(absl::StrContains(march, "prevention         75 min"));
  ProcessResult bad = d_.Kluis({"hours", "report", "--from", "maart"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(bad.err, "from: not a date")) << bad.err;
  EXPECT_FALSE(absl::StrContains(bad.err, "maart"));
}

TEST_F(RegistersTest, TheRegisterInDutch) {
  const std::string md = Ok({"register", "--lang", "nl"});
  for (const char* dutch :
       {"# Register van verwerkingsactiviteiten (AVG art. 30)",
        "## Coaching en begeleiding", "## Werk als vertrouwenspersoon",
        "| Grondslag | Art. 6 lid 1 sub b AVG",
        "Back-ups: er is geen back-upschijf ingesteld.",
        "Geen verwerkers: niemand verwerkt persoonsgegevens"}) {
    EXPECT_TRUE(absl::StrContains(md, dutch)) << dutch << "\n" << md;
  }
  EXPECT_EQ(MachineTokenIn(md), "") << md;
  const std::string html = Ok({"register", "--lang", "nl", "--format", "html"});
  EXPECT_TRUE(absl::StrContains(html, "<html lang=\"nl\">"));
}

}  // namespace
}  // namespace kluis::testing
