// MainWindow: the practitioner's day in kluis. A dossier list with instant
// search (name or organisation, kind, open or closed), the chosen dossier
// on a timeline, forms to add and edit, a record's history, and a status
// strip that follows the daemon (also its auto-lock: when the vault locks,
// everything personal leaves the window).
//
// Nothing personal is written to disk: the settings hold the window's
// geometry only.
//
// Thread-safety: GUI thread only.
#ifndef KLUIS_CLIENT_DESKTOP_MAIN_WINDOW_H_
#define KLUIS_CLIENT_DESKTOP_MAIN_WINDOW_H_

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMainWindow>
#include <QMenu>
#include <QSplitter>
#include <QTextBrowser>
#include <QTimer>
#include <string>
#include <vector>

#include "client/desktop/attachment_files.h"
#include "client/desktop/daemon_api.h"

namespace kluis::desktop {

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(DaemonApi* api, QWidget* parent = nullptr);

  // Status first; the list and the open dossier only while unlocked.
  void Refresh();
  QLineEdit* search() { return search_; }
  QListWidget* dossiers() { return list_; }
  // Sizes the window for a screen whose free area is `available`, the
  // dossier list as wide as its longest line (up to half the window).
  void FitTo(const QRect& available);
  // The list's room for text (its viewport, less the item margins).
  int ListTextRoom() const { return list_->viewport()->width(); }
  int ListTextNeed() const;
  // Opens the dossier in the list's row `row`.
  void Open(int row);
  QString DossierText() const { return view_->toPlainText(); }
  QString StatusText() const { return status_->text(); }
  const std::string& open_dossier() const { return dossier_id_; }
  const kluis::v1::GetDossierResponse& dossier() const { return dossier_; }
  AttachmentFiles& attachments() { return attachments_; }

 public slots:
  void UnlockClicked();
  void LockClicked();
  void NewClientClicked();
  void NewCaseClicked();
  // A record of kind `body_field` ("note", "session_report", …) in the
  // open dossier.
  void AddRecordClicked(const std::string& body_field);
  // The record kinds the open dossier takes (none when none is open).
  std::vector<std::string> AddableKinds() const;
  void EditHeadClicked();
  void HistoryClicked();
  // Files from a file dialog, or dropped on the window, become attachments
  // of the open dossier.
  void AttachClicked();
  bool AttachFiles(const QStringList& paths);
  void BackupsClicked();
  // A link in the dossier: "history:<record>" or "open:<record>".
  void LinkClicked(const QUrl& url);

 protected:
  void closeEvent(QCloseEvent* event) override;
  void showEvent(QShowEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  // A new dossier whose head is the Record field `head_field`.
  void NewDossier(const std::string& head_field);
  void FillAddMenu();
  void WidenList();
  // Reads the open dossier anew and shows it.
  void ShowDossier();
  int ListChrome() const;
  void RefreshStatus();
  void RefreshList();
  void Clear();

  DaemonApi* api_;
  QLineEdit* search_;
  QMenu* add_menu_;
  QSplitter* split_;
  int list_width_ = 0;  // what the dossier list should get, in pixels
  QComboBox* kind_;
  QComboBox* state_;
  QListWidget* list_;
  QTextBrowser* view_;
  QLabel* status_;
  QTimer poll_;
  bool unlocked_ = false;
  std::string dossier_id_;
  kluis::v1::GetDossierResponse dossier_;
  AttachmentFiles attachments_;
};

}  // namespace kluis::desktop

#endif  // KLUIS_CLIENT_DESKTOP_MAIN_WINDOW_H_
