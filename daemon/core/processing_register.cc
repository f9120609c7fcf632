#include "daemon/core/processing_register.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/substitute.h"
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

void AddCategories(const std::set<RecordKind>& kinds, const i18n::Translator& t,
                   ProcessingActivity* a) {
  for (RecordKind k : kinds) {
    const std::string name = CategoryOf(k, t);
    if (name.empty()) continue;
    kluis::v1::DataCategory* c = a->add_data_categories();
    c->set_name(name);
    c->set_special_category(IsSpecialCategory(k));
  }
}

void AddRecipients(const Usage& u,
                   const std::vector<kluis::v1::Processor>& processors,
                   const std::string& today, const i18n::Translator& t,
                   ProcessingActivity* a) {
  for (const kluis::v1::Processor& p : processors) {
    if (!p.ended_date().empty() && p.ended_date() < today) continue;
    a->add_recipients(
        absl::Substitute(t.Tr("processor $0 ($1)"), p.name(), p.service()));
  }
  if (u.disclosed_to.count(kluis::v1::DISCLOSURE_RECIPIENT_THIRD_PARTY)) {
    a->add_recipients(
        t.Tr("third parties named by the client, only on the client's "
             "explicit consent or a legal obligation (each disclosure is "
             "registered in the dossier)"));
  }
  if (u.disclosed_to.count(kluis::v1::DISCLOSURE_RECIPIENT_INTERVISION)) {
    a->add_recipients(t.Tr("colleagues in intervision, anonymised only"));
  }
  if (a->recipients_size() == 0) a->add_recipients(t.Tr("none"));
}

std::string Transfers(const std::vector<kluis::v1::Processor>& processors,
                      const i18n::Translator& t) {
  std::vector<std::string> out;
  for (const kluis::v1::Processor& p : processors) {
    if (p.third_country().empty()) continue;
    out.push_back(absl::Substitute(t.Tr("$0 through processor $1 (safeguard: "
                                        "$2)"),
                                   p.third_country(), p.name(),
                                   p.transfer_safeguard()));
  }
  if (out.empty()) {
    return t.Tr(
        "none: the vault stays on the practitioner's computer and her own "
        "backup drives");
  }
  return absl::StrJoin(out, "; ");
}

std::vector<std::string> Measures(const SecurityFacts& s,
                                  const i18n::Translator& t) {
  const int64_t idle = absl::ToInt64Minutes(s.idle_lock);
  std::vector<std::string> out = {
      EncryptionFacts(s.scrypt_work_factor, t),
      absl::Substitute(
          t.Tr("Key handling: the vault key is sealed with the "
               "practitioner's passphrase (scrypt, work factor 2^$0); a "
               "recovery key was shown once and is kept on paper, only its "
               "public part is stored; keys in memory live in locked memory "
               "that is wiped on release; core dumps are disabled; $1"),
          s.scrypt_work_factor,
          s.idle_lock == absl::ZeroDuration()
              ? t.Tr("the vault does not lock itself when idle.")
              : absl::Substitute(
                    t.TrN("the vault locks itself after $0 minute without "
                          "use.",
                          "the vault locks itself after $0 minutes without "
                          "use.",
                          static_cast<uint64_t>(idle)),
                    idle)),
      t.Tr("Access restricted to the owner: the daemon answers only the "
           "owner's user account (a Unix socket of mode 0600 in a private "
           "directory, the peer's credentials checked on every connection); "
           "the desktop and command-line clients hold no keys."),
      t.Tr("Accountability: every change is a signed commit (ssh-ed25519) in "
           "a versioned history; unlocking, exports, disclosures and "
           "erasures are journalled."),
      t.Tr("Erasure: an erased dossier's key is destroyed here and on each "
           "backup drive at its next run (crypto-shredding); the BSN is "
           "refused in every field.")};
  if (s.backups.empty()) {
    out.push_back(t.Tr("Backups: no backup drive is registered."));
  }
  for (const BackupFact& b : s.backups) {
    std::string line =
        b.last_good_run.empty()
            ? absl::Substitute(t.Tr("Backup to drive $0: no successful "
                                    "backup yet"),
                               b.name)
            : absl::Substitute(t.Tr("Backup to drive $0: last successful "
                                    "backup, mirrored and verified, $1"),
                               b.name, t.Date(b.last_good_run));
    if (b.overdue) absl::StrAppend(&line, " ", t.Tr("(OVERDUE)"));
    out.push_back(std::move(line));
  }
  return out;
}

std::string Years(uint32_t n, const i18n::Translator& t) {
  return absl::Substitute(t.TrN("$0 year", "$0 years", n), n);
}

}  // namespace

std::string EncryptionFacts(int scrypt_work_factor, const i18n::Translator& t) {
  return absl::Substitute(
      t.Tr("Encryption at rest: every record and attachment is an age v1 "
           "file (X25519 key agreement, HKDF-SHA-256, ChaCha20-Poly1305 in 64 "
           "KiB chunks), with one key per dossier; keys are themselves age "
           "files, sealed to the vault key, which is sealed with the "
           "passphrase (scrypt, work factor 2^$0). No plaintext is written "
           "to disk."),
      scrypt_work_factor);
}

