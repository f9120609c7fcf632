#include "daemon/core/processing_register.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "daemon/core/kind_rules.h"

namespace kluis::core {
namespace {

using kluis::v1::ProcessingActivity;
using kluis::v1::Record;
using kluis::v1::RecordKind;

struct Usage {
  uint64_t dossiers = 0;
  std::set<RecordKind> kinds;
  std::set<kluis::v1::DisclosureRecipient> disclosed_to;
  bool guardians = false, accused = false, children = false;
};

void AddCategories(const std::set<RecordKind>& kinds, ProcessingActivity* a) {
  for (RecordKind k : kinds) {
    const std::string name = CategoryOf(k);
    if (name.empty()) continue;
    kluis::v1::DataCategory* c = a->add_data_categories();
    c->set_name(name);
    c->set_special_category(IsSpecialCategory(k));
  }
}

void AddRecipients(const Usage& u,
                   const std::vector<kluis::v1::Processor>& processors,
                   const std::string& today, ProcessingActivity* a) {
  for (const kluis::v1::Processor& p : processors) {
    if (!p.ended_date().empty() && p.ended_date() < today) continue;
    a->add_recipients(
        absl::StrCat("processor ", p.name(), " (", p.service(), ")"));
  }
  if (u.disclosed_to.count(kluis::v1::DISCLOSURE_RECIPIENT_THIRD_PARTY)) {
    a->add_recipients(
        "third parties named by the client, only on the client's explicit "
        "consent or a legal obligation (each disclosure is registered in "
        "the dossier)");
  }
  if (u.disclosed_to.count(kluis::v1::DISCLOSURE_RECIPIENT_INTERVISION)) {
    a->add_recipients("colleagues in intervision, anonymised only");
  }
  if (a->recipients_size() == 0) a->add_recipients("none");
}

std::string Transfers(const std::vector<kluis::v1::Processor>& processors) {
  std::vector<std::string> out;
  for (const kluis::v1::Processor& p : processors) {
    if (p.third_country().empty()) continue;
    out.push_back(absl::StrCat(p.third_country(), " through processor ",
                               p.name(),
                               " (safeguard: ", p.transfer_safeguard(), ")"));
  }
  if (out.empty()) {
    return "none: the vault stays on the practitioner's computer and her "
           "own backup drives";
  }
  return absl::StrJoin(out, "; ");
}

std::vector<std::string> Measures(const SecurityFacts& s) {
  std::vector<std::string> out = {
      EncryptionFacts(s.scrypt_work_factor),
      absl::StrCat(
          "Key handling: the vault key is sealed with the practitioner's "
          "passphrase (scrypt, work factor 2^",
          s.scrypt_work_factor,
          "); a recovery key was shown once and is kept on paper, only its "
          "public part is stored; keys in memory live in locked memory that "
          "is wiped on release; core dumps are disabled; ",
          s.idle_lock == absl::ZeroDuration()
              ? "the vault does not lock itself when idle."
              : absl::StrCat("the vault locks itself after ",
                             absl::ToInt64Minutes(s.idle_lock),
                             " minutes without use.")),
      "Access restricted to the owner: the daemon answers only the owner's "
      "user account (a Unix socket of mode 0600 in a private directory, the "
      "peer's credentials checked on every connection); the desktop and "
      "command-line clients hold no keys.",
      "Accountability: every change is a signed commit (ssh-ed25519) in a "
      "versioned history; unlocking, exports, disclosures and erasures are "
      "journalled.",
      "Erasure: an erased dossier's key is destroyed here and on each backup "
      "drive at its next run (crypto-shredding); the BSN is refused in every "
      "field."};
  if (s.backups.empty()) {
    out.push_back("Backups: no backup drive is registered.");
  }
  for (const BackupFact& b : s.backups) {
    out.push_back(absl::StrCat(
        "Backup to drive ", b.name, ": ",
        b.last_good_run.empty()
            ? std::string("no successful backup yet")
            : absl::StrCat("last successful backup, mirrored and verified, ",
                           b.last_good_run),
        b.overdue ? " (OVERDUE)" : ""));
  }
  return out;
}

std::string Years(uint32_t n) {
  return absl::StrCat(n, n == 1 ? " year" : " years");
}

}  // namespace

std::string EncryptionFacts(int scrypt_work_factor) {
  return absl::StrCat(
      "Encryption at rest: every record and attachment is an age v1 file "
      "(X25519 key agreement, HKDF-SHA-256, ChaCha20-Poly1305 in 64 KiB "
      "chunks), with one key per dossier; keys are themselves age files, "
      "sealed to the vault key, which is sealed with the passphrase (scrypt, "
      "work factor 2^",
      scrypt_work_factor, "). No plaintext is written to disk.");
}

std::string CategoryOf(RecordKind kind) {
  switch (kind) {
    case kluis::v1::RECORD_KIND_CLIENT:
      return "identification and contact data (name, birth date, address, "
             "e-mail, phone) and bank account";
    case kluis::v1::RECORD_KIND_NOTE:
      return "session notes and the practitioner's working notes";
    case kluis::v1::RECORD_KIND_COMMISSION:
      return "the commissioning employer and its contact persons";
    case kluis::v1::RECORD_KIND_AGREEMENT:
      return "the personal agreement: question, background, goals, "
             "retention term";
    case kluis::v1::RECORD_KIND_SESSION_REPORT:
      return "session reports";
    case kluis::v1::RECORD_KIND_EARLIER_TRAJECTORY:
      return "earlier coaching trajectories (form, goal, result)";
    case kluis::v1::RECORD_KIND_HEALTH:
      return "health data (medical treatment, medication)";
    case kluis::v1::RECORD_KIND_PERSONAL_MOMENT:
      return "ZKM personal moments";
    case kluis::v1::RECORD_KIND_INVOICE:
      return "invoice data";
    case kluis::v1::RECORD_KIND_CORRESPONDENCE:
      return "e-mail correspondence";
    case kluis::v1::RECORD_KIND_APPOINTMENT:
      return "appointments";
    case kluis::v1::RECORD_KIND_ATTACHMENT:
      return "scanned documents";
    case kluis::v1::RECORD_KIND_CASE:
      return "the reporter's name, contact data and role in the "
             "organisation; the persons complained about; the nature of "
             "the report";
    case kluis::v1::RECORD_KIND_CONTACT_MOMENT:
      return "contact moments with the reporter";
    case kluis::v1::RECORD_KIND_CONSENT:
      return "the client's consents to share data";
    case kluis::v1::RECORD_KIND_DISCLOSURE:
      return "records of what was disclosed, to whom and on which ground";
    default:
      return "";
  }
}

kluis::v1::ProcessingRegister BuildProcessingRegister(
    const RegisterInputs& in) {
  Usage coaching, cases;
  for (const Record& head : in.heads) {
    Usage& u = head.has_adviser_case() ? cases : coaching;
    ++u.dossiers;
    u.kinds.insert(KindOf(head));
    for (int k : head.facts().kinds()) u.kinds.insert(RecordKind(k));
    for (int d : head.facts().disclosed_to()) {
      u.disclosed_to.insert(kluis::v1::DisclosureRecipient(d));
    }
    if (head.has_client() && head.client().guardians_size() > 0) {
      u.guardians = true;
    }
    if (head.has_adviser_case()) {
      u.accused |= head.adviser_case().accused_size() > 0;
      u.children |= head.adviser_case().children_size() > 0;
    }
  }
  kluis::v1::ProcessingRegister reg;
  reg.set_generated_date(in.today);
  if (in.profile != nullptr) {
    const kluis::v1::PracticeProfile& p = *in.profile;
    std::vector<std::string> parts = {p.controller_name()};
    for (const std::string* s :
         {&p.address(), &p.postcode(), &p.city(), &p.email(), &p.phone()}) {
      if (!s->empty()) parts.push_back(*s);
    }
    reg.set_controller(absl::StrJoin(parts, ", "));
  } else {
    reg.set_controller(
        "not set: record the practice with kluis profile set --controller-name "
        "…");
  }

  ProcessingActivity* a = reg.add_activities();
  a->set_name("Coaching and counselling");
  a->add_purposes(
      "coaching and counselling clients under their personal "
      "agreement");
  a->add_purposes("keeping the dossier the professional rules (ZKM) require");
  a->set_legal_basis(
      "Art. 6(1)(b) GDPR: performing the agreement with the client; health "
      "data only with the client's explicit consent, art. 9(2)(a)");
  a->add_data_subjects("clients");
  if (coaching.guardians) {
    a->add_data_subjects("parents and guardians of minor clients");
  }
  if (coaching.kinds.count(kluis::v1::RECORD_KIND_COMMISSION) ||
      in.organisation_contacts) {
    a->add_data_subjects("contact persons of commissioning organisations");
  }
  AddCategories(coaching.kinds, a);
  AddRecipients(coaching, in.processors, in.today, a);
  a->set_third_country_transfers(Transfers(in.processors));
  a->set_erasure_terms(absl::StrCat(
      Years(in.terms.coaching_years),
      " after the trajectory ends (the practice's default; a client's "
      "agreement may set another term, with its reason); working notes when "
      "the trajectory ends or at their own expiry; e-mail once answered; "
      "copies at a processor by the date its agreement sets"));
  a->set_dossiers(coaching.dossiers);

  a = reg.add_activities();
  a->set_name("Confidential-adviser work");
  a->add_purposes(
      "advising and supporting people who report undesirable "
      "behaviour at an organisation the practice serves");
  a->add_purposes(
      "the anonymous annual report and hours of each "
      "organisation");
  a->set_legal_basis(
      "Art. 6(1)(f) GDPR: the legitimate interest of the reporter and the "
      "organisation in a confidential adviser; nothing is shared without the "
      "reporter's knowledge");
  a->add_data_subjects("reporters");
  if (cases.accused) a->add_data_subjects("persons complained about");
  if (cases.children) {
    a->add_data_subjects("children of parents who report (name, age, group)");
  }
  AddCategories(cases.kinds, a);
  AddRecipients(cases, in.processors, in.today, a);
  a->set_third_country_transfers(Transfers(in.processors));
  a->set_erasure_terms(absl::StrCat(
      "until ", Years(in.terms.case_years),
      " after the end of the calendar year in which the case closed, unless "
      "the reporter objects; hours and annual reports hold no personal data"));
  a->set_dossiers(cases.dossiers);

  a = reg.add_activities();
  a->set_name("Invoicing");
  a->add_purposes("invoicing clients and commissioning organisations");
  a->add_purposes("the fiscal duty to keep the records (AWR art. 52)");
  a->set_legal_basis(
      "Art. 6(1)(b) GDPR for the invoice; art. 6(1)(c) for "
      "keeping it (a legal obligation)");
  a->add_data_subjects("clients");
  a->add_data_subjects("contact persons of commissioning organisations");
  if (coaching.kinds.count(kluis::v1::RECORD_KIND_INVOICE)) {
    kluis::v1::DataCategory* c = a->add_data_categories();
    c->set_name("name, address and invoice data (number, date, amount)");
  }
  a->add_recipients("the tax authority, on its request (legal obligation)");
  a->set_third_country_transfers(Transfers(in.processors));
  a->set_erasure_terms(
      "7 years after the end of the fiscal year of the invoice; when a "
      "dossier is erased earlier, its invoice data stays under that fiscal "
      "year's own key, which is destroyed when the term ends");
  a->set_dossiers(coaching.dossiers);

  for (const std::string& m : Measures(in.security)) {
    reg.add_security_measures(m);
  }
  for (const kluis::v1::Processor& p : in.processors) {
    kluis::v1::RegisteredProcessor* r = reg.add_processors();
    r->set_name(p.name());
    r->set_service(p.service());
    r->set_data_shared(p.data_shared());
    r->set_agreement_date(p.agreement_date());
    *r->mutable_sub_processors() = p.sub_processors();
    r->set_third_country(p.third_country());
    r->set_transfer_safeguard(p.transfer_safeguard());
    r->set_deletion_days(p.deletion_days());
    r->set_ended_date(p.ended_date());
  }
  return reg;
}

Document RegisterDocument(const kluis::v1::ProcessingRegister& reg) {
  Document doc("Register of processing activities (GDPR art. 30)");
  doc.Paragraph(absl::StrCat(
      "Generated by kluis on ", reg.generated_date(),
      " from what the vault holds. Controller: ", reg.controller(), "."));
  for (const ProcessingActivity& a : reg.activities()) {
    doc.Heading(a.name());
    std::vector<std::string> categories;
    for (const kluis::v1::DataCategory& c : a.data_categories()) {
      categories.push_back(
          c.special_category()
              ? absl::StrCat(c.name(), " — SPECIAL CATEGORY (art. 9)")
              : c.name());
    }
    doc.Table({"Field", "Entry"},
              {{"Purposes", absl::StrJoin(a.purposes(), "; ")},
               {"Legal basis", a.legal_basis()},
               {"Categories of data subjects",
                absl::StrJoin(a.data_subjects(), "; ")},
               {"Categories of personal data",
                categories.empty() ? "none recorded yet"
                                   : absl::StrJoin(categories, "; ")},
               {"Recipients", absl::StrJoin(a.recipients(), "; ")},
               {"Transfers to third countries", a.third_country_transfers()},
               {"Erasure terms", a.erasure_terms()},
               {"Dossiers held now", absl::StrCat(a.dossiers())}});
  }
  doc.Heading("Security measures in force (art. 32)");
  doc.List({reg.security_measures().begin(), reg.security_measures().end()});
  doc.Heading("Processors and their agreements (art. 28)");
  std::vector<std::vector<std::string>> rows;
  for (const kluis::v1::RegisteredProcessor& p : reg.processors()) {
    rows.push_back(
        {p.name(), p.service(), p.data_shared(),
         p.agreement_date().empty() ? "NO AGREEMENT" : p.agreement_date(),
         p.sub_processors().empty() ? "none"
                                    : absl::StrJoin(p.sub_processors(), ", "),
         p.third_country().empty() ? "none" : p.third_country(),
         p.deletion_days() == 0 ? "not agreed"
                                : absl::StrCat(p.deletion_days(), " days"),
         p.ended_date().empty() ? "active"
                                : absl::StrCat("ended ", p.ended_date())});
  }
  if (rows.empty()) {
    doc.Paragraph(
        "No processors: no one processes personal data on the "
        "practice's behalf.");
  } else {
    doc.Table({"Processor", "Service", "Data shared", "Agreement",
               "Sub-processors", "Outside the EEA", "Deletes within", "Status"},
              std::move(rows));
  }
  return doc;
}

}  // namespace kluis::core
