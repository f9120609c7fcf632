// The one QApplication of the desktop tests, on Qt's offscreen platform
// (ctest runs each test alone, so every test asks for it first).
#ifndef KLUIS_TESTS_DESKTOP_QT_APP_H_
#define KLUIS_TESTS_DESKTOP_QT_APP_H_

#include <QApplication>

namespace kluis::desktop {

inline QApplication* App() {
  static int argc = 1;
  static char name[] = "desktop_test";
  static char* argv[] = {name, nullptr};
  qputenv("QT_QPA_PLATFORM", "offscreen");
  static QApplication* app = new QApplication(argc, argv);
  return app;
}

}  // namespace kluis::desktop

#endif  // KLUIS_TESTS_DESKTOP_QT_APP_H_
