// BackupPanel: the backup drives with their state, "Add a drive…" (a
// folder dialog), and "Back up now" for the chosen one, with a progress bar fed
// by the daemon's progress stream. The run goes on a worker thread; its updates
// come back to the GUI thread queued. Closing the panel cancels a run in flight
// (the drive keeps its previous good state).
//
// Thread-safety: GUI thread only; the worker touches only its own locals
// and posts to this object.
#ifndef KLUIS_CLIENT_DESKTOP_BACKUP_PANEL_H_
#define KLUIS_CLIENT_DESKTOP_BACKUP_PANEL_H_

#include <QDialog>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <functional>
#include <memory>
#include <thread>

#include "client/desktop/daemon_api.h"

namespace kluis::desktop {

class BackupPanel : public QDialog {
  Q_OBJECT

 public:
  explicit BackupPanel(DaemonApi* api, QWidget* parent = nullptr);
  ~BackupPanel() override;

  void Reload();
  // Sizes the panel for a screen whose free area is `available`.
  void FitTo(const QRect& available);
  void done(int result) override;  // remembers the size
  QTableWidget* targets() { return table_; }
  // Asks for a folder on a drive (a folder dialog) and adds it as a
  // backup drive; false when cancelled or refused (the reason shown).
  bool AddDrive();
  QPushButton* add_button() { return add_; }
  // Replaces the folder dialog (tests).
  void set_folder_chooser(std::function<QString()> choose) {
    choose_folder_ = std::move(choose);
  }
  // Starts a backup to the selected drive; false when one runs already or
  // none is selected.
  bool Run();
  bool running() const { return running_; }
  QProgressBar* progress() { return bar_; }
  QString Message() const { return message_->text(); }

 private:
  void OnProgress(const kluis::v1::BackupProgress& p);
  void OnFinished(const grpc::Status& s);

  DaemonApi* api_;
  QTableWidget* table_;
  QProgressBar* bar_;
  QLabel* message_;
  QPushButton* run_;
  QPushButton* add_;
  std::function<QString()> choose_folder_;
  bool running_ = false;
  std::unique_ptr<grpc::ClientContext> context_;
  std::thread worker_;
};

}  // namespace kluis::desktop

#endif  // KLUIS_CLIENT_DESKTOP_BACKUP_PANEL_H_
