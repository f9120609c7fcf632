#include "daemon/core/dossier_facts.h"

#include <algorithm>

#include "daemon/core/kind_rules.h"

namespace kluis::core {

using kluis::v1::DossierFacts;
using kluis::v1::Record;

// Every kind does: the facts list the kinds a dossier ever held.
bool AffectsFacts(const Record& record) { return !IsHeadKind(KindOf(record)); }

bool ApplyToFacts(const std::string& id, const Record* r, DossierFacts* f) {
  const DossierFacts before = *f;
  if (r != nullptr) {
    // Kinds and recipients are kept once recorded: what the practice ever
    // processed stays in the register until the dossier itself goes.
    const kluis::v1::RecordKind kind = KindOf(*r);
    if (std::find(f->kinds().begin(), f->kinds().end(), kind) ==
        f->kinds().end()) {
      f->add_kinds(kind);
    }
    if (r->has_disclosure() &&
        std::find(f->disclosed_to().begin(), f->disclosed_to().end(),
                  r->disclosure().to()) == f->disclosed_to().end()) {
      f->add_disclosed_to(r->disclosure().to());
    }
  }
  f->mutable_organisations()->erase(id);
  f->mutable_agreements()->erase(id);
  f->mutable_working_notes()->erase(id);
  f->mutable_answered_mail()->erase(id);
  f->mutable_processor_copies()->erase(id);
  if (r != nullptr && r->has_commission()) {
    (*f->mutable_organisations())[id] = r->commission().organisation_id();
  } else if (r != nullptr && r->has_agreement()) {
    kluis::v1::Period& p = (*f->mutable_agreements())[id];
    p.set_start_date(r->agreement().start_date());
    p.set_end_date(r->agreement().end_date());
    p.set_retention_years(r->agreement().retention_years());
    p.set_retention_objection_date(r->agreement().retention_objection_date());
  } else if (r != nullptr && r->has_note() && r->note().working()) {
    (*f->mutable_working_notes())[id] = r->note().expires();
  } else if (r != nullptr && r->has_correspondence() &&
             !r->correspondence().answered_date().empty()) {
    (*f->mutable_answered_mail())[id] = r->correspondence().answered_date();
  } else if (r != nullptr && r->has_disclosure() &&
             !r->disclosure().delete_by_date().empty() &&
             r->disclosure().processor_deleted_date().empty()) {
    (*f->mutable_processor_copies())[id] = r->disclosure().delete_by_date();
  }
  // Maps compare as sets, whatever their iteration order.
  auto same = [](const auto& a, const auto& b) {
    if (a.size() != b.size()) return false;
    for (const auto& [k, v] : a) {
      auto it = b.find(k);
      if (it == b.end() ||
          it->second.SerializeAsString() != v.SerializeAsString()) {
        return false;
      }
    }
    return true;
  };
  auto same_str = [](const auto& a, const auto& b) {
    if (a.size() != b.size()) return false;
    for (const auto& [k, v] : a) {
      auto it = b.find(k);
      if (it == b.end() || it->second != v) return false;
    }
    return true;
  };
  return !(before.kinds_size() == f->kinds_size() &&
           before.disclosed_to_size() == f->disclosed_to_size() &&
           same_str(before.organisations(), f->organisations()) &&
           same(before.agreements(), f->agreements()) &&
           same_str(before.working_notes(), f->working_notes()) &&
           same_str(before.answered_mail(), f->answered_mail()) &&
           same_str(before.processor_copies(), f->processor_copies()));
}

void DescribeDossier(const Record& head, DossierEntry* e) {
  e->id = head.dossier_id();
  e->head_record_id = head.id();
  e->kind = DossierKindOf(head);
  e->organisation_ids.clear();
  e->working_notes.clear();
  e->answered_mail.clear();
  e->processor_copies.clear();
  e->objection_date.clear();
  e->retention_years = 0;
  const DossierFacts& f = head.facts();
  if (head.has_adviser_case()) {
    const kluis::v1::AdviserCase& c = head.adviser_case();
    e->name = c.reporter().name();
    e->city.clear();
    e->organisation_ids.push_back(c.organisation_id());
    e->start_date = c.opened_date();
    e->end_date = c.closed_date();
  } else {
    e->name = head.client().name();
    e->city = head.client().city();
    for (const auto& [id, org] : f.organisations()) {
      e->organisation_ids.push_back(org);
    }
    e->start_date.clear();
    e->end_date.clear();
    bool open_ended = f.agreements().empty();
    for (const auto& [id, p] : f.agreements()) {
      if (e->start_date.empty() || p.start_date() < e->start_date) {
        e->start_date = p.start_date();
      }
      if (p.end_date().empty()) open_ended = true;
      // The term of the agreement that ends last governs the dossier.
      if (p.end_date() >= e->end_date) {
        e->end_date = p.end_date();
        e->retention_years = p.retention_years();
      }
      // An objection in any agreement stands.
      if (!p.retention_objection_date().empty() &&
          (e->objection_date.empty() ||
           p.retention_objection_date() < e->objection_date)) {
        e->objection_date = p.retention_objection_date();
      }
    }
    if (open_ended) e->end_date.clear();
  }
  std::sort(e->organisation_ids.begin(), e->organisation_ids.end());
  e->organisation_ids.erase(
      std::unique(e->organisation_ids.begin(), e->organisation_ids.end()),
      e->organisation_ids.end());
  // A working note without its own expiry lasts until the trajectory ends.
  for (const auto& [id, expires] : f.working_notes()) {
    e->working_notes[id] = expires.empty() ? e->end_date : expires;
  }
  e->answered_mail.insert(f.answered_mail().begin(), f.answered_mail().end());
  e->processor_copies.insert(f.processor_copies().begin(),
                             f.processor_copies().end());
}

}  // namespace kluis::core
