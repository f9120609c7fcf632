// Dossier facts: what the index needs to know about a dossier beyond its
// head record's own fields (linked organisations, the trajectory's period,
// working-note expiries). They are kept on the head record (Record.facts),
// updated in the same commit as the record they come from, so that
// unlocking reads one file per dossier.
//
// Thread-safety: pure functions.
#ifndef KLUIS_DAEMON_CORE_DOSSIER_FACTS_H_
#define KLUIS_DAEMON_CORE_DOSSIER_FACTS_H_

#include <string>

#include "daemon/core/dossier_index.h"
#include "kluis/v1/records.pb.h"

namespace kluis::core {

// True when a record of this kind contributes to the facts.
bool AffectsFacts(const kluis::v1::Record& record);

// Records what `record` (nullptr: deleted) with id `record_id` contributes.
// Returns true when the facts changed.
bool ApplyToFacts(const std::string& record_id, const kluis::v1::Record* record,
                  kluis::v1::DossierFacts* facts);

// The index entry of a dossier from its head record (name, kind,
// organisations, period, working notes). Leaves records/updated alone.
void DescribeDossier(const kluis::v1::Record& head, DossierEntry* entry);

}  // namespace kluis::core

#endif  // KLUIS_DAEMON_CORE_DOSSIER_FACTS_H_
