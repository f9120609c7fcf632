#include "client/desktop/date_field.h"

#include <QDate>
#include <QHBoxLayout>

#include "client/common/dutch_date.h"

namespace kluis::desktop {
namespace {

constexpr char kShown[] = "dd-MM-yyyy";

}  // namespace

DateField::DateField(const QString& iso, QWidget* parent) : QWidget(parent) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  line_ = new QLineEdit(this);
  const QDate stored = QDate::fromString(iso, Qt::ISODate);
  line_->setText(stored.isValid() ? stored.toString(kShown) : iso);
  line_->setPlaceholderText(tr("dd-mm-yyyy"));
  line_->setMaxLength(10);
  line_->setMaximumWidth(line_->fontMetrics().horizontalAdvance("00-00-00000") +
                         4 * line_->fontMetrics().averageCharWidth());
  pick_ = new QToolButton(this);
  pick_->setText(tr("Calendar…"));
  pick_->setToolTip(tr("Pick the date from a calendar"));
  layout->addWidget(line_);
  layout->addWidget(pick_);
  layout->addStretch(1);
  setFocusProxy(line_);
  connect(pick_, &QToolButton::clicked, this, &DateField::Pick);
}

std::optional<std::string> DateField::Iso() const {
  const std::string text = line_->text().trimmed().toStdString();
  if (text.empty()) return std::string();
  absl::StatusOr<std::string> iso = kluis::client::ParseDutchDate(text);
  if (!iso.ok()) return std::nullopt;
  return *iso;
}

void DateField::Pick() {
  if (calendar_ == nullptr) {
    calendar_ = new QCalendarWidget(this);
    calendar_->setWindowFlags(Qt::Popup);
    calendar_->setFirstDayOfWeek(Qt::Monday);
    calendar_->setGridVisible(true);
    auto chosen = [this](QDate d) {
      line_->setText(d.toString(kShown));
      calendar_->hide();
      line_->setFocus();
    };
    connect(calendar_, &QCalendarWidget::clicked, this, chosen);
    connect(calendar_, &QCalendarWidget::activated, this, chosen);
  }
  const std::optional<std::string> iso = Iso();
  const QDate typed =
      QDate::fromString(QString::fromStdString(iso.value_or("")), Qt::ISODate);
  calendar_->setSelectedDate(typed.isValid() ? typed : QDate::currentDate());
  calendar_->move(pick_->mapToGlobal(QPoint(0, pick_->height())));
  calendar_->show();
  calendar_->setFocus();
}

}  // namespace kluis::desktop
