// The desktop's languages: English in the code, Dutch from the Qt Linguist
// catalogue translations/kluis_desktop_nl.ts, compiled by lrelease at build
// time and embedded in the program (:/i18n), so nothing depends on where
// kluis is installed.
//
// Thread-safety: call from the GUI thread before the first window exists.
#ifndef KLUIS_CLIENT_DESKTOP_TRANSLATIONS_H_
#define KLUIS_CLIENT_DESKTOP_TRANSLATIONS_H_

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

namespace kluis::desktop {

// Installs the catalogue for `locale` on `app` when there is one (Dutch);
// English otherwise. Returns the installed translator (it lives as long as
// the application), or nullptr when the text stays English.
QTranslator* InstallTranslations(QCoreApplication* app, const QLocale& locale);

// Removes what InstallTranslations installed (tests switch languages).
void RemoveTranslations(QCoreApplication* app);

}  // namespace kluis::desktop

#endif  // KLUIS_CLIENT_DESKTOP_TRANSLATIONS_H_