const char* CategoryText(RecordKind kind);

std::string CategoryOf(RecordKind kind, const i18n::Translator& t) {
  return t.Tr(CategoryText(kind));
}

const char* CategoryText(RecordKind kind) {
  switch (kind) {
    case kluis::v1::RECORD_KIND_CLIENT:
      return N_(
          "identification and contact data (name, birth date, address, "
          "e-mail, phone) and bank account");
    case kluis::v1::RECORD_KIND_NOTE:
      return N_("session notes and the practitioner's working notes");
    case kluis::v1::RECORD_KIND_COMMISSION:
      return N_("the commissioning employer and its contact persons");
    case kluis::v1::RECORD_KIND_AGREEMENT:
      return N_(
          "the personal agreement: question, background, goals, "
          "retention term");
    case kluis::v1::RECORD_KIND_SESSION_REPORT:
      return N_("session reports");
    case kluis::v1::RECORD_KIND_EARLIER_TRAJECTORY:
      return N_("earlier coaching trajectories (form, goal, result)");
    case kluis::v1::RECORD_KIND_HEALTH:
      return N_("health data (medical treatment, medication)");
    case kluis::v1::RECORD_KIND_PERSONAL_MOMENT:
      return N_("ZKM personal moments");
    case kluis::v1::RECORD_KIND_INVOICE:
      return N_("invoice data");
    case kluis::v1::RECORD_KIND_CORRESPONDENCE:
      return N_("e-mail correspondence");
    case kluis::v1::RECORD_KIND_APPOINTMENT:
      return N_("appointments");
    case kluis::v1::RECORD_KIND_ATTACHMENT:
      return N_("scanned documents");
    case kluis::v1::RECORD_KIND_CASE:
      return N_(
          "the reporter's name, contact data and role in the "
          "organisation; the persons complained about; the nature of "
          "the report");
    case kluis::v1::RECORD_KIND_CONTACT_MOMENT:
      return N_("contact moments with the reporter");
    case kluis::v1::RECORD_KIND_CONSENT:
      return N_("the client's consents to share data");
    case kluis::v1::RECORD_KIND_DISCLOSURE:
      return N_("records of what was disclosed, to whom and on which ground");
    default:
      return "";
  }
}

