// Refusals through the real daemon and CLI: a rule that refuses exits 2
// (not 3, which means "locked"), every problem of a record is reported at
// once, a closed list names what it accepts, an impossible date says so,
// and kluisd's status carries the refusal as a machine-readable
// kluis.v1.Refusal in the gRPC error details. Nothing is ever committed.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <regex>

#include "absl/strings/match.h"
#include "kluis/v1/errors.pb.h"
#include "tests/integration/daemon_harness.h"
#include "tests/support/test_support.h"

namespace kluis::testing {
namespace {

std::unique_ptr<grpc::ClientContext> Ctx() {
  auto c = std::make_unique<grpc::ClientContext>();
  c->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  return c;
}

// The id an `add` printed, whole or short.
std::string IdIn(const std::string& out) {
  std::smatch m;
  static const std::regex kId("[0-9a-f]{8,32}");
  return std::regex_search(out, m, kId) ? m.str() : "";
}

kluis::v1::Refusal RefusalIn(const grpc::Status& s) {
  kluis::v1::Refusal r;
  EXPECT_TRUE(r.ParseFromString(s.error_details())) << s.error_message();
  return r;
}

class RefusalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(d_.Start());
    d_.Init();
  }
  std::string Head() { return Trim(Git(d_.repo(), {"rev-parse", "main"}).out); }

  DaemonHarness d_;
};

TEST_F(RefusalTest, ARefusedRuleExitsTwoAndChangesNothing) {
  const std::string dossier =
      IdIn(d_.Kluis({"client", "add", "--name", "Joris Timmer"}).out);
  ASSERT_FALSE(dossier.empty());
  // Two spaces, as a coach may type them: still the same recipient.
  const std::string consent =
      IdIn(d_.Kluis({"consent", "add", dossier, "--recipient",
                     "Bedrijfsarts  De Wit", "--purpose", "Terugkoppeling",
                     "--given-date", "2026-01-10"})
               .out);
  ASSERT_FALSE(consent.empty());
  std::vector<std::string> disclose = {"disclosure",
                                       "add",
                                       dossier,
                                       "--to",
                                       "third-party",
                                       "--recipient",
                                       "bedrijfsarts de wit",
                                       "--what",
                                       "Voortgangsverslag",
                                       "--date",
                                       "2026-01-05",
                                       "--ground",
                                       "consent",
                                       "--consent-id",
                                       consent};
  const std::string before = Head();
  ProcessResult early = d_.Kluis(disclose);
  EXPECT_EQ(early.exit_code, 2) << early.err;
  EXPECT_TRUE(absl::StrContains(early.err, "disclosure.consent_id"))
      << early.err;
  EXPECT_EQ(Head(), before);

  disclose[10] = "2026-02-20";  // --date, with the consent in force
  ProcessResult ok = d_.Kluis(disclose);
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  const std::string with_disclosure = Head();

  ProcessResult del = d_.Kluis({"consent", "delete", dossier, consent});
  EXPECT_EQ(del.exit_code, 2) << del.err;
  EXPECT_TRUE(absl::StrContains(del.err, "withdrawn_date instead")) << del.err;
  EXPECT_EQ(Head(), with_disclosure);

  // A locked vault is still 3.
  ASSERT_EQ(d_.Kluis({"lock"}).exit_code, 0);
  ProcessResult locked = d_.Kluis({"client", "show", dossier});
  EXPECT_EQ(locked.exit_code, 3) << locked.err;
}

