#include "client/desktop/window_size.h"

#include <QGuiApplication>
#include <QScreen>
#include <QSettings>
#include <algorithm>

namespace kluis::desktop {
namespace {

// Room for the window manager's frame and title bar.
constexpr int kFrameMargin = 48;

QSettings Settings() { return QSettings("kluis", "kluis-desktop"); }

}  // namespace

QSize FitSize(const QWidget* w, double lines_wide, double lines_high,
              const QRect& available) {
  const int line = w->fontMetrics().height();
  QSize size(static_cast<int>(line * lines_wide),
             static_cast<int>(line * lines_high));
  size = size.expandedTo(w->minimumSizeHint());
  const QSize room(std::max(1, available.width() - kFrameMargin),
                   std::max(1, available.height() - kFrameMargin));
  return size.boundedTo(room);
}

QRect AvailableArea(const QWidget* w) {
  QScreen* screen = w->screen();
  if (screen == nullptr) screen = QGuiApplication::primaryScreen();
  return screen == nullptr ? QRect(0, 0, 1366, 768)
                           : screen->availableGeometry();
}

bool RestoreGeometry(QWidget* w, const QString& key) {
  const QByteArray saved = Settings().value(key + "/geometry").toByteArray();
  if (saved.isEmpty() || !w->restoreGeometry(saved)) return false;
  const QRect area = AvailableArea(w);
  // A window saved on a larger screen than this one: size it anew.
  return w->width() <= area.width() && w->height() <= area.height();
}

void SaveGeometry(const QWidget* w, const QString& key) {
  QSettings s = Settings();
  s.setValue(key + "/geometry", w->saveGeometry());
}

int TextWidth(const QWidget* w, const QStringList& texts) {
  int widest = 0;
  for (const QString& t : texts) {
    widest = std::max(widest, w->fontMetrics().horizontalAdvance(t));
  }
  return widest;
}

}  // namespace kluis::desktop
