#include "client/desktop/backup_panel.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QMetaObject>
#include <QPointer>
#include <QScrollBar>
#include <QVBoxLayout>
#include <algorithm>

#include "client/desktop/window_size.h"

namespace kluis::desktop {

BackupPanel::BackupPanel(DaemonApi* api, QWidget* parent)
    : QDialog(parent), api_(api) {
  setWindowTitle(tr("Backups"));
  auto* layout = new QVBoxLayout(this);
  table_ = new QTableWidget(0, 3, this);
  table_->setHorizontalHeaderLabels(
      {tr("Drive"), tr("Last good backup"), tr("State")});
  table_->horizontalHeader()->setSectionResizeMode(
      QHeaderView::ResizeToContents);
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->verticalHeader()->hide();
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  layout->addWidget(table_);
  bar_ = new QProgressBar(this);
  bar_->setRange(0, 100);
  bar_->setValue(0);
  layout->addWidget(bar_);
  message_ = new QLabel(this);
  message_->setWordWrap(true);
  layout->addWidget(message_);
  auto* buttons = new QHBoxLayout();
  add_ = new QPushButton(tr("&Add a drive…"), this);
  buttons->addWidget(add_);
  buttons->addStretch(1);
  run_ = new QPushButton(tr("&Back up now"), this);
  buttons->addWidget(run_);
  layout->addLayout(buttons);
  choose_folder_ = [this] {
    return QFileDialog::getExistingDirectory(
        this, tr("Choose the folder on the backup drive"));
  };
  connect(add_, &QPushButton::clicked, this, [this] { AddDrive(); });
  connect(run_, &QPushButton::clicked, this, [this] { Run(); });
  Reload();
  if (!RestoreGeometry(this, "backups")) FitTo(AvailableArea(this));
}

void BackupPanel::FitTo(const QRect& available) {
  resize(FitSize(this, 48, 24, available));
}

void BackupPanel::done(int result) {
  SaveGeometry(this, "backups");
  QDialog::done(result);
}

BackupPanel::~BackupPanel() {
  if (context_ != nullptr) context_->TryCancel();
  if (worker_.joinable()) worker_.join();
}

void BackupPanel::Reload() {
  kluis::v1::BackupStatusResponse st;
  grpc::Status s = api_->Backups(&st);
  table_->setRowCount(0);
  if (!s.ok()) {
    message_->setText(QString::fromStdString(s.error_message()));
    return;
  }
  if (st.targets().empty()) {
    message_->setText(
        tr("No backup drive yet: plug one in and choose Add a drive."));
  }
  for (const kluis::v1::BackupTarget& t : st.targets()) {
    const int r = table_->rowCount();
    table_->insertRow(r);
    table_->setItem(r, 0,
                    new QTableWidgetItem(QString::fromStdString(t.name())));
    table_->setItem(
        r, 1,
        new QTableWidgetItem(t.last_good_run().empty()
                                 ? tr("never")
                                 : QString::fromStdString(t.last_good_run())
                                       .left(16)
                                       .replace('T', ' ')));
    QString state = t.mounted() ? tr("plugged in") : tr("not plugged in");
    if (t.overdue()) state += " · " + tr("OVERDUE");
    table_->setItem(r, 2, new QTableWidgetItem(state));
  }
  table_->resizeColumnsToContents();
  // Every column whole: the table asks for the room its contents need.
  int need = 2 * table_->frameWidth() +
             table_->verticalScrollBar()->sizeHint().width();
  const QAbstractItemView* view = table_;  // sizeHintForColumn is public here
  for (int c = 0; c < table_->columnCount(); ++c) {
    need += std::max(view->sizeHintForColumn(c),
                     table_->horizontalHeader()->sectionSizeHint(c));
  }
  table_->setMinimumWidth(need);
  if (table_->rowCount() > 0 && table_->currentRow() < 0) {
    table_->selectRow(0);
  }
}

bool BackupPanel::AddDrive() {
  const QString folder = choose_folder_();
  if (folder.isEmpty()) return false;  // the dialog was cancelled
  kluis::v1::BackupTarget added;
  grpc::Status s = api_->AddDrive(folder.toStdString(), &added);
  if (!s.ok()) {
    message_->setText(QString::fromStdString(s.error_message()));
    return false;
  }
  message_->setText(tr("Drive %1 added: back up to it now.")
                        .arg(QString::fromStdString(added.name())));
  Reload();
  for (int r = 0; r < table_->rowCount(); ++r) {
    if (table_->item(r, 0)->text().toStdString() == added.name()) {
      table_->selectRow(r);
    }
  }
  return true;
}

bool BackupPanel::Run() {
  const int row = table_->currentRow();
  if (running_ || row < 0) return false;
  if (worker_.joinable()) worker_.join();
  const std::string name = table_->item(row, 0)->text().toStdString();
  running_ = true;
  run_->setEnabled(false);
  bar_->setValue(0);
  message_->setText(tr("Backing up to %1…").arg(table_->item(row, 0)->text()));
  context_ = std::make_unique<grpc::ClientContext>();
  grpc::ClientContext* ctx = context_.get();
  QPointer<BackupPanel> self(this);
  worker_ = std::thread([this, self, ctx, name] {
    grpc::Status s =
        api_->RunBackup(name, ctx, [self](const kluis::v1::BackupProgress& p) {
          QMetaObject::invokeMethod(
              self,
              [self, p] {
                if (self) self->OnProgress(p);
              },
              Qt::QueuedConnection);
        });
    QMetaObject::invokeMethod(
        self,
        [self, s] {
          if (self) self->OnFinished(s);
        },
        Qt::QueuedConnection);
  });
  return true;
}

void BackupPanel::OnProgress(const kluis::v1::BackupProgress& p) {
  if (p.objects_to_send() > 0) {
    bar_->setValue(
        static_cast<int>(90 * p.objects_sent() / p.objects_to_send()));
  }
  if (p.phase() == "verify") bar_->setValue(std::max(bar_->value(), 92));
  if (p.phase() == "done") bar_->setValue(100);
  message_->setText(tr("Phase: %1").arg(QString::fromStdString(p.phase())));
}

void BackupPanel::OnFinished(const grpc::Status& s) {
  running_ = false;
  run_->setEnabled(true);
  if (s.ok()) {
    bar_->setValue(100);
    message_->setText(tr("Backup done and verified."));
  } else {
    message_->setText(QString::fromStdString(s.error_message()));
  }
  Reload();
}

}  // namespace kluis::desktop
