// Consent and disclosure through the real daemon and CLI: a disclosure of
// identifiable data without a consent in force is refused with the rule
// and changes nothing; with the consent it is recorded and journalled.
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "tests/integration/daemon_harness.h"
#include "tests/support/test_support.h"

namespace kluis::testing {
namespace {

TEST(ConsentTest, ADisclosureNeedsTheClientsConsentAndIsJournalled) {
  DaemonHarness d;
  ASSERT_TRUE(d.Start());
  d.Init();
  const std::string dossier = IdFromJson(
      d.Kluis({"client", "add", "--name", "Joris Timmer", "--json"}).out);
  ASSERT_EQ(dossier.size(), 32u);
  const std::vector<std::string> disclose = {"disclosure",
                                             "add",
                                             dossier,
                                             "--to",
                                             "third-party",
                                             "--recipient",
                                             "Bedrijfsarts De Wit",
                                             "--what",
                                             "Voortgangsverslag",
                                             "--date",
                                             "2026-03-05",
                                             "--ground",
                                             "consent"};
  const std::string head = Trim(Git(d.repo(), {"rev-parse", "main"}).out);
  ProcessResult none = d.Kluis(disclose);
  EXPECT_EQ(none.exit_code, 2) << none.err;
  EXPECT_TRUE(absl::StrContains(none.err, "disclosure.consent_id: is required"))
      << none.err;
  EXPECT_FALSE(absl::StrContains(none.err, "De Wit")) << none.err;

  const std::string consent = IdFromJson(
      d.Kluis({"consent", "add", dossier, "--recipient", "Bedrijfsarts De Wit",
               "--purpose", "Terugkoppeling re-integratie", "--given-date",
               "2026-01-10", "--withdrawn-date", "2026-03-01", "--json"})
          .out);
  ASSERT_EQ(consent.size(), 32u);
  const std::string with_consent =
      Trim(Git(d.repo(), {"rev-parse", "main"}).out);
  ASSERT_NE(with_consent, head);
  std::vector<std::string> args = disclose;
  args.insert(args.end(), {"--consent-id", consent});
  ProcessResult withdrawn = d.Kluis(args);
  EXPECT_NE(withdrawn.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(withdrawn.err, "withdrawn on 2026-03-01"))
      << withdrawn.err;
  EXPECT_EQ(Trim(Git(d.repo(), {"rev-parse", "main"}).out), with_consent);

  args[10] = "2026-02-20";  // --date, while the consent was in force
  ProcessResult ok = d.Kluis(args);
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  ProcessResult log = d.Kluis({"audit", "log", "--dossier", dossier});
  EXPECT_TRUE(absl::StrContains(log.out, "disclosure")) << log.out;
  EXPECT_TRUE(absl::StrContains(log.out, "on consent " + consent)) << log.out;
  ProcessResult del = d.Kluis({"consent", "delete", dossier, consent});
  EXPECT_NE(del.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(del.err, "withdrawn_date instead")) << del.err;
}

}  // namespace
}  // namespace kluis::testing
