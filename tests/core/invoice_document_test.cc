// The invoice document: the VAT split of an amount including VAT, the
// exemption printed at 0 %, money and dates as a Dutch reader writes them,
// every missing field reported at once, and no id or hash in the text.
#include "daemon/core/invoice_document.h"

#include <gtest/gtest.h>

#include <regex>

#include "absl/strings/match.h"
#include "daemon/core/refusal.h"

namespace kluis::core {
namespace {

InvoiceInputs Complete() {
  InvoiceInputs in;
  kluis::v1::PracticeProfile& p = in.practice;
  p.set_controller_name("Coachpraktijk Zonnebloem");
  p.set_address("Lindelaan 12");
  p.set_postcode("3511 AB");
  p.set_city("Utrecht");
  p.set_email("info@zonnebloem.example");
  p.set_phone("030 123 4567");
  p.set_kvk_number("12345678");
  p.set_vat_number("NL001234567B01");
  p.set_iban("NL91ABNA0417164300");
  kluis::v1::Invoice& inv = in.invoice;
  inv.set_number("2026-001");
  inv.set_date("2026-05-12");
  inv.set_amount_cents(45000);
  inv.set_vat_percent(21);
  inv.set_description("Loopbaancoaching, drie sessies");
  in.addressee = {"organisation",   "Basisschool De Regenboog",
                  "Sanne de Vries", "Schoolstraat 1",
                  "1234 AB",        "Amersfoort",
                  "PO-7781"};
  return in;
}

std::string Text(const InvoiceInputs& in) {
  absl::StatusOr<Document> doc = InvoiceDocument(in);
  EXPECT_TRUE(doc.ok()) << doc.status();
  return doc.ok() ? doc->Markdown() : "";
}

TEST(InvoiceDocumentTest, SplitsTwentyOnePercentOfAnAmountIncludingVat) {
  const VatSplit s = SplitVat(45000, 21);
  EXPECT_EQ(s.excluding_cents, 37190);
  EXPECT_EQ(s.vat_cents, 7810);
  EXPECT_EQ(s.total_cents, 45000);
  // Rounded to the cent, and the parts always add up.
  for (int64_t cents : {1, 99, 100, 12345, 99999, 1000001}) {
    for (uint32_t pct : {0u, 9u, 21u}) {
      const VatSplit v = SplitVat(cents, pct);
      EXPECT_EQ(v.excluding_cents + v.vat_cents, cents) << cents << " " << pct;
      EXPECT_LE(std::llabs(v.vat_cents * (100 + pct) -
                           cents * static_cast<int64_t>(pct)),
                (100 + static_cast<int64_t>(pct)) / 2 + 1)
          << cents << " " << pct;
    }
  }
  EXPECT_EQ(SplitVat(121, 21).vat_cents, 21);
  EXPECT_EQ(SplitVat(-45000, 21).vat_cents, -7810);  // a credit note
  EXPECT_EQ(SplitVat(45000, 0).vat_cents, 0);
}

TEST(InvoiceDocumentTest, DueDateAndFileName) {
  EXPECT_EQ(AddDays("2026-12-25", 14), "2027-01-08");
  EXPECT_EQ(AddDays("25-12-2026", 14), "");
  EXPECT_EQ(InvoiceFileName("2026/001", i18n::Translator::Dutch()),
            "factuur-2026-001.pdf");
  EXPECT_EQ(InvoiceFileName("2026-001", i18n::Translator::English()),
            "invoice-2026-001.pdf");
}

TEST(InvoiceDocumentTest, DutchInvoiceWithEverythingTheLawAsks) {
  const std::string md = Text(Complete());
  for (const char* want :
       {"# Factuur 2026-001", "Coachpraktijk Zonnebloem", "Lindelaan 12",
        "3511 AB  Utrecht", "KvK-nummer: 12345678", "BTW-id: NL001234567B01",
        "IBAN: NL91 ABNA 0417 1643 00", "Basisschool De Regenboog",
        "t.a.v. Sanne de Vries", "Schoolstraat 1", "1234 AB  Amersfoort",
        "Uw kenmerk: PO-7781", "| 2026-001 | 12 mei 2026 | 26 mei 2026 |",
        "| Loopbaancoaching, drie sessies | € 371,90 |",
        "| Totaal excl. BTW | € 371,90 |", "| BTW 21 % | € 78,10 |",
        "| Totaal | € 450,00 |", "uiterlijk 26 mei 2026"}) {
    EXPECT_TRUE(absl::StrContains(md, want)) << want << "\n" << md;
  }
  EXPECT_FALSE(absl::StrContains(md, "vrijgesteld")) << md;
}

TEST(InvoiceDocumentTest, PaymentTermFromTheProfile) {
  InvoiceInputs in = Complete();
  in.practice.set_payment_term_days(30);
  EXPECT_TRUE(absl::StrContains(Text(in), "| 11 juni 2026 |"));
}

TEST(InvoiceDocumentTest, ZeroPercentPrintsTheExemption) {
  InvoiceInputs in = Complete();
  in.invoice.set_vat_percent(0);
  in.invoice.set_vat_exemption_reason("art. 11 lid 1 onder j Wet OB");
  in.practice.clear_vat_number();  // not needed without VAT
  const std::string md = Text(in);
  EXPECT_TRUE(absl::StrContains(md, "| BTW 0 % | € 0,00 |")) << md;
  EXPECT_TRUE(absl::StrContains(md, "| Totaal excl. BTW | € 450,00 |")) << md;
  EXPECT_TRUE(
      absl::StrContains(md, "BTW vrijgesteld: art. 11 lid 1 onder j Wet OB"))
      << md;
}

TEST(InvoiceDocumentTest, EnglishOnRequest) {
  InvoiceInputs in = Complete();
  in.lang = "en";
  const std::string md = Text(in);
  EXPECT_TRUE(absl::StrContains(md, "# Invoice 2026-001")) << md;
  EXPECT_TRUE(absl::StrContains(md, "| VAT 21 % | €78.10 |")) << md;
  EXPECT_TRUE(absl::StrContains(md, "26 May 2026")) << md;
  EXPECT_FALSE(absl::StrContains(md, "Factuur")) << md;
  in.lang = "de";
  EXPECT_EQ(InvoiceDocument(in).status().message(), "lang: must be nl or en");
}

TEST(InvoiceDocumentTest, EveryMissingFieldReportedAtOnceWithoutValues) {
  InvoiceInputs in = Complete();
  in.practice.clear_iban();
  in.practice.clear_kvk_number();
  in.practice.clear_vat_number();
  in.practice.set_city("  ");
  in.addressee.address.clear();
  in.invoice.clear_number();
  in.invoice.set_date("12-05-2026");
  absl::StatusOr<Document> doc = InvoiceDocument(in);
  ASSERT_EQ(doc.status().code(), absl::StatusCode::kInvalidArgument);
  const std::string msg(doc.status().message());
  for (const char* field :
       {"profile.city", "profile.kvk_number", "profile.iban",
        "profile.vat_number", "organisation.address", "invoice.number",
        "invoice.date"}) {
    EXPECT_TRUE(absl::StrContains(msg, field)) << field << ": " << msg;
  }
  EXPECT_TRUE(absl::StrContains(msg, "required for an invoice")) << msg;
  EXPECT_FALSE(absl::StrContains(msg, "12-05-2026")) << msg;
  EXPECT_FALSE(absl::StrContains(msg, "Regenboog")) << msg;

  // 0 % without a ground of exemption: the rate was never stated.
  in = Complete();
  in.invoice.set_vat_percent(0);
  EXPECT_EQ(InvoiceDocument(in).status().message(),
            "invoice.vat_percent: required for an invoice");
  std::optional<kluis::v1::Refusal> refusal =
      RefusalOf(InvoiceDocument(in).status());
  ASSERT_TRUE(refusal.has_value());
  ASSERT_EQ(refusal->problems_size(), 1);
  EXPECT_EQ(refusal->problems(0).field(), "invoice.vat_percent");
  EXPECT_EQ(refusal->problems(0).rule(), "required");

  // A client billed directly is named as the client.
  in = Complete();
  in.addressee = {"client", "", "", "", "", "", ""};
  EXPECT_EQ(InvoiceDocument(in).status().message(),
            "client.name: required for an invoice; client.address: required "
            "for an invoice; client.city: required for an invoice");
}

TEST(InvoiceDocumentTest, NoIdsOrHashesInTheText) {
  const std::string md = Text(Complete());
  EXPECT_FALSE(std::regex_search(md, std::regex("[0-9a-f]{32}"))) << md;
  EXPECT_FALSE(std::regex_search(md, std::regex("[0-9a-f]{40}"))) << md;
  EXPECT_FALSE(absl::StrContains(md, "organisation_id")) << md;
  EXPECT_FALSE(absl::StrContains(md, "_cents")) << md;
}

TEST(InvoiceDocumentTest, RendersAsPdf) {
  absl::StatusOr<Document> doc = InvoiceDocument(Complete());
  ASSERT_TRUE(doc.ok());
  absl::StatusOr<std::string> pdf = doc->Pdf();
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  EXPECT_TRUE(absl::StartsWith(*pdf, "%PDF-")) << pdf->substr(0, 8);
}

}  // namespace
}  // namespace kluis::core
