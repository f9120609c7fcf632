// kluis invoice pdf through the real daemon and CLI: a Dutch invoice for
// the school that commissioned the coaching, read back with pdftotext
// (Dutch words, money and dates as a Dutch reader writes them, the IBAN,
// the invoice number, no id), written privately and never over a file
// without --force, kept as one attachment of the dossier (a new version
// each time, the same bytes as the file) and journalled as an export.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "client/common/connection.h"
#include "kluis/v1/registers.grpc.pb.h"
#include "tests/integration/daemon_harness.h"
#include "tests/support/test_support.h"

namespace kluis::testing {
namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class InvoiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // A Dutch practitioner's environment: documents in Dutch by default.
    setenv("LANGUAGE", "nl_NL", 1);
    ASSERT_TRUE(d_.Start());
    d_.Init();
    dossier_ = Ok({"client", "add", "--name", "Sanne de Vries", "--address",
                   "Dorpsweg 7", "--postcode", "3701 AA", "--city", "Zeist"});
  }

  void TearDown() override { unsetenv("LANGUAGE"); }

  std::string Ok(const std::vector<std::string>& args) {
    ProcessResult r = d_.Kluis(args);
    EXPECT_EQ(r.exit_code, 0) << args[0] << " " << args[1] << ": " << r.err;
    return Trim(r.out);
  }

  void SetProfile() {
    Ok({"profile", "set", "--controller-name", "Coachpraktijk Zonnebloem",
        "--address", "Lindelaan 12", "--postcode", "3511 AB", "--city",
        "Utrecht", "--email", "info@zonnebloem.example", "--iban",
        "NL91ABNA0417164300", "--kvk-number", "12345678", "--vat-number",
        "NL001234567B01"});
  }

  std::string Pdftotext(const std::string& pdf) {
    ProcessResult r = RunCommand({"pdftotext", "-layout", pdf, "-"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }

  // Every record of the dossier as JSON.
  std::string DossierJson() {
    return Ok({"client", "show", dossier_, "--json"});
  }

  DaemonHarness d_;
  std::string dossier_;
};

TEST_F(InvoiceTest, DutchInvoiceForTheCommissioningSchoolKeptAndJournalled) {
  SetProfile();
  const std::string org =
      Ok({"org", "add", "--name", "Basisschool De Regenboog", "--address",
          "Schoolstraat 1", "--postcode", "1234 AB", "--city", "Amersfoort"});
  Ok({"commission", "add", dossier_, "--organisation-id", org,
      "--contact-person", "Pieter Bakker", "--reference", "PO-7781"});
  const std::string invoice =
      Ok({"invoice", "add", dossier_, "--number", "2026-001", "--date",
          "2026-05-12", "--amount", "450,00", "--vat-percent", "21",
          "--description", "Loopbaancoaching, drie sessies"});

  const std::string file = d_.dir().File("factuur.pdf");
  ProcessResult r =
      d_.Kluis({"invoice", "pdf", "Sanne de Vries", invoice, "-o", file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  struct stat st;
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const std::string pdf = ReadAll(file);
  EXPECT_TRUE(absl::StartsWith(pdf, "%PDF-"));

  const std::string text = Pdftotext(file);
  for (const char* want :
       {"Factuur 2026-001", "Coachpraktijk Zonnebloem", "Lindelaan 12",
        "KvK-nummer: 12345678", "BTW-id: NL001234567B01",
        "NL91 ABNA 0417 1643 00", "Basisschool De Regenboog",
        "t.a.v. Pieter Bakker", "Schoolstraat 1", "Uw kenmerk: PO-7781",
        "12 mei 2026", "26 mei 2026", "Totaal excl. BTW", "€ 371,90",
        "BTW 21 %", "€ 78,10", "€ 450,00"}) {
    EXPECT_TRUE(absl::StrContains(text, want)) << want << "\n" << text;
  }
  // Billed to the school: the client's own address is not on it.
  EXPECT_FALSE(absl::StrContains(text, "Dorpsweg")) << text;
  EXPECT_FALSE(std::regex_search(text, std::regex("[0-9a-f]{32}"))) << text;
  EXPECT_FALSE(absl::StrContains(text, "amount_cents")) << text;

  // Kept in the dossier: one attachment, holding what the file holds.
  std::string json = DossierJson();
  EXPECT_TRUE(absl::StrContains(json, "factuur-2026-001.pdf")) << json;
  const size_t at = json.find("factuur-2026-001.pdf");
  const size_t id_at = json.rfind("\"id\": \"", at);
  ASSERT_NE(id_at, std::string::npos) << json;
  const std::string attachment = json.substr(id_at + 7, 32);
  const std::string fetched = d_.dir().File("fetched.pdf");
  Ok({"fetch", dossier_, attachment, "-o", fetched});
  EXPECT_EQ(ReadAll(fetched), pdf);

  // Journalled as a document that left the vault.
  const std::string log = Ok({"audit", "log", "--dossier", dossier_});
  EXPECT_TRUE(absl::StrContains(log, "invoice pdf")) << log;
  EXPECT_TRUE(absl::StrContains(log, "export")) << log;

  // The file is never replaced without --force, and nothing is made then.
  r = d_.Kluis({"invoice", "pdf", dossier_, invoice, "-o", file});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(absl::StrContains(r.err, "--force")) << r.err;
  EXPECT_EQ(ReadAll(file), pdf);
  // --out as for the other documents (export, register).
  r = d_.Kluis({"invoice", "pdf", dossier_, invoice, "--out", file, "--force"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  // A new version of the same attachment, not a second one.
  json = DossierJson();
  EXPECT_EQ(json.find("factuur-2026-001.pdf"),
            json.rfind("factuur-2026-001.pdf"))
      << json;
  const std::string versions = Ok({"history", dossier_, attachment});
  EXPECT_TRUE(absl::StrContains(versions, "create")) << versions;
  EXPECT_TRUE(absl::StrContains(versions, "update")) << versions;
  // As the practitioner sees the dossier: the invoice and its PDF.
  const std::string shown = Ok({"client", "show", dossier_});
  EXPECT_TRUE(absl::StrContains(shown, "factuur-2026-001.pdf")) << shown;
  EXPECT_TRUE(absl::StrContains(shown, "Factuur 2026-001")) << shown;
}

TEST_F(InvoiceTest, EnglishForTheClientWithTheExemption) {
  SetProfile();
  // Its number in the list (1) points at it, as a person would.
  Ok({"invoice", "add", dossier_, "--number", "2026-002", "--date",
      "25-12-2026", "--amount", "1.250,00", "--vat-percent", "0",
      "--vat-exemption-reason", "art. 11 lid 1 onder j Wet OB"});
  const std::string invoice = "1";
  const std::string file = d_.dir().File("invoice.pdf");
  ProcessResult r = d_.Kluis(
      {"invoice", "pdf", dossier_, invoice, "-o", file, "--lang", "en"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string text = Pdftotext(file);
  for (const char* want :
       {"Invoice 2026-002", "Sanne de Vries", "Dorpsweg 7", "Zeist",
        "25 December 2026", "8 January 2027", "VAT 0 %", "€1,250.00",
        "VAT exempt: art. 11 lid 1 onder j Wet OB"}) {
    EXPECT_TRUE(absl::StrContains(text, want)) << want << "\n" << text;
  }
  EXPECT_FALSE(absl::StrContains(text, "Factuur")) << text;
  EXPECT_TRUE(absl::StrContains(DossierJson(), "invoice-2026-002.pdf"));
}

TEST_F(InvoiceTest, RefusedNamingEveryMissingFieldAndNothingWritten) {
  Ok({"profile", "set", "--controller-name", "Coachpraktijk Zonnebloem"});
  std::vector<std::string> add = {
      "invoice",    "add",           dossier_, "--number", "2026-003", "--date",
      "2026-05-12", "--vat-percent", "21",     "--amount", "450"};
  const std::string invoice = Ok(add);
  const std::string file = d_.dir().File("never.pdf");
  ProcessResult r = d_.Kluis({"invoice", "pdf", dossier_, invoice, "-o", file});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  // In Dutch (the fixture's language), each by the option that sets it.
  for (const char* option : {"--address", "--postcode", "--city",
                             "--kvk-number", "--iban", "--vat-number"}) {
    EXPECT_TRUE(absl::StrContains(
        r.err, absl::StrCat("kluis: fout: ", option,
                            ": verplicht voor een factuur\n")))
        << option << ": " << r.err;
  }
  EXPECT_FALSE(absl::StrContains(r.err, "Zonnebloem")) << r.err;
  struct stat st;
  EXPECT_NE(::stat(file.c_str(), &st), 0);
  EXPECT_FALSE(absl::StrContains(DossierJson(), ".pdf"));

  // Not an invoice of this dossier: refused by the daemon too.
  const std::string json = DossierJson();
  std::smatch m;
  ASSERT_TRUE(std::regex_search(
      json, m, std::regex("\"dossierId\": \"([0-9a-f]{32})\"")))
      << json;
  kluis::v1::InvoicePdfRequest req;
  req.set_dossier_id(m[1]);
  req.set_invoice_id(m[1].str());  // no record of the dossier has its id
  kluis::v1::InvoicePdfResponse resp;
  grpc::ClientContext call;
  grpc::Status status =
      kluis::v1::Registers::NewStub(client::Connect(d_.socket()))
          ->InvoicePdf(&call, req, &resp);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_TRUE(absl::StrContains(status.error_message(), "invoice_id"))
      << status.error_message();
  req.set_invoice_id("0123");
  grpc::ClientContext call2;
  status = kluis::v1::Registers::NewStub(client::Connect(d_.socket()))
               ->InvoicePdf(&call2, req, &resp);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace kluis::testing
