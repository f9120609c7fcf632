// How a person names a dossier: by the client's (or a case reporter's)
// name, or by a prefix of its id, as git takes a prefix of a commit id. A
// pure function over the index's entries; the caller decides what to do
// with several matches (list them; never guess).
#ifndef KLUIS_DAEMON_CORE_DOSSIER_REF_H_
#define KLUIS_DAEMON_CORE_DOSSIER_REF_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "daemon/core/dossier_index.h"

namespace kluis::core {

// The shortest id prefix taken (git's minimum too).
inline constexpr size_t kMinIdPrefix = 4;

// The dossiers `ref` may mean, sorted by name: the one with that whole id
// (an entry with only the id when the index lacks it: a deleted dossier's
// history is still reached by its id); else those whose id starts with `ref` (4
// or more hex digits) together with those whose name matches it. A name matches
// with accents, case and runs of spaces ignored: the names equal to `ref` if
// there are any, otherwise the names that contain it. `ref` is personal data (a
// name). Errors: kInvalidArgument "dossier: …" for an empty `ref`.
absl::StatusOr<std::vector<DossierEntry>> MatchDossiers(
    const std::vector<DossierEntry>& all, absl::string_view ref);

// Accents and case folded (FoldForSearch), spaces trimmed and collapsed.
std::string FoldName(absl::string_view name);

}  // namespace kluis::core

#endif  // KLUIS_DAEMON_CORE_DOSSIER_REF_H_