kluis::v1::ProcessingRegister BuildProcessingRegister(
    const RegisterInputs& in, const i18n::Translator& t) {
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
        t.Tr("not set: record the practice with kluis profile set "
             "--controller-name …"));
  }

  ProcessingActivity* a = reg.add_activities();
  a->set_name(t.Tr("Coaching and counselling"));
  a->add_purposes(
      t.Tr("coaching and counselling clients under their personal "
           "agreement"));
  a->add_purposes(
      t.Tr("keeping the dossier the professional rules (ZKM) require"));
  a->set_legal_basis(
      t.Tr("Art. 6(1)(b) GDPR: performing the agreement with the client; "
           "health data only with the client's explicit consent, art. "
           "9(2)(a)"));
  a->add_data_subjects(t.Tr("clients"));
  if (coaching.guardians) {
    a->add_data_subjects(t.Tr("parents and guardians of minor clients"));
  }
  if (coaching.kinds.count(kluis::v1::RECORD_KIND_COMMISSION) ||
      in.organisation_contacts) {
    a->add_data_subjects(
        t.Tr("contact persons of commissioning organisations"));
  }
  AddCategories(coaching.kinds, t, a);
  AddRecipients(coaching, in.processors, in.today, t, a);
  a->set_third_country_transfers(Transfers(in.processors, t));
  a->set_erasure_terms(absl::Substitute(
      t.Tr("$0 after the trajectory ends (the practice's default; a "
           "client's agreement may set another term, with its reason); "
           "working notes when the trajectory ends or at their own expiry; "
           "e-mail once answered; copies at a processor by the date its "
           "agreement sets"),
      Years(in.terms.coaching_years, t)));
  a->set_dossiers(coaching.dossiers);

  a = reg.add_activities();
  a->set_name(t.Tr("Confidential-adviser work"));
  a->add_purposes(
      t.Tr("advising and supporting people who report undesirable "
           "behaviour at an organisation the practice serves"));
  a->add_purposes(
      t.Tr("the anonymous annual report and hours of each organisation"));
  a->set_legal_basis(
      t.Tr("Art. 6(1)(f) GDPR: the legitimate interest of the reporter and "
           "the organisation in a confidential adviser; nothing is shared "
           "without the reporter's knowledge"));
  a->add_data_subjects(t.Tr("reporters"));
  if (cases.accused) a->add_data_subjects(t.Tr("persons complained about"));
  if (cases.children) {
    a->add_data_subjects(
        t.Tr("children of parents who report (name, age, group)"));
  }
  AddCategories(cases.kinds, t, a);
  AddRecipients(cases, in.processors, in.today, t, a);
  a->set_third_country_transfers(Transfers(in.processors, t));
  a->set_erasure_terms(absl::Substitute(
      t.Tr("until $0 after the end of the calendar year in which the case "
           "closed, unless the reporter objects; hours and annual reports "
           "hold no personal data"),
      Years(in.terms.case_years, t)));
  a->set_dossiers(cases.dossiers);

  a = reg.add_activities();
  a->set_name(t.Tr("Invoicing"));
  a->add_purposes(t.Tr("invoicing clients and commissioning organisations"));
  a->add_purposes(t.Tr("the fiscal duty to keep the records (AWR art. 52)"));
  a->set_legal_basis(
      t.Tr("Art. 6(1)(b) GDPR for the invoice; art. 6(1)(c) for keeping it "
           "(a legal obligation)"));
  a->add_data_subjects(t.Tr("clients"));
  a->add_data_subjects(t.Tr("contact persons of commissioning organisations"));
  if (coaching.kinds.count(kluis::v1::RECORD_KIND_INVOICE)) {
    kluis::v1::DataCategory* c = a->add_data_categories();
    c->set_name(t.Tr("name, address and invoice data (number, date, amount)"));
  }
  a->add_recipients(
      t.Tr("the tax authority, on its request (legal obligation)"));
  a->set_third_country_transfers(Transfers(in.processors, t));
  a->set_erasure_terms(
      t.Tr("7 years after the end of the fiscal year of the invoice; when a "
           "dossier is erased earlier, its invoice data stays under that "
           "fiscal year's own key, which is destroyed when the term ends"));
  a->set_dossiers(coaching.dossiers);

  for (const std::string& m : Measures(in.security, t)) {
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

Document RegisterDocument(const kluis::v1::ProcessingRegister& reg,
                          const i18n::Translator& t) {
  Document doc(t.Tr("Register of processing activities (GDPR art. 30)"), t);
  doc.Paragraph(absl::Substitute(
      t.Tr("Generated by kluis on $0 from what the vault holds. Controller: "
           "$1."),
      t.Date(reg.generated_date()), reg.controller()));
  for (const ProcessingActivity& a : reg.activities()) {
    doc.Heading(a.name());
    std::vector<std::string> categories;
    for (const kluis::v1::DataCategory& c : a.data_categories()) {
      categories.push_back(
          c.special_category()
              ? absl::Substitute(t.Tr("$0 — SPECIAL CATEGORY (art. 9)"),
                                 c.name())
              : c.name());
    }
    doc.Table(
        {t.Tr("Field"), t.Tr("Entry")},
        {{t.Tr("Purposes"), absl::StrJoin(a.purposes(), "; ")},
         {t.Tr("Legal basis"), a.legal_basis()},
         {t.Tr("Categories of data subjects"),
          absl::StrJoin(a.data_subjects(), "; ")},
         {t.Tr("Categories of personal data"),
          categories.empty() ? t.Tr("none recorded yet")
                             : absl::StrJoin(categories, "; ")},
         {t.Tr("Recipients"), absl::StrJoin(a.recipients(), "; ")},
         {t.Tr("Transfers to third countries"), a.third_country_transfers()},
         {t.Tr("Erasure terms"), a.erasure_terms()},
         {t.Tr("Dossiers held now"), absl::StrCat(a.dossiers())}});
  }
  doc.Heading(t.Tr("Security measures in force (art. 32)"));
  doc.List({reg.security_measures().begin(), reg.security_measures().end()});
  doc.Heading(t.Tr("Processors and their agreements (art. 28)"));
  std::vector<std::vector<std::string>> rows;
  for (const kluis::v1::RegisteredProcessor& p : reg.processors()) {
    rows.push_back(
        {p.name(), p.service(), p.data_shared(),
         p.agreement_date().empty() ? t.Tr("NO AGREEMENT")
                                    : t.Date(p.agreement_date()),
         p.sub_processors().empty() ? t.Tr("none")
                                    : absl::StrJoin(p.sub_processors(), ", "),
         p.third_country().empty() ? t.Tr("none") : p.third_country(),
         p.deletion_days() == 0
             ? t.Tr("not agreed")
             : absl::Substitute(t.TrN("$0 day", "$0 days", p.deletion_days()),
                                p.deletion_days()),
         p.ended_date().empty()
             ? t.Tr("active")
             : absl::Substitute(t.Tr("ended $0"), t.Date(p.ended_date()))});
  }
  if (rows.empty()) {
    doc.Paragraph(
        t.Tr("No processors: no one processes personal data on the "
             "practice's behalf."));
  } else {
    doc.Table({t.Tr("Processor"), t.Tr("Service"), t.Tr("Data shared"),
               t.Tr("Agreement"), t.Tr("Sub-processors"),
               t.Tr("Outside the EEA"), t.Tr("Deletes within"), t.Tr("Status")},
              std::move(rows));
  }
  return doc;
}

}  // namespace kluis::core
