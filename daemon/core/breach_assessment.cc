#include "daemon/core/breach_assessment.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "daemon/core/kind_rules.h"
#include "daemon/core/processing_register.h"

namespace kluis::core {
namespace {

void Condition(kluis::v1::LostTargetAssessment* out, std::string condition,
               bool met, std::string because) {
  kluis::v1::NotifyCondition* c = out->add_conditions();
  c->set_condition(std::move(condition));
  c->set_met(met);
  c->set_because(std::move(because));
}

std::string Kinds(const kluis::v1::LostTargetAssessment& a) {
  std::vector<std::string> names;
  for (const kluis::v1::DataCategory& c : a.data_kinds()) {
    names.push_back(c.special_category()
                        ? absl::StrCat(c.name(), " (special category)")
                        : c.name());
  }
  return names.empty() ? "none" : absl::StrJoin(names, "; ");
}

std::string Drafts(const LostTargetFacts& f,
                   const kluis::v1::LostTargetAssessment& a,
                   std::string* letter) {
  std::vector<std::string> unmet;
  for (const kluis::v1::NotifyCondition& c : a.conditions()) {
    if (!c.met()) unmet.push_back(c.because());
  }
  const std::string why = absl::StrJoin(unmet, " ");
  *letter = absl::StrCat(
      "Dear client,\n\nWe write to tell you of an incident that concerns your "
      "data. A backup drive of our practice (",
      f.target,
      ") was lost or stolen. It held a copy of our client files as of ",
      a.last_good_run(), ". ", a.encryption(), "\n\n", why,
      "\n\nWhat this may mean for you: someone who has the drive and the key "
      "could read the data in your file. What we have done: we reported the "
      "incident to the Autoriteit Persoonsgegevens and took these measures: "
      "[describe]. What you can do: be alert to messages that seem to come "
      "from us or mention your situation. For questions, contact ",
      f.controller, ".\n");
  return absl::StrCat(
      "Notification of a personal-data breach to the Autoriteit "
      "Persoonsgegevens (draft)\n\n"
      "Organisation and contact: ",
      f.controller, "\nWhat happened: a backup drive (", f.target,
      ") was lost or stolen; discovered [date and time].\n"
      "Nature: lost or stolen (confidentiality; availability of this copy).\n"
      "Data on the drive as of ",
      a.last_good_run(), ": ", a.dossiers(), " dossiers of about ", a.people(),
      " people; kinds of data: ", Kinds(a),
      "\nSpecial categories of personal data: ",
      a.special_category() ? "yes" : "no",
      "\nGroups of people: ", absl::StrJoin(f.groups, ", "),
      "\nMeasures in place beforehand: ", a.encryption(),
      "\nWhy notification is needed: ", why,
      "\nFollow-up: the people concerned are informed [date]; measures taken: "
      "[describe].\n");
}

}  // namespace

void AssessLostTarget(const LostTargetFacts& f,
                      kluis::v1::LostTargetAssessment* out) {
  out->set_target(f.target);
  out->set_last_good_run(f.last_good_run);
  out->set_dossiers(f.dossiers);
  out->set_people(f.people);
  bool special = f.unreadable > 0;
  for (kluis::v1::RecordKind k : f.kinds) {
    const std::string name = CategoryOf(k, i18n::Translator::English());
    if (name.empty()) continue;
    kluis::v1::DataCategory* c = out->add_data_kinds();
    c->set_name(name);
    c->set_special_category(IsSpecialCategory(k));
    special |= c->special_category();
  }
  if (f.unreadable > 0) {
    kluis::v1::DataCategory* c = out->add_data_kinds();
    c->set_name(absl::StrCat(f.unreadable,
                             " dossier(s) erased since, whose kinds can no "
                             "longer be read (assumed to include special "
                             "categories)"));
    c->set_special_category(true);
  }
  out->set_special_category(special);
  out->set_encryption(absl::StrCat(
      EncryptionFacts(f.scrypt_work_factor, i18n::Translator::English()),
      " Backups copy only this ciphertext: the drive holds no key in the "
      "clear, and the passphrase and recovery key are not on it."));

  Condition(out, "The data is still intact and available here", f.intact_here,
            f.intact_here
                ? "Every version the drive held is in the vault's own "
                  "history: nothing was lost with it."
                : "The drive held versions the vault no longer has: data "
                  "may be lost with it.");
  Condition(out, "Full control through a recent backup",
            !f.other_backup.empty(),
            f.other_backup.empty()
                ? "No other drive holds a backup that is not overdue: make "
                  "one now (kluis backup run on another drive)."
                : absl::StrCat("Drive ", f.other_backup,
                               " holds a recent, verified backup."));
  Condition(out, "The key is not compromised", !f.key_compromised,
            f.key_compromised
                ? "The passphrase or recovery key may have been lost with "
                  "the drive: the encryption no longer protects the data."
                : "The passphrase and recovery key were not stored with the "
                  "drive, and the drive holds no key in the clear.");
  bool all = true;
  for (const kluis::v1::NotifyCondition& c : out->conditions()) {
    all &= c.met();
  }
  out->set_notify_required(!all);
  if (!all) {
    std::string letter;
    out->set_ap_notification(Drafts(f, *out, &letter));
    if (f.key_compromised) out->set_client_letter(letter);
  }
}

kluis::v1::Breach BreachFromAssessment(
    const LostTargetFacts& f, const kluis::v1::LostTargetAssessment& a) {
  kluis::v1::Breach b;
  b.set_summary(absl::StrCat("Backup drive ", f.target,
                             " lost or stolen; it held the vault as of ",
                             a.last_good_run(), "."));
  b.add_nature(kluis::v1::BREACH_NATURE_STOLEN);
  for (const kluis::v1::DataCategory& c : a.data_kinds()) {
    b.add_data_types(c.name().substr(0, 200));
  }
  b.set_special_category(a.special_category());
  b.set_records_affected(static_cast<uint32_t>(f.records));
  for (const std::string& g : f.groups) b.add_groups(g);
  b.set_people_affected(static_cast<uint32_t>(a.people()));
  b.set_encrypted(true);
  b.set_measures_before(a.encryption());
  b.set_lost_target(f.target);
  std::vector<std::string> why;
  for (const kluis::v1::NotifyCondition& c : a.conditions()) {
    why.push_back(absl::StrCat(c.met() ? "[met] " : "[NOT met] ", c.condition(),
                               ": ", c.because()));
  }
  if (a.notify_required()) {
    b.set_notify(kluis::v1::NOTIFY_DECISION_REQUIRED);
    b.set_consequences(absl::StrJoin(why, "\n"));
  } else {
    b.set_notify(kluis::v1::NOTIFY_DECISION_NOT_REQUIRED);
    b.set_not_notified_reason(absl::StrCat(
        "All three conditions of the AP are met, so there is no risk to the "
        "people concerned:\n",
        absl::StrJoin(why, "\n")));
    b.set_consequences(
        "None expected: the data is encrypted, the key is "
        "safe, and nothing was lost.");
    b.set_people_not_informed_reason(
        "No high risk: the data was encrypted and the key is not "
        "compromised (GDPR art. 34(3)(a)).");
  }
  return b;
}

}  // namespace kluis::core
