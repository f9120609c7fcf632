// Dutch for kluis-desktop: a QTranslator with the translations in the code
// (no build step, no files to lose). Installed when the system's language
// is Dutch; English otherwise.
//
// Thread-safety: immutable after construction.
#ifndef KLUIS_CLIENT_DESKTOP_DUTCH_H_
#define KLUIS_CLIENT_DESKTOP_DUTCH_H_

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

namespace kluis::desktop {

class DutchTranslator : public QTranslator {
 public:
  QString translate(const char* context, const char* source,
                    const char* disambiguation, int n) const override;
  bool isEmpty() const override { return false; }
};

// Installs Dutch on `app` when `locale` is Dutch; true if it did. The
// translator lives as long as the application.
bool InstallTranslations(QCoreApplication* app, const QLocale& locale);

}  // namespace kluis::desktop

#endif  // KLUIS_CLIENT_DESKTOP_DUTCH_H_
