// kluis-desktop: a thin Qt client of kluisd (wiring only).
#include <QApplication>
#include <QCommandLineParser>

#include "client/common/connection.h"
#include "client/desktop/daemon_api.h"
#include "client/desktop/dutch.h"
#include "client/desktop/main_window.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName("kluis-desktop");
  kluis::desktop::InstallTranslations(&app, QLocale::system());
  QCommandLineParser cli;
  cli.setApplicationDescription("kluis: your encrypted dossier vault");
  cli.addHelpOption();
  QCommandLineOption socket("socket", "kluisd's socket", "path");
  cli.addOption(socket);
  cli.process(app);
  kluis::desktop::DaemonApi api(
      kluis::client::ResolveSocketPath(cli.value(socket).toStdString()));
  kluis::desktop::MainWindow window(&api);
  window.show();
  return QApplication::exec();
}
