// Dates and amounts typed the way a Dutch person types them, through the
// real kluis CLI against the real kluisd: day-first dates in options and in
// imports, impossible dates refused before anything is sent, amounts in
// euros, and the invoice's VAT rule.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "tests/integration/daemon_harness.h"

namespace kluis::testing {
namespace {

class InputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(d_.Start());
    d_.Init();
  }
  void TearDown() override { d_.Stop(); }

  std::string Commits() {
    return Trim(Git(d_.repo(), {"rev-list", "--count", "main"}).out);
  }
  std::string AddClient(const std::string& name) {
    ProcessResult r = d_.Kluis({"client", "add", "--name", name});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Trim(r.out);
  }
  // Refused by the CLI: exit 2, the field and the rule named, the value
  // neither on the terminal nor in the daemon's log, nothing committed.
  void ExpectRefused(const std::vector<std::string>& args,
                     const std::string& error,
                     const std::vector<std::string>& secrets) {
    const std::string before = Commits();
    ProcessResult r = d_.Kluis(args);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_TRUE(absl::StrContains(r.err, error)) << r.err;
    for (const std::string& secret : secrets) {
      EXPECT_FALSE(absl::StrContains(r.err, secret)) << r.err;
      EXPECT_FALSE(absl::StrContains(r.out, secret)) << r.out;
      EXPECT_FALSE(absl::StrContains(d_.log(), secret));
    }
    EXPECT_EQ(Commits(), before);
  }

  DaemonHarness d_;
};

TEST_F(InputTest, ABirthDateIsTypedDayFirstAndAnImpossibleOneDoesNotExist) {
  ProcessResult add = d_.Kluis({"client", "add", "--name", "Sanne de Vries",
                                "--birth-date", "12-05-1988"});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  const std::string sanne = Trim(add.out);
  ProcessResult json = d_.Kluis({"client", "show", sanne, "--json"});
  EXPECT_TRUE(absl::StrContains(json.out, "\"birthDate\": \"1988-05-12\""))
      << json.out;
  EXPECT_TRUE(
      absl::StrContains(d_.Kluis({"client", "show", sanne}).out, "1988-05-12"));

  for (const char* other : {"3/7/1985", "03.07.1985", "1985-07-03"}) {
    ProcessResult r =
        d_.Kluis({"client", "update", sanne, "--birth-date", other});
    ASSERT_EQ(r.exit_code, 0) << other << ": " << r.err;
    EXPECT_TRUE(absl::StrContains(
        d_.Kluis({"client", "show", sanne, "--json"}).out, "1985-07-03"))
        << other;
  }

  ExpectRefused(
      {"client", "add", "--name", "Noor Bakker", "--birth-date", "30-02-1990"},
      "--birth-date: that day does not exist",
      {"30-02-1990", "1990-02-30", "Noor Bakker"});
  ExpectRefused({"client", "update", sanne, "--birth-date", "1990-02-30"},
                "--birth-date: that day does not exist",
                {"1990-02-30", "30-02-1990"});
  ExpectRefused(
      {"client", "add", "--name", "Noor Bakker", "--birth-date", "31-02-1980"},
      "--birth-date: that day does not exist", {"31-02-1980", "1980-02-31"});
  ExpectRefused(
      {"client", "add", "--name", "Noor Bakker", "--birth-date", "12-05-88"},
      "--birth-date: write the year in four digits", {"12-05-88"});
  // Any date field: an agreement's start.
  ExpectRefused({"agreement", "add", sanne, "--question", "Rust vinden",
                 "--start-date", "31-04-2026"},
                "--start-date: that day does not exist", {"31-04-2026"});
  ProcessResult agreement =
      d_.Kluis({"agreement", "add", sanne, "--question", "Rust vinden",
                "--start-date", "5-1-2026"});
  ASSERT_EQ(agreement.exit_code, 0) << agreement.err;
  EXPECT_TRUE(absl::StrContains(
      d_.Kluis({"agreement", "show", sanne, Trim(agreement.out), "--json"}).out,
      "2026-01-05"));
}