TEST_F(RefusalTest, EveryMissingFieldIsReportedAtOnce) {
  const std::string dossier =
      IdIn(d_.Kluis({"client", "add", "--name", "Mila Bakker"}).out);
  ASSERT_FALSE(dossier.empty());
  const std::string before = Head();
  ProcessResult own_term =
      d_.Kluis({"agreement", "add", dossier, "--question", "Loopbaankeuze",
                "--start-date", "2026-02-01", "--retention-years", "10"});
  EXPECT_EQ(own_term.exit_code, 2) << own_term.err;
  EXPECT_TRUE(
      absl::StrContains(own_term.err, "agreement.retention_deviation_reason"))
      << own_term.err;
  EXPECT_TRUE(
      absl::StrContains(own_term.err, "agreement.retention_agreed_date"))
      << own_term.err;
  EXPECT_EQ(Head(), before);

  // Over gRPC: an invoice without number and date names both, each with
  // its rule id, in the error details.
  kluis::v1::CreateRecordRequest req;
  req.set_dossier_id(dossier.size() == 32 ? dossier : "");
  if (req.dossier_id().empty()) {
    kluis::v1::ResolveDossierRequest rq;
    rq.set_ref(dossier);
    kluis::v1::ResolveDossierResponse rr;
    ASSERT_TRUE(d_.DossiersStub()->ResolveDossier(Ctx().get(), rq, &rr).ok());
    ASSERT_EQ(rr.matches_size(), 1);
    req.set_dossier_id(rr.matches(0).dossier_id());
  }
  req.mutable_record()->mutable_invoice()->set_description("Drie sessies");
  kluis::v1::CreateRecordResponse resp;
  grpc::Status s = d_.RecordsStub()->CreateRecord(Ctx().get(), req, &resp);
  ASSERT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  const kluis::v1::Refusal r = RefusalIn(s);
  EXPECT_EQ(r.kind(), kluis::v1::Refusal::KIND_INVALID);
  std::vector<std::string> fields;
  for (const auto& p : r.problems()) {
    fields.push_back(p.field());
    EXPECT_EQ(p.rule(), "required") << p.field();
  }
  EXPECT_EQ(fields,
            (std::vector<std::string>{"invoice.number", "invoice.date"}));
  EXPECT_EQ(Head(), before);
}

TEST_F(RefusalTest, AClosedListSaysWhatItAccepts) {
  const std::string org =
      IdIn(d_.Kluis({"org", "add", "--name", "Basisschool De Regenboog"}).out);
  ASSERT_FALSE(org.empty());
  const std::string before = Head();
  ProcessResult bad =
      d_.Kluis({"case", "add", "--organisation-id", org, "--reporter-name",
                "Fatima El Amrani", "--opened-date", "2026-03-02", "--category",
                "pesten"});
  EXPECT_EQ(bad.exit_code, 2) << bad.err;
  EXPECT_TRUE(absl::StrContains(bad.err, "adviser_case.categories[0]"))
      << bad.err;
  // The practice's list (here the defaults), not the rejected word.
  EXPECT_TRUE(absl::StrContains(bad.err, "bullying, intimidation")) << bad.err;
  EXPECT_FALSE(absl::StrContains(bad.err, "pesten")) << bad.err;
  EXPECT_EQ(Head(), before);
}

TEST_F(RefusalTest, AnImpossibleDateSaysThatDayDoesNotExist) {
  kluis::v1::CreateDossierRequest req;
  req.mutable_client()->set_name("Daan Visser");
  req.mutable_client()->set_birth_date("1990-02-30");
  kluis::v1::CreateDossierResponse resp;
  const std::string before = Head();
  grpc::Status s = d_.DossiersStub()->CreateDossier(Ctx().get(), req, &resp);
  ASSERT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message(), "client.birth_date: that day does not exist");
  const kluis::v1::Refusal r = RefusalIn(s);
  ASSERT_EQ(r.problems_size(), 1);
  EXPECT_EQ(r.problems(0).rule(), "date_not_found");
  EXPECT_FALSE(absl::StrContains(s.error_details(), "1990")) << "value echoed";
  EXPECT_FALSE(absl::StrContains(d_.log(), "1990-02-30"));
  EXPECT_EQ(Head(), before);

  req.mutable_client()->set_birth_date("30/02/1990");
  s = d_.DossiersStub()->CreateDossier(Ctx().get(), req, &resp);
  EXPECT_EQ(s.error_message(),
            "client.birth_date: must be a date as YYYY-MM-DD");
}

