// A dossier as the practitioner reads it: the head record's details, then
// every other record on a timeline (newest first), each with its kind and
// its filled-in fields; special categories and working notes marked.
// HTML for a QTextBrowser; every value escaped. Ids are shown by the name
// of what they point to (an organisation, an attachment, a consent) and
// checksums not at all: a person reads names, never ids or hashes.
//
// Thread-safety: pure function.
#ifndef KLUIS_CLIENT_DESKTOP_TIMELINE_H_
#define KLUIS_CLIENT_DESKTOP_TIMELINE_H_

#include <QString>
#include <map>
#include <string>

#include "kluis/v1/vault.pb.h"

namespace kluis::desktop {

// Id → name of what it points to, outside the dossier (organisations).
using NamesById = std::map<std::string, QString>;

QString TimelineHtml(const kluis::v1::GetDossierResponse& dossier,
                     const NamesById& names = {});

}  // namespace kluis::desktop

#endif  // KLUIS_CLIENT_DESKTOP_TIMELINE_H_
