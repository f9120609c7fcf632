#include "daemon/core/invoice_document.h"

#include <cstdlib>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/substitute.h"
#include "absl/time/civil_time.h"
#include "daemon/core/refusal.h"

namespace kluis::core {
namespace {

using i18n::Translator;

bool ParseDay(const std::string& iso, absl::CivilDay* day) {
  return iso.size() == 10 && absl::ParseCivilTime(iso, day);
}

// "NL91 ABNA 0417 1643 00": an IBAN as people read it out.
std::string IbanText(const std::string& iban) {
  std::string out;
  for (size_t i = 0; i < iban.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += ' ';
    out += iban[i];
  }
  return out;
}

bool Has(const std::string& s) {
  for (char c : s) {
    if (!absl::ascii_isspace(static_cast<unsigned char>(c))) return true;
  }
  return false;
}

void Need(bool present, const std::string& field,
          std::vector<std::string>* missing) {
  if (!present) missing->push_back(field);
}

// The lines that are present, one per line.
std::string Lines(const std::vector<std::string>& lines) {
  std::vector<std::string> kept;
  for (const std::string& l : lines) {
    if (Has(l)) kept.push_back(l);
  }
  return absl::StrJoin(kept, "\n");
}

// "1234 AB  Utrecht": two spaces, as a Dutch address is written.
std::string PostcodeCity(const std::string& postcode, const std::string& city) {
  return Has(postcode) && Has(city) ? absl::StrCat(postcode, "  ", city)
                                    : absl::StrCat(postcode, city);
}

// `format` (a translated text with $0…) filled in when `value` is present;
// "" otherwise.
std::string IfPresent(const std::string& format, const std::string& value) {
  return Has(value) ? absl::Substitute(format, value) : "";
}

}  // namespace

VatSplit SplitVat(int64_t including_cents, uint32_t vat_percent) {
  VatSplit s;
  s.total_cents = including_cents;
  const int64_t divisor = 100 + static_cast<int64_t>(vat_percent);
  const int64_t magnitude = std::llabs(including_cents);
  // round(magnitude * p / (100 + p)), half up, in integers.
  const int64_t vat =
      (2 * magnitude * static_cast<int64_t>(vat_percent) + divisor) /
      (2 * divisor);
  s.vat_cents = including_cents < 0 ? -vat : vat;
  s.excluding_cents = including_cents - s.vat_cents;
  return s;
}

std::string AddDays(const std::string& iso_date, int days) {
  absl::CivilDay d;
  if (!ParseDay(iso_date, &d)) return "";
  return absl::FormatCivilTime(d + days);
}

std::string InvoiceTitle(const std::string& number, const Translator& t) {
  return absl::Substitute(t.Tr("Invoice $0"), number);
}

std::string InvoiceFileName(const std::string& number, const Translator& t) {
  std::string safe;
  for (char c : number) {
    const bool ok = absl::ascii_isalnum(static_cast<unsigned char>(c)) ||
                    c == '-' || c == '_' || c == '.';
    safe += ok ? c : '-';
  }
  // TRANSLATORS: the start of the invoice's file name, lower case, no spaces.
  return absl::StrCat(t.Tr("invoice"), "-", safe, ".pdf");
}

absl::Status CheckInvoiceInputs(const InvoiceInputs& in) {
  if (absl::Status s = Translator::For(in.lang).status(); !s.ok()) return s;
  const kluis::v1::PracticeProfile& p = in.practice;
  const kluis::v1::Invoice& inv = in.invoice;
  std::vector<std::string> missing;
  Need(Has(p.controller_name()), "profile.controller_name", &missing);
  Need(Has(p.address()), "profile.address", &missing);
  Need(Has(p.postcode()), "profile.postcode", &missing);
  Need(Has(p.city()), "profile.city", &missing);
  Need(Has(p.kvk_number()), "profile.kvk_number", &missing);
  Need(Has(p.iban()), "profile.iban", &missing);
  // Charging VAT needs the practice's VAT identification number.
  if (inv.vat_percent() > 0) {
    Need(Has(p.vat_number()), "profile.vat_number", &missing);
  }
  const std::string& who = in.addressee.field;
  Need(Has(in.addressee.name), absl::StrCat(who, ".name"), &missing);
  Need(Has(in.addressee.address), absl::StrCat(who, ".address"), &missing);
  Need(Has(in.addressee.city), absl::StrCat(who, ".city"), &missing);
  Need(Has(inv.number()), "invoice.number", &missing);
  absl::CivilDay day;
  Need(ParseDay(inv.date(), &day), "invoice.date", &missing);
  // 0 % is stated only with the ground of the exemption; without one the
  // rate was never given.
  if (inv.vat_percent() == 0 && !Has(inv.vat_exemption_reason())) {
    missing.push_back("invoice.vat_percent");
  }
  Problems problems;
  for (const std::string& field : missing) {
    problems.Add(field, rule::kRequired, N_("required for an invoice"));
  }
  return problems.ToStatus();
}

absl::StatusOr<Document> InvoiceDocument(const InvoiceInputs& in) {
  if (absl::Status s = CheckInvoiceInputs(in); !s.ok()) return s;
  const Translator t = *Translator::For(in.lang);
  const kluis::v1::PracticeProfile& p = in.practice;
  const kluis::v1::Invoice& inv = in.invoice;
  const InvoiceAddressee& to = in.addressee;
  const uint32_t term = p.payment_term_days() == 0 ? 14 : p.payment_term_days();
  const std::string due = AddDays(inv.date(), static_cast<int>(term));
  const VatSplit split = SplitVat(inv.amount_cents(), inv.vat_percent());

  Document doc(InvoiceTitle(inv.number(), t));
  doc.Paragraph(Lines({
      p.controller_name(),
      p.address(),
      PostcodeCity(p.postcode(), p.city()),
      IfPresent(t.Tr("E-mail: $0"), p.email()),
      IfPresent(t.Tr("Phone: $0"), p.phone()),
  }));
  doc.Paragraph(Lines({
      absl::Substitute(t.Tr("Chamber of Commerce (KvK): $0"), p.kvk_number()),
      IfPresent(t.Tr("VAT number: $0"), p.vat_number()),
      absl::StrCat("IBAN: ", IbanText(p.iban())),
  }));
  // TRANSLATORS: above the name and address of whom the invoice is for.
  doc.Heading(t.Tr("To"));
  doc.Paragraph(Lines({
      to.name,
      // TRANSLATORS: "for the attention of" a contact person.
      IfPresent(t.Tr("Attn. $0"), to.attention),
      to.address,
      PostcodeCity(to.postcode, to.city),
      IfPresent(t.Tr("Your reference: $0"), to.reference),
  }));
  doc.Table({t.Tr("Invoice number"), t.Tr("Invoice date"), t.Tr("Due date")},
            {{inv.number(), t.Date(inv.date()), t.Date(due)}});
  doc.Table({t.Tr("Description"), t.Tr("Amount")},
            {
                {Has(inv.description()) ? inv.description() : t.Tr("Services"),
                 t.Money(split.excluding_cents)},
                {t.Tr("Total excluding VAT"), t.Money(split.excluding_cents)},
                {absl::Substitute(t.Tr("VAT $0 %"), inv.vat_percent()),
                 t.Money(split.vat_cents)},
                {t.Tr("Total"), t.Money(split.total_cents)},
            });
  if (inv.vat_percent() == 0) {
    doc.Paragraph(
        absl::Substitute(t.Tr("VAT exempt: $0"), inv.vat_exemption_reason()));
  }
  doc.Paragraph(absl::Substitute(
      t.Tr("Please pay $0 by $1 to IBAN $2 in the name of $3, quoting invoice "
           "number $4."),
      t.Money(split.total_cents), t.Date(due), IbanText(p.iban()),
      p.controller_name(), inv.number()));
  return doc;
}

}  // namespace kluis::core