// The CLI's words for a refusal on a Dutch system: every problem on its
// own line, named by the option that was typed.
TEST_F(RefusalTest, ADutchReaderIsToldInDutch) {
  const std::string dossier =
      IdIn(d_.Kluis({"client", "add", "--name", "Mila Bakker"}).out);
  ASSERT_FALSE(dossier.empty());
  struct Dutch {
    Dutch() { ::setenv("LANGUAGE", "nl", 1); }
    ~Dutch() { ::unsetenv("LANGUAGE"); }
  } dutch;
  ProcessResult own_term =
      d_.Kluis({"agreement", "add", dossier, "--question", "Loopbaankeuze",
                "--start-date", "2026-02-01", "--retention-years", "10"});
  EXPECT_EQ(own_term.exit_code, 2) << own_term.err;
  EXPECT_EQ(own_term.err,
            "kluis: fout: --retention-deviation-reason: is verplicht als de "
            "bewaartermijn afwijkt van die van de praktijk\n"
            "kluis: fout: --retention-agreed-date: is verplicht als de "
            "bewaartermijn afwijkt van die van de praktijk\n");
}

// kluis's own rewrite of history (compact --purge-erased, re-signed) is
// not a change made outside kluis.
TEST_F(RefusalTest, StatusStaysQuietAfterKluisCompactsItsOwnHistory) {
  const std::string gone =
      IdIn(d_.Kluis({"client", "add", "--name", "Pieter Zandvoort"}).out);
  ASSERT_FALSE(gone.empty());
  ASSERT_EQ(d_.Kluis({"client", "add", "--name", "Anouk Veldkamp"}).exit_code,
            0);
  ProcessResult before = d_.Kluis({"status"});
  ASSERT_FALSE(absl::StrContains(before.out, "WARNING")) << before.out;
  ASSERT_EQ(
      d_.Kluis({"erase", gone, "--reason", "Verzoek van de cliënt"}).exit_code,
      0);
  ProcessResult compact = d_.Kluis({"compact", "--purge-erased"});
  ASSERT_EQ(compact.exit_code, 0) << compact.err;
  ProcessResult after = d_.Kluis({"status"});
  EXPECT_EQ(after.exit_code, 0) << after.err;
  EXPECT_FALSE(absl::StrContains(after.out, "WARNING")) << after.out;
  ASSERT_EQ(d_.Kluis({"client", "add", "--name", "Ruben Kuipers"}).exit_code,
            0);
  EXPECT_FALSE(absl::StrContains(d_.Kluis({"status"}).out, "WARNING"));
}

TEST_F(RefusalTest, StatusWarnsWhenTheHistoryWasChangedByHand) {
  ASSERT_EQ(d_.Kluis({"client", "add", "--name", "Noor Jansen"}).exit_code, 0);
  ProcessResult clean = d_.Kluis({"status"});
  ASSERT_EQ(clean.exit_code, 0) << clean.err;
  EXPECT_FALSE(absl::StrContains(clean.out, "WARNING")) << clean.out;
  // A commit kluisd did not make: same tree, no signature.
  const std::string tree =
      Trim(Git(d_.repo(), {"rev-parse", "main^{tree}"}).out);
  const std::string forged =
      Trim(Git(d_.repo(), {"-c", "user.name=x", "-c", "user.email=x@x",
                           "commit-tree", tree, "-p", "main", "-m", "change"})
               .out);
  ASSERT_EQ(forged.size(), 40u);
  ASSERT_EQ(Git(d_.repo(), {"update-ref", "refs/heads/main", forged}).exit_code,
            0);
  ProcessResult warned = d_.Kluis({"status"});
  EXPECT_EQ(warned.exit_code, 0) << warned.err;
  EXPECT_TRUE(absl::StrContains(warned.out, "WARNING")) << warned.out;
  EXPECT_TRUE(absl::StrContains(warned.out, "audit verify")) << warned.out;
  EXPECT_TRUE(absl::StrContains(warned.out, forged.substr(0, 8))) << warned.out;
}

}  // namespace
}  // namespace kluis::testing
