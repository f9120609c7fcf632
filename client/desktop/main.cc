// kluis-desktop: a thin Qt client of kluisd (wiring only).
#include <QApplication>
#include <QCommandLineParser>

#include "client/common/connection.h"
#include "client/desktop/daemon_api.h"
#include "client/desktop/main_window.h"
#include "client/desktop/translations.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName("kluis-desktop");
  kluis::desktop::InstallTranslations(&app, QLocale::system());
  QCommandLineParser cli;
  cli.setApplicationDescription(QCoreApplication::translate(
      "kluis::desktop::Main", "kluis: your encrypted dossier vault"));
  cli.addHelpOption();
  QCommandLineOption socket(
      "socket",
      QCoreApplication::translate("kluis::desktop::Main", "kluisd's socket"),
      QCoreApplication::translate("kluis::desktop::Main", "path"));
  cli.addOption(socket);
  cli.process(app);
  kluis::desktop::DaemonApi api(
      kluis::client::ResolveSocketPath(cli.value(socket).toStdString()));
  kluis::desktop::MainWindow window(&api);
  window.show();
  return QApplication::exec();
}
