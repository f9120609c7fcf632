#include "client/desktop/history_dialog.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include "client/desktop/field_names.h"
#include "client/desktop/window_size.h"

namespace kluis::desktop {

HistoryDialog::HistoryDialog(DaemonApi* api, std::string dossier_id,
                             std::string record_id, QWidget* parent)
    : QDialog(parent),
      api_(api),
      dossier_id_(std::move(dossier_id)),
      record_id_(std::move(record_id)) {
  setWindowTitle(tr("History"));
  auto* layout = new QVBoxLayout(this);
  auto* panes = new QHBoxLayout();
  versions_ = new QListWidget(this);
  versions_->setAccessibleName(tr("Versions"));
  diff_ = new QTableWidget(0, 3, this);
  diff_->setHorizontalHeaderLabels({tr("Field"), tr("Then"), tr("Now")});
  // The labels whole; old and new values share the rest, wrapped.
  diff_->horizontalHeader()->setSectionResizeMode(
      0, QHeaderView::ResizeToContents);
  diff_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
  diff_->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
  diff_->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  diff_->verticalHeader()->hide();
  diff_->setWordWrap(true);
  diff_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  panes->addWidget(versions_, 1);
  panes->addWidget(diff_, 2);
  layout->addLayout(panes);
  error_ = new QLabel(this);
  error_->setStyleSheet("color: #b00020");
  layout->addWidget(error_);
  restore_ = new QPushButton(tr("&Restore this version"), this);
  restore_->setEnabled(false);
  layout->addWidget(restore_);
  connect(versions_, &QListWidget::currentRowChanged, this,
          &HistoryDialog::SelectVersion);
  connect(restore_, &QPushButton::clicked, this, [this] { RestoreSelected(); });
  Reload();
  if (!RestoreGeometry(this, "history")) FitTo(AvailableArea(this));
}

void HistoryDialog::FitTo(const QRect& available) {
  resize(FitSize(this, 64, 36, available));
}

void HistoryDialog::done(int result) {
  SaveGeometry(this, "history");
  QDialog::done(result);
}

int HistoryDialog::VersionTextNeed() const {
  QStringList lines;
  for (int i = 0; i < versions_->count(); ++i)
    lines << versions_->item(i)->text();
  return TextWidth(versions_, lines);
}

QString HistoryDialog::OperationLabel(const std::string& operation) {
  if (operation == "create") return tr("created");
  if (operation == "update") return tr("changed");
  if (operation == "delete") return tr("deleted");
  return QString::fromStdString(operation);
}

void HistoryDialog::Reload() {
  versions_->clear();
  list_.Clear();
  grpc::Status s = api_->Versions(dossier_id_, record_id_, &list_);
  if (!s.ok()) {
    error_->setText(QString::fromStdString(s.error_message()));
    return;
  }
  for (const kluis::v1::Version& v : list_.versions()) {
    // In local time, written as the reader writes a day (the pattern is a
    // translation: "dd-MM-yyyy HH:mm" in Dutch).
    const QDateTime at =
        QDateTime::fromString(QString::fromStdString(v.time()), Qt::ISODate);
    QString line =
        (at.isValid() ? at.toLocalTime().toString(tr(
                            "yyyy-MM-dd HH:mm",
                            "a version's time: a QDateTime::toString pattern"))
                      : QString::fromStdString(v.time())) +
        "  " + OperationLabel(v.operation());
    if (record_id_.empty()) {
      line += " · " +
              EnumLabel(kluis::v1::RecordKind_descriptor()->FindValueByNumber(
                  v.kind()));
    }
    if (!v.reason().empty()) {
      line += " — " + QString::fromStdString(v.reason());
    }
    versions_->addItem(line);
  }
  // Each version's line whole, however the window is sized.
  versions_->setMinimumWidth(
      VersionTextNeed() + 2 * versions_->frameWidth() +
      versions_->verticalScrollBar()->sizeHint().width() +
      2 * fontMetrics().averageCharWidth());
}

void HistoryDialog::SelectVersion(int row) {
  if (versions_->currentRow() != row) {
    const QSignalBlocker quiet(versions_);
    versions_->setCurrentRow(row);
  }
  diff_->setRowCount(0);
  error_->clear();
  restore_->setEnabled(false);
  if (row < 0 || row >= list_.versions_size()) return;
  const kluis::v1::Version& v = list_.versions(row);
  if (v.operation() == "delete") {
    error_->setText(tr("The record was deleted in this version."));
    return;
  }
  // A record's newest version is the current one: nothing to restore.
  restore_->setEnabled(!IsNewest(row));
  kluis::v1::DiffResponse d;
  grpc::Status s = api_->Diff(dossier_id_, RecordOf(row), v.version(), &d);
  if (!s.ok()) {
    error_->setText(QString::fromStdString(s.error_message()));
    return;
  }
  for (const kluis::v1::FieldChange& c : d.changes()) {
    const int r = diff_->rowCount();
    diff_->insertRow(r);
    diff_->setItem(r, 0, new QTableWidgetItem(PathLabel(c.field())));
    diff_->setItem(r, 1,
                   new QTableWidgetItem(ValueLabel(c.field(), c.old_value())));
    diff_->setItem(r, 2,
                   new QTableWidgetItem(ValueLabel(c.field(), c.new_value())));
  }
}

QStringList HistoryDialog::Changes() const {
  QStringList out;
  for (int r = 0; r < diff_->rowCount(); ++r) {
    out << diff_->item(r, 0)->text() + ": " + diff_->item(r, 1)->text() +
               " → " + diff_->item(r, 2)->text();
  }
  return out;
}

bool HistoryDialog::RestoreSelected() {
  const int row = versions_->currentRow();
  if (row < 0 || !restore_->isEnabled()) return false;
  grpc::Status s =
      api_->Restore(dossier_id_, RecordOf(row), list_.versions(row).version());
  if (!s.ok()) {
    error_->setText(QString::fromStdString(s.error_message()));
    return false;
  }
  Reload();
  return true;
}

std::string HistoryDialog::RecordOf(int row) const {
  return record_id_.empty() ? list_.versions(row).record_id() : record_id_;
}

bool HistoryDialog::IsNewest(int row) const {
  for (int i = 0; i < row; ++i) {
    if (list_.versions(i).record_id() == list_.versions(row).record_id()) {
      return false;
    }
  }
  return true;
}

}  // namespace kluis::desktop
