// DateField: a date as a Dutch person types it (12-05-1988, 12/5/1988 or
// 1988-05-12), or picks it from a calendar (the button beside it); shown
// day first, read as ISO for the daemon. Empty is a valid answer (an
// optional date), unlike QDateEdit's.
//
// Thread-safety: GUI thread only.
#ifndef KLUIS_CLIENT_DESKTOP_DATE_FIELD_H_
#define KLUIS_CLIENT_DESKTOP_DATE_FIELD_H_

#include <QCalendarWidget>
#include <QLineEdit>
#include <QToolButton>
#include <QWidget>
#include <optional>
#include <string>

namespace kluis::desktop {

class DateField : public QWidget {
  Q_OBJECT

 public:
  // `iso`: the stored date ("" for none).
  explicit DateField(const QString& iso, QWidget* parent = nullptr);

  // The date as ISO ("" when empty); nullopt when the text is no date.
  std::optional<std::string> Iso() const;
  QLineEdit* text() { return line_; }
  QToolButton* picker() { return pick_; }
  // The calendar shown by the picker (nullptr until first shown).
  QCalendarWidget* calendar() { return calendar_; }
  void Pick();  // opens the calendar at the typed date, or today

 private:
  QLineEdit* line_;
  QToolButton* pick_;
  QCalendarWidget* calendar_ = nullptr;
};

}  // namespace kluis::desktop

#endif  // KLUIS_CLIENT_DESKTOP_DATE_FIELD_H_
