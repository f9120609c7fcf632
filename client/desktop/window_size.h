// Window sizes for a day's work: each window opens at a size made for its
// content (in units of the text's line height, so a larger text or a 150 %
// display gets a larger window), never larger than the screen's free area,
// and comes back at the size and place the user left it.
//
// QSettings holds only geometry ("<key>/geometry"): nothing personal.
//
// Thread-safety: GUI thread only.
#ifndef KLUIS_CLIENT_DESKTOP_WINDOW_SIZE_H_
#define KLUIS_CLIENT_DESKTOP_WINDOW_SIZE_H_

#include <QRect>
#include <QSize>
#include <QString>
#include <QWidget>

namespace kluis::desktop {

// `lines_wide` × `lines_high` line heights of `w`'s font, at least its
// minimum size hint, at most `available` less a margin for the frame.
QSize FitSize(const QWidget* w, double lines_wide, double lines_high,
              const QRect& available);
// The free area of the screen `w` is on (or the primary screen).
QRect AvailableArea(const QWidget* w);
// Restores the geometry saved under `key`; false when there is none or it
// no longer fits the screen (then the caller sizes the window).
bool RestoreGeometry(QWidget* w, const QString& key);
void SaveGeometry(const QWidget* w, const QString& key);
// Widest line of `texts` in `w`'s font, in pixels.
int TextWidth(const QWidget* w, const QStringList& texts);

}  // namespace kluis::desktop

#endif  // KLUIS_CLIENT_DESKTOP_WINDOW_SIZE_H_
