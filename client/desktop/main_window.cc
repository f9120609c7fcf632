#include "client/desktop/main_window.h"

#include <QCloseEvent>
#include <QDesktopServices>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QMimeDatabase>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>
#include <set>

#include "client/desktop/backup_panel.h"
#include "client/desktop/field_names.h"
#include "client/desktop/history_dialog.h"
#include "client/desktop/record_form.h"
#include "client/desktop/status_text.h"
#include "client/desktop/timeline.h"
#include "client/desktop/unlock_dialog.h"
#include "client/desktop/window_size.h"

namespace kluis::desktop {

MainWindow::MainWindow(DaemonApi* api, QWidget* parent)
    : QMainWindow(parent), api_(api), attachments_(api) {
  setWindowTitle("kluis");
  QToolBar* tools = addToolBar(tr("Vault"));
  tools->setObjectName("tools");
  tools->addAction(tr("&Unlock…"), this, &MainWindow::UnlockClicked);
  tools->addAction(tr("&Lock"), this, &MainWindow::LockClicked);
  tools->addSeparator();
  tools->addAction(tr("&New client…"), this, &MainWindow::NewClientClicked);
  tools->addAction(tr("New &case…"), this, &MainWindow::NewCaseClicked);
  add_menu_ = new QMenu(tr("&Add to dossier"), this);
  connect(add_menu_, &QMenu::aboutToShow, this, &MainWindow::FillAddMenu);
  auto* add_button = new QToolButton(this);
  add_button->setText(add_menu_->title());
  add_button->setMenu(add_menu_);
  add_button->setPopupMode(QToolButton::InstantPopup);
  tools->addWidget(add_button)->setText(add_menu_->title());
  tools->addSeparator();
  tools->addAction(tr("A&ttach a file…"), this, &MainWindow::AttachClicked);
  tools->addAction(tr("&Backups…"), this, &MainWindow::BackupsClicked);
  tools->addAction(tr("&Edit…"), this, &MainWindow::EditHeadClicked);
  tools->addAction(tr("&History…"), this, &MainWindow::HistoryClicked);

  auto* left = new QWidget(this);
  auto* lv = new QVBoxLayout(left);
  search_ = new QLineEdit(left);
  search_->setPlaceholderText(tr("Search a name or an organisation"));
  search_->setClearButtonEnabled(true);
  auto* filters = new QHBoxLayout();
  kind_ = new QComboBox(left);
  kind_->addItem(tr("All kinds"), 0);
  kind_->addItem(tr("Coaching"), kluis::v1::DOSSIER_KIND_COACHING);
  kind_->addItem(tr("Cases"), kluis::v1::DOSSIER_KIND_CASE);
  state_ = new QComboBox(left);
  state_->addItem(tr("Open and closed"), 0);
  state_->addItem(tr("Open"), 1);
  state_->addItem(tr("Closed"), 2);
  filters->addWidget(kind_);
  filters->addWidget(state_);
  list_ = new QListWidget(left);
  list_->setAccessibleName(tr("Dossiers"));
  lv->addWidget(search_);
  lv->addLayout(filters);
  lv->addWidget(list_);
  view_ = new QTextBrowser(this);
  view_->setAccessibleName(tr("Dossier"));
  view_->setOpenLinks(false);
  connect(view_, &QTextBrowser::anchorClicked, this, &MainWindow::LinkClicked);
  split_ = new QSplitter(this);
  split_->addWidget(left);
  split_->addWidget(view_);
  split_->setStretchFactor(1, 2);
  split_->setChildrenCollapsible(false);
  setCentralWidget(split_);
  status_ = new QLabel(this);
  statusBar()->addWidget(status_, 1);

  connect(search_, &QLineEdit::textChanged, this, &MainWindow::RefreshList);
  connect(kind_, &QComboBox::currentIndexChanged, this,
          &MainWindow::RefreshList);
  connect(state_, &QComboBox::currentIndexChanged, this,
          &MainWindow::RefreshList);
  connect(list_, &QListWidget::currentRowChanged, this, &MainWindow::Open);
  setAcceptDrops(true);  // files dropped on the window: attachments
  connect(&poll_, &QTimer::timeout, this, &MainWindow::RefreshStatus);
  poll_.start(5000);
  if (RestoreGeometry(this, "main")) {
    split_->restoreState(
        QSettings("kluis", "kluis-desktop").value("main/split").toByteArray());
  } else {
    FitTo(AvailableArea(this));
  }
  Refresh();
}

// Only the kinds that belong in the open dossier: a coaching client's or a
// confidential-adviser case's.
std::vector<std::string> MainWindow::AddableKinds() const {
  if (dossier_id_.empty()) return {};
  if (dossier_.summary().kind() == kluis::v1::DOSSIER_KIND_CASE) {
    return {"note",        "contact_moment", "correspondence",
            "appointment", "consent",        "disclosure"};
  }
  return {"note",    "session_report",     "agreement",       "commission",
          "health",  "earlier_trajectory", "personal_moment", "appointment",
          "invoice", "correspondence",     "consent",         "disclosure"};
}

void MainWindow::FillAddMenu() {
  add_menu_->clear();
  for (const std::string& kind : AddableKinds()) {
    add_menu_->addAction(FieldLabel(kind) + "…", this,
                         [this, kind] { AddRecordClicked(kind); });
  }
  if (add_menu_->isEmpty()) {
    add_menu_->addAction(tr("Open a dossier first"))->setEnabled(false);
  }
}

void MainWindow::closeEvent(QCloseEvent* event) {
  attachments_.RemoveAll();
  // Geometry only: no names, no recent dossiers.
  SaveGeometry(this, "main");
  QSettings("kluis", "kluis-desktop")
      .setValue("main/split", split_->saveState());
  event->accept();
}

void MainWindow::FitTo(const QRect& available) {
  resize(FitSize(this, 80, 46, available));
  move(available.center() - rect().center());
  list_width_ = 26 * fontMetrics().height();
  WidenList();
}

// The list as wide as its longest line, up to half the window; applied
// once the window is laid out (the splitter's sizes need its width).
void MainWindow::WidenList() {
  list_width_ = std::max(list_width_, ListTextNeed() + ListChrome());
  QList<int> sizes = split_->sizes();
  if (!isVisible() || sizes.size() != 2 || sizes[0] >= list_width_) return;
  const int total = sizes[0] + sizes[1];
  sizes[0] = std::min(list_width_, total / 2);
  sizes[1] = total - sizes[0];
  split_->setSizes(sizes);
}

void MainWindow::showEvent(QShowEvent* event) {
  QMainWindow::showEvent(event);
  WidenList();
}

int MainWindow::ListTextNeed() const {
  QStringList lines;
  for (int i = 0; i < list_->count(); ++i) lines << list_->item(i)->text();
  return TextWidth(list_, lines);
}

int MainWindow::ListChrome() const {
  // The list's frame, margins and a vertical scroll bar.
  return 2 * list_->frameWidth() +
         list_->verticalScrollBar()->sizeHint().width() +
         2 * fontMetrics().averageCharWidth() +
         split_->widget(0)->layout()->contentsMargins().left() +
         split_->widget(0)->layout()->contentsMargins().right();
}

void MainWindow::Refresh() {
  RefreshStatus();
  if (unlocked_) RefreshList();
}

void MainWindow::RefreshStatus() {
  kluis::v1::StatusResponse st;
  grpc::Status s = api_->Status(&st);
  if (!s.ok()) {
    status_->setText(
        tr("kluisd is not running: start it with \"systemctl --user start "
           "kluisd\" (or run kluisd)"));
    if (unlocked_) Clear();
    unlocked_ = false;
    return;
  }
  kluis::v1::BackupStatusResponse backups;
  (void)api_->Backups(&backups);
  status_->setText(StatusParts(st, backups).join("  ·  "));
  const bool was = unlocked_;
  unlocked_ = st.unlocked();
  if (was && !unlocked_) Clear();  // the daemon locked itself
  if (!was && unlocked_) RefreshList();
}

void MainWindow::Clear() {
  attachments_.RemoveAll();
  list_->clear();
  view_->clear();
  dossier_id_.clear();
  dossier_.Clear();
}

void MainWindow::RefreshList() {
  if (!unlocked_) return;
  const std::string q = search_->text().toStdString();
  kluis::v1::ListDossiersResponse by_name, by_org;
  grpc::Status s = api_->ListDossiers(q, false, &by_name);
  if (!s.ok()) {
    status_->setText(QString::fromStdString(s.error_message()));
    return;
  }
  std::set<std::string> seen;
  const int kind = kind_->currentData().toInt();
  const int state = state_->currentData().toInt();
  const std::string open_id = dossier_id_;
  list_->blockSignals(true);
  list_->clear();
  auto add = [&](const kluis::v1::DossierSummary& d) {
    if (!seen.insert(d.dossier_id()).second) return;
    if (kind != 0 && d.kind() != kind) return;
    if ((state == 1 && d.closed()) || (state == 2 && !d.closed())) return;
    QStringList parts = {QString::fromStdString(d.name())};
    for (const std::string& o : d.organisations()) {
      parts << QString::fromStdString(o);
    }
    parts << (d.kind() == kluis::v1::DOSSIER_KIND_CASE ? tr("case")
                                                       : tr("coaching"));
    if (d.closed()) parts << tr("closed");
    auto* item = new QListWidgetItem(parts.join(" · "), list_);
    item->setData(Qt::UserRole, QString::fromStdString(d.dossier_id()));
  };
  for (const auto& d : by_name.dossiers()) add(d);
  // The daemon filters by organisation too: no full list per keystroke.
  if (!q.empty() && api_->ListDossiers(q, true, &by_org).ok()) {
    for (const auto& d : by_org.dossiers()) add(d);
  }
  list_->blockSignals(false);
  WidenList();
  for (int i = 0; i < list_->count(); ++i) {
    if (list_->item(i)->data(Qt::UserRole).toString().toStdString() ==
        open_id) {
      list_->setCurrentRow(i);
    }
  }
}

void MainWindow::Open(int row) {
  if (row < 0 || row >= list_->count()) return;
  dossier_id_ = list_->item(row)->data(Qt::UserRole).toString().toStdString();
  ShowDossier();
}

void MainWindow::ShowDossier() {
  dossier_.Clear();
  grpc::Status s = api_->GetDossier(dossier_id_, &dossier_);
  if (!s.ok()) {
    view_->setPlainText(QString::fromStdString(s.error_message()));
    return;
  }
  // Organisations by name: a case shows its school, not an id.
  NamesById names;
  kluis::v1::ListRecordsResponse orgs;
  if (api_->Organisations(&orgs).ok()) {
    for (const kluis::v1::Record& o : orgs.records()) {
      names[o.id()] = QString::fromStdString(o.organisation().name());
    }
  }
  view_->setHtml(TimelineHtml(dossier_, names));
}

void MainWindow::UnlockClicked() {
  UnlockDialog dialog(api_, this);
  if (dialog.exec() == QDialog::Accepted) Refresh();
}

void MainWindow::LockClicked() {
  attachments_.RemoveAll();
  (void)api_->Lock();
  Refresh();
}

void MainWindow::NewClientClicked() { NewDossier("client"); }

void MainWindow::NewCaseClicked() { NewDossier("adviser_case"); }

void MainWindow::NewDossier(const std::string& head_field) {
  kluis::v1::Record r;
  r.GetReflection()->MutableMessage(
      &r, kluis::v1::Record::descriptor()->FindFieldByName(head_field));
  RecordForm form(api_, "", r, this);
  if (form.exec() == QDialog::Accepted) {
    dossier_id_ = form.dossier_id();
    Refresh();  // the status bar counts the new dossier too
  }
}

void MainWindow::AddRecordClicked(const std::string& body_field) {
  if (dossier_id_.empty()) return;
  kluis::v1::Record r;
  const google::protobuf::FieldDescriptor* f =
      kluis::v1::Record::descriptor()->FindFieldByName(body_field);
  if (f == nullptr) return;
  r.GetReflection()->MutableMessage(&r, f);
  RecordForm form(api_, dossier_id_, r, this);
  if (form.exec() == QDialog::Accepted) Open(list_->currentRow());
}

void MainWindow::EditHeadClicked() {
  if (dossier_id_.empty()) return;
  RecordForm form(api_, dossier_id_, dossier_.client(), this);
  if (form.exec() == QDialog::Accepted) RefreshList();
}

void MainWindow::HistoryClicked() {
  if (dossier_id_.empty()) return;
  // The whole dossier; each record's link shows that record alone.
  HistoryDialog dialog(api_, dossier_id_, "", this);
  dialog.exec();
  RefreshList();
}

void MainWindow::AttachClicked() {
  if (dossier_id_.empty()) return;
  AttachFiles(
      QFileDialog::getOpenFileNames(this, tr("Attach files to the dossier")));
}

bool MainWindow::AttachFiles(const QStringList& paths) {
  if (dossier_id_.empty() || paths.isEmpty()) return false;
  const QMimeDatabase types;
  for (const QString& path : paths) {
    const QFileInfo file(path);
    kluis::v1::Attachment about;
    about.set_name(file.fileName().toStdString());
    about.set_media_type(types.mimeTypeForFile(file).name().toStdString());
    kluis::v1::Record added;
    grpc::Status s =
        api_->Attach(dossier_id_, path.toStdString(), about, &added);
    if (!s.ok()) {
      QMessageBox::warning(
          this, tr("Attach a file"),
          tr("%1 was not attached: %2")
              .arg(file.fileName(), QString::fromStdString(s.error_message())));
      ShowDossier();
      return false;
    }
  }
  ShowDossier();
  return true;
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (!dossier_id_.empty() && event->mimeData()->hasUrls()) {
    event->acceptProposedAction();
  }
}

void MainWindow::dropEvent(QDropEvent* event) {
  QStringList paths;
  for (const QUrl& url : event->mimeData()->urls()) {
    if (url.isLocalFile()) paths << url.toLocalFile();
  }
  if (AttachFiles(paths)) event->acceptProposedAction();
}

void MainWindow::BackupsClicked() {
  BackupPanel panel(api_, this);
  panel.exec();
  RefreshStatus();
}

void MainWindow::LinkClicked(const QUrl& url) {
  const std::string record = url.path().toStdString();
  if (dossier_id_.empty() || record.empty()) return;
  if (url.scheme() == "history") {
    HistoryDialog dialog(api_, dossier_id_, record, this);
    dialog.exec();
    Open(list_->currentRow());
    return;
  }
  if (url.scheme() != "open") return;
  QMessageBox ask(QMessageBox::Question, tr("Open the attachment"),
                  tr("To show it, the file is decrypted temporarily into a "
                     "private folder in memory. It is removed when the viewer "
                     "closes it, when you lock the vault and when you close "
                     "kluis. Open it?"),
                  QMessageBox::NoButton, this);
  QPushButton* open = ask.addButton(tr("&Open"), QMessageBox::AcceptRole);
  ask.addButton(tr("Cancel"), QMessageBox::RejectRole);
  ask.exec();
  if (ask.clickedButton() != open) return;
  QString error;
  const QString path = attachments_.Decrypt(dossier_id_, record, &error);
  if (path.isEmpty()) {
    QMessageBox::warning(this, tr("Open the attachment"), error);
    return;
  }
  attachments_.RemoveWhenClosed(path);
  QDesktopServices::openUrl(QUrl::fromLocalFile(path));
}

}  // namespace kluis::desktop