TEST_F(InputTest, AnInvoiceIsTypedAndShownInEuros) {
  const std::string sanne = AddClient("Sanne de Vries");
  ProcessResult add =
      d_.Kluis({"invoice", "add", sanne, "--number", "2026-001", "--date",
                "1-2-2026", "--amount", "450,00", "--vat-percent", "21"});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  const std::string invoice = Trim(add.out);

  ProcessResult show = d_.Kluis({"invoice", "show", sanne, invoice});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_TRUE(absl::StrContains(show.out, "amount:")) << show.out;
  EXPECT_TRUE(absl::StrContains(show.out, "€ 450,00")) << show.out;
  EXPECT_FALSE(absl::StrContains(show.out, "45000")) << show.out;
  EXPECT_TRUE(absl::StrContains(show.out, "vat percent:")) << show.out;
  EXPECT_TRUE(absl::StrContains(show.out, "2026-02-01")) << show.out;
  ProcessResult list = d_.Kluis({"invoice", "list", sanne});
  EXPECT_TRUE(absl::StrContains(list.out, "€ 450,00")) << list.out;
  // --json keeps cents.
  ProcessResult json = d_.Kluis({"invoice", "show", sanne, invoice, "--json"});
  EXPECT_TRUE(absl::StrContains(json.out, "\"amountCents\": \"45000\""))
      << json.out;
  EXPECT_TRUE(absl::StrContains(json.out, "\"vatPercent\": 21")) << json.out;

  for (const auto& [typed, cents] :
       std::vector<std::pair<std::string, std::string>>{
           {"1.250,50", "125050"}, {"1250.50", "125050"}, {"€ 99", "9900"}}) {
    ASSERT_EQ(d_.Kluis({"invoice", "update", sanne, invoice, "--amount", typed})
                  .exit_code,
              0)
        << typed;
    EXPECT_TRUE(absl::StrContains(
        d_.Kluis({"invoice", "show", sanne, invoice, "--json"}).out,
        "\"amountCents\": \"" + cents + "\""))
        << typed;
  }
  EXPECT_TRUE(absl::StrContains(
      d_.Kluis({"invoice", "show", sanne, invoice}).out, "€ 99,00"));

  ExpectRefused({"invoice", "update", sanne, invoice, "--amount", "1.250"},
                "--amount: ambiguous", {});
  ExpectRefused({"invoice", "update", sanne, invoice, "--amount", "12,505"},
                "--amount: ", {"12,505"});
  ExpectRefused({"invoice", "update", sanne, invoice, "--amount", "450,0050"},
                "--amount: at most two decimals", {"450,0050"});
  ExpectRefused({"invoice", "update", sanne, invoice, "--amount", "-450"},
                "--amount: must not be negative", {});
  EXPECT_EQ(
      d_.Kluis({"invoice", "update", sanne, invoice, "--amount-cents", "45000"})
          .exit_code,
      2);

  // The VAT rule lives in the daemon: an exemption reason only with 0 %.
  const std::string before = Commits();
  ProcessResult both =
      d_.Kluis({"invoice", "add", sanne, "--number", "2026-002", "--date",
                "2-2-2026", "--amount", "450", "--vat-percent", "21",
                "--vat-exemption-reason", "vrijgesteld, art. 11 Wet OB"});
  EXPECT_EQ(both.exit_code, 2) << both.err;
  EXPECT_TRUE(absl::StrContains(
      both.err, "invoice.vat_exemption_reason: only with 0 % VAT"))
      << both.err;
  EXPECT_FALSE(absl::StrContains(both.err, "Wet OB"));
  EXPECT_EQ(Commits(), before);
  ProcessResult exempt =
      d_.Kluis({"invoice", "add", sanne, "--number", "2026-002", "--date",
                "2-2-2026", "--amount", "450", "--vat-exemption-reason",
                "vrijgesteld, art. 11 Wet OB"});
  EXPECT_EQ(exempt.exit_code, 0) << exempt.err;
}

