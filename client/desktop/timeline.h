// A dossier as the practitioner reads it: the head record's details, then
// every other record on a timeline (newest first), each with its kind and
// its filled-in fields; special categories and working notes marked.
// HTML for a QTextBrowser; every value escaped.
//
// Thread-safety: pure function.
#ifndef KLUIS_CLIENT_DESKTOP_TIMELINE_H_
#define KLUIS_CLIENT_DESKTOP_TIMELINE_H_

#include <QString>

#include "kluis/v1/vault.pb.h"

namespace kluis::desktop {

QString TimelineHtml(const kluis::v1::GetDossierResponse& dossier);

}  // namespace kluis::desktop

#endif  // KLUIS_CLIENT_DESKTOP_TIMELINE_H_
