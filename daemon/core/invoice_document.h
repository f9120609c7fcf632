// The invoice a practice sends: a Dutch ("Factuur") or English document
// laid out from the practice profile, the invoice record and the party
// billed (the organisation, else the client). It shows what Dutch tax law
// asks of an invoice: the practice's name, address, KvK and VAT numbers,
// the addressee's name and address, the invoice number and date, the
// amount excluding VAT, the VAT rate and amount (or the exemption), the
// total, and how and by when to pay.
//
// Privacy rule: the document carries what an invoice needs and nothing
// else: no record or dossier id, no hash, nothing of the dossier beyond
// the addressee's name, address and the invoice's own description. A
// refusal names the missing fields, never a value.
//
// Every word goes through the gettext catalogue (daemon/i18n): Dutch by
// default, English on request.
//
// Thread-safety: pure functions.
#ifndef KLUIS_DAEMON_CORE_INVOICE_DOCUMENT_H_
#define KLUIS_DAEMON_CORE_INVOICE_DOCUMENT_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "daemon/core/document.h"
#include "daemon/i18n/translator.h"
#include "kluis/v1/records.pb.h"

namespace kluis::core {

// Who the invoice is addressed to. `field` names the record the values
// come from in a refusal: "organisation" or "client".
struct InvoiceAddressee {
  std::string field;
  std::string name;
  std::string attention;  // "t.a.v." a contact person; may be empty
  std::string address;
  std::string postcode;
  std::string city;
  std::string reference;  // the addressee's order number; may be empty
};

struct InvoiceInputs {
  kluis::v1::PracticeProfile practice;
  kluis::v1::Invoice invoice;
  InvoiceAddressee addressee;
  std::string lang;  // "nl" or "" (Dutch), "en"
};

// An amount including VAT, split. The VAT is rounded to the cent (half
// away from zero), and the amount excluding VAT is what remains, so the
// two always add up to the total.
struct VatSplit {
  int64_t excluding_cents = 0;
  int64_t vat_cents = 0;
  int64_t total_cents = 0;
};
VatSplit SplitVat(int64_t including_cents, uint32_t vat_percent);

// The day `days` after an ISO date, as an ISO date ("" for a bad date).
std::string AddDays(const std::string& iso_date, int days);

// "Factuur 2026-001" / "Invoice 2026-001": the document's title, and the
// description of the attachment that keeps it.
std::string InvoiceTitle(const std::string& number, const i18n::Translator& t);

// The file name the PDF is kept under: "factuur-2026-001.pdf" ("invoice-…"
// in English), with any character unsafe in a file name replaced.
std::string InvoiceFileName(const std::string& number,
                            const i18n::Translator& t);

// Errors: kInvalidArgument "lang: must be nl or en"; kInvalidArgument
// with a refusal (refusal.h) that names every missing field at once, rule
// "required" ("profile.kvk_number: required for an invoice;
// profile.iban: required for an invoice").
absl::Status CheckInvoiceInputs(const InvoiceInputs& in);

// The invoice, once CheckInvoiceInputs passes (its errors otherwise).
absl::StatusOr<Document> InvoiceDocument(const InvoiceInputs& in);

}  // namespace kluis::core

#endif  // KLUIS_DAEMON_CORE_INVOICE_DOCUMENT_H_