TEST_F(InputTest, ImportsTakeDayFirstDatesAndNameTheRowOfAnImpossibleOne) {
  const std::string csv = d_.dir().File("klanten.csv");
  WriteFileOrDie(csv,
                 "naam;geboortedatum\r\n"
                 "Sanne de Vries;12-5-1988\r\n"
                 "Daan Smit;01/04/1990\r\n"
                 "Eva Groen;3.7.1985\r\n");
  ProcessResult r = d_.Kluis({"import", "clients", csv});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string list = d_.Kluis({"client", "list", "--json"}).out;
  for (const char* name : {"Sanne de Vries", "Daan Smit", "Eva Groen"}) {
    EXPECT_TRUE(absl::StrContains(list, name)) << name;
  }
  EXPECT_TRUE(absl::StrContains(
      d_.Kluis({"client", "show", "Sanne de Vries", "--json"}).out,
      "1988-05-12"));
  EXPECT_TRUE(absl::StrContains(
      d_.Kluis({"client", "show", "Daan Smit", "--json"}).out, "1990-04-01"));
  EXPECT_TRUE(absl::StrContains(
      d_.Kluis({"client", "show", "Eva Groen", "--json"}).out, "1985-07-03"));

  const std::string bad = d_.dir().File("fout.csv");
  WriteFileOrDie(bad,
                 "naam,plaats,geboortedatum\n"
                 "Lotte Visser,Zwolle,4-5-1990\n"
                 "Noor Bakker,Ede,31-02-1980\n"
                 "Bram Kok,Ede,4-5-90\n");
  ExpectRefused({"import", "clients", bad},
                "row 2 (line 3): client.birth_date (column 3): that day does "
                "not exist",
                {"31-02-1980", "1980-02-31", "Noor Bakker"});
  ProcessResult again = d_.Kluis({"import", "clients", bad});
  EXPECT_TRUE(absl::StrContains(
      again.err,
      "row 3 (line 4): client.birth_date (column 3): write the "
      "year in four digits"))
      << again.err;
  EXPECT_FALSE(absl::StrContains(again.err, "4-5-90"));
  // With --skip-invalid the good row goes in.
  ProcessResult skip = d_.Kluis({"import", "clients", bad, "--skip-invalid"});
  ASSERT_EQ(skip.exit_code, 0) << skip.err;
  EXPECT_TRUE(absl::StrContains(
      d_.Kluis({"client", "show", "Lotte Visser", "--json"}).out,
      "1990-05-04"));

  // One ImportDossier per line: the same dates.
  const std::string jsonl = d_.dir().File("import.jsonl");
  WriteFileOrDie(jsonl,
                 "{\"client\": {\"name\": \"Fenna Jansen\", \"birthDate\": "
                 "\"9-11-1979\"}}\n");
  ProcessResult lines = d_.Kluis({"client", "import", jsonl});
  ASSERT_EQ(lines.exit_code, 0) << lines.err;
  EXPECT_TRUE(absl::StrContains(
      d_.Kluis({"client", "show", "Fenna Jansen", "--json"}).out,
      "1979-11-09"));
  const std::string bad_jsonl = d_.dir().File("fout.jsonl");
  WriteFileOrDie(bad_jsonl,
                 "{\"client\": {\"name\": \"Mila Jong\"}}\n"
                 "{\"client\": {\"name\": \"Mila Smit\", \"birthDate\": "
                 "\"30-02-1990\"}}\n");
  ExpectRefused({"client", "import", bad_jsonl},
                "line 2: client.birth_date: that day does not exist",
                {"30-02-1990", "1990-02-30", "Mila"});
}

}  // namespace
}  // namespace kluis::testing
