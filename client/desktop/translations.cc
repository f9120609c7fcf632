#include "client/desktop/translations.h"

namespace kluis::desktop {
namespace {

QTranslator*& Installed() {
  static QTranslator* installed = nullptr;
  return installed;
}

}  // namespace

QTranslator* InstallTranslations(QCoreApplication* app, const QLocale& locale) {
  RemoveTranslations(app);
  auto* translator = new QTranslator(app);
  // kluis_desktop_nl.qm for nl_NL and nl_BE alike; none for English.
  if (!translator->load(locale, "kluis_desktop", "_", ":/i18n") ||
      !QCoreApplication::installTranslator(translator)) {
    delete translator;
    return nullptr;
  }
  Installed() = translator;
  return translator;
}

void RemoveTranslations(QCoreApplication*) {
  if (Installed() == nullptr) return;
  QCoreApplication::removeTranslator(Installed());
  delete Installed();
  Installed() = nullptr;
}

}  // namespace kluis::desktop
